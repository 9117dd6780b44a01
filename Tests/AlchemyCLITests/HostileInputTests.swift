import AlchemyDatabase
import AlchemyMigrate
import AlchemySQL
import AlchemyTestSupport
import Foundation
import Testing

/// Hostile input: text anyone can write into a revision file, a model or a
/// command line must reach SQL only as a bound value or an escaped literal, and
/// must never move a file outside the project.
@Suite("Hostile input")
struct HostileInputTests {
    typealias Project = RunnerTests.Project

    /// A table the attacks try to drop; it must survive each of them.
    static func createVictim(_ url: DatabaseURL) throws {
        let connection = try openConnection(url)
        defer { connection.close() }
        try connection.execute("CREATE TABLE victim (id INTEGER PRIMARY KEY)")
    }

    static func hasVictim(_ url: DatabaseURL) throws -> Bool {
        let connection = try openConnection(url)
        defer { connection.close() }
        return try RunnerTests.tables(connection).contains("victim")
    }

    static let injectedID = "a');DROP/**/TABLE/**/victim;SELECT('b"

    @Test("An id written to reach SQL is refused at load with file and line; nothing runs, online or in --sql", arguments: TestDatabases.dialects)
    func injectedRevisionID(dialect: DialectName) throws {
        try TestDatabases.withScratchDatabase(dialect) { url in
            try Self.createVictim(url)
            let project = try Project(url: url, revisions: [
                ("aaaaaaaaaa01", "  - create_table: {name: note, columns: [{name: id, type: Integer, primary_key: true}]}", "  - drop_table: {name: note}"),
            ])
            defer { project.remove() }
            try "down_revision: \"aaaaaaaaaa01\"\nrevision: \"\(Self.injectedID)\"\nupgrade: []\ndowngrade: []\n"
                .write(toFile: project.folder + "/migrations/versions/001_injected.yaml", atomically: true, encoding: .utf8)
            for arguments in [["upgrade"], ["upgrade", "--sql"], ["stamp", "head"], ["history"]] {
                let result = try CommandRunner.run(["database"] + arguments, in: project.folder)
                #expect(result.status == 2, "\(arguments): \(result.stdout) \(result.stderr)")
                #expect(result.stderr.contains("001_") && result.stderr.contains(":2:"), "\(result.stderr)")
                #expect(result.stderr.contains("1 to 32 letters, digits or underscores"), "\(result.stderr)")
                #expect(!result.stdout.contains("DROP"), "\(result.stdout)")
            }
            #expect(try Self.hasVictim(url))
            let connection = try openConnection(url)
            defer { connection.close() }
            #expect(!(try RunnerTests.tables(connection).contains("note")), "nothing of the history may run")
        }
    }

    @Test("Ids outside [0-9A-Za-z_]{1,32} are refused; the longest and plainest are kept",
          arguments: ["a'b", "a b", "a;b", "../x", "a/b", "a-b", "ä1", "a\u{0}b", "", String(repeating: "a", count: 33)])
    func identifierRule(id: String) {
        #expect(!RevisionFile.isValidIdentifier(id))
    }

    @Test("Plain ids are kept as they are", arguments: ["3f2a1b9c0d1e", "aa0000000001", "Rev_2", String(repeating: "Z", count: 32)])
    func plainIdentifiers(id: String) {
        #expect(RevisionFile.isValidIdentifier(id))
    }

    /// Every file under `folder` (and its parents up to `/tmp`'s test folder), to see that nothing was written.
    static func files(under folder: String) -> Set<String> {
        Set((FileManager.default.subpaths(atPath: folder) ?? []).filter { !$0.hasSuffix(".db") })
    }

