import AlchemyTestSupport
import Testing
@testable import AlchemyMigrate

/// The relative-step rule (RevisionGraph+RelativeStep.swift): `-N`, `+N`,
/// `label@-N` and `label@+N` move at most N revisions on any branch, or are
/// refused with one message that names the heads and the spellings that work.
@Suite("Graph: relative steps")
struct RelativeStepTests {
    /// The graph of the report: 4cbb -> 208c -> {15ac, 27e2 -> 83ed -> {23e8 -> 7ebc, 86cf -> bd62}}.
    static let issueGraph = try! RevisionGraph([
        Revision(id: "4cbb00"),
        Revision(id: "208c00", downRevisions: ["4cbb00"]),
        Revision(id: "15ac00", downRevisions: ["208c00"]),
        Revision(id: "27e200", downRevisions: ["208c00"]),
        Revision(id: "83ed00", downRevisions: ["27e200"]),
        Revision(id: "23e800", downRevisions: ["83ed00"]),
        Revision(id: "7ebc00", downRevisions: ["23e800"]),
        Revision(id: "86cf00", downRevisions: ["83ed00"], branchLabels: ["other"]),
        Revision(id: "bd6200", downRevisions: ["86cf00"]),
    ])
    static let allHeads = ["15ac00", "7ebc00", "bd6200"]

    /// Before the rule, `-2` walked down from the first row (15ac) to 4cbb
    /// and reverted the eight revisions above it.
    @Test func downgradeFromSeveralHeadsIsRefusedNamingHeadsAndSpellings() {
        for target in ["-1", "-2", "-5"] {
            do {
                let steps = try Self.issueGraph.downgradePlan(from: Self.allHeads, to: target)
                Issue.record("\(target) planned \(steps.map(\.revision.id))")
            } catch {
                guard case .ambiguousRelativeTarget(_, let heads, _) = error else {
                    Issue.record("\(target): unexpected \(error)")
                    continue
                }
                #expect(heads == Self.allHeads)
                let step = target.dropFirst()
                #expect(error.description.contains("(heads: 15ac00, 7ebc00, bd6200)"), "\(error)")
                #expect(error.description.contains("'15ac00-\(step)'"), "\(error)")
                #expect(error.description.contains("'other@-\(step)'"), "\(error)")
                #expect(!error.description.contains("\n"))
            }
        }
    }

    @Test func theSpellingsTheMessageSuggestsWork() throws {
        let fromRevision = try Self.issueGraph.downgradePlan(from: Self.allHeads, to: "7ebc00-1")
        #expect(fromRevision.map(\.revision.id) == ["7ebc00"])
        let alongBranch = try Self.issueGraph.downgradePlan(from: Self.allHeads, to: "other@-2")
        #expect(alongBranch.map(\.revision.id) == ["bd6200", "86cf00"])
    }

