import AlchemyDatabase
import AlchemySQL
import AlchemyTestSupport
import Foundation
import Testing

/// The runner end to end: real binary, real databases, real revision files.
@Suite("upgrade and downgrade on real databases")
struct RunnerTests {
    /// A project folder with revisions `r1`...`rN` in a straight line.
    struct Project {
        let folder: String
        let url: String

        init(url: DatabaseURL, revisions: [(id: String, upgrade: String, downgrade: String)]) throws {
            folder = try CommandRunner.temporaryDirectory()
            self.url = try VersionTableCommandTests.urlText(url)
            try FileManager.default.createDirectory(atPath: folder + "/migrations/versions", withIntermediateDirectories: true)
            try "database:\n  url: \(self.url)\nscript_location: migrations\nlock_timeout: 30s\n"
                .write(toFile: folder + "/alchemy.yaml", atomically: true, encoding: .utf8)
            var parent = "null"
            for (index, revision) in revisions.enumerated() {
                let text = """
                    revision: "\(revision.id)"
                    down_revision: \(parent)
                    message: step \(index + 1)
                    upgrade:
                    \(revision.upgrade)
                    downgrade:
                    \(revision.downgrade)

                    """
                try text.write(toFile: "\(folder)/migrations/versions/\(String(format: "%03d", index))_\(revision.id).yaml", atomically: true, encoding: .utf8)
                parent = "\"\(revision.id)\""
            }
        }

        func alchemy(_ arguments: String...) throws -> CommandRunner.Result {
            try CommandRunner.run(["database"] + arguments, in: folder)
        }

        func remove() { try? FileManager.default.removeItem(atPath: folder) }
    }

    static let fiveRevisions: [(id: String, upgrade: String, downgrade: String)] = [
        ("aaaaaaaaaa01",
         "  - create_table: {name: author, columns: [{name: id, type: Integer, primary_key: true}, {name: name, type: String(100)}]}",
         "  - drop_table: {name: author}"),
        ("aaaaaaaaaa02",
         "  - add_column: {table: author, column: {name: bio, type: Text?}}",
         "  - drop_column: {table: author, column: {name: bio, type: Text?}}"),
        ("aaaaaaaaaa03",
         "  - create_table: {name: book, columns: [{name: id, type: Integer, primary_key: true}, {name: author_id, type: Integer}], constraints: [{foreign_key: [author_id], referred_table: author, referred_columns: [id], name: fk_book_author_id_author}]}\n  - create_index: {name: ix_book_author_id, table: book, columns: [author_id]}",
         "  - drop_table: {name: book}"),
        ("aaaaaaaaaa04",
         "  - bulk_insert: {table: author, rows: [{id: 1, name: \"Ursula\"}, {id: 2, name: \"Octavia\"}]}",
         "  - execute: {sql: \"DELETE FROM author WHERE id IN (1, 2)\"}"),
        ("aaaaaaaaaa05",
         "  - create_index: {name: ix_author_name, table: author, columns: [name], unique: true}",
         "  - drop_index: {name: ix_author_name, table: author, columns: [name], unique: true}"),
    ]

    static func tables(_ connection: any Connection) throws -> [String] {
        let sql = switch connection.dialect {
        case .sqlite: "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name"
        case .postgresql: "SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema() ORDER BY table_name"
        case .mysql, .mariadb: "SELECT table_name FROM information_schema.tables WHERE table_schema = DATABASE() ORDER BY table_name"
        }
        return try connection.query(sql).compactMap { $0[0].stringValue }
    }

    @Test("upgrade head, downgrade base, upgrade again", arguments: TestDatabases.dialects)
    func upDownUp(dialect: DialectName) throws {
        try TestDatabases.withScratchDatabase(dialect) { url in
            let project = try Project(url: url, revisions: Self.fiveRevisions)
            defer { project.remove() }
            let up = try project.alchemy("upgrade")
            #expect(up.status == 0, "\(up.stderr)")
            #expect(try project.alchemy("current").stdout == "aaaaaaaaaa05 (head)\n")
            let connection = try openConnection(url)
            defer { connection.close() }
            #expect(try Self.tables(connection) == ["alembic_versions", "author", "book"])
            #expect(try connection.query("SELECT COUNT(*) FROM author").first?[0].int64Value == 2)

            let noop = try project.alchemy("upgrade")
            #expect(noop.status == 0)
            #expect(noop.stderr.contains("nothing to do"))

            let down = try project.alchemy("downgrade", "base")
            #expect(down.status == 0, "\(down.stderr)")
            #expect(try project.alchemy("current").stdout == "")
            #expect(try Self.tables(connection) == ["alembic_versions"])

            let again = try project.alchemy("upgrade", "head")
            #expect(again.status == 0, "\(again.stderr)")
            #expect(try Self.tables(connection) == ["alembic_versions", "author", "book"])

            let back = try project.alchemy("downgrade", "-2")
            #expect(back.status == 0, "\(back.stderr)")
            #expect(try project.alchemy("current").stdout == "aaaaaaaaaa03\n")
            #expect(try connection.query("SELECT COUNT(*) FROM author").first?[0].int64Value == 0)
        }
    }

