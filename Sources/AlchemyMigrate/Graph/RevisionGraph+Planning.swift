extension RevisionGraph {
    /// The steps that take the database from its current heads to `target`.
    ///
    /// `current` is the content of the version table (one row per applied
    /// head; empty for a new database). `target` takes Alembic's syntax:
    /// `head`, `heads`, `base`, a full or unique partial id, a branch label,
    /// `label@head`, `label@rev`, `+N` (N more from the current head),
    /// `label@+N`, `REV+N`, `REV-N`. A target that is already applied, or
    /// lies below the current heads, gives an empty plan, as in Alembic.
    ///
    /// Revisions of other branches that a target needs through `depends_on`
    /// are included, before the revisions that depend on them.
    ///
    /// - Throws: ``GraphError/multipleHeads(argument:heads:)`` for `head` while
    ///   branches are unmerged; resolution errors for unknown or ambiguous ids
    ///   (including unknown rows in `current`); ``GraphError/invalidTarget(_:)``
    ///   for relative moves that cannot be made.
    public func upgradePlan(from current: [String], to target: String) throws(GraphError) -> [MigrationStep] {
        let order: [Int]
        do throws(GraphFailure) {
            // A single `label@rev` start (`upgrade label@rev:target --sql`) is
            // an identifier, not a version-table row.
            let lower: RangeEnd = current.count == 1 && current[0].contains("@") ? .identifier(current[0]) : .rows(current)
            let (selected, targets) = try upgradeSelection(
                upper: .identifier(target), lower: lower,
                inclusive: false, implicitBase: true, assertRelativeLength: true)
            try enforceRelativeStepLimit(target: target, moved: selected)
            order = topologicalOrder(selected, heads: targets).reversed()
        } catch {
            throw error.graphError(headArgument: target, notAncestor: .invalidUpgradeTarget(target),
                                   ambiguous: ambiguousRelativeError(target: target, rows: current))
        }
        return steps(order, direction: .up, rows: current)
    }

    /// The steps that take the database from its current heads down to
    /// `target`.
    ///
    /// `target` takes Alembic's syntax: `base`, a revision, `-N` (N below the
    /// current head), `label@-N`, `REV-N`, `REV+N`, `label@base`, `label@rev`.
    /// Only revisions that are applied and lie above the target are undone; a
    /// downgrade of one branch leaves the other branches where they are, and
    /// revisions that depend on an undone revision are undone first.
    ///
    /// - Throws: ``GraphError/invalidDowngradeTarget(_:)`` when the target is
    ///   not below the current heads; resolution and relative-move errors as
    ///   for ``upgradePlan(from:to:)``.
    public func downgradePlan(from current: [String], to target: String) throws(GraphError) -> [MigrationStep] {
        let order: [Int]
        do throws(GraphFailure) {
            let (selected, heads) = try downgradeSelection(current: current, target: target, assertRelativeLength: true)
            try enforceRelativeStepLimit(target: target, moved: selected)
            order = topologicalOrder(selected, heads: heads)
        } catch {
            throw error.graphError(headArgument: target, notAncestor: .invalidDowngradeTarget(target),
                                   ambiguous: ambiguousRelativeError(target: target, rows: current))
        }
        return steps(order, direction: .down, rows: current)
    }

    /// The revisions from `head` down to `base`, newest first, as
    /// `history -r base:head` lists them (Alembic's `walk_revisions`).
    ///
    /// Either end may be `current`, which stands for the rows passed as
    /// `current`. The defaults cover the whole history. Relative ends are
    /// accepted: `-3:` (from three below the heads), `:+2` (two above the
    /// bases), `base:-1` (up to one below the heads); unlike plans, a relative
    /// end that runs off the graph stops at its edge.
    ///
    /// - Throws: ``GraphError/invalidRange(start:end:)`` when `base` is not
    ///   below `head`.
    public func history(from base: String = "base", to head: String = "heads", current: [String] = []) throws(GraphError) -> [Revision] {
        let lower: RangeEnd = base == "current" ? .rows(current) : .identifier(base)
        var upper: RangeEnd = head == "current" ? .rows(current) : .identifier(head)
        do throws(GraphFailure) {
            if let relative = RelativeTarget(head), relative.symbol == nil, relative.steps < 0 {
                // `base:-1`: Alembic reads a negative upper end as an upgrade
                // target and refuses it; history only lists, so it reads it as
                // `show -1` does: N below each head (of the branch, if named).
                upper = .rows(try points(head).compactMap { $0?.index.map { revisions[$0].id } })
            }
            let (selected, targets) = try upgradeSelection(
                upper: upper, lower: lower, inclusive: true, implicitBase: false, assertRelativeLength: false)
            return topologicalOrder(selected, heads: targets).map { revisions[$0] }
        } catch {
            throw error.graphError(headArgument: head, notAncestor: .invalidRange(start: base, end: head),
                                   ambiguous: ambiguousRelativeError(target: RelativeTarget(base) != nil ? base : head, rows: current))
        }
    }

    /// Attaches to each revision the version-table changes it makes, given the
    /// rows before the first step.
    private func steps(_ order: [Int], direction: MigrationStep.Direction, rows: [String]) -> [MigrationStep] {
        var maintainer = VersionTableMaintainer(graph: self, rows: rows)
        return order.map { index in
            let changes = maintainer.move(index, direction: direction)
            return MigrationStep(revision: revisions[index], direction: direction, versionChanges: changes)
        }
    }
}
