extension RevisionGraph {
    /// Moves `steps` revisions up (positive) or down (negative) from a point.
    ///
    /// Going up from nothing starts at the bases; going down from nothing starts
    /// at the heads; below a base is `base`. A walk that reaches a fork (or a
    /// merge, going down) is refused as ambiguous (the relative-step rule of
    /// RevisionGraph+RelativeStep.swift), unless a branch label picks one side
    /// going up. Returns nil when the walk runs off the graph and
    /// `noOverwalk` is set; otherwise such a walk stops where it is.
    func walk(from start: GraphPoint?, steps: Int, branch: String? = nil, noOverwalk: Bool = true) throws(GraphFailure) -> GraphPoint? {
        var current = start
        for _ in 0..<abs(steps) {
            var children: [GraphPoint?]
            if steps > 0 {
                let above: [Int]
                switch current {
                case nil, .base?: above = baseIndices
                case .revision(let index)?: above = nodes[index].next
                }
                if let branch {
                    children = try filterForLineage(above, branch).map(GraphPoint.revision)
                } else {
                    children = above.map(GraphPoint.revision)
                }
            } else {
                switch current {
                case .base?:
                    children = []
                case nil:
                    children = headIndices.map(GraphPoint.revision)
                case .revision(let index)?:
                    children = nodes[index].down.map(GraphPoint.revision)
                }
                if children.isEmpty, current != .base { children = [.base] }
            }
            if children.isEmpty {
                return noOverwalk ? nil : current
            }
            if children.count > 1 {
                throw .ambiguousRelative
            }
            current = children[0]
        }
        return current
    }

    /// The revision a `downgrade` target names, and the branch it is confined
    /// to (Alembic's `_parse_downgrade_target`). A nil or `.base` point means
    /// everything goes.
    func parseDowngradeTarget(current: [String], target: String?, assertRelativeLength: Bool) throws(GraphFailure) -> (branch: String?, point: GraphPoint?) {
        guard let target else { return (nil, nil) }
        guard let relative = RelativeTarget(target) else {
            // `label@rev` keeps the label for narrowing and resolves `rev` alone.
            var branch: String?
            var symbol = target
            if let at = target.lastIndex(of: "@") {
                branch = String(target[..<at])
                symbol = String(target[target.index(after: at)...])
                if branch == "" { branch = nil }
            }
            return (branch, try revisionIndex(symbol).map(GraphPoint.revision))
        }
        let steps = relative.steps
        var branch = relative.branch
        if steps >= 0 {
            guard let symbol = relative.symbol else {
                throw .refused("Relative revision \(relative.relative) didn't produce \(abs(steps)) migrations")
            }
            let start = try revisionIndex(symbol).map(GraphPoint.revision)
            guard let point = try walk(from: start, steps: steps, branch: branch, noOverwalk: assertRelativeLength) else {
                throw .refused("Walked too far")
            }
            return (branch, point)
        }
        var symbol = relative.symbol
        let relativeToCurrent = symbol == nil
        if relativeToCurrent {
            if let label = branch {
                var onBranch = try filterForLineage(try indices(current), label).map { revisions[$0].id }
                if onBranch.isEmpty {
                    // The branch's head may be implied by a head of another
                    // branch that depends on it.
                    onBranch = try filterForLineage(try allCurrent(current), label).map { revisions[$0].id }
                }
                guard onBranch.count <= 1 else { throw .ambiguousRelative }
                guard onBranch.count == 1 else {
                    throw .refused("Relative revision \(steps) didn't produce \(abs(steps)) migrations: no current head is on branch '\(label)'")
                }
                symbol = onBranch[0]
            } else {
                guard let first = current.first else {
                    throw .refused("Relative revision \(steps) didn't produce \(abs(steps)) migrations")
                }
                // Alembic warns that this is ambiguous and walks down from
                // whichever row comes first; alchemy refuses.
                guard Set(current).count == 1 else { throw .ambiguousRelative }
                symbol = first
                branch = first
            }
        }
        let startName = branch.map { "\($0)@\(symbol ?? "")" } ?? symbol
        let start = try revisionIndex(startName).map(GraphPoint.revision)
        guard let point = try walk(from: start, steps: steps, noOverwalk: assertRelativeLength) else {
            if relativeToCurrent {
                throw .refused("Relative revision \(steps) didn't produce \(abs(steps)) migrations")
            }
            throw .refused("Walked too far")
        }
        return (branch, point)
    }

    /// The revisions an `upgrade` target names (Alembic's
    /// `_parse_upgrade_target`); entries are nil where a relative walk ran off
    /// the graph.
    func parseUpgradeTarget(current: [String], target: String, assertRelativeLength: Bool) throws(GraphFailure) -> [GraphPoint?] {
        guard let relative = RelativeTarget(target) else {
            return try points(target)
        }
        let steps = relative.steps
        let branch = relative.branch
        if steps > 0 {
            guard let symbol = relative.symbol else {
                // `+N` and `label@+N` count up from the current heads.
                var start: Int?
                if let branch {
                    let currentIndices = try indices(current)
                    var onBranch: [Int?] = try filterForLineage(currentIndices, branch)
                    if onBranch.isEmpty {
                        // Not on the branch yet: start from the tips of its
                        // part that is already applied, or from base.
                        let applied = try filterForLineage(ancestors(of: currentIndices, includeDependencies: true), branch)
                        let below = Set(applied.flatMap { nodes[$0].normalizedDown })
                        onBranch = applied.filter { !below.contains($0) }
                        if onBranch.isEmpty { onBranch = [nil] }
                    }
                    guard onBranch.count == 1 else {
                        throw .ambiguousRelative
                    }
                    start = onBranch[0]
                } else if let first = current.first {
                    guard current.count == 1 else {
                        throw .ambiguousRelative
                    }
                    start = try revisionIndex(first)
                }
                guard let point = try walk(from: start.map(GraphPoint.revision), steps: steps, branch: branch, noOverwalk: assertRelativeLength) else {
                    throw .refused("Relative revision \(relative.relative) didn't produce \(abs(steps)) migrations")
                }
                return [point]
            }
            let start = try revisionIndex(symbol).map(GraphPoint.revision)
            return [try walk(from: start, steps: steps, branch: branch, noOverwalk: assertRelativeLength)]
        }
        guard let symbol = relative.symbol else {
            throw .refused("Relative revision \(steps) didn't produce \(abs(steps)) migrations")
        }
        let startName = branch.map { "\($0)@\(symbol)" } ?? symbol
        let start = try revisionIndex(startName).map(GraphPoint.revision)
        return [try walk(from: start, steps: steps, noOverwalk: assertRelativeLength)]
    }

    /// Resolved revisions for a list of identifiers, dropping `base`.
    func indices(_ ids: [String]) throws(GraphFailure) -> [Int] {
        try points(ids: ids).compactMap { $0?.index }
    }

    /// The tips of everything applied under the given heads, through
    /// `down_revision` only (Alembic's `_get_all_current`).
    func allCurrent(_ ids: [String]) throws(GraphFailure) -> [Int] {
        let top = try indices(ids)
        let applied = ancestors(of: top, includeDependencies: true)
        let appliedSet = Set(applied)
        return applied.filter { index in
            !descendants(of: [index], includeDependencies: false).contains { $0 != index && appliedSet.contains($0) }
        }
    }
}
