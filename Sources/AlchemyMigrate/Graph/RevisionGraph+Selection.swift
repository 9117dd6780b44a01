extension RevisionGraph {
    /// Where the walk between two ends starts or stops: an identifier as the
    /// user typed it, or the rows of the version table.
    enum RangeEnd {
        case identifier(String?)
        case rows([String])

        var ids: [String] {
            switch self {
            case .identifier(let id): return id.map { [$0] } ?? []
            case .rows(let rows): return rows
            }
        }

        var text: String? {
            if case .identifier(let id) = self { return id }
            return nil
        }
    }

    func points(_ end: RangeEnd) throws(GraphFailure) -> [GraphPoint?] {
        switch end {
        case .identifier(let id): return try points(id)
        case .rows(let rows): return try points(ids: rows)
        }
    }

    /// The revisions between `lower` and `upper` that are not yet applied, and
    /// the targets they lead to (Alembic's `_collect_upgrade_revisions`).
    ///
    /// - Parameters:
    ///   - inclusive: also select the lower end itself (for `history`).
    ///   - implicitBase: select whatever the targets need, even on branches
    ///     that do not descend from `lower` (for `upgrade`); without it, the
    ///     lower end must lie below the targets.
    func upgradeSelection(upper: RangeEnd, lower: RangeEnd, inclusive: Bool, implicitBase: Bool,
                          assertRelativeLength: Bool) throws(GraphFailure) -> (selected: Set<Int>, targets: [Int]) {
        var targetPoints: [GraphPoint?]
        switch upper {
        case .identifier(let id?):
            targetPoints = try parseUpgradeTarget(current: lower.ids, target: id, assertRelativeLength: assertRelativeLength)
        default:
            targetPoints = try points(upper)
        }
        var targets: [Int] = []
        for point in targetPoints {
            guard let index = point?.index else {
                if point == nil { throw .refused("Walked too far") }
                continue
            }
            targets.append(index)
        }

        // `label@rev` as the lower end confines the targets to that branch.
        if let text = lower.text, let at = text.firstIndex(of: "@") {
            var branch = String(text[..<at])
            if let index = try revisionIndex(branch), revisions[index].id == branch {
                // A revision id used as a label stands for its one branch.
                guard nodes[index].labels.count == 1, let label = nodes[index].labels.first else {
                    throw .refused("Revision \(branch) does not belong to exactly one labelled branch")
                }
                branch = label
            }
            let narrowed = targets.filter { nodes[$0].labels.contains(branch) }
            targets = Array(Set(narrowed)).sorted()
        }

        let required = Set(try checkedRelated(targets, along: \.normalizedDown)).union(targets)

        var lowerPoints = try points(lower)
        if !implicitBase, lowerPoints.contains(where: { point in
            guard let point else { return false }
            guard let index = point.index else { return true }
            return !required.contains(index)
        }) {
            throw .notAncestor
        }
        var lowerEnd = lower
        if let first = lowerPoints.first, first == nil {
            // A relative lower end that ran off the graph: read it as a
            // downgrade target from the upper end instead.
            let (_, point) = try parseDowngradeTarget(current: upper.ids, target: lower.text, assertRelativeLength: assertRelativeLength)
            switch point {
            case .revision(let index)?:
                lowerPoints = [.revision(index)]
                lowerEnd = .identifier(revisions[index].id)
            default:
                lowerPoints = []
                lowerEnd = .identifier(nil)
            }
        }
        let lowerIndices = lowerPoints.compactMap { $0?.index }
        let applied = Set(try checkedRelated(lowerIndices, along: \.normalizedDown)).union(lowerIndices)
        var needed = required.subtracting(applied)
        if inclusive {
            needed.formUnion(try points(lowerEnd).compactMap { $0?.index })
        }
        if !lowerIndices.isEmpty, !implicitBase {
            needed.formIntersection(try checkedRelated(lowerIndices, along: \.next))
        }
        return (needed, targets)
    }

    /// The applied revisions that must be undone to reach `lower` from the
    /// current heads (Alembic's `_collect_downgrade_revisions`).
    func downgradeSelection(current: [String], target: String?, assertRelativeLength: Bool) throws(GraphFailure) -> (selected: Set<Int>, heads: [Int]) {
        let (branch, point) = try parseDowngradeTarget(current: current, target: target, assertRelativeLength: assertRelativeLength)
        let targetIndex = point?.index

        var roots: [Int]
        if let targetIndex {
            roots = nodes[targetIndex].next
        } else {
            roots = revisions.indices.filter { nodes[$0].down.isEmpty }
        }
        if let branch, roots.count > 1 {
            let onBranch = try resolveBranch(branch).map { Set(ancestors(of: [$0], includeDependencies: false)) } ?? []
            roots = roots.filter { onBranch.contains($0) }
            if roots.isEmpty {
                throw .refused("Not a valid downgrade target from current heads")
            }
        }

        let heads = try indices(current)
        var selected = Set(descendants(of: roots, includeDependencies: true))
        selected.formIntersection(ancestors(of: heads, includeDependencies: true))
        if let targetIndex, selected.isEmpty, !heads.contains(targetIndex) {
            throw .notAncestor
        }
        return (selected, heads)
    }
}
