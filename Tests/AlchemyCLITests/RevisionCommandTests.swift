import AlchemyDatabase
import AlchemyMigrate
import AlchemySQL
import AlchemyTestSupport
import Foundation
import Testing

/// revision, merge, stamp, heads, branches, history and edit, through the binary.
@Suite("revision, merge, stamp and inspection commands")
struct RevisionCommandTests {
    /// An initialised project on a SQLite file.
    static func project() throws -> String {
        let folder = try CommandRunner.temporaryDirectory()
        let result = try CommandRunner.run(["database", "init"], in: folder)
        #expect(result.status == 0, "\(result.stderr)")
        return folder
    }

    static func alchemy(_ folder: String, _ arguments: String..., environment: [String: String] = [:]) throws -> CommandRunner.Result {
        try CommandRunner.run(["database"] + arguments, in: folder, environment: environment)
    }

    static func files(_ folder: String) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: folder + "/migrations/versions").filter { $0.hasSuffix(".yaml") }.sorted()
    }

    @Test("revision writes a file named by file_template that reads back")
    func revisionFile() throws {
        let folder = try Self.project()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let first = try Self.alchemy(folder, "revision", "-m", "Create the users table!", "--rev-id", "aaaaaaaaaaa1")
        #expect(first.status == 0, "\(first.stderr)")
        #expect(first.stdout == "aaaaaaaaaaa1\n")
        let names = try Self.files(folder)
        #expect(names.count == 1)
        #expect(names[0].hasSuffix("_create_the_users_table_aaaaaaaaaaa1.yaml"))
        #expect(names[0].range(of: #"^\d{4}-\d{2}-\d{2}_"#, options: .regularExpression) != nil)
        let text = try String(contentsOfFile: folder + "/migrations/versions/" + names[0], encoding: .utf8)
        #expect(text.hasPrefix("revision: \"aaaaaaaaaaa1\"\ndown_revision: null\nbranch_labels: []\ndepends_on: []\nmessage: Create the users table!\n"))
        let parsed = try RevisionFileReader.read(text, path: names[0])
        #expect(parsed.message == "Create the users table!")

        let second = try Self.alchemy(folder, "revision", "-m", "second", "--rev-id", "bbbbbbbbbbb2")
        #expect(second.status == 0, "\(second.stderr)")
        #expect(try Self.alchemy(folder, "heads").stdout == "bbbbbbbbbbb2 (head)\n")
        let history = try Self.alchemy(folder, "history").stdout
        #expect(history == "aaaaaaaaaaa1 -> bbbbbbbbbbb2 (head), second\n<base> -> aaaaaaaaaaa1, Create the users table!\n")

        // A duplicate id is refused, and nothing is written.
        let duplicate = try Self.alchemy(folder, "revision", "-m", "again", "--rev-id", "bbbbbbbbbbb2")
        #expect(duplicate.status == 2)
        #expect(duplicate.stderr.contains("already exists"))
        #expect(try Self.files(folder).count == 2)
    }

    @Test("--head, --splice, --branch-label, --depends-on and merge build Alembic's graph shapes")
    func branchesAndMerge() throws {
        let folder = try Self.project()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        _ = try Self.alchemy(folder, "revision", "-m", "base", "--rev-id", "a00000000001")
        _ = try Self.alchemy(folder, "revision", "-m", "main", "--rev-id", "a00000000002")

        let refused = try Self.alchemy(folder, "revision", "-m", "side", "--head", "a00000000001")
        #expect(refused.status == 2)
        #expect(refused.stderr.contains("is not a head revision; pass --splice"))

        let side = try Self.alchemy(folder, "revision", "-m", "side", "--head", "a00000000001", "--splice", "--branch-label", "side", "--rev-id", "b00000000001")
        #expect(side.status == 0, "\(side.stderr)")
        let branches = try Self.alchemy(folder, "branches").stdout
        #expect(branches.hasPrefix("<base> -> a00000000001 (branchpoint), base\n"))

        let ambiguous = try Self.alchemy(folder, "revision", "-m", "next")
        #expect(ambiguous.status == 2)
        #expect(ambiguous.stderr.contains("multiple heads are present"))

        let merged = try Self.alchemy(folder, "merge", "heads", "-m", "join", "--rev-id", "c00000000001")
        #expect(merged.status == 0, "\(merged.stderr)")
        #expect(try Self.alchemy(folder, "heads").stdout == "c00000000001 (side) (head) (mergepoint)\n")

        let dependent = try Self.alchemy(folder, "revision", "-m", "uses side", "--depends-on", "b000", "--rev-id", "a00000000003")
        #expect(dependent.status == 0, "\(dependent.stderr)")
        let script = try ScriptDirectory.load(location: folder + "/migrations")
        #expect(script.headers["c00000000001"]?.downRevisions.sorted() == ["a00000000002", "b00000000001"])
        #expect(script.headers["a00000000003"]?.downRevisions == ["c00000000001"])
        #expect(script.headers["a00000000003"]?.dependsOn == ["b00000000001"])

        // The whole graph runs: upgrade heads applies all five, in an order that respects depends_on.
        let up = try Self.alchemy(folder, "upgrade", "heads", "-v")
        #expect(up.status == 0, "\(up.stderr)")
        #expect(try Self.alchemy(folder, "current").stdout == "a00000000003 (side) (head)\n")
        let json = try Self.alchemy(folder, "history", "--format", "json")
        #expect(json.stdout.hasPrefix("[{\"revision\": \"a00000000003\""))
    }

    @Test("stamp sets the version table without running anything; --purge clears unknown rows")
    func stamp() throws {
        let folder = try Self.project()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let revision = "  - create_table: {name: t, columns: [{name: id, type: Integer, primary_key: true}]}\n"
        _ = try Self.alchemy(folder, "revision", "-m", "one", "--rev-id", "d00000000001")
        let path = folder + "/migrations/versions/" + (try Self.files(folder)[0])
        let text = try String(contentsOfFile: path, encoding: .utf8).replacingOccurrences(of: "upgrade:\n  []", with: "upgrade:\n" + revision)
        try text.write(toFile: path, atomically: true, encoding: .utf8)

        let stamped = try Self.alchemy(folder, "stamp", "head")
        #expect(stamped.status == 0, "\(stamped.stderr)")
        #expect(try Self.alchemy(folder, "current").stdout == "d00000000001 (head)\n")
        let connection = try openConnection(try DatabaseURL("sqlite:///" + folder + "/app.db"))
        defer { connection.close() }
        #expect(try connection.query("SELECT name FROM sqlite_master WHERE name = 't'").isEmpty)

        try connection.execute("INSERT INTO alembic_versions VALUES ('ffffffffffff')")
        let broken = try Self.alchemy(folder, "upgrade")
        #expect(broken.status == 2)
        #expect(broken.stderr.contains("ffffffffffff"))
        // A stamp from a revision nobody knows would leave that row behind: it says so, and names --purge.
        let unknown = try Self.alchemy(folder, "stamp", "head")
        #expect(unknown.status == 2)
        #expect(unknown.stderr.contains("ffffffffffff") && unknown.stderr.contains("stamp --purge"), "\(unknown.stderr)")
        let purged = try Self.alchemy(folder, "stamp", "--purge", "base")
        #expect(purged.status == 0, "\(purged.stderr)")
        #expect(try Self.alchemy(folder, "current").stdout == "")
        let up = try Self.alchemy(folder, "upgrade")
        #expect(up.status == 0, "\(up.stderr)")
        #expect(try !connection.query("SELECT name FROM sqlite_master WHERE name = 't'").isEmpty)
    }

    @Test("heads follows down_revision, as Alembic's; --resolve-dependencies leaves out what another depends on")
    func headsResolvingDependencies() throws {
        let folder = try Self.project()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        for arguments in [["-m", "base", "--rev-id", "a00000000001"], ["-m", "audit", "--rev-id", "b00000000001"],
                          ["-m", "report", "--rev-id", "c00000000001", "--head", "a00000000001", "--splice",
                           "--depends-on", "b00000000001"]] {
            let made = try CommandRunner.run(["database", "revision"] + arguments, in: folder)
            #expect(made.status == 0, "\(made.stderr)")
        }
        let plain = try Self.alchemy(folder, "heads", "--format", "json")
        let resolved = try Self.alchemy(folder, "heads", "--resolve-dependencies", "--format", "json")
        #expect(plain.status == 0 && resolved.status == 0, "\(plain.stderr)\(resolved.stderr)")
        func ids(_ result: CommandRunner.Result) -> [String] {
            let rows = (try? JSONSerialization.jsonObject(with: Data(result.stdout.utf8))) as? [[String: Any]] ?? []
            return rows.compactMap { $0["revision"] as? String }.sorted()
        }
        #expect(ids(plain) == ["b00000000001", "c00000000001"], "\(plain.stdout)")
        #expect(ids(resolved) == ["c00000000001"], "\(resolved.stdout)")
    }

    @Test("edit opens the file in $EDITOR and checks it afterwards")
    func edit() throws {
        let folder = try Self.project()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        _ = try Self.alchemy(folder, "revision", "-m", "one", "--rev-id", "e00000000001")
        let ok = try Self.alchemy(folder, "edit", "e000", environment: ["EDITOR": "true", "VISUAL": ""])
        #expect(ok.status == 0, "\(ok.stderr)")
        // An "editor" that breaks the file: the command reports it at once.
        let editor = folder + "/break-it"
        try "#!/bin/sh\necho 'upgrade: [' >> \"$1\"\n".write(toFile: editor, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: editor)
        let broken = try Self.alchemy(folder, "edit", "head", environment: ["EDITOR": editor, "VISUAL": ""])
        #expect(broken.status == 2)
        #expect(broken.stderr.contains("invalid YAML"))
    }

    @Test("A bad revision file is one error line naming the file")
    func badRevisionFile() throws {
        let folder = try Self.project()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try "revision: \"a1\"\nupgrade:\n  - craete_table: {name: t}\n".write(toFile: folder + "/migrations/versions/bad.yaml", atomically: true, encoding: .utf8)
        let result = try Self.alchemy(folder, "upgrade")
        #expect(result.status == 2)
        #expect(result.stderr.hasPrefix("error: migrations/versions/bad.yaml:3:5: unknown operation 'craete_table' (did you mean create_table?)"))
        // Nothing of any revision ran.
        #expect(try Self.alchemy(folder, "current").stdout == "")
    }
}
