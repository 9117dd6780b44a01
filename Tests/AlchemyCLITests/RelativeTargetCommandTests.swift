import AlchemyDatabase
import AlchemySQL
import AlchemyTestSupport
import Foundation
import Testing

/// Relative targets from several heads, end to end on each real database:
/// the refusal is one line, exits non-zero and leaves the version table as it
/// was; `history -r -3:` (the help's own example) is accepted.
@Suite("relative targets from several heads")
struct RelativeTargetCommandTests {
    /// The reported graph: 4cbb -> 208c -> {15ac, 27e2 -> 83ed -> {23e8 -> 7ebc, 86cf -> bd62}}.
    static let graph: [(id: String, down: [String], labels: [String])] = [
        ("4cbb00000000", [], []),
        ("208c00000000", ["4cbb00000000"], []),
        ("15ac00000000", ["208c00000000"], []),
        ("27e200000000", ["208c00000000"], []),
        ("83ed00000000", ["27e200000000"], []),
        ("23e800000000", ["83ed00000000"], []),
        ("7ebc00000000", ["23e800000000"], []),
        ("86cf00000000", ["83ed00000000"], ["other"]),
        ("bd6200000000", ["86cf00000000"], []),
    ]

    static let linear: [(id: String, down: [String], labels: [String])] = [
        ("aaaa00000001", [], []),
        ("bbbb00000002", ["aaaa00000001"], []),
        ("cccc00000003", ["bbbb00000002"], []),
        ("dddd00000004", ["cccc00000003"], []),
    ]

    static func writeProject(url: String, graph: [(id: String, down: [String], labels: [String])] = graph) throws -> String {
        let folder = try CommandRunner.temporaryDirectory()
        try FileManager.default.createDirectory(atPath: folder + "/migrations/versions", withIntermediateDirectories: true)
        try "database:\n  url: \(url)\nscript_location: migrations\n"
            .write(toFile: folder + "/alchemy.yaml", atomically: true, encoding: .utf8)
        for (index, revision) in graph.enumerated() {
            let down = revision.down.isEmpty ? "null" : "\"\(revision.down[0])\""
            let text = """
                revision: "\(revision.id)"
                down_revision: \(down)
                branch_labels: [\(revision.labels.joined(separator: ", "))]
                message: step \(index + 1)
                upgrade:
                  - execute: {sql: "SELECT 1"}
                downgrade:
                  - execute: {sql: "SELECT 1"}

                """
            try text.write(toFile: "\(folder)/migrations/versions/\(String(format: "%03d", index))_\(revision.id).yaml",
                           atomically: true, encoding: .utf8)
        }
        return folder
    }

    static func rows(_ url: DatabaseURL) throws -> [String] {
        let connection = try openConnection(url)
        defer { connection.close() }
        return try connection.query("SELECT version_num FROM alembic_versions ORDER BY version_num").compactMap { $0[0].stringValue }
    }

    @Test("downgrade -2 from three heads is refused and changes nothing", arguments: TestDatabases.dialects)
    func downgradeFromSeveralHeadsIsRefused(dialect: DialectName) throws {
        try TestDatabases.withScratchDatabase(dialect) { url in
            let folder = try Self.writeProject(url: try VersionTableCommandTests.urlText(url))
            defer { try? FileManager.default.removeItem(atPath: folder) }
            let upgrade = try CommandRunner.run(["database", "upgrade", "heads"], in: folder)
            #expect(upgrade.status == 0, "\(upgrade.stderr)")
            let heads = ["15ac00000000", "7ebc00000000", "bd6200000000"]
            #expect(try Self.rows(url) == heads)

            for target in ["-2", "-1"] {
                let refused = try CommandRunner.run(["--no-color", "database", "downgrade", target], in: folder)
                #expect(refused.status != 0)
                let lines = refused.stderr.split(separator: "\n")
                #expect(lines.count == 1, "\(refused.stderr)")
                #expect(refused.stderr.hasPrefix("error: Relative target '\(target)' is ambiguous"), "\(refused.stderr)")
                #expect(refused.stderr.contains("heads: 15ac00000000, 7ebc00000000, bd6200000000"))
                #expect(refused.stderr.contains("'15ac00000000\(target)'") && refused.stderr.contains("'other@\(target)'"))
                #expect(try Self.rows(url) == heads)
            }

            // The spellings the message offers move one branch by one.
            let alongBranch = try CommandRunner.run(["database", "downgrade", "other@-1"], in: folder)
            #expect(alongBranch.status == 0, "\(alongBranch.stderr)")
            #expect(try Self.rows(url) == ["15ac00000000", "7ebc00000000", "86cf00000000"])
            let fromRevision = try CommandRunner.run(["database", "downgrade", "7ebc00000000-1"], in: folder)
            #expect(fromRevision.status == 0, "\(fromRevision.stderr)")
            #expect(try Self.rows(url) == ["15ac00000000", "23e800000000", "86cf00000000"])
        }
    }

    /// Alembic's answers on a straight line (checked against Alembic 1.20),
    /// plus `base:-1`, which Alembic refuses.
    @Test("history -r takes relative ranges such as -3: and base:-1")
    func historyTakesRelativeRanges() throws {
        let folder = try Self.writeProject(url: "sqlite:///unused.db", graph: Self.linear)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        for (range, count) in [("-3:", 4), ("-1:", 2), (":+2", 2), ("base:-1", 3)] {
            let result = try CommandRunner.run(["database", "history", "-r", range], in: folder)
            #expect(result.status == 0, "\(range): \(result.stderr)")
            #expect(result.stdout.split(separator: "\n").count == count, "\(range): \(result.stdout)")
        }
        let attached = try CommandRunner.run(["database", "history", "--rev-range", "-1:"], in: folder)
        #expect(attached.stdout.hasPrefix("cccc00000003 -> dddd00000004 (head)"), "\(attached.stdout)")
    }
}
