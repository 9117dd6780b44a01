extension RevisionGraph {
    /// The given revisions and everything below them, in visiting order.
    ///
    /// With `includeDependencies`, `depends_on` counts as a parent (in its
    /// normalised form); without, only `down_revision` does.
    func ancestors(of targets: [Int], includeDependencies: Bool) -> [Int] {
        related(targets, along: includeDependencies ? \.normalizedDown : \.down)
    }

    /// The given revisions and everything above them, in visiting order.
    func descendants(of targets: [Int], includeDependencies: Bool) -> [Int] {
        related(targets, along: includeDependencies ? \.allNext : \.next)
    }

    /// As ``ancestors(of:includeDependencies:)``, refusing targets of which one
    /// lies below another, as Alembic does when it collects the revisions a
    /// plan needs (such a request names the same work twice).
    func checkedRelated(_ targets: [Int], along edges: KeyPath<Node, [Int]>) throws(GraphFailure) -> [Int] {
        var seen = Set<Int>()
        var order: [Int] = []
        let targetSet = Set(targets)
        for target in targets {
            var reached: Set<Int> = []
            var todo = [target]
            while let node = todo.popLast() {
                reached.insert(node)
                guard seen.insert(node).inserted else { continue }
                todo.append(contentsOf: nodes[node][keyPath: edges])
                order.append(node)
            }
            let overlaps = reached.intersection(targetSet).subtracting([target])
            if !overlaps.isEmpty {
                let names = overlaps.sorted().map { revisions[$0].id }.joined(separator: ", ")
                throw .refused("Requested revision \(revisions[target].id) overlaps with other requested revisions \(names)")
            }
        }
        return order
    }

    private func related(_ targets: [Int], along edges: KeyPath<Node, [Int]>) -> [Int] {
        var seen = Set<Int>()
        var order: [Int] = []
        var todo: [Int] = []
        for target in targets {
            todo.append(target)
            while let node = todo.popLast() {
                guard seen.insert(node).inserted else { continue }
                todo.append(contentsOf: nodes[node][keyPath: edges])
                order.append(node)
            }
        }
        return order
    }

    /// Orders revisions so that each comes before its parents and dependencies
    /// (newest first), finishing one branch before the next as Alembic does.
    ///
    /// Starts from the given heads in input order and walks down the first of
    /// them; when the revision at hand is still needed by another branch being
    /// walked, that branch goes first. On a straight line this costs one
    /// ancestor walk in total, so long histories plan in linear time.
    func topologicalOrder(_ selected: Set<Int>, heads: [Int]) -> [Int] {
        var todo = selected
        var current = Array(Set(heads.filter { todo.contains($0) })).sorted()
        var ancestorSets = current.map { Set(ancestors(of: [$0], includeDependencies: true)) }
        var output: [Int] = []
        output.reserveCapacity(selected.count)
        var index = 0
        var deferrals = 0
        while !current.isEmpty {
            let candidate = current[index]
            if deferrals <= current.count,
               let other = ancestorSets.indices.first(where: { $0 != index && ancestorSets[$0].contains(candidate) }) {
                // Another branch still needs this revision: walk that one first.
                index = other
                deferrals += 1
                continue
            }
            deferrals = 0
            if todo.remove(candidate) != nil {
                output.append(candidate)
            }
            let node = nodes[candidate]
            let added = node.normalizedDown.filter { todo.contains($0) && !current.contains($0) }
            if added.isEmpty {
                current.remove(at: index)
                ancestorSets.remove(at: index)
                index = max(index - 1, 0)
            } else if node.normalizedDependencies.isEmpty && node.down.count == 1 {
                current[index] = added[0]
                ancestorSets[index].remove(candidate)
            } else {
                current[index] = added[0]
                ancestorSets[index] = Set(ancestors(of: [added[0]], includeDependencies: true))
                for head in added.dropFirst() {
                    current.append(head)
                    ancestorSets.append(Set(ancestors(of: [head], includeDependencies: true)))
                }
            }
        }
        return output
    }
}
