import Testing
@testable import AlchemyMigrate

/// Planning must stay linear on long straight histories: a project with years
/// of revisions plans in milliseconds, not seconds.
@Suite("Graph: performance")
struct GraphPerformanceTests {
    static func chain(_ count: Int) -> [Revision] {
        (0..<count).map { index in
            Revision(id: String(format: "%012x", index + 1),
                     downRevisions: index == 0 ? [] : [String(format: "%012x", index)],
                     path: "versions/\(index).yaml")
        }
    }

    @Test func thousandRevisionChainPlansQuickly() throws {
        let clock = ContinuousClock()
        let revisions = Self.chain(1_000)
        var graph: RevisionGraph?
        var up: [MigrationStep] = []
        var down: [MigrationStep] = []
        var history: [Revision] = []
        let elapsed = try clock.measure {
            graph = try RevisionGraph(revisions)
            up = try graph!.upgradePlan(from: [], to: "head")
            down = try graph!.downgradePlan(from: [revisions.last!.id], to: "base")
            history = try graph!.history()
        }
        #expect(up.count == 1_000)
        #expect(up.first?.revision.id == revisions.first?.id)
        #expect(up.last?.revision.id == revisions.last?.id)
        #expect(up.reduce([]) { $1.apply(to: $0) } == [revisions.last!.id])
        #expect(down.count == 1_000)
        #expect(history.count == 1_000)
        // Debug builds on a shared CI core; a quadratic walk would take far longer.
        #expect(elapsed < .seconds(2), "took \(elapsed)")
    }

    @Test func tenThousandRevisionChainScales() throws {
        let clock = ContinuousClock()
        let revisions = Self.chain(10_000)
        let elapsed = try clock.measure {
            let graph = try RevisionGraph(revisions)
            let steps = try graph.upgradePlan(from: [revisions[4_999].id], to: "heads")
            #expect(steps.count == 5_000)
        }
        #expect(elapsed < .seconds(10), "took \(elapsed)")
    }
}
