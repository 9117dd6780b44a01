import Testing
@testable import AlchemyMigrate

/// Minimal cases from disagreements that the differential run against Alembic
/// (`scripts/differential`, Tests/Differential/alembic_differential.py) found,
/// with the plan and rows alchemy must give. Where Alembic's own answer is a
/// crash we do not copy, the test says so and pins ours.
@Suite("Graph: differential regressions")
struct DifferentialRegressionTests {
    /// a1 <- b2 <- c3 <- d4
    static let linear = try! RevisionGraph([
        Revision(id: "aaaa01"),
        Revision(id: "bbbb02", downRevisions: ["aaaa01"]),
        Revision(id: "cccc03", downRevisions: ["bbbb02"]),
        Revision(id: "dddd04", downRevisions: ["cccc03"]),
    ])

    /// Differential seed 25: `stamp C B` with the row at D and B below C. Both
    /// targets move the row D; the second move named a row the first had
    /// already replaced, so the planned UPDATE matched nothing while the
    /// command reported "now at C, B" over a table that said C. Alembic fails
    /// half-way (KeyError, first move written). alchemy now refuses before
    /// writing anything.
    @Test func stampTargetsThatMoveOneRowTwiceAreRefused() {
        for targets in [["cccc03", "bbbb02"], ["bbbb02", "cccc03"]] {
            #expect(throws: GraphError.self) {
                try Self.linear.stampPlan(from: ["dddd04"], to: targets)
            }
        }
        do {
            _ = try Self.linear.stampPlan(from: ["dddd04"], to: ["cccc03", "bbbb02"])
        } catch {
            guard case .invalidTarget(let message) = error else {
                Issue.record("unexpected error \(error)")
                return
            }
            #expect(message.contains("overlap"))
        }
    }

    /// Differential seed 351: the targets are not on one line, but the one row
    /// lies above both, so both would move it down. Alembic crashes half-way
    /// (KeyError); alchemy refuses before writing anything.
    @Test func stampTargetsBelowOneRowAreRefused() {
        let graph = try! RevisionGraph([
            Revision(id: "rrrr00"),
            Revision(id: "xxxx11", downRevisions: ["rrrr00"]),
            Revision(id: "yyyy22", downRevisions: ["rrrr00"]),
            Revision(id: "mmmm33", downRevisions: ["xxxx11", "yyyy22"]),
        ])
        #expect(throws: GraphError.self) {
            try graph.stampPlan(from: ["mmmm33"], to: ["xxxx11", "yyyy22"])
        }
        // From below both, the second target gets a row of its own, as in Alembic.
        let up = try? graph.stampPlan(from: ["rrrr00"], to: ["xxxx11", "yyyy22"])
        #expect(up?.reduce(["rrrr00"]) { $1.apply(to: $0) } == ["xxxx11", "yyyy22"])
    }

    /// The overlapping stamps Alembic does answer keep Alembic's answer (these
    /// are also in the Alembic oracle data).
    @Test func overlappingStampsAlembicAnswersStillWork() throws {
        let fromTop = try Self.linear.stampPlan(from: ["dddd04"], to: ["aaaa01", "dddd04"])
        #expect(fromTop.reduce(["dddd04"]) { $1.apply(to: $0) } == ["aaaa01"])
        let fromMiddle = try Self.linear.stampPlan(from: ["bbbb02"], to: ["bbbb02", "cccc03"])
        #expect(fromMiddle.reduce(["bbbb02"]) { $1.apply(to: $0) } == ["cccc03"])
        let fromEmpty = try Self.linear.stampPlan(from: [], to: ["aaaa01", "dddd04"])
        #expect(fromEmpty.reduce([]) { $1.apply(to: $0) } == ["aaaa01", "dddd04"])
    }

    /// r <- c ; r <- a (depends_on c) ; r <- b ; m <- (a, b, c)
    static let mergeWithImpliedParent = try! RevisionGraph([
        Revision(id: "rrrr00"),
        Revision(id: "cccc11", downRevisions: ["rrrr00"]),
        Revision(id: "aaaa22", downRevisions: ["rrrr00"], dependsOn: ["cccc11"]),
        Revision(id: "bbbb33", downRevisions: ["rrrr00"]),
        Revision(id: "mmmm44", downRevisions: ["aaaa22", "bbbb33", "cccc11"]),
    ])

    /// Differential seeds 20, 64, 99, 191, 421, 749 (excluded from the
    /// generator): a merge lists a parent that another parent (or the merge
    /// itself) depends on, so that parent is never a row of its own. With two
    /// other parents as rows, Alembic deletes the implied parent's row at the
    /// merge and crashes with KeyError, after committing the revisions before
    /// the merge (rows a, b). alchemy runs the merge and leaves one row; the
    /// downgrade goes back through the same revisions.
    @Test func mergeWithParentImpliedByDependencyLeavesOneRow() throws {
        let graph = Self.mergeWithImpliedParent
        let up = try graph.upgradePlan(from: [], to: "head")
        #expect(up.map(\.revision.id) == ["rrrr00", "cccc11", "bbbb33", "aaaa22", "mmmm44"])
        #expect(up.reduce([]) { $1.apply(to: $0) } == ["mmmm44"])
        let down = try graph.downgradePlan(from: ["mmmm44"], to: "rrrr00")
        #expect(Set(down.map(\.revision.id)) == ["mmmm44", "aaaa22", "bbbb33", "cccc11"])
        #expect(down.first?.revision.id == "mmmm44")
        #expect(down.reduce(["mmmm44"]) { $1.apply(to: $0) } == ["rrrr00"])
    }

    /// With only two parents, one implied, Alembic answers, and alchemy agrees:
    /// r <- a ; r <- b (depends_on a) ; m <- (b, a) upgrades to [m].
    @Test func twoParentMergeWithImpliedParentMatchesAlembic() throws {
        let graph = try RevisionGraph([
            Revision(id: "rrrr00"),
            Revision(id: "aaaa11", downRevisions: ["rrrr00"]),
            Revision(id: "bbbb22", downRevisions: ["rrrr00"], dependsOn: ["aaaa11"]),
            Revision(id: "mmmm33", downRevisions: ["bbbb22", "aaaa11"]),
        ])
        let up = try graph.upgradePlan(from: [], to: "head")
        #expect(up.map(\.revision.id) == ["rrrr00", "aaaa11", "bbbb22", "mmmm33"])
        #expect(up.reduce([]) { $1.apply(to: $0) } == ["mmmm33"])
    }

    /// Once excluded from the generator: `downgrade -1` with several rows.
    /// Alembic walks down from whichever row the unordered SELECT returns
    /// first and warns that this is ambiguous; alchemy refuses (the
    /// differential counts that as agreement) and `REV-1` picks the row.
    @Test func relativeDowngradeFromSeveralRowsIsRefused() throws {
        let graph = try RevisionGraph([
            Revision(id: "xxxx01"),
            Revision(id: "xxxx02", downRevisions: ["xxxx01"]),
            Revision(id: "yyyy01"),
            Revision(id: "yyyy02", downRevisions: ["yyyy01"]),
        ])
        #expect {
            try graph.downgradePlan(from: ["xxxx02", "yyyy02"], to: "-1")
        } throws: { error in
            guard case GraphError.ambiguousRelativeTarget(_, let heads, _) = error else { return false }
            return heads == ["xxxx02", "yyyy02"]
        }
        let steps = try graph.downgradePlan(from: ["xxxx02", "yyyy02"], to: "xxxx02-1")
        #expect(steps.map(\.revision.id) == ["xxxx02"])
        #expect(steps.reduce(["xxxx02", "yyyy02"]) { $1.apply(to: $0) }.sorted() == ["xxxx01", "yyyy02"])
    }
}
