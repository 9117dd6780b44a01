import AlchemyDatabase
import AlchemySQL
import AlchemyTestSupport
import Foundation
import Testing

/// `ensure-version` and `current` end to end, on each real database.
@Suite("ensure-version and current")
struct VersionTableCommandTests {
    @Test("ensure-version creates Alembic's exact table; current lists its rows", arguments: TestDatabases.dialects)
    func ensureVersionAndCurrent(dialect: DialectName) throws {
        try TestDatabases.withScratchDatabase(dialect) { url in
            let folder = try CommandRunner.temporaryDirectory()
            defer { try? FileManager.default.removeItem(atPath: folder) }
            let urlText = try Self.urlText(url)

            let empty = try CommandRunner.run(["--url", urlText, "database", "current"], in: folder)
            #expect(empty.status == 0, "\(empty.stderr)")
            #expect(empty.stdout == "")

            let created = try CommandRunner.run(["--url", urlText, "database", "ensure-version"], in: folder)
            #expect(created.status == 0, "\(created.stderr)")
            #expect(created.stderr.contains("created version table alembic_versions"))
            let again = try CommandRunner.run(["database", "ensure-version", "--url", urlText], in: folder)
            #expect(again.status == 0)
            #expect(again.stderr.contains("already exists"))

            let connection = try openConnection(url)
            defer { connection.close() }
            try Self.expectAlembicLayout(connection)

            try connection.execute("INSERT INTO alembic_versions (version_num) VALUES ('3f2a1b9c0d1e')")
            try connection.execute("INSERT INTO alembic_versions (version_num) VALUES ('0a1b2c3d4e5f')")
            let current = try CommandRunner.run(["--url", urlText, "database", "current"], in: folder)
            #expect(current.stdout == "0a1b2c3d4e5f\n3f2a1b9c0d1e\n")
            let json = try CommandRunner.run(["--url", urlText, "--format", "json", "database", "show-current-revision"], in: folder)
            #expect(json.stdout.contains("\"current\": [\"0a1b2c3d4e5f\", \"3f2a1b9c0d1e\"]"))
            if let password = url.password {
                #expect(!json.stdout.contains(":\(password)@"))
            }
        }
    }

    @Test("current reads a version table that Alembic itself created and stamped", arguments: TestDatabases.dialects)
    func readsAlembicStamp(dialect: DialectName) throws {
        try TestDatabases.withScratchDatabase(dialect) { url in
            let urlText = try Self.urlText(url)
            let stamp = try CommandRunner.execute("/usr/bin/env", ["python3", CommandRunner.repositoryRoot + "/Tests/Fixtures/alembic_stamp.py", urlText, "1234e5abcdef"], in: "/tmp")
            if stamp.status != 0 && stamp.stderr.contains("No module named") && !TestDatabases.isCI {
                return  // Alembic is not installed here; CI installs it and runs this test.
            }
            #expect(stamp.status == 0, "alembic stamp failed: \(stamp.stderr)")
            let folder = try CommandRunner.temporaryDirectory()
            defer { try? FileManager.default.removeItem(atPath: folder) }
            let current = try CommandRunner.run(["--url", urlText, "database", "current"], in: folder)
            #expect(current.status == 0, "\(current.stderr)")
            #expect(current.stdout == "1234e5abcdef\n")
            // Our ensure-version sees Alembic's table as its own.
            let ensure = try CommandRunner.run(["--url", urlText, "database", "ensure-version"], in: folder)
            #expect(ensure.stderr.contains("already exists"))
            let connection = try openConnection(url)
            defer { connection.close() }
            try Self.expectAlembicLayout(connection)
        }
    }

    @Test("A wrong password fails with one line that hides the password", arguments: [DialectName.postgresql, .mariadb])
    func wrongPasswordIsHidden(dialect: DialectName) throws {
        guard TestDatabases.dialects.contains(dialect) else { return }
        guard let text = TestDatabases.serverURL(dialect) else {
            throw TestSetupError(message: "no test URL for \(dialect.rawValue): run scripts/test-servers")
        }
        var url = try DatabaseURL(text)
        url.password = "Wr0ng-Pa55word"
        let urlText = try Self.urlText(url)
        let result = try CommandRunner.run(["--url", urlText, "-v", "database", "current"], in: "/tmp")
        #expect(result.status == 2)
        #expect(result.stderr.hasPrefix("error: could not connect to \(dialect.rawValue) at \(url.target)"))
        #expect(!result.stderr.contains("Wr0ng-Pa55word"))
        #expect(!result.stdout.contains("Wr0ng-Pa55word"))
    }

    /// The layout Alembic creates, read back from each catalog.
    static func expectAlembicLayout(_ connection: any Connection) throws {
        switch connection.dialect {
        case .sqlite:
            let sql = try connection.query("SELECT sql FROM sqlite_master WHERE name = 'alembic_versions'").first?[0].stringValue
            #expect(sql == "CREATE TABLE alembic_versions (\n\tversion_num VARCHAR(32) NOT NULL, \n\tCONSTRAINT alembic_versions_pkc PRIMARY KEY (version_num)\n)")
        case .postgresql:
            let columns = try connection.query("""
                SELECT column_name, data_type, character_maximum_length, is_nullable FROM information_schema.columns
                WHERE table_name = 'alembic_versions' AND table_schema = current_schema()
                """)
            #expect(columns.count == 1)
            #expect(columns.first?["column_name"] == .text("version_num"))
            #expect(columns.first?["data_type"] == .text("character varying"))
            #expect(columns.first?["character_maximum_length"].int64Value == 32)
            #expect(columns.first?["is_nullable"] == .text("NO"))
            let key = try connection.query("SELECT conname FROM pg_constraint WHERE conrelid = 'alembic_versions'::regclass AND contype = 'p'")
            #expect(key.first?[0] == .text("alembic_versions_pkc"))
        case .mysql, .mariadb:
            let create = try connection.query("SHOW CREATE TABLE alembic_versions").first?[1].stringValue ?? ""
            #expect(create.hasPrefix("CREATE TABLE `alembic_versions` (\n  `version_num` varchar(32) NOT NULL,\n  PRIMARY KEY (`version_num`)\n)"))
        }
    }

    /// URLs are passed to the binary in full: the test owns the password.
    static func urlText(_ url: DatabaseURL) throws -> String {
        if url.dialect == .sqlite { return "sqlite:///\(url.path ?? "")" }
        let credentials = url.user.map { user in user + (url.password.map { ":" + $0 } ?? "") + "@" } ?? ""
        return "\(url.dialect.rawValue)://\(credentials)\(url.host ?? "localhost"):\(url.port ?? 0)/\(url.database ?? "")"
    }
}
