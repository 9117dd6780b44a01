import AlchemyDatabase
import AlchemySQL
import AlchemyTestSupport
import Foundation
import Testing

/// The repository's own example project, on every database, and its `--sql` scripts.
@Suite("Example project on real databases")
struct ExampleProjectRunTests {
    /// A copy of the example project pointed at `url`.
    static func copy(url: String) throws -> String {
        let folder = try CommandRunner.temporaryDirectory()
        let root = CommandRunner.repositoryRoot
        try FileManager.default.copyItem(atPath: root + "/migrations", toPath: folder + "/migrations")
        try FileManager.default.copyItem(atPath: root + "/models", toPath: folder + "/models")
        let config = try String(contentsOfFile: root + "/alchemy.yaml", encoding: .utf8)
            .replacingOccurrences(of: "${DATABASE_URL:-sqlite:///app.db}", with: url)
        try config.write(toFile: folder + "/alchemy.yaml", atomically: true, encoding: .utf8)
        return folder
    }

    @Test("upgrade, downgrade base, upgrade: same tables, data migration runs", arguments: TestDatabases.dialects)
    func upDownUp(dialect: DialectName) throws {
        try TestDatabases.withScratchDatabase(dialect) { url in
            let folder = try Self.copy(url: try VersionTableCommandTests.urlText(url))
            defer { try? FileManager.default.removeItem(atPath: folder) }
            let alchemy = { (arguments: [String]) in try CommandRunner.run(["database"] + arguments, in: folder) }
            #expect(try alchemy(["upgrade"]).status == 0)
            let connection = try openConnection(url)
            defer { connection.close() }
            let tables = try RunnerTests.tables(connection)
            #expect(tables == ["alembic_versions", "post", "post_tag", "tag", "user_account"])
            #expect(try alchemy(["current"]).stdout == "f0b3e8257a6d (head)\n")

            // Walk down to before the data migration, insert a published post, walk up: it is backfilled.
            #expect(try alchemy(["downgrade", "-1"]).status == 0)
            try connection.execute("INSERT INTO post (title, content, published, created_at, updated_at) VALUES ('t', 'c', \(dialect == .sqlite ? "1" : "TRUE"), '2026-01-02 03:04:05', '2026-01-02 03:04:05')")
            #expect(try alchemy(["upgrade"]).status == 0)
            let backfilled = try connection.query("SELECT COUNT(*) FROM post WHERE published_at IS NOT NULL").first?[0].int64Value
            #expect(backfilled == 1)

            let down = try alchemy(["downgrade", "base"])
            #expect(down.status == 0, "\(down.stderr)")
            #expect(try RunnerTests.tables(connection) == ["alembic_versions"])
            if dialect == .postgresql {
                // The enum type goes with its last table.
                #expect(try connection.query("SELECT 1 FROM pg_type WHERE typname = 'user_status'").isEmpty)
            }
            #expect(try alchemy(["upgrade", "head"]).status == 0)
            #expect(try RunnerTests.tables(connection) == tables)
        }
    }

    @Test("upgrade --sql matches the golden script", arguments: [DialectName.sqlite, .postgresql, .mariadb])
    func goldenSQL(dialect: DialectName) throws {
        let url = dialect == .sqlite ? "sqlite:///app.db" : "\(dialect.rawValue)://app:pw-hidden-123@db.invalid:1/app"
        let folder = try Self.copy(url: url)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        for (name, arguments) in [("upgrade", ["upgrade", "--sql"]), ("downgrade", ["downgrade", "--sql", "head:base"])] {
            let result = try CommandRunner.run(["database"] + arguments, in: folder)
            #expect(result.status == 0, "\(result.stderr)")
            let golden = CommandRunner.repositoryRoot + "/Tests/Fixtures/golden/example-\(name)-\(dialect.rawValue).sql"
            if TestDatabases.environment("ALCHEMY_UPDATE_GOLDEN") == "1" {
                try result.stdout.write(toFile: golden, atomically: true, encoding: .utf8)
            }
            let expected = try String(contentsOfFile: golden, encoding: .utf8)
            #expect(result.stdout == expected, "\(name) --sql on \(dialect.rawValue) differs from \(golden); rerun with ALCHEMY_UPDATE_GOLDEN=1 after checking the change")
            #expect(!result.stdout.contains("pw-hidden-123"))
        }
    }

    @Test("PostgreSQL: CREATE INDEX CONCURRENTLY and transactional: false run outside the transaction")
    func concurrentIndex() throws {
        guard TestDatabases.dialects.contains(.postgresql) else { return }
        try TestDatabases.withScratchDatabase(.postgresql) { url in
            let project = try RunnerTests.Project(url: url, revisions: [
                ("cccccccccc01",
                 "  - create_table: {name: t, columns: [{name: id, type: Integer, primary_key: true}, {name: v, type: Integer}]}",
                 "  - drop_table: {name: t}"),
                ("cccccccccc02",
                 "  - create_index: {name: ix_t_v, table: t, columns: [v], concurrently: true}\n  - execute: {sql: \"VACUUM t\", transactional: false}",
                 "  - drop_index: {name: ix_t_v, table: t, columns: [v]}"),
            ])
            defer { project.remove() }
            let up = try project.alchemy("upgrade")
            #expect(up.status == 0, "\(up.stderr)")
            #expect(try project.alchemy("current").stdout == "cccccccccc02 (head)\n")
            let connection = try openConnection(url)
            defer { connection.close() }
            #expect(try !connection.query("SELECT 1 FROM pg_indexes WHERE indexname = 'ix_t_v'").isEmpty)
        }
    }
}
