import AlchemyDatabase
import AlchemySQL
import AlchemySchema
import AlchemyTestSupport
import Foundation
import Testing

/// `--sql` prints the plan that runs (``TransactionLayout``): the script runs
/// unchanged through each database's own client, statements that cannot run in a
/// transaction between transactions, and leaves the schema an online upgrade makes.
@Suite("--sql scripts run through the databases' own clients")
struct ScriptThroughClientTests {
    static let revisions: [(id: String, upgrade: String, downgrade: String)] = [
        ("cccccccccc01",
         "  - create_table: {name: t, columns: [{name: id, type: Integer, primary_key: true}, {name: v, type: String(20)?}]}",
         "  - drop_table: {name: t}"),
        ("cccccccccc02",
         "  - create_index: {name: ix_t_v, table: t, columns: [v], concurrently: true}\n  - execute: {sql: \"SELECT 1\", transactional: false}\n  - add_column: {table: t, column: {name: w, type: Integer?}}",
         "  - drop_column: {table: t, column: {name: w, type: Integer?}}\n  - drop_index: {name: ix_t_v, table: t}"),
    ]

    /// The client and its arguments that run a script file on `url`, without alchemy.
    static func client(for url: DatabaseURL, file: String) -> (String, [String]) {
        switch url.dialect {
        case .sqlite: return ("/usr/bin/sqlite3", ["-bail", url.path ?? "", ".read \(file)"])
        case .postgresql:
            return ("/usr/bin/psql", ["-X", "-q", "-v", "ON_ERROR_STOP=1", "-f", file, "-d", postgresConnectionString(url)])
        case .mysql, .mariadb:
            return ("/bin/sh", ["-c", "exec mariadb --protocol=TCP -h \"$1\" -P \"$2\" -u \"$3\" \"-p$4\" \"$5\" < \"$6\"", "sh",
                                url.host ?? "127.0.0.1", String(url.port ?? 3306), url.user ?? "", url.password ?? "", url.database ?? "", file])
        }
    }

    static func postgresConnectionString(_ url: DatabaseURL) -> String {
        "host=\(url.host ?? "127.0.0.1") port=\(url.port ?? 5432) user=\(url.user ?? "") password=\(url.password ?? "") dbname=\(url.database ?? "")"
    }

    @Test("upgrade --sql runs through psql, mariadb and sqlite3 and matches the online upgrade", arguments: TestDatabases.dialects)
    func upgradeScript(dialect: DialectName) throws {
        try TestDatabases.withScratchDatabase(dialect) { online in
            try TestDatabases.withScratchDatabase(dialect) { offline in
                let project = try RunnerTests.Project(url: online, revisions: Self.revisions)
                defer { project.remove() }
                let printed = try project.alchemy("upgrade", "--sql")
                #expect(printed.status == 0, "\(printed.stderr)")
                if dialect == .postgresql {
                    // CONCURRENTLY cannot run inside BEGIN ... COMMIT.
                    let lines = printed.stdout.split(separator: "\n").map(String.init)
                    let index = try #require(lines.firstIndex { $0.contains("CONCURRENTLY") })
                    let before = lines[..<index].filter { $0 == "BEGIN;" || $0 == "COMMIT;" }
                    #expect(before.last == "COMMIT;", "\(printed.stdout)")
                }
                let file = project.folder + "/upgrade.sql"
                try printed.stdout.write(toFile: file, atomically: true, encoding: .utf8)
                let (tool, arguments) = Self.client(for: offline, file: file)
                let ran = try CommandRunner.execute(tool, arguments, in: project.folder)
                #expect(ran.status == 0, "\(tool) on \(dialect.rawValue): \(ran.stderr)")

                #expect(try project.alchemy("upgrade").status == 0)
                let fromScript = try openConnection(offline)
                defer { fromScript.close() }
                let fromRun = try openConnection(online)
                defer { fromRun.close() }
                let differences = SchemaShape.differences(try fromRun.introspect(), try fromScript.introspect(), dialect: dialect)
                #expect(differences.isEmpty, "\(differences)")
                let versions = try fromScript.query("SELECT version_num FROM alembic_versions").compactMap { $0[0].stringValue }
                #expect(versions == ["cccccccccc02"])
            }
        }
    }

    /// Runs a printed script with the database's own client.
    static func runScript(_ text: String, named name: String, on url: DatabaseURL, in folder: String) throws {
        let file = folder + "/" + name
        try text.write(toFile: file, atomically: true, encoding: .utf8)
        let (tool, arguments) = client(for: url, file: file)
        let ran = try CommandRunner.execute(tool, arguments, in: folder)
        #expect(ran.status == 0, "\(tool) on \(url.dialect.rawValue): \(ran.stderr)\n\(text)")
    }

    @Test("ensure-version --sql and stamp --sql run through the clients and leave what the commands leave",
          arguments: TestDatabases.dialects)
    func stampScript(dialect: DialectName) throws {
        try TestDatabases.withScratchDatabase(dialect) { url in
            let project = try RunnerTests.Project(url: url, revisions: Self.revisions)
            defer { project.remove() }
            let ensure = try project.alchemy("ensure-version", "--sql")
            #expect(ensure.status == 0 && ensure.stdout.contains("CREATE TABLE alembic_versions"), "\(ensure.stderr)")
            try Self.runScript(ensure.stdout, named: "ensure.sql", on: url, in: project.folder)
            #expect(try project.alchemy("current").stdout == "")

            try TestDatabases.withScratchDatabase(dialect) { fresh in
                let other = try RunnerTests.Project(url: fresh, revisions: Self.revisions)
                defer { other.remove() }
                let fromBase = try other.alchemy("stamp", "--sql", "cccccccccc01")
                #expect(fromBase.status == 0 && fromBase.stdout.contains("CREATE TABLE"), "\(fromBase.stderr)")
                try Self.runScript(fromBase.stdout, named: "stamp.sql", on: fresh, in: other.folder)
                #expect(try other.alchemy("current").stdout == "cccccccccc01\n")
            }

            #expect(try project.alchemy("stamp", "cccccccccc01").status == 0)
            let onward = try project.alchemy("stamp", "--sql", "cccccccccc01:head")
            #expect(onward.status == 0 && !onward.stdout.contains("CREATE TABLE"), "\(onward.stdout)\(onward.stderr)")
            try Self.runScript(onward.stdout, named: "stamp2.sql", on: url, in: project.folder)
            #expect(try project.alchemy("current").stdout == "cccccccccc02 (head)\n")
            // Nothing but the version table changed.
            let connection = try openConnection(url)
            defer { connection.close() }
            #expect(try RunnerTests.tables(connection) == ["alembic_versions"])
        }
    }
}