    @Test("--rev-id that is not an id is refused before anything is written, and a valid one is written verbatim",
          arguments: ["a'b&c", "../../escaped", "a/b", String(repeating: "b", count: 33), "x y"])
    func hostileRevID(id: String) throws {
        let outer = try CommandRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: outer) }
        let folder = outer + "/one/two"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        #expect(try CommandRunner.run(["database", "init"], in: folder).status == 0)
        let before = Self.files(under: outer)
        let result = try CommandRunner.run(["database", "revision", "-m", "hostile", "--rev-id", id], in: folder)
        #expect(result.status != 0, "\(result.stdout)")
        #expect(result.stderr.hasPrefix("error: --rev-id"), "\(result.stderr)")
        #expect(result.stderr.split(separator: "\n").count == 1)
        #expect(Self.files(under: outer) == before)
    }

    @Test("Messages with YAML and HTML metacharacters are written verbatim and read back the same")
    func verbatimMessage() throws {
        let folder = try CommandRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        #expect(try CommandRunner.run(["database", "init"], in: folder).status == 0)
        let message = "it's <b>&amp; \"quoted\": #not a comment\n- not a list {x: y}"
        let result = try CommandRunner.run(["database", "revision", "-m", message, "--rev-id", "Rev_2"], in: folder)
        #expect(result.status == 0, "\(result.stderr)")
        let names = try FileManager.default.contentsOfDirectory(atPath: folder + "/migrations/versions").filter { $0.contains("Rev_2") }
        #expect(names.count == 1)
        let text = try String(contentsOfFile: folder + "/migrations/versions/" + names[0], encoding: .utf8)
        #expect(text.hasPrefix("revision: \"Rev_2\"\n"), "\(text)")
        #expect(!text.contains("&amp;amp;") && !text.contains("&#39;"), "\(text)")
        let shown = try CommandRunner.run(["database", "show", "Rev_2", "--format", "json"], in: folder)
        #expect(shown.status == 0, "\(shown.stderr)")
        #expect(shown.stdout.contains("<b>&amp; \\\"quoted\\\": #not a comment\\n- not a list {x: y}"), "\(shown.stdout)")
    }

    @Test("A file_template that leaves versions/ is refused and writes nothing", arguments: ["../../../x_%(slug)s", "sub/%(rev)s", "..%(rev)s"])
    func escapingFileTemplate(template: String) throws {
        let outer = try CommandRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: outer) }
        let folder = outer + "/a/b/c"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        #expect(try CommandRunner.run(["database", "init"], in: folder).status == 0)
        let config = try String(contentsOfFile: folder + "/alchemy.yaml", encoding: .utf8)
        let lines = config.split(separator: "\n", omittingEmptySubsequences: false).filter { !$0.hasPrefix("file_template:") }
        try (lines.joined(separator: "\n") + "\nfile_template: \"\(template)\"\n").write(toFile: folder + "/alchemy.yaml", atomically: true, encoding: .utf8)
        let before = Self.files(under: outer)
        let result = try CommandRunner.run(["database", "revision", "-m", "escape"], in: folder)
        #expect(result.status != 0)
        #expect(result.stderr.contains("leaves the versions folder"), "\(result.stderr)")
        #expect(Self.files(under: outer) == before)
    }

    @Test("A revision template that cannot be read stops `revision` instead of falling back to the built-in one")
    func unreadableTemplate() throws {
        let folder = try CommandRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        #expect(try CommandRunner.run(["database", "init"], in: folder).status == 0)
        let template = folder + "/migrations/script.yaml.mustache"
        try FileManager.default.removeItem(atPath: template)
        try FileManager.default.createSymbolicLink(atPath: template, withDestinationPath: folder + "/missing")
        let result = try CommandRunner.run(["database", "revision", "-m", "x", "--rev-id", "abc"], in: folder)
        #expect(result.status != 0)
        #expect(result.stderr.contains("script.yaml.mustache") && result.stderr.split(separator: "\n").count == 1, "\(result.stderr)")
        let written = try FileManager.default.contentsOfDirectory(atPath: folder + "/migrations/versions").filter { $0.contains("abc") }
        #expect(written.isEmpty)
    }

    /// Values that mean something to one server setting or another: backslashes,
    /// quotes, a comment opener, a NUL-free control character, non-ASCII text.
    static let awkwardValues = ["C:\\temp\\new", "it's", "x\\'; DROP TABLE victim; --", "tab\there", "naïve ☃", "\\\\", "'"]

    @Test("bulk_insert stores each value exactly, whatever it holds", arguments: TestDatabases.dialects)
    func bulkInsertValues(dialect: DialectName) throws {
        try TestDatabases.withScratchDatabase(dialect) { url in
            try Self.createVictim(url)
            let rows = Self.awkwardValues.enumerated().map { index, value in
                "{id: \(index + 1), body: \(Self.yamlQuoted(value))}"
            }.joined(separator: ", ")
            let project = try Project(url: url, revisions: [
                ("aaaaaaaaaa01",
                 "  - create_table: {name: note, columns: [{name: id, type: Integer, primary_key: true}, {name: body, type: Text}]}\n  - bulk_insert: {table: note, rows: [\(rows)]}",
                 "  - drop_table: {name: note}"),
            ])
            defer { project.remove() }
            let up = try project.alchemy("upgrade")
            #expect(up.status == 0, "\(up.stderr)")
            let connection = try openConnection(url)
            defer { connection.close() }
            let stored = try connection.query("SELECT body FROM note ORDER BY id").map { $0[0].stringValue ?? "<null>" }
            #expect(stored == Self.awkwardValues)
            #expect(try Self.hasVictim(url))
        }
    }

    /// The same values through the CLI on a server whose sessions read strings the
    /// other way: PostgreSQL with `standard_conforming_strings = off` for the
    /// database, MariaDB with NO_BACKSLASH_ESCAPES through the URL's `init_command`.
    @Test("bulk_insert values, a quoted version table name and a hostile comment survive under the other escaping setting",
          arguments: TestDatabases.dialects.filter { $0 != .sqlite })
    func otherEscapingSetting(dialect: DialectName) throws {
        try TestDatabases.withScratchDatabase(dialect) { url in
            try Self.createVictim(url)
            let rows = Self.awkwardValues.enumerated().map { index, value in
                "{id: \(index + 1), body: \(Self.yamlQuoted(value))}"
            }.joined(separator: ", ")
            let comment = Self.yamlQuoted("x\\'; DROP TABLE victim; --")
            let project = try Project(url: url, revisions: [
                ("aaaaaaaaaa01",
                 "  - create_table: {name: note, comment: \(comment), columns: [{name: id, type: Integer, primary_key: true}, {name: body, type: Text, comment: \(comment)}]}\n  - bulk_insert: {table: note, rows: [\(rows)]}"
                    + "\n  - create_table: {name: probe, columns: [{name: setting, type: Text, primary_key: false}]}"
                    + "\n  - execute: {postgresql: \"INSERT INTO probe SELECT current_setting('standard_conforming_strings')\", mariadb: \"INSERT INTO probe SELECT @@SESSION.sql_mode\", default: null}",
                 "  - drop_table: {name: probe}\n  - drop_table: {name: note}"),
            ])
            defer { project.remove() }
            let config = project.folder + "/alchemy.yaml"
            var text = try String(contentsOfFile: config, encoding: .utf8)
            if dialect == .postgresql {
                let admin = try openConnection(url)
                defer { admin.close() }
                try admin.execute("ALTER DATABASE \"\(url.database ?? "")\" SET standard_conforming_strings = off")
            } else {
                let mode = "SET%20SESSION%20sql_mode%20%3D%20CONCAT(%40%40sql_mode%2C%20'%2CNO_BACKSLASH_ESCAPES')"
                text = text.replacingOccurrences(of: project.url, with: project.url + "?init_command=" + mode)
            }
            try (text + "version_table: 'Ver\"si`on''s'\n").write(toFile: config, atomically: true, encoding: .utf8)
            let up = try project.alchemy("upgrade")
            #expect(up.status == 0, "\(up.stderr)")
            #expect(try project.alchemy("current").stdout == "aaaaaaaaaa01 (head)\n")
            let connection = try openConnection(url)
            defer { connection.close() }
            let stored = try connection.query("SELECT body FROM note ORDER BY id").map { $0[0].stringValue ?? "<null>" }
            #expect(stored == Self.awkwardValues)
            #expect(try Self.hasVictim(url))
            // The run's own session: PostgreSQL pinned back to standard strings, MariaDB in the other mode.
            let setting = try connection.query("SELECT setting FROM probe").first?[0].stringValue ?? ""
            #expect(dialect == .postgresql ? setting == "on" : setting.contains("NO_BACKSLASH_ESCAPES"), "\(setting)")
            let check = try project.alchemy("downgrade", "base")
            #expect(check.status == 0, "\(check.stderr)")
        }
    }

    @Test("A version table name with quotes of every dialect works", arguments: TestDatabases.dialects)
    func hostileVersionTableName(dialect: DialectName) throws {
        try TestDatabases.withScratchDatabase(dialect) { url in
            let project = try Project(url: url, revisions: Array(RunnerTests.fiveRevisions.prefix(2)))
            defer { project.remove() }
            let config = project.folder + "/alchemy.yaml"
            let text = try String(contentsOfFile: config, encoding: .utf8)
            try (text + "version_table: 'Ver\"si`on''s'\n").write(toFile: config, atomically: true, encoding: .utf8)
            let up = try project.alchemy("upgrade")
            #expect(up.status == 0, "\(up.stderr)")
            #expect(try project.alchemy("current").stdout == "aaaaaaaaaa02 (head)\n")
            let down = try project.alchemy("downgrade", "-1")
            #expect(down.status == 0, "\(down.stderr)")
            #expect(try project.alchemy("current").stdout == "aaaaaaaaaa01\n")
            let connection = try openConnection(url)
            defer { connection.close() }
            #expect(try RunnerTests.tables(connection).contains("Ver\"si`on's"))
        }
    }

    @Test("A check, default or index expression that would end its statement is refused before anything runs",
          arguments: TestDatabases.dialects)
    func injectedExpressions(dialect: DialectName) throws {
        let attacks = [
            "  - create_check_constraint: {name: ck_note_id, table: note, sqltext: \"id > 0); DROP TABLE victim; --\"}",
            "  - add_column: {table: note, column: {name: n, type: Integer?, server_default: {sql: \"0; DROP TABLE victim\"}}}",
            "  - create_index: {name: ix_note_x, table: note, columns: [], expressions: [\"(id)); DROP TABLE victim; --\"]}",
        ]
        for attack in attacks {
            try TestDatabases.withScratchDatabase(dialect) { url in
                try Self.createVictim(url)
                let project = try Project(url: url, revisions: [
                    ("aaaaaaaaaa01",
                     "  - create_table: {name: note, columns: [{name: id, type: Integer, primary_key: true}, {name: body, type: String(20)?}]}",
                     "  - drop_table: {name: note}"),
                    ("aaaaaaaaaa02", attack + "\n  - create_check_constraint: {name: ck_note_body, table: note, sqltext: \"body <> ';'\"}", "  []"),
                ])
                defer { project.remove() }
                for arguments in [["upgrade", "--sql"], ["upgrade"]] {
                    let result = try CommandRunner.run(["database"] + arguments, in: project.folder)
                    #expect(result.status != 0, "\(attack): \(result.stdout)")
                    #expect(result.stderr.contains("write it as one expression"), "\(result.stderr)")
                    #expect(!result.stdout.contains("DROP TABLE victim"))
                }
                #expect(try Self.hasVictim(url))
                // The revision before it ran and committed; the hostile one ran nothing.
                #expect(try project.alchemy("current").stdout == "aaaaaaaaaa01\n")
            }
        }
    }

    /// A YAML double-quoted scalar for any text.
    static func yamlQuoted(_ text: String) -> String {
        var result = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": result += "\\\""
            case "\\": result += "\\\\"
            case "\t": result += "\\t"
            case "\n": result += "\\n"
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result + "\""
    }
}

