import Foundation
import Testing
@testable import AlchemyMigrate

/// Replays what real Alembic does on small graphs (see
/// `Tests/Fixtures/alembic_graph_oracle.py`): same plans in the same order,
/// same version-table rows after every step, same errors.
@Suite("Graph: Alembic oracle")
struct GraphAlembicOracleTests {
    static let data: OracleData = {
        // The oracle's JSON is split into lines with `\` continuations.
        let json = Data(alembicOracleJSON.utf8)
        return try! JSONDecoder().decode(OracleData.self, from: json)
    }()

    static let graphs: [String: RevisionGraph] = data.graphs.mapValues { revisions in
        try! RevisionGraph(revisions.map {
            Revision(id: $0.id, downRevisions: $0.down, dependsOn: $0.depends, branchLabels: $0.labels,
                     path: "versions/\($0.id).yaml")
        })
    }

    @Test("matches Alembic", arguments: ["upgrade", "downgrade", "stamp", "history", "resolve"])
    func matchesAlembic(kind: String) throws {
        let cases = Self.data.cases.filter { $0.kind == kind }
        #expect(!cases.isEmpty)
        for oracle in cases {
            let graph = try #require(Self.graphs[oracle.graph])
            check(oracle, on: graph)
        }
    }

    private func check(_ oracle: OracleCase, on graph: RevisionGraph) {
        let label: Comment = "\(oracle.graph): \(oracle.kind) \(oracle.target) from \(oracle.current)"
        let expected = oracle.expected
        do {
            switch oracle.kind {
            case "upgrade", "downgrade":
                let steps = oracle.kind == "upgrade"
                    ? try graph.upgradePlan(from: oracle.current, to: oracle.target.single)
                    : try graph.downgradePlan(from: oracle.current, to: oracle.target.single)
                guard let expectedSteps = expected.steps else {
                    return expectFailure(expected, got: "\(steps.map(\.revision.id))", label)
                }
                #expect(steps.map(\.revision.id) == expectedSteps.map(\.revision), label)
                #expect(steps.allSatisfy { $0.direction == (oracle.kind == "upgrade" ? .up : .down) }, label)
                var rows = oracle.current
                var after: [[String]] = []
                for step in steps {
                    rows = step.apply(to: rows)
                    after.append(rows.sorted())
                }
                #expect(after == expectedSteps.map(\.rows), label)
            case "stamp":
                let steps = try graph.stampPlan(from: oracle.current, to: oracle.target.list)
                guard let expectedRows = expected.rows else {
                    return expectFailure(expected, got: "\(steps)", label)
                }
                let rows = steps.reduce(oracle.current) { $1.apply(to: $0) }
                #expect(rows.sorted() == expectedRows, label)
            case "history":
                let parts = oracle.target.single.split(separator: ":", omittingEmptySubsequences: false).map(String.init)
                let revisions = try graph.history(
                    from: parts[0].isEmpty ? "base" : parts[0], to: parts[1].isEmpty ? "heads" : parts[1],
                    current: oracle.current)
                guard let expectedRevisions = expected.revisions else {
                    return expectFailure(expected, got: "\(revisions.map(\.id))", label)
                }
                #expect(revisions.map(\.id) == expectedRevisions, label)
            case "resolve":
                let revision = try graph.resolve(oracle.target.single)
                guard expected.error == nil, expected.crash == nil else {
                    return expectFailure(expected, got: "\(revision?.id ?? "nil")", label)
                }
                #expect(revision?.id == expected.revision, label)
            default:
                Issue.record("unknown kind \(oracle.kind)")
            }
        } catch {
            if case .ambiguousRelativeTarget = error {
                return expectAmbiguityAgrees(oracle, on: graph, label)
            }
            if let message = expected.error {
                let text = error.description
                #expect(text.hasPrefix(message) || expected.detail.map(text.hasPrefix) == true,
                        "\(label): got \(text); Alembic: \(message) / \(expected.detail ?? "")")
            } else if expected.crash == nil {
                Issue.record("\(label): unexpected error \(error)")
            }
        }
    }

    /// alchemy refused a relative step as ambiguous. That agrees with Alembic
    /// when Alembic refused it too (its "Ambiguous walk" and "Ambiguous
    /// upgrade from multiple current revisions"), when Alembic only warned
    /// (`downgrade -N` from several rows), and when Alembic's own plan moves
    /// more than N revisions on one branch, which the relative-step rule
    /// forbids.
    private func expectAmbiguityAgrees(_ oracle: OracleCase, on graph: RevisionGraph, _ label: Comment) {
        let expected = oracle.expected
        if expected.error != nil || expected.crash != nil { return }
        let target = oracle.target.single
        guard let relative = RelativeTarget(target), relative.symbol == nil else {
            Issue.record("\(label): refused as ambiguous, but \(target) is not counted from the current state")
            return
        }
        if oracle.kind == "downgrade", relative.branch == nil, Set(oracle.current).count > 1 { return }
        let moved = Set((expected.steps ?? []).compactMap { graph.indexByID[$0.revision] })
        #expect(graph.longestBranch(in: moved) > abs(relative.steps),
                "\(label): refused as ambiguous, but Alembic moves at most \(abs(relative.steps)) on each branch")
    }

    /// Alembic refused (or crashed on) a case we answered.
    private func expectFailure(_ expected: OracleExpectation, got: String, _ label: Comment) {
        // Where Alembic fails on an internal assertion, any clean answer is an
        // improvement; where it reports an error, we must too.
        if expected.crash == nil {
            Issue.record("\(label): Alembic fails with \(expected.error ?? "?"), we answered \(got)")
        }
    }
}

// MARK: - Oracle data

struct OracleData: Decodable {
    struct Revision: Decodable {
        var id: String
        var down: [String]
        var depends: [String]
        var labels: [String]
    }

    var alembic: String
    var graphs: [String: [Revision]]
    var cases: [OracleCase]
}

struct OracleCase: Decodable {
    var graph: String
    var kind: String
    var current: [String]
    var target: OracleTarget
    var expected: OracleExpectation
}

/// A target string, or several for `stamp`.
struct OracleTarget: Decodable, CustomStringConvertible {
    var list: [String]
    var single: String { list.first ?? "" }
    var description: String { list.count == 1 ? single : "\(list)" }

    init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let text = try? container.decode(String.self) {
            list = [text]
        } else {
            list = try container.decode([String].self)
        }
    }
}

struct OracleExpectation: Decodable {
    struct Step: Decodable {
        var revision: String
        var rows: [String]

        init(from decoder: any Decoder) throws {
            var container = try decoder.unkeyedContainer()
            revision = try container.decode(String.self)
            rows = try container.decode([String].self)
        }
    }

    var steps: [Step]?
    var rows: [String]?
    var revisions: [String]?
    var revision: String?
    var error: String?
    var detail: String?
    var crash: String?
}
