import AlchemyDatabase
import AlchemySQL
import AlchemyTestSupport
import Foundation
import Testing

/// SQLite runs commit each revision with its version change, so a run killed
/// half-way keeps every revision it reported done.
@Suite("SQLite: a killed run keeps the revisions that committed")
struct SQLiteCrashTests {
    /// Counts to two billion: the third revision is still running when the run is killed.
    static let slowSQL = "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < 2000000000) SELECT count(*) FROM c"

    @Test("SIGKILL during the third revision keeps the first two and their version row")
    func killedDuringThirdRevision() throws {
        try TestDatabases.withScratchDatabase(.sqlite) { url in
            var revisions = Array(RunnerTests.fiveRevisions.prefix(3))
            revisions[2].upgrade = "  - create_table: {name: book, columns: [{name: id, type: Integer, primary_key: true}]}\n"
                + "  - execute: {sql: \"\(Self.slowSQL)\"}"
            let project = try RunnerTests.Project(url: url, revisions: revisions)
            defer { project.remove() }

            let process = try CommandRunner.start(["database", "upgrade"], in: project.folder)
            defer { if process.isRunning { kill(process.processIdentifier, SIGKILL); process.waitUntilExit() } }

            // Wait, as a reader beside the run, until the second revision has committed.
            let observer = try openConnection(url)
            defer { observer.close() }
            observer.setBusyTimeout(milliseconds: 50)
            let deadline = Date().addingTimeInterval(60)
            var seen: [String] = []
            while Date() < deadline, process.isRunning {
                seen = (try? observer.query("SELECT version_num FROM alembic_versions").compactMap { $0[0].stringValue }) ?? []
                if seen == ["aaaaaaaaaa02"] { break }
                usleep(20_000)
            }
            #expect(seen == ["aaaaaaaaaa02"], "the second revision never committed while the run went on")
            usleep(300_000)  // into the third revision's transaction
            #expect(process.isRunning)
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            #expect(process.terminationReason == .uncaughtSignal)

            let connection = try openConnection(url)
            defer { connection.close() }
            #expect(try connection.query("SELECT version_num FROM alembic_versions").compactMap { $0[0].stringValue } == ["aaaaaaaaaa02"])
            #expect(try RunnerTests.tables(connection) == ["alembic_versions", "author"])
            _ = try connection.query("SELECT bio FROM author")
            // The killed revision runs again, whole, once the slow statement is gone.
            try String(contentsOfFile: Self.revisionPath(project, "aaaaaaaaaa03"), encoding: .utf8)
                .replacingOccurrences(of: "2000000000", with: "10")
                .write(toFile: Self.revisionPath(project, "aaaaaaaaaa03"), atomically: true, encoding: .utf8)
            let rerun = try project.alchemy("upgrade")
            #expect(rerun.status == 0, "\(rerun.stderr)")
            #expect(try project.alchemy("current").stdout == "aaaaaaaaaa03 (head)\n")
        }
    }

    static func revisionPath(_ project: RunnerTests.Project, _ id: String) -> String {
        "\(project.folder)/migrations/versions/002_\(id).yaml"
    }
}