/// A server that stalls a statement must not hang the run past `statement_timeout`.
@Suite("Statement timeout")
struct StatementTimeoutCommandTests {
    /// Upgrades a one-revision project whose revision runs `execute`, with a 1 s
    /// statement timeout from alchemy.yaml or from the command line.
    static func upgrade(_ url: DatabaseURL, execute: String, fromConfig: Bool,
                        _ check: (CommandRunner.Result, Duration, RunnerTests.Project) throws -> Void) throws {
        let project = try RunnerTests.Project(url: url, revisions: [("aaaaaaaaaa01", "  - execute: {\(execute), default: null}", "  []")])
        defer { project.remove() }
        if fromConfig {
            let config = project.folder + "/alchemy.yaml"
            try (try String(contentsOfFile: config, encoding: .utf8) + "statement_timeout: 1s\n").write(toFile: config, atomically: true, encoding: .utf8)
        }
        let clock = ContinuousClock()
        let start = clock.now
        let result = try CommandRunner.run((fromConfig ? [] : ["--statement-timeout", "1s"]) + ["database", "upgrade"], in: project.folder)
        try check(result, clock.now - start, project)
    }

    @Test("statement_timeout in alchemy.yaml and --statement-timeout end a stalled statement with one line",
          arguments: TestDatabases.dialects.filter { $0 != .sqlite }, [true, false])
    func stalledStatement(dialect: DialectName, fromConfig: Bool) throws {
        try TestDatabases.withScratchDatabase(dialect) { url in
            try Self.upgrade(url, execute: "postgresql: \"SELECT pg_sleep(20)\", mariadb: \"SELECT SLEEP(20)\"", fromConfig: fromConfig) { (result, elapsed, project) throws in
                #expect(result.status != 0)
                #expect(elapsed < .seconds(15), "the statement ran for \(elapsed)")
                #expect(result.stderr.split(separator: "\n").count == 1, "\(result.stderr)")
                #expect(try project.alchemy("current").stdout == "", "nothing may be recorded as applied")
            }
        }
    }

    /// A server that stops answering cannot enforce its own timeout; the client must.
    /// Here the revision turns the server's timeout off, as a stopped server would
    /// ignore it, and the client's bound (statement timeout + 5 s) ends the wait.
    @Test("PostgreSQL: a statement the server does not end is cut by the client after the statement timeout and a grace period",
          arguments: TestDatabases.dialects.filter { $0 == .postgresql })
    func serverThatDoesNotAnswer(dialect: DialectName) throws {
        try TestDatabases.withScratchDatabase(dialect) { url in
            try Self.upgrade(url, execute: "postgresql: \"SET statement_timeout = 0; SELECT pg_sleep(40)\"", fromConfig: false) { result, elapsed, _ in
                #expect(result.status != 0)
                #expect(elapsed < .seconds(25), "the client waited \(elapsed)")
                #expect(result.stderr.contains("did not answer within statement_timeout"), "\(result.stderr)")
                #expect(result.stderr.split(separator: "\n").count == 1, "\(result.stderr)")
            }
        }
    }
}
