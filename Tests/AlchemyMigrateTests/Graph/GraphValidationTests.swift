import Testing
@testable import AlchemyMigrate

/// Every way a set of revision files can fail to form a graph, with the files
/// named in the message.
@Suite("Graph: validation")
struct GraphValidationTests {
    private func error(_ revisions: [Revision]) -> GraphError? {
        do {
            _ = try RevisionGraph(revisions)
            return nil
        } catch {
            return error
        }
    }

    @Test func duplicateIDNamesBothFiles() throws {
        let failure = try #require(error([
            Revision(id: "aaaa11", path: "versions/one.yaml"),
            Revision(id: "aaaa11", path: "versions/two.yaml"),
        ]))
        #expect(failure == .duplicateRevision(id: "aaaa11", paths: ["versions/one.yaml", "versions/two.yaml"]))
        #expect(failure.description.contains("versions/one.yaml"))
        #expect(failure.description.contains("versions/two.yaml"))
        #expect(!failure.description.contains("\n"))
    }

    @Test func missingDownRevisionNamesTheFile() throws {
        let failure = try #require(error([
            Revision(id: "aaaa11", path: "versions/a.yaml"),
            Revision(id: "bbbb22", downRevisions: ["cccc33"], path: "versions/b.yaml"),
        ]))
        #expect(failure == .missingDownRevision(revision: "bbbb22", path: "versions/b.yaml", missing: "cccc33"))
        #expect(failure.description.contains("versions/b.yaml"))
        #expect(failure.description.contains("cccc33"))
    }

    @Test func missingDependencyNamesTheFile() throws {
        let failure = try #require(error([
            Revision(id: "aaaa11", path: "versions/a.yaml"),
            Revision(id: "bbbb22", dependsOn: ["nolabel"], path: "versions/b.yaml"),
        ]))
        #expect(failure == .missingDependency(revision: "bbbb22", path: "versions/b.yaml", missing: "nolabel"))
        #expect(failure.description.contains("versions/b.yaml"))
    }

    @Test func dependencyOnABranchLabelIsResolved() throws {
        let graph = try RevisionGraph([
            Revision(id: "aaaa11", branchLabels: ["core"]),
            Revision(id: "bbbb22", dependsOn: ["core"]),
        ])
        #expect(graph.effectiveHeads == ["bbbb22"])
        #expect(graph.heads == ["aaaa11", "bbbb22"])
    }

    @Test func cycleNamesTheFilesInTheCycle() throws {
        let failure = try #require(error([
            Revision(id: "base01", path: "versions/base.yaml"),
            Revision(id: "aaaa11", downRevisions: ["cccc33"], path: "versions/a.yaml"),
            Revision(id: "bbbb22", downRevisions: ["aaaa11"], path: "versions/b.yaml"),
            Revision(id: "cccc33", downRevisions: ["bbbb22"], path: "versions/c.yaml"),
        ]))
        guard case .cycle(let ids, let paths, let throughDependencies) = failure else {
            Issue.record("expected a cycle, got \(failure)")
            return
        }
        #expect(Set(ids) == ["aaaa11", "bbbb22", "cccc33"])
        #expect(Set(paths) == ["versions/a.yaml", "versions/b.yaml", "versions/c.yaml"])
        #expect(!throughDependencies)
        #expect(failure.description.contains("versions/c.yaml"))
        #expect(!failure.description.contains("versions/base.yaml"))
    }

    @Test func selfLoopIsACycle() throws {
        let failure = try #require(error([Revision(id: "aaaa11", downRevisions: ["aaaa11"], path: "versions/a.yaml")]))
        #expect(failure == .cycle(revisions: ["aaaa11"], paths: ["versions/a.yaml"], throughDependencies: false))
    }

    @Test func dependencyCycleIsReported() throws {
        let failure = try #require(error([
            Revision(id: "aaaa11", dependsOn: ["bbbb22"], path: "versions/a.yaml"),
            Revision(id: "bbbb22", downRevisions: ["aaaa11"], path: "versions/b.yaml"),
        ]))
        guard case .cycle(_, let paths, true) = failure else {
            Issue.record("expected a dependency cycle, got \(failure)")
            return
        }
        #expect(Set(paths) == ["versions/a.yaml", "versions/b.yaml"])
        #expect(failure.description.hasPrefix("Dependency cycle is detected in revisions"))
    }

    @Test func duplicateBranchLabelNamesBothFiles() throws {
        let failure = try #require(error([
            Revision(id: "aaaa11", branchLabels: ["feature"], path: "versions/a.yaml"),
            Revision(id: "bbbb22", branchLabels: ["feature"], path: "versions/b.yaml"),
        ]))
        #expect(failure == .duplicateBranchLabel(label: "feature", revision: "bbbb22", path: "versions/b.yaml",
                                                 usedBy: "aaaa11", usedByPath: "versions/a.yaml"))
        #expect(failure.description.hasPrefix("Branch name 'feature' in revision bbbb22"))
        #expect(failure.description.contains("versions/a.yaml"))
    }

    @Test func branchLabelEqualToARevisionID() throws {
        let failure = try #require(error([
            Revision(id: "aaaa11", path: "versions/a.yaml"),
            Revision(id: "bbbb22", branchLabels: ["aaaa11"], path: "versions/b.yaml"),
        ]))
        #expect(failure == .duplicateBranchLabel(label: "aaaa11", revision: "bbbb22", path: "versions/b.yaml",
                                                 usedBy: "aaaa11", usedByPath: "versions/a.yaml"))
    }

    @Test func reservedCharactersInIDs() throws {
        let failure = try #require(error([Revision(id: "ab-cd+1", path: "versions/x.yaml")]))
        #expect(failure == .invalidRevisionID(id: "ab-cd+1", path: "versions/x.yaml", characters: ["+", "-"]))
        #expect(failure.description.contains("versions/x.yaml"))
    }

    @Test func emptyGraphHasNoHeads() throws {
        let graph = try RevisionGraph([])
        #expect(graph.heads.isEmpty)
        #expect(try graph.upgradePlan(from: [], to: "head").isEmpty)
        #expect(try graph.resolve("head") == nil)
    }
}
