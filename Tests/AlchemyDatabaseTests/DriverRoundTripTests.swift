import AlchemyDatabase
import AlchemySQL
import AlchemyTestSupport
import Testing

/// Every driver, against a real database: values survive the trip in and out.
@Suite("Driver round trips")
struct DriverRoundTripTests {
    /// Column types per dialect for the round-trip table.
    static func tableDDL(_ dialect: DialectName) -> String {
        switch dialect {
        case .sqlite:
            "CREATE TABLE rt (id INTEGER PRIMARY KEY, small INTEGER, big BIGINT, flag BOOLEAN, note TEXT, data BLOB, amount NUMERIC(20, 4), at TIMESTAMP)"
        case .postgresql:
            "CREATE TABLE rt (id INTEGER PRIMARY KEY, small INTEGER, big BIGINT, flag BOOLEAN, note TEXT, data BYTEA, amount NUMERIC(20, 4), at TIMESTAMP)"
        case .mysql, .mariadb:
            "CREATE TABLE rt (id INTEGER PRIMARY KEY, small INTEGER, big BIGINT, flag BOOL, note TEXT, data BLOB, amount DECIMAL(20, 4), at DATETIME) CHARACTER SET utf8mb4"
        }
    }

    static func insertSQL(_ connection: any Connection) -> String {
        let marks = (1...8).map { connection.placeholder($0) }.joined(separator: ", ")
        return "INSERT INTO rt (id, small, big, flag, note, data, amount, at) VALUES (\(marks))"
    }

    @Test("NULL, integer limits, booleans, unicode text, bytes, decimals, timestamps", arguments: TestDatabases.dialects)
    func roundTrip(dialect: DialectName) throws {
        try TestDatabases.withScratchDatabase(dialect) { url in
            let connection = try openConnection(url)
            defer { connection.close() }
            try connection.execute(Self.tableDDL(dialect))
            let text = "Grüße, 'quoted' \"double\" `tick` \\ back; emoji 🧪 and 日本語"
            let bytes: [UInt8] = [0, 1, 2, 0x7f, 0x80, 0xfe, 0xff, 0x27, 0x5c]
            try connection.execute(Self.insertSQL(connection), [
                .integer(1), .integer(Int64(Int32.max)), .integer(Int64.max), .bool(true),
                .text(text), .blob(bytes), .text("12345678901.1234"), .text("2026-11-23 09:30:12"),
            ])
            try connection.execute(Self.insertSQL(connection), [
                .integer(2), .integer(Int64(Int32.min)), .integer(Int64.min), .bool(false),
                .text(""), .blob([]), .text("-0.0001"), .text("1970-01-01 00:00:00"),
            ])
            try connection.execute(Self.insertSQL(connection), [
                .integer(3), .null, .null, .null, .null, .null, .null, .null,
            ])
            let rows = try connection.query("SELECT small, big, flag, note, data, amount, at FROM rt ORDER BY id")
            #expect(rows.count == 3)
            #expect(rows[0]["small"].int64Value == Int64(Int32.max))
            #expect(rows[0]["big"].int64Value == Int64.max)
            #expect(rows[0]["flag"].boolValue == true)
            #expect(rows[0]["note"] == .text(text))
            #expect(rows[0]["data"] == .blob(bytes))
            #expect(rows[0]["amount"].stringValue == "12345678901.1234")
            #expect(rows[0]["at"].stringValue == "2026-11-23 09:30:12")
            #expect(rows[1]["small"].int64Value == Int64(Int32.min))
            #expect(rows[1]["big"].int64Value == Int64.min)
            #expect(rows[1]["flag"].boolValue == false)
            #expect(rows[1]["note"] == .text(""))
            #expect(rows[1]["data"] == .blob([]))
            #expect(rows[1]["amount"].stringValue == "-0.0001")
            let nullCount = rows[2].values.filter { $0 == .null }.count
            #expect(nullCount == 7)

            // Bound parameters are values, never SQL: an injection attempt is stored verbatim.
            let hostile = "x'); DROP TABLE rt; --"
            try connection.execute("UPDATE rt SET note = \(connection.placeholder(1)) WHERE id = \(connection.placeholder(2))", [.text(hostile), .integer(3)])
            let stored = try connection.query("SELECT note FROM rt WHERE id = \(connection.placeholder(1))", [.integer(3)])
            #expect(stored.first?["note"] == .text(hostile))
        }
    }

