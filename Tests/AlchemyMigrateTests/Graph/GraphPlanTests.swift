import Testing
@testable import AlchemyMigrate

/// Hand-written plans on the common shapes, with the exact version-table
/// statements, complementing the Alembic oracle (which checks rows, not
/// statements).
@Suite("Graph: plans")
struct GraphPlanTests {
    static let linear = try! RevisionGraph([
        Revision(id: "aaa111", message: "first", path: "a.yaml"),
        Revision(id: "bbb222", downRevisions: ["aaa111"], message: "second"),
        Revision(id: "ccc333", downRevisions: ["bbb222"], message: "third"),
    ])

    /// r <- la1 <- la2 <- mm(la2, rb1) <- after ; r <- rb1
    static let merge = try! RevisionGraph([
        Revision(id: "r00000"),
        Revision(id: "la1111", downRevisions: ["r00000"]),
        Revision(id: "la2222", downRevisions: ["la1111"]),
        Revision(id: "rb1111", downRevisions: ["r00000"]),
        Revision(id: "mm0000", downRevisions: ["la2222", "rb1111"]),
        Revision(id: "after1", downRevisions: ["mm0000"]),
    ])

    /// Two labelled branches from one root.
    static let branches = try! RevisionGraph([
        Revision(id: "root00"),
        Revision(id: "left01", downRevisions: ["root00"], branchLabels: ["left"]),
        Revision(id: "left02", downRevisions: ["left01"]),
        Revision(id: "rght01", downRevisions: ["root00"], branchLabels: ["right"]),
        Revision(id: "rght02", downRevisions: ["rght01"]),
    ])

    /// alpha: a1 <- a2 <- a3; beta: b1 <- b2 (depends on a2) <- b3.
    static let depends = try! RevisionGraph([
        Revision(id: "a10000", branchLabels: ["alpha"]),
        Revision(id: "a20000", downRevisions: ["a10000"]),
        Revision(id: "a30000", downRevisions: ["a20000"]),
        Revision(id: "b10000", branchLabels: ["beta"]),
        Revision(id: "b20000", downRevisions: ["b10000"], dependsOn: ["a20000"]),
        Revision(id: "b30000", downRevisions: ["b20000"]),
    ])

    private func ids(_ steps: [MigrationStep]) -> [String] { steps.map(\.revision.id) }

