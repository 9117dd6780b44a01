import AlchemyDatabase
import AlchemySQL
import AlchemyTestSupport
import Foundation
import Testing

/// `MeasuredConnection` counts the statements it forwards and the time spent
/// inside the driver's calls, on every dialect, failures included.
@Suite("Measured connection")
struct MeasuredConnectionTests {
    static let clock = ContinuousClock()

    @Test("After N statements: statements == N, databaseTime > 0 and within the wall time", arguments: TestDatabases.dialects)
    func countsStatements(dialect: DialectName) throws {
        try TestDatabases.withScratchDatabase(dialect) { url in
            let connection = try MeasuredConnection.open(url)
            defer { connection.close() }
            #expect(connection.dialect == dialect)
            #expect(connection.url == url)
            #expect(connection.connectTime > .zero)
            #expect(connection.statements == 0)
            #expect(connection.databaseTime == .zero)

            let start = Self.clock.now
            try connection.execute("CREATE TABLE measured (id INTEGER PRIMARY KEY, note VARCHAR(40))")
            let inserts = 7
            let insert = "INSERT INTO measured (id, note) VALUES (\(connection.placeholder(1)), \(connection.placeholder(2)))"
            for id in 1...inserts {
                try connection.execute(insert, [.integer(Int64(id)), .text("row \(id)")])
            }
            try connection.transaction {
                try connection.execute("UPDATE measured SET note = 'changed' WHERE id = 1")
            }
            let rows = try connection.query("SELECT id, note FROM measured ORDER BY id")
            let count = try connection.query("SELECT COUNT(*) AS n FROM measured WHERE note = \(connection.placeholder(1))", [.text("changed")])
            let wall = Self.clock.now - start

            #expect(rows.count == inserts)
            #expect(rows.first?["note"].stringValue == "changed")
            #expect(count.first?["n"].int64Value == 1)
            // create + inserts + (begin, update, commit) + two queries
            #expect(connection.statements == 1 + inserts + 3 + 2)
            #expect(connection.databaseTime > .zero)
            #expect(connection.databaseTime <= wall)
        }
    }

    @Test("A failing statement still counts, its time too, and the DatabaseError comes through", arguments: TestDatabases.dialects)
    func failingStatements(dialect: DialectName) throws {
        try TestDatabases.withScratchDatabase(dialect) { url in
            let connection = try MeasuredConnection.open(url)
            defer { connection.close() }
            let attempts: [(String, (MeasuredConnection) throws(DatabaseError) -> Void)] = [
                ("execute", { connection throws(DatabaseError) in try connection.execute("INSERT INTO no_such_table VALUES (1)") }),
                ("execute with parameters", { connection throws(DatabaseError) in
                    try connection.execute("INSERT INTO no_such_table VALUES (\(connection.placeholder(1)))", [.integer(1)])
                }),
                ("query", { connection throws(DatabaseError) in _ = try connection.query("SELECT * FROM no_such_table", []) }),
                ("syntax", { connection throws(DatabaseError) in try connection.execute("SELEC 1") }),
            ]
            var expected = 0
            for (name, attempt) in attempts {
                let before = connection.databaseTime
                do throws(DatabaseError) {
                    try attempt(connection)
                    Issue.record("\(name) on \(dialect) did not fail")
                } catch {
                    #expect(error.kind == .statement, "\(name): \(error)")
                    #expect(error.dialect == dialect)
                    #expect(error.code != nil, "\(name): \(error)")
                    #expect(error.description.contains("no_such_table") || name == "syntax", "\(name): \(error)")
                }
                expected += 1
                #expect(connection.statements == expected, "\(name)")
                #expect(connection.databaseTime > before, "\(name)")
            }
            // The connection is still usable, and still counted.
            let rows = try connection.query("SELECT 1 AS one")
            #expect(rows.first?["one"].int64Value == 1)
            #expect(connection.statements == expected + 1)
        }
    }

    @Test("A wrapped connection starts with no connect time; a failed open throws the connection error", arguments: TestDatabases.dialects)
    func wrappingAndFailedOpen(dialect: DialectName) throws {
        try TestDatabases.withScratchDatabase(dialect) { url in
            let wrapped = MeasuredConnection(try openConnection(url))
            defer { wrapped.close() }
            #expect(wrapped.connectTime == .zero)
            #expect(wrapped.base.dialect == dialect)
            _ = try wrapped.query("SELECT 1 AS one")
            #expect(wrapped.statements == 1)
        }
        let unreachable: DatabaseURL
        switch dialect {
        case .sqlite: unreachable = try DatabaseURL("sqlite:////nonexistent-alchemy-dir/sub/x.db")
        case .postgresql: unreachable = try DatabaseURL("postgresql://alchemy:secret@127.0.0.1:1/nothing")
        case .mysql, .mariadb: unreachable = try DatabaseURL("mariadb://alchemy:secret@127.0.0.1:1/nothing")
        }
        do throws(DatabaseError) {
            let connection = try MeasuredConnection.open(unreachable)
            connection.close()
            Issue.record("opening \(unreachable) succeeded")
        } catch {
            #expect(error.kind == .connection, "\(error)")
            #expect(!error.description.contains("secret"), "\(error)")
        }
    }

    /// Two connections to one SQLite file: one holds an exclusive lock, the other
    /// (through the wrapper) waits for its busy timeout, then fails with SQLITE_BUSY.
    /// SQLiteConnection's own default is 60 s, so an unforwarded timeout would wait far longer.
    @Test("setBusyTimeout is forwarded to SQLite", arguments: [200, 0])
    func busyTimeoutForwarded(milliseconds: Int) throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("alchemy-measured-\(UInt32.random(in: 0...UInt32.max))").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let url = try DatabaseURL("sqlite:///\(folder)/busy.db")
        let holder = try openConnection(url)
        defer { holder.close() }
        try holder.execute("CREATE TABLE t (id INTEGER)")
        let waiter = try MeasuredConnection.open(url)
        defer { waiter.close() }
        waiter.setBusyTimeout(milliseconds: Int32(milliseconds))
        try holder.execute("BEGIN EXCLUSIVE")
        defer { try? holder.execute("ROLLBACK") }

        let start = Self.clock.now
        var failure: DatabaseError?
        do throws(DatabaseError) {
            try waiter.execute("INSERT INTO t VALUES (1)")
        } catch {
            failure = error
        }
        let waited = Self.clock.now - start
        let error = try #require(failure, "the insert succeeded while another connection held an exclusive lock")
        #expect(error.kind == .statement)
        #expect(error.code == "5", "expected SQLITE_BUSY: \(error)")
        #expect(waiter.statements == 1)
        let timeout = Duration.milliseconds(milliseconds)
        #expect(waited >= timeout * 0.75, "failed after \(waited), before the \(timeout) busy timeout")
        #expect(waited < timeout + .seconds(2), "waited \(waited) for a \(timeout) busy timeout")
        #expect(waiter.databaseTime >= timeout * 0.75, "databaseTime \(waiter.databaseTime) leaves out the wait")
        #expect(waiter.databaseTime <= waited)

        // Once the lock is gone the same wrapper writes at once.
        try holder.execute("ROLLBACK")
        try waiter.execute("INSERT INTO t VALUES (2)")
        #expect(try waiter.query("SELECT COUNT(*) AS n FROM t").first?["n"].int64Value == 1)
        #expect(waiter.statements == 3)
    }
}