    @Test("A failing statement rolls its transaction back", arguments: TestDatabases.dialects)
    func rollbackOnFailure(dialect: DialectName) throws {
        try TestDatabases.withScratchDatabase(dialect) { url in
            let connection = try openConnection(url)
            defer { connection.close() }
            try connection.execute("CREATE TABLE t (id INTEGER PRIMARY KEY)")
            do {
                try connection.transaction {
                    try connection.execute("INSERT INTO t (id) VALUES (1)")
                    try connection.execute("INSERT INTO t (id) VALUES (1)")
                }
                Issue.record("a duplicate key did not fail")
            } catch let error as DatabaseError {
                #expect(error.kind == .statement)
            }
            let count = try connection.query("SELECT COUNT(*) AS n FROM t")
            #expect(count.first?["n"].int64Value == 0)
            // The connection stays usable after the rollback.
            try connection.transaction { try connection.execute("INSERT INTO t (id) VALUES (2)") }
            #expect(try connection.query("SELECT COUNT(*) AS n FROM t").first?["n"].int64Value == 1)
        }
    }

    @Test("Server errors carry the server's code and message", arguments: TestDatabases.dialects)
    func errorCodes(dialect: DialectName) throws {
        try TestDatabases.withScratchDatabase(dialect) { url in
            let connection = try openConnection(url)
            defer { connection.close() }
            do {
                _ = try connection.query("SELECT * FROM no_such_table")
                Issue.record("query on a missing table succeeded")
            } catch let error as DatabaseError {
                let expected = ["sqlite": "1", "postgresql": "42P01", "mariadb": "1146", "mysql": "1146"][dialect.rawValue]
                #expect(error.code == expected)
                #expect(error.message.contains("no_such_table"))
                #expect(error.sql == "SELECT * FROM no_such_table")
            }
        }
    }

    @Test("Server version is reported", arguments: TestDatabases.dialects)
    func serverVersion(dialect: DialectName) throws {
        try TestDatabases.withScratchDatabase(dialect) { url in
            let connection = try openConnection(url)
            defer { connection.close() }
            let version = try connection.serverVersion()
            #expect(version.first?.isNumber == true)
            if dialect == .mariadb { #expect(version.contains("MariaDB")) }
        }
    }

    @Test("A wrong password fails without showing the password", arguments: [DialectName.postgresql, .mariadb])
    func wrongPassword(dialect: DialectName) throws {
        guard TestDatabases.dialects.contains(dialect) else { return }
        guard let text = TestDatabases.serverURL(dialect) else {
            throw TestSetupError(message: "no test URL for \(dialect.rawValue): run scripts/test-servers")
        }
        var url = try DatabaseURL(text)
        let secret = "S3cret-Wrong-Passw0rd"
        url.password = secret
        do {
            _ = try openConnection(url)
            Issue.record("connected with a wrong password")
        } catch {
            #expect(error.kind == .connection)
            #expect(!error.description.contains(secret))
            #expect(error.description.contains(url.target))
            #expect(!url.description.contains(secret))
        }
    }

    @Test("An unreachable server names host, port and database")
    func unreachable() throws {
        let url = try DatabaseURL("postgresql://alchemy:topsecret@127.0.0.1:1/nowhere")
        do {
            _ = try openConnection(url, connectTimeout: 2)
            Issue.record("connected to port 1")
        } catch {
            #expect(error.description.contains("127.0.0.1:1/nowhere"))
            #expect(!error.description.contains("topsecret"))
        }
    }
}