    /// No "Ambiguous walk": forks going up and merges going down get the same
    /// message.
    @Test func walksThatMustChooseABranchGetTheSameMessage() {
        #expect(throws: Never.self) { try Self.issueGraph.upgradePlan(from: ["23e800"], to: "+1") }
        for (rows, target) in [(["208c00"], "+1"), ([], "+3"), (["83ed00"], "+1")] {
            #expect {
                try Self.issueGraph.upgradePlan(from: rows, to: target)
            } throws: { error in
                guard case GraphError.ambiguousRelativeTarget = error else { return false }
                return !"\(error)".contains("Ambiguous walk")
            }
        }
    }

    /// Random graphs (forks, merges, second bases, labels, depends_on) and
    /// random applied states: every relative step either moves at most N
    /// revisions along every line of descent, or is refused.
    @Test func generatedGraphsNeverMoveMoreThanNOnABranch() throws {
        var planned = 0
        var refused = 0
        for seed in 0..<300 {
            var random = SeededGenerator(state: UInt64(seed))
            let revisions = Self.randomGraph(&random)
            let graph = try RevisionGraph(revisions)
            let down = Dictionary(uniqueKeysWithValues: revisions.map { ($0.id, $0.downRevisions) })
            let labels = revisions.flatMap(\.branchLabels)
            for _ in 0..<4 {
                let rows = try Self.randomState(graph, revisions, &random)
                for n in 1...3 {
                    var targets = ["-\(n)", "+\(n)"]
                    for label in labels { targets += ["\(label)@-\(n)", "\(label)@+\(n)"] }
                    for target in targets {
                        do {
                            let steps = target.contains("-")
                                ? try graph.downgradePlan(from: rows, to: target)
                                : try graph.upgradePlan(from: rows, to: target)
                            planned += 1
                            let moved = Set(steps.map(\.revision.id))
                            #expect(Self.longestChain(moved, down: down) <= n,
                                    "seed \(seed): \(target) from \(rows) moved \(steps.map(\.revision.id))")
                            if target.hasPrefix("-") {
                                #expect(Set(rows).count <= 1, "seed \(seed): \(target) from several heads \(rows) was planned")
                            }
                        } catch {
                            if case .ambiguousRelativeTarget = error { refused += 1 }
                        }
                    }
                }
            }
        }
        #expect(planned > 1000)
        #expect(refused > 100)
    }

    // MARK: history ranges

    static let linear = try! RevisionGraph([
        Revision(id: "aaaa01"),
        Revision(id: "bbbb02", downRevisions: ["aaaa01"]),
        Revision(id: "cccc03", downRevisions: ["bbbb02"]),
        Revision(id: "dddd04", downRevisions: ["cccc03"]),
    ])

    /// `-3:` and `:+2` are Alembic's answers (checked against Alembic 1.20);
    /// `base:-1` is refused by Alembic and lists up to one below the head here.
    @Test func relativeHistoryRanges() throws {
        let history = { (from: String, to: String, current: [String]) throws -> [String] in
            try Self.linear.history(from: from, to: to, current: current).map(\.id)
        }
        #expect(try history("-3", "heads", []) == ["dddd04", "cccc03", "bbbb02", "aaaa01"])
        #expect(try history("-1", "heads", []) == ["dddd04", "cccc03"])
        #expect(try history("base", "+2", []) == ["bbbb02", "aaaa01"])
        #expect(try history("base", "-1", []) == ["cccc03", "bbbb02", "aaaa01"])
        #expect(try history("current", "heads", ["bbbb02"]) == ["dddd04", "cccc03", "bbbb02"])
    }

    // MARK: Generators

    /// The longest line of descent inside `moved`, computed from the revision
    /// files' `down_revision` alone (independent of the graph's own count).
    static func longestChain(_ moved: Set<String>, down: [String: [String]]) -> Int {
        var memo: [String: Int] = [:]
        func depth(_ id: String) -> Int {
            if let known = memo[id] { return known }
            let value = 1 + (down[id, default: []].filter(moved.contains).map(depth).max() ?? 0)
            memo[id] = value
            return value
        }
        return moved.map(depth).max() ?? 0
    }

    static func randomGraph(_ random: inout SeededGenerator) -> [Revision] {
        var revisions: [Revision] = []
        var labelsLeft = ["lab1", "lab2", "lab3"]
        for index in 0..<Int.random(in: 3...10, using: &random) {
            let id = "r\(index)x\(Int.random(in: 1000...9999, using: &random))"
            let children = Set(revisions.flatMap(\.downRevisions))
            let heads = revisions.map(\.id).filter { !children.contains($0) }
            let roll = Double.random(in: 0..<1, using: &random)
            var down: [String] = []
            if index == 0 || (roll < 0.1 && revisions.count < 8) {
                down = []
            } else if roll < 0.3, heads.count >= 2 {
                down = Array(heads.shuffled(using: &random).prefix(2))
            } else if roll < 0.55 {
                down = [revisions.randomElement(using: &random)!.id]
            } else {
                down = [heads.randomElement(using: &random)!]
            }
            var labels: [String] = []
            if (down.isEmpty || roll < 0.55), !labelsLeft.isEmpty, Bool.random(using: &random) {
                labels = [labelsLeft.removeFirst()]
            }
            var depends: [String] = []
            if down.count == 1, revisions.count > 2, Double.random(in: 0..<1, using: &random) < 0.15 {
                let candidate = revisions.randomElement(using: &random)!.id
                if !down.contains(candidate) { depends = [candidate] }
            }
            revisions.append(Revision(id: id, downRevisions: down, dependsOn: depends, branchLabels: labels))
        }
        return revisions
    }

    /// The rows after upgrading an empty database to a random revision (or to
    /// all heads), as the runner would leave them.
    static func randomState(_ graph: RevisionGraph, _ revisions: [Revision], _ random: inout SeededGenerator) throws -> [String] {
        let target = Bool.random(using: &random) ? "heads" : revisions.randomElement(using: &random)!.id
        guard let steps = try? graph.upgradePlan(from: [], to: target) else { return [] }
        return steps.reduce([]) { $1.apply(to: $0) }
    }
}