    @Test func linearUpgradeUpdatesOneRow() throws {
        let steps = try Self.linear.upgradePlan(from: [], to: "head")
        #expect(ids(steps) == ["aaa111", "bbb222", "ccc333"])
        #expect(steps.map(\.versionChanges) == [
            [.insert("aaa111")], [.update(from: "aaa111", to: "bbb222")], [.update(from: "bbb222", to: "ccc333")],
        ])
        #expect(steps[1].description == "upgrade aaa111 -> bbb222, second")
    }

    @Test func linearDowngradeToBaseDeletesTheRow() throws {
        let steps = try Self.linear.downgradePlan(from: ["ccc333"], to: "base")
        #expect(ids(steps) == ["ccc333", "bbb222", "aaa111"])
        #expect(steps.last?.versionChanges == [.delete("aaa111")])
        #expect(steps[0].description == "downgrade ccc333 -> bbb222, third")
    }

    @Test func relativeTargets() throws {
        #expect(ids(try Self.linear.upgradePlan(from: ["aaa111"], to: "+1")) == ["bbb222"])
        #expect(ids(try Self.linear.upgradePlan(from: [], to: "+2")) == ["aaa111", "bbb222"])
        #expect(ids(try Self.linear.upgradePlan(from: [], to: "aaa111+2")) == ["aaa111", "bbb222", "ccc333"])
        #expect(ids(try Self.linear.downgradePlan(from: ["ccc333"], to: "-2")) == ["ccc333", "bbb222"])
        #expect(ids(try Self.linear.downgradePlan(from: ["ccc333"], to: "ccc333-1")) == ["ccc333"])
        #expect(throws: GraphError.invalidTarget("Relative revision +5 didn't produce 5 migrations")) {
            try Self.linear.upgradePlan(from: [], to: "+5")
        }
        #expect(throws: GraphError.invalidTarget("Relative revision -1 didn't produce 1 migrations")) {
            try Self.linear.downgradePlan(from: [], to: "-1")
        }
    }

    @Test func alreadyAppliedOrLowerUpgradeIsANoOp() throws {
        #expect(try Self.linear.upgradePlan(from: ["ccc333"], to: "head").isEmpty)
        #expect(try Self.linear.upgradePlan(from: ["ccc333"], to: "aaa111").isEmpty)
    }

    @Test func downgradeAboveCurrentIsRefused() throws {
        #expect(throws: GraphError.invalidDowngradeTarget("ccc333")) {
            try Self.linear.downgradePlan(from: ["aaa111"], to: "ccc333")
        }
    }

    @Test func partialIDs() throws {
        let graph = try RevisionGraph([
            Revision(id: "abcd11", path: "v/1.yaml"),
            Revision(id: "abcd22", downRevisions: ["abcd11"], path: "v/2.yaml"),
            Revision(id: "abce33", downRevisions: ["abcd22"], path: "v/3.yaml"),
        ])
        #expect(try graph.resolve("abce")?.id == "abce33")
        #expect(try graph.resolve("abcd2")?.id == "abcd22")
        #expect(throws: GraphError.ambiguousRevision(prefix: "abcd", candidates: ["abcd11", "abcd22"],
                                                       paths: ["v/1.yaml", "v/2.yaml"])) {
            try graph.resolve("abcd")
        }
        do {
            _ = try graph.upgradePlan(from: [], to: "abc")
            Issue.record("expected an error")
        } catch {
            #expect(error.description.hasPrefix("Multiple revisions start with 'abc': 'abcd11', 'abcd22', 'abce33'..."))
            #expect(error.description.contains("v/3.yaml"))
        }
        #expect(throws: GraphError.unknownRevision("zzzz")) { try graph.resolve("zzzz") }
    }

    @Test func mergeCollapsesRowsAndDowngradeSplitsThem() throws {
        let up = try Self.merge.upgradePlan(from: [], to: "heads")
        #expect(ids(up) == ["r00000", "rb1111", "la1111", "la2222", "mm0000", "after1"])
        let merge = try #require(up.first { $0.revision.id == "mm0000" })
        #expect(merge.versionChanges == [.delete("la2222"), .update(from: "rb1111", to: "mm0000")])
        #expect(up.reduce([]) { $1.apply(to: $0) } == ["after1"])

        let down = try Self.merge.downgradePlan(from: ["after1"], to: "r00000")
        #expect(ids(down) == ["after1", "mm0000", "la2222", "la1111", "rb1111"])
        let unmerge = try #require(down.first { $0.revision.id == "mm0000" })
        #expect(unmerge.versionChanges == [.insert("la2222"), .update(from: "mm0000", to: "rb1111")])
        #expect(down.reduce(["after1"]) { $1.apply(to: $0) } == ["r00000"])
    }

    @Test func headIsAmbiguousWithTwoBranches() throws {
        #expect(throws: GraphError.multipleHeads(argument: "head", heads: ["left02", "rght02"])) {
            try Self.branches.upgradePlan(from: [], to: "head")
        }
        let error = GraphError.multipleHeads(argument: "head", heads: [])
        #expect(error.description == "Multiple head revisions are present for given argument 'head'; please specify a specific target revision, '<branchname>@head' to narrow to a specific head, or 'heads' for all heads")
    }

    @Test func branchPointInsertsASecondRow() throws {
        let left = try Self.branches.upgradePlan(from: [], to: "left@head")
        #expect(ids(left) == ["root00", "left01", "left02"])
        let right = try Self.branches.upgradePlan(from: ["left02"], to: "right@head")
        #expect(ids(right) == ["rght01", "rght02"])
        #expect(right[0].versionChanges == [.insert("rght01")])
        #expect(right.reduce(["left02"]) { $1.apply(to: $0) } == ["left02", "rght02"])
    }

    @Test func downgradeOneBranchKeepsTheOther() throws {
        let steps = try Self.branches.downgradePlan(from: ["left02", "rght02"], to: "right@-1")
        #expect(ids(steps) == ["rght02"])
        let one = try Self.branches.downgradePlan(from: ["left02", "rght02"], to: "rght01")
        #expect(ids(one) == ["rght02"])
        #expect(one[0].versionChanges == [.update(from: "rght02", to: "rght01")])
        // The branch point: both branches go, and their rows become one.
        let root = try Self.branches.downgradePlan(from: ["left02", "rght02"], to: "root00")
        #expect(ids(root) == ["left02", "left01", "rght02", "rght01"])
        #expect(root.map(\.versionChanges).last == [.update(from: "rght01", to: "root00")])
        #expect(root.reduce(["left02", "rght02"]) { $1.apply(to: $0) } == ["root00"])
        // As in Alembic, `label@base` undoes everything down to the common
        // base when the branches share one base.
        let base = try Self.branches.downgradePlan(from: ["left02", "rght02"], to: "right@base")
        #expect(ids(base) == ["left02", "left01", "rght02", "rght01", "root00"])
    }

    @Test func labelsPropagateAlongTheBranch() throws {
        #expect(Self.branches.branchLabels(of: "left02") == ["left"])
        #expect(Self.branches.branchLabels(of: "root00").isEmpty)
        #expect(try Self.branches.resolve("left@head")?.id == "left02")
        #expect(try Self.branches.resolve("left")?.id == "left01")
        #expect(throws: GraphError.notInBranch(revision: "rght02", branch: "left")) {
            try Self.branches.resolve("left@rght02")
        }
    }

    @Test func dependsOnPullsInTheOtherBranch() throws {
        let steps = try Self.depends.upgradePlan(from: [], to: "beta@head")
        #expect(ids(steps) == ["a10000", "a20000", "b10000", "b20000", "b30000"])
        // a2 is implied by b2, which depends on it: one row remains.
        #expect(steps.reduce([]) { $1.apply(to: $0) } == ["b30000"])
        // Undoing a2 first undoes what depends on it.
        let down = try Self.depends.downgradePlan(from: ["b30000"], to: "a10000")
        #expect(ids(down) == ["b30000", "b20000", "a20000"])
        #expect(down.reduce(["b30000"]) { $1.apply(to: $0) }.sorted() == ["a10000", "b10000"])
    }

    @Test func stampSeveralHeadsAndPurge() throws {
        let steps = try Self.branches.stampPlan(from: [], to: ["left02", "rght01"])
        #expect(steps.reduce([]) { $1.apply(to: $0) } == ["left02", "rght01"])
        let down = try Self.branches.stampPlan(from: ["left02", "rght01"], to: ["root00"])
        #expect(down.reduce(["left02", "rght01"]) { $1.apply(to: $0) } == ["root00"])
        #expect(throws: GraphError.unknownRevision("gone99")) {
            try Self.branches.stampPlan(from: ["gone99"], to: ["heads"])
        }
        let purged = try Self.branches.stampPlan(from: ["gone99"], to: ["heads"], purge: true)
        #expect(purged.first?.versionChanges == [.delete("gone99")])
        #expect(purged.reduce(["gone99"]) { $1.apply(to: $0) } == ["left02", "rght02"])
        let base = try Self.branches.stampPlan(from: ["left02", "rght02"], to: ["base"])
        #expect(base.reduce(["left02", "rght02"]) { $1.apply(to: $0) }.isEmpty)
    }

    @Test func historyRanges() throws {
        #expect(try Self.linear.history().map(\.id) == ["ccc333", "bbb222", "aaa111"])
        #expect(try Self.linear.history(from: "bbb222").map(\.id) == ["ccc333", "bbb222"])
        #expect(try Self.linear.history(to: "bbb222").map(\.id) == ["bbb222", "aaa111"])
        #expect(try Self.linear.history(from: "-1").map(\.id) == ["ccc333", "bbb222"])
        #expect(try Self.linear.history(from: "current", current: ["bbb222"]).map(\.id) == ["ccc333", "bbb222"])
        #expect(throws: GraphError.invalidRange(start: "ccc333", end: "aaa111")) {
            try Self.linear.history(from: "ccc333", to: "aaa111")
        }
    }
}