    @Test("A failure in the third of five revisions stops there", arguments: TestDatabases.dialects)
    func failureInThirdRevision(dialect: DialectName) throws {
        try TestDatabases.withScratchDatabase(dialect) { url in
            var revisions = Self.fiveRevisions
            // Revision 3 creates its table, then fails on a statement that references a missing table.
            revisions[2].upgrade += "\n  - execute: {sql: \"INSERT INTO no_such_table VALUES (1)\"}"
            let project = try Project(url: url, revisions: revisions)
            defer { project.remove() }
            let result = try project.alchemy("upgrade")
            #expect(result.status == 1)
            // One line per revision that completed (the CI log), then one error line.
            let lines = result.stderr.split(separator: "\n")
            #expect(lines.count == 3, "\(result.stderr)")
            #expect(lines.dropLast().allSatisfy { $0.hasPrefix("upgrade ") })
            #expect(lines.first?.hasPrefix("upgrade <base> -> aaaaaaaaaa01: step 1 (") == true, "\(result.stderr)")
            #expect(lines.last?.hasPrefix("error: revision aaaaaaaaaa03 (") == true)
            #expect(result.stderr.contains("operation execute failed"))
            #expect(result.stderr.contains("INSERT INTO no_such_table VALUES (1)"))

            let connection = try openConnection(url)
            defer { connection.close() }
            let current = try project.alchemy("current").stdout
            #expect(current == "aaaaaaaaaa02\n")
            if dialect == .mariadb || dialect == .mysql {
                // DDL commits as it runs: the message says so and the version table says where it stopped.
                #expect(result.stderr.contains("these operations of aaaaaaaaaa03 committed before the failure and stay applied: create_table book, create_index ix_book_author_id;"), "\(result.stderr)")
            } else {
                // Nothing of revision 3: no table `book`, and revision 2's column is there.
                #expect(result.stderr.contains("nothing of it was applied and the database is at aaaaaaaaaa02"))
                #expect(try Self.tables(connection) == ["alembic_versions", "author"])
                _ = try connection.query("SELECT bio FROM author")
            }
        }
    }

    @Test("Two upgrades started at once apply each revision once", arguments: TestDatabases.dialects)
    func concurrentUpgrades(dialect: DialectName) throws {
        try TestDatabases.withScratchDatabase(dialect) { url in
            var revisions = Self.fiveRevisions
            // A revision that fails if it ever runs twice (duplicate key), and takes a moment.
            revisions[3].upgrade = "  - bulk_insert: {table: author, rows: [{id: 1, name: \"Ursula\"}, {id: 2, name: \"Octavia\"}]}"
            let project = try Project(url: url, revisions: revisions)
            defer { project.remove() }
            let results = try [0, 1].map { _ in
                try CommandRunner.start(["database", "upgrade"], in: project.folder)
            }.map { process in
                process.waitUntilExit()
                return process.terminationStatus
            }
            #expect(results == [0, 0])
            let connection = try openConnection(url)
            defer { connection.close() }
            #expect(try connection.query("SELECT COUNT(*) FROM author").first?[0].int64Value == 2)
            #expect(try project.alchemy("current").stdout == "aaaaaaaaaa05 (head)\n")
        }
    }

    @Test("--sql prints the script without connecting", arguments: [DialectName.sqlite, .postgresql, .mariadb])
    func offlineSQL(dialect: DialectName) throws {
        let url = try DatabaseURL(dialect == .sqlite ? "sqlite:///never.db" : "\(dialect.rawValue)://nobody:secret@127.0.0.1:1/none")
        let project = try Project(url: url, revisions: Self.fiveRevisions)
        defer { project.remove() }
        let result = try project.alchemy("upgrade", "--sql")
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("CREATE TABLE alembic_versions"))
        #expect(result.stdout.contains("INSERT INTO alembic_versions (version_num) VALUES ('aaaaaaaaaa01');"))
        #expect(result.stdout.contains("UPDATE alembic_versions SET version_num='aaaaaaaaaa05' WHERE alembic_versions.version_num = 'aaaaaaaaaa04';"))
        #expect(result.stdout.contains("\(dialect.dialect.beginTransaction);") == (dialect != .mariadb))
        #expect(!FileManager.default.fileExists(atPath: project.folder + "/never.db"))
        let down = try project.alchemy("downgrade", "--sql", "aaaaaaaaaa05:base")
        #expect(down.status == 0, "\(down.stderr)")
        #expect(down.stdout.contains("DELETE FROM alembic_versions WHERE alembic_versions.version_num = 'aaaaaaaaaa01';"))
    }

    @Test("upgrade that finds the lock taken says so once, then runs")
    func waitsForTheLockOnce() throws {
        try TestDatabases.withScratchDatabase(.sqlite) { url in
            let project = try Project(url: url, revisions: [
                ("aaaaaaaaaa01", "  - create_table: {name: note, columns: [{name: id, type: Integer, primary_key: true}]}",
                 "  - drop_table: {name: note}"),
            ])
            defer { project.remove() }
            #expect(try project.alchemy("current").status == 0)  // creates the database file
            let path = try #require(project.url.split(separator: "///", maxSplits: 1).last.map(String.init))
            // flock(1) takes the same lock another alchemy run holds, for two seconds.
            let holder = Process()
            holder.executableURL = URL(fileURLWithPath: "/usr/bin/flock")
            holder.arguments = ["--exclusive", path, "sleep", "2"]
            try holder.run()
            defer { holder.waitUntilExit() }
            Thread.sleep(forTimeInterval: 0.3)
            let upgrade = try project.alchemy("upgrade")
            #expect(upgrade.status == 0, "\(upgrade.stderr)")
            let notices = upgrade.stderr.split(separator: "\n").filter { $0.hasPrefix("waiting up to 30s for the migration lock") }
            #expect(notices.count == 1, "\(upgrade.stderr)")
        }
    }
}
