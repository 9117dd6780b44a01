/// Works out, step by step, how the version-table rows change as revisions run
/// (Alembic's `HeadMaintainer`), so that after any plan the rows are exactly
/// the ones Alembic would leave: one per applied head.
///
/// It tracks the rows as a set, because the decision for each step depends on
/// which of the revision's parents (or children) are rows at that moment.
struct VersionTableMaintainer {
    let graph: RevisionGraph
    private(set) var heads: Set<String>

    init(graph: RevisionGraph, rows: [String]) {
        self.graph = graph
        self.heads = Set(rows)
    }

    /// The changes made by running revision `index` in `direction`, after
    /// which they are applied to ``heads``.
    mutating func move(_ index: Int, direction: MigrationStep.Direction) -> [VersionTableChange] {
        let changes = direction == .up ? upgrade(index) : downgrade(index)
        for change in changes { apply(change) }
        return changes
    }

    /// The changes made by a stamp step, after which they are applied; nil
    /// when they cannot be applied to the rows as they are (a row to move or
    /// delete that an earlier step of the same stamp already moved, or a row to
    /// insert that already exists), which is where Alembic's `HeadMaintainer`
    /// fails half-way with a KeyError or AssertionError.
    mutating func stamp(from: [String], to: [String], direction: MigrationStep.Direction, branchMove: Bool) -> [VersionTableChange]? {
        var changes: [VersionTableChange]
        if direction == .down && branchMove {
            changes = from.prefix(1).map { .delete($0) }
        } else if direction == .up, branchMove || !Set(from).isSubset(of: heads), !Set(to).isSubset(of: heads) {
            changes = to.prefix(1).map { .insert($0) }
        } else if from.count > 1, let last = from.last, let target = to.first {
            changes = from.dropLast().map { .delete($0) } + [.update(from: last, to: target)]
        } else if to.count > 1, let first = from.first, let last = to.last {
            changes = to.dropLast().map { .insert($0) } + [.update(from: first, to: last)]
        } else if let old = from.first, let new = to.first {
            changes = [.update(from: old, to: new)]
        } else {
            changes = []
        }
        guard canApply(changes) else { return nil }
        for change in changes { apply(change) }
        return changes
    }

    /// Whether each deleted or updated row is present and each inserted row
    /// absent, taking the changes in order.
    private func canApply(_ changes: [VersionTableChange]) -> Bool {
        var rows = heads
        for change in changes {
            switch change {
            case .insert(let id):
                guard rows.insert(id).inserted else { return false }
            case .delete(let id):
                guard rows.remove(id) != nil else { return false }
            case .update(let old, let new):
                guard rows.remove(old) != nil, rows.insert(new).inserted else { return false }
            }
        }
        return true
    }

    private mutating func apply(_ change: VersionTableChange) {
        switch change {
        case .insert(let id): heads.insert(id)
        case .delete(let id): heads.remove(id)
        case .update(let old, let new):
            heads.remove(old)
            heads.insert(new)
        }
    }

    private func ids(_ indices: [Int]) -> [String] {
        indices.map { graph.revisions[$0].id }
    }

    private func upgrade(_ index: Int) -> [VersionTableChange] {
        let id = graph.revisions[index].id
        let parents = ids(graph.nodes[index].normalizedDown)
        let presentParents = parents.filter { heads.contains($0) }
        if presentParents.isEmpty {
            // A base, or the first revision of a branch whose parents are not
            // rows (they are implied by other rows): a new row.
            return [.insert(id)]
        }
        if parents.count > 1, presentParents.count > 1 {
            // A merge: the parents' rows collapse into one. Parents implied by
            // a row outside the merge stay implied, not deleted twice.
            let others = heads.subtracting(parents)
            let implied = Set(ids(graph.ancestors(of: indices(others), includeDependencies: true)))
            let merged = parents.filter { !implied.contains($0) && heads.contains($0) }
            guard let last = merged.last else { return [.insert(id)] }
            return merged.dropLast().map { .delete($0) } + [.update(from: last, to: id)]
        }
        return [.update(from: presentParents[0], to: id)]
    }

    private func downgrade(_ index: Int) -> [VersionTableChange] {
        let id = graph.revisions[index].id
        let parents = graph.nodes[index].normalizedDown
        guard heads.contains(id) else {
            // Not a row: it was implied by a row that an earlier step removed.
            if let parent = parents.first.map({ graph.revisions[$0].id }), parents.count == 1 {
                return [.update(from: id, to: parent)]
            }
            return []
        }
        if parents.isEmpty { return [.delete(id)] }
        let restored = unmergeTargets(index)
        if restored.isEmpty {
            // Every parent is still implied by another row.
            return [.delete(id)]
        }
        if parents.count > 1, let last = restored.last {
            return restored.dropLast().map { .insert($0) } + [.update(from: id, to: last)]
        }
        return [.update(from: id, to: ids(parents)[0])]
    }

    /// The parents that need rows of their own once this revision is undone:
    /// those not implied by another row, nor by another of the parents.
    private func unmergeTargets(_ index: Int) -> [String] {
        let id = graph.revisions[index].id
        let parents = graph.nodes[index].normalizedDown
        let others = heads.subtracting([id])
        // The only row, undone to its only parent: nothing else can imply the
        // parent (the walk below would visit the whole history on every step).
        if others.isEmpty && parents.count == 1 { return ids(parents) }
        let implied: Set<Int>
        if others.isEmpty {
            implied = Set(parents.flatMap { parent in
                graph.ancestors(of: [parent], includeDependencies: true).filter { $0 != parent }
            })
        } else {
            implied = Set(graph.ancestors(of: indices(others), includeDependencies: true))
        }
        return ids(parents.filter { !implied.contains($0) })
    }

    private func indices(_ ids: Set<String>) -> [Int] {
        ids.sorted().compactMap { graph.indexByID[$0] }
    }
}
