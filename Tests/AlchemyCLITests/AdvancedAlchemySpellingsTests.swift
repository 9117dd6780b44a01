import AlchemyDatabase
import AlchemySQL
import AlchemyTestSupport
import Foundation
import Testing

/// The commands and options Advanced Alchemy and Alembic users type.
@Suite("Advanced Alchemy and Alembic spellings")
struct AdvancedAlchemySpellingsTests {
    typealias Project = RunnerTests.Project

    @Test("downgrade without a target steps down one revision; current --check-heads exits 1 until every head is applied",
          arguments: TestDatabases.dialects)
    func downgradeDefaultAndCheckHeads(dialect: DialectName) throws {
        try TestDatabases.withScratchDatabase(dialect) { url in
            let project = try Project(url: url, revisions: Array(RunnerTests.fiveRevisions.prefix(3)))
            defer { project.remove() }
            let quiet = try CommandRunner.run(["-q", "database", "upgrade", "+1"], in: project.folder)
            #expect(quiet.status == 0 && quiet.stderr.isEmpty, "-q prints no progress: \(quiet.stderr)")
            let rest = try project.alchemy("upgrade")
            #expect(rest.status == 0)
            let logged = rest.stderr.split(separator: "\n").filter { $0.hasPrefix("upgrade ") }
            #expect(logged.count == 2 && logged.first?.hasPrefix("upgrade aaaaaaaaaa01 -> aaaaaaaaaa02: step 2 (") == true, "\(rest.stderr)")
            let atHead = try project.alchemy("current", "--check-heads")
            #expect(atHead.status == 0, "\(atHead.stderr)")
            let down = try project.alchemy("downgrade")
            #expect(down.status == 0, "\(down.stderr)")
            #expect(try project.alchemy("current").stdout == "aaaaaaaaaa02\n")
            let behind = try project.alchemy("current", "--check-heads")
            #expect(behind.status == 1)
            #expect(behind.stderr.contains("aaaaaaaaaa03") && behind.stderr.contains("not applied"), "\(behind.stderr)")
        }
    }

    @Test("--bind-key is --bind; init --multidb is --template multidb; make-migrations takes --allow-empty and --no-prompt")
    func aliases() throws {
        let folder = try CommandRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let initResult = try CommandRunner.run(["database", "init", "--multidb"], in: folder)
        #expect(initResult.status == 0, "\(initResult.stderr)")
        let config = try String(contentsOfFile: folder + "/alchemy.yaml", encoding: .utf8)
        #expect(config.contains("databases:"), "\(config)")
        let unknown = try CommandRunner.run(["--bind-key", "nosuchbind", "database", "current"], in: folder)
        #expect(unknown.status == 2)
        #expect(unknown.stderr.contains("nosuchbind"), "\(unknown.stderr)")

        let single = try CommandRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: single) }
        #expect(try CommandRunner.run(["database", "init"], in: single).status == 0)
        #expect(try CommandRunner.run(["database", "upgrade"], in: single).status == 0)
        let empty = try CommandRunner.run(["database", "make-migrations", "-m", "nothing", "--allow-empty", "--no-prompt"], in: single)
        #expect(empty.status == 0, "\(empty.stderr)")
        #expect(empty.stderr.contains("created"), "\(empty.stderr)")
    }

    @Test("A database command typed without `database` names the right spelling")
    func topLevelHint() throws {
        let result = try CommandRunner.run(["upgrade"], in: NSTemporaryDirectory())
        #expect(result.status == 64)
        #expect(result.stderr.contains("run `alchemy database upgrade`"), "\(result.stderr)")
    }
}
