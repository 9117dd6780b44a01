import AlchemyDatabase
import AlchemySQL
import AlchemySchema
import AlchemyTestSupport
import Testing

/// String literals mean the intended text whatever the server's escape setting:
/// PostgreSQL's `standard_conforming_strings` and MariaDB's `NO_BACKSLASH_ESCAPES`.
@Suite("Literals under each session escape setting")
struct SessionEscapingTests {
    /// A comment that closed the string early under `standard_conforming_strings = off`,
    /// a Windows path that became a tab and a newline, and doubled escapes.
    static let hostileTexts = [
        #"x\'; DROP TABLE victim; --"#,
        #"C:\temp\new"#,
        #"back\\slash ''quote'' \"#,
    ]

    /// The settings each server is run under: its default, and the other escape mode.
    enum Setting: CaseIterable {
        case serverDefault
        case otherEscaping
    }

    static let cases: [(DialectName, Setting)] = TestDatabases.dialects
        .filter { $0 != .sqlite }
        .flatMap { dialect in Setting.allCases.map { (dialect, $0) } }

    @Test("comments, defaults, enum values and check literals store exactly the text", arguments: cases)
    func literalsSurvive(dialect: DialectName, setting: Setting) throws {
        try TestDatabases.withScratchDatabase(dialect) { url in
            let connection = try Self.open(url, dialect: dialect, setting: setting)
            defer { connection.close() }
            if dialect == .postgresql, setting == .otherEscaping {
                #expect(try connection.query("SHOW standard_conforming_strings").first?[0].stringValue == "on")
            }
            let sqlDialect = connection.sqlDialect
            try connection.execute("CREATE TABLE victim (id INTEGER)")
            for (number, text) in Self.hostileTexts.enumerated() {
                let table = Table(
                    name: "t\(number)",
                    columns: [
                        Column(name: "c", type: .string(length: 200), serverDefault: .literal(text), comment: text),
                        Column(name: "e", type: .enumeration(values: [text, "plain"], name: "e\(number)"), serverDefault: .literal(text)),
                        Column(name: "d", type: .string(length: 200)),
                    ],
                    checkConstraints: [CheckConstraint(name: "ck_t\(number)", sqltext: "d <> " + sqlDialect.stringLiteral(text))],
                    comment: text)
                for statement in try sqlDialect.render(.createTable(table), in: Schema()) {
                    try connection.execute(statement.sql)
                }
                let reference = TableReference(name: table.name)
                try connection.execute(sqlDialect.insertDefaultRow(into: reference))
                let row = try connection.query("SELECT c, e FROM \(sqlDialect.quote(table.name))").first
                #expect(row?["c"].stringValue == text)
                #expect(row?["e"].stringValue == text)
                // The check's literal is the text: inserting the text itself violates it.
                let insert = "INSERT INTO \(sqlDialect.quote(table.name)) (d) VALUES (\(connection.placeholder(1)))"
                #expect(throws: DatabaseError.self) { try connection.execute(insert, [.text(text)]) }
                try connection.execute(insert, [.text("other")])
            }
            let live = try connection.introspect()
            for (number, text) in Self.hostileTexts.enumerated() {
                let table = live.table(TableReference(name: "t\(number)"))
                #expect(table?.comment == text)
                #expect(table?.column(named: "c")?.comment == text)
                #expect(table?.column(named: "e")?.type == .enumeration(values: [text, "plain"], name: dialect == .postgresql ? "e\(number)" : nil))
            }
            #expect(live.table(TableReference(name: "victim")) != nil)
        }
    }

    /// PostgreSQL: the database turns `standard_conforming_strings` off for every
    /// new session; MariaDB: the session's `sql_mode` gets NO_BACKSLASH_ESCAPES
    /// through the URL's `init_command`, so no other test's sessions change.
    static func open(_ url: DatabaseURL, dialect: DialectName, setting: Setting) throws -> any Connection {
        guard setting == .otherEscaping else { return try openConnection(url) }
        var url = url
        if dialect == .postgresql {
            let admin = try openConnection(url)
            defer { admin.close() }
            try admin.execute("ALTER DATABASE \(PostgreSQLDialect().quote(url.database ?? "")) SET standard_conforming_strings = off")
        } else {
            url.options.append((key: "init_command", value: "SET SESSION sql_mode = CONCAT(@@sql_mode, ',NO_BACKSLASH_ESCAPES')"))
        }
        let connection = try openConnection(url)
        if dialect != .postgresql {
            let mode = try connection.query("SELECT @@SESSION.sql_mode").first?[0].stringValue ?? ""
            #expect(mode.contains("NO_BACKSLASH_ESCAPES"))
        }
        return connection
    }

    @Test("a MariaDB session's sql_mode changed mid-session changes the escaping")
    func mariaDBFollowsSession() throws {
        guard TestDatabases.dialects.contains(.mariadb) else { return }
        try TestDatabases.withScratchDatabase(.mariadb) { url in
            let connection = try openConnection(url)
            defer { connection.close() }
            #expect(connection.sqlDialect.stringLiteral(#"a\b"#) == #"'a\\b'"#)
            try connection.execute("SET SESSION sql_mode = 'NO_BACKSLASH_ESCAPES'")
            #expect(connection.sqlDialect.stringLiteral(#"a\b"#) == #"'a\b'"#)
            try connection.execute("SET SESSION sql_mode = DEFAULT")
            #expect(connection.sqlDialect.stringLiteral(#"a\b"#) == #"'a\\b'"#)
        }
    }
}
