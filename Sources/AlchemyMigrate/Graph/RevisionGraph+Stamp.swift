extension RevisionGraph {
    /// The version-table moves that make the rows say `targets` without running
    /// any migration (Alembic's `stamp`).
    ///
    /// Each target moves the current heads that share its line of descent up
    /// or down to it in one step; a target on a branch that has no row yet
    /// gets a new row; a target that already is a row changes nothing; `base`
    /// removes the rows of the branches it names (all rows, for plain `base`).
    /// Several targets may be given to stamp several heads at once.
    ///
    /// With `purge`, every current row is deleted first, unread: this is how a
    /// version table naming revisions that no longer exist is repaired.
    ///
    /// - Throws: resolution errors for unknown targets or unknown rows in
    ///   `current` (without `purge`); ``GraphError/invalidTarget(_:)`` when a
    ///   target such as `head` matches several heads.
    public func stampPlan(from current: [String], to targets: [String], purge: Bool = false) throws(GraphError) -> [StampStep] {
        var steps: [StampStep] = []
        var rows = current
        if purge {
            var seen = Set<String>()
            let distinct = current.filter { seen.insert($0).inserted }
            if !distinct.isEmpty {
                steps.append(StampStep(from: distinct, to: [], direction: .down,
                                       versionChanges: distinct.map { .delete($0) }))
            }
            rows = []
        }
        do throws(GraphFailure) {
            try steps += stampSteps(rows: rows, targets: targets.isEmpty ? ["base"] : targets)
        } catch {
            if case .multipleHeads = error {
                throw .invalidTarget("Multiple heads are present; please specify a single target revision")
            }
            throw error.graphError(headArgument: nil, notAncestor: .invalidTarget("Requested stamp is not along one branch"))
        }
        return steps
    }

    private func stampSteps(rows: [String], targets: [String]) throws(GraphFailure) -> [StampStep] {
        let heads = try indices(rows)

        // The rows each target can move: those on its line of descent.
        var movable: [Int] = []
        for target in targets where !target.isEmpty {
            for head in try filterForLineage(heads, target, includeDependencies: true) where !movable.contains(head) {
                movable.append(head)
            }
        }
        let movableIDs = movable.map { revisions[$0].id }

        var destinations: [Int?] = try points(ids: targets).map { $0?.index }
        if destinations.isEmpty { destinations = [nil] }

        var maintainer = VersionTableMaintainer(graph: self, rows: rows)
        var steps: [StampStep] = []
        func add(from: [String], to: [String], direction: MigrationStep.Direction, branchMove: Bool) throws(GraphFailure) {
            guard let changes = maintainer.stamp(from: from, to: to, direction: direction, branchMove: branchMove) else {
                // Two targets on one line of descent both move the same row:
                // Alembic fails half-way here; refuse before writing anything.
                throw .refused("Stamp targets \(targets.joined(separator: ", ")) overlap: \(to.joined(separator: ", ")) "
                    + "would move version row(s) \(from.joined(separator: ", ")) that an earlier target already moved; "
                    + "stamp only the revisions that should be rows")
            }
            steps.append(StampStep(from: from, to: to, direction: direction, versionChanges: changes))
        }
        for destination in destinations {
            guard let destination else {
                // `base`: each movable row leaves the table.
                for head in movableIDs { try add(from: [head], to: [], direction: .down, branchMove: true) }
                continue
            }
            if movable.contains(destination) { continue }
            let id = revisions[destination].id
            let above = Set(descendants(of: [destination], includeDependencies: true))
            let below = Set(ancestors(of: [destination], includeDependencies: true))
            if movable.contains(where: above.contains) {
                try add(from: movableIDs, to: [id], direction: .down, branchMove: false)
            } else if movable.contains(where: below.contains) {
                try add(from: movableIDs, to: [id], direction: .up, branchMove: false)
            } else {
                try add(from: [], to: [id], direction: .up, branchMove: true)
            }
        }
        return steps
    }
}
