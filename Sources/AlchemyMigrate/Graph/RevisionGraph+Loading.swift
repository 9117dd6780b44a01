extension RevisionGraph {
    /// Links and validates the revisions.
    ///
    /// Alembic only warns about some of these problems and then fails later with
    /// a stack trace; catching all of them here, with the files named, means a
    /// broken history is reported before anything touches a database.
    ///
    /// - Throws: ``GraphError`` for a duplicate id, a reserved character in an id,
    ///   a clashing branch label, a missing `down_revision` or `depends_on`
    ///   target, or a cycle.
    public init(_ revisions: [Revision]) throws(GraphError) {
        var indexByID: [String: Int] = [:]
        indexByID.reserveCapacity(revisions.count)
        for (index, revision) in revisions.enumerated() {
            if indexByID[revision.id] != nil {
                let paths = revisions.filter { $0.id == revision.id }.map { $0.path ?? "<unknown file>" }
                throw .duplicateRevision(id: revision.id, paths: paths)
            }
            let reserved = Self.reservedCharacters(in: revision.id)
            if !reserved.isEmpty {
                throw .invalidRevisionID(id: revision.id, path: revision.path, characters: reserved)
            }
            indexByID[revision.id] = index
        }

        var indexByLabel: [String: Int] = [:]
        for (index, revision) in revisions.enumerated() {
            for label in revision.branchLabels {
                if let owner = indexByID[label] ?? indexByLabel[label] {
                    throw .duplicateBranchLabel(
                        label: label, revision: revision.id, path: revision.path,
                        usedBy: revisions[owner].id, usedByPath: revisions[owner].path)
                }
                indexByLabel[label] = index
            }
        }

        var nodes = [Node](repeating: Node(), count: revisions.count)
        for (index, revision) in revisions.enumerated() {
            var down: [Int] = []
            for parent in revision.downRevisions {
                guard let parentIndex = indexByID[parent] else {
                    throw .missingDownRevision(revision: revision.id, path: revision.path, missing: parent)
                }
                if !down.contains(parentIndex) { down.append(parentIndex) }
            }
            var dependencies: [Int] = []
            for dependency in revision.dependsOn {
                guard let target = indexByID[dependency] ?? indexByLabel[dependency] else {
                    throw .missingDependency(revision: revision.id, path: revision.path, missing: dependency)
                }
                if !dependencies.contains(target) { dependencies.append(target) }
            }
            nodes[index].down = down
            nodes[index].dependencies = dependencies
            nodes[index].allDown = down + dependencies.filter { !down.contains($0) }
        }
        for index in nodes.indices {
            for parent in nodes[index].down { nodes[parent].next.append(index) }
            for parent in nodes[index].allDown { nodes[parent].allNext.append(index) }
        }

        if let cycle = Self.findCycle(nodes, through: \.down) {
            throw .cycle(revisions: cycle.map { revisions[$0].id },
                         paths: cycle.compactMap { revisions[$0].path }, throughDependencies: false)
        }
        if let cycle = Self.findCycle(nodes, through: \.allDown) {
            throw .cycle(revisions: cycle.map { revisions[$0].id },
                         paths: cycle.compactMap { revisions[$0].path }, throughDependencies: true)
        }

        Self.normalizeDependencies(&nodes)
        Self.propagateBranchLabels(&nodes, revisions: revisions)

        self.revisions = revisions
        self.nodes = nodes
        self.indexByID = indexByID
        self.indexByLabel = indexByLabel
        self.headIndices = nodes.indices.filter { nodes[$0].next.isEmpty }
        self.effectiveHeadIndices = nodes.indices.filter { nodes[$0].allNext.isEmpty }
        self.baseIndices = nodes.indices.filter { nodes[$0].down.isEmpty }
    }

    /// The characters of target syntax (`REV+1`, `-1`, `a:b`, `label@head`) that an id
    /// may not contain. Over bytes: this runs for every revision on every command.
    static func reservedCharacters(in id: String) -> [String] {
        guard id.utf8.contains(where: { $0 == UInt8(ascii: "+") || $0 == UInt8(ascii: "-") || $0 == UInt8(ascii: ":") || $0 == UInt8(ascii: "@") })
        else { return [] }
        return ["+", "-", ":", "@"].filter { id.utf8.contains($0.utf8.first!) }
    }

    /// One cycle along the given edges, as the indices on it, or nil.
    ///
    /// An iterative depth-first search, so that a history of thousands of
    /// revisions cannot overflow the stack.
    static func findCycle(_ nodes: [Node], through edges: KeyPath<Node, [Int]>) -> [Int]? {
        enum Mark { case unvisited, onPath, done }
        var marks = [Mark](repeating: .unvisited, count: nodes.count)
        for start in nodes.indices where marks[start] == .unvisited {
            var path: [(node: Int, edge: Int)] = [(start, 0)]
            marks[start] = .onPath
            while let (node, edge) = path.last {
                let targets = nodes[node][keyPath: edges]
                if edge == targets.count {
                    marks[node] = .done
                    path.removeLast()
                    continue
                }
                path[path.count - 1].edge += 1
                let target = targets[edge]
                switch marks[target] {
                case .unvisited:
                    marks[target] = .onPath
                    path.append((target, 0))
                case .onPath:
                    let from = path.firstIndex { $0.node == target } ?? 0
                    return path[from...].map(\.node)
                case .done:
                    break
                }
            }
        }
        return nil
    }

    /// Drops from each revision's dependencies those that one of its ancestors
    /// already depends on, so that ordering constraints are not repeated down a
    /// branch (Alembic's `_normalized_resolved_dependencies`).
    static func normalizeDependencies(_ nodes: inout [Node]) {
        for index in nodes.indices {
            let dependencies = nodes[index].dependencies
            guard !dependencies.isEmpty else {
                nodes[index].normalizedDown = nodes[index].down
                continue
            }
            var inherited = Set<Int>()
            var seen: Set<Int> = [index]
            var todo = nodes[index].down
            while let ancestor = todo.popLast() {
                guard seen.insert(ancestor).inserted else { continue }
                inherited.formUnion(nodes[ancestor].dependencies)
                todo.append(contentsOf: nodes[ancestor].down)
            }
            let normalized = dependencies.filter { !inherited.contains($0) }
            nodes[index].normalizedDependencies = normalized
            nodes[index].normalizedDown = nodes[index].down + normalized.filter { !nodes[index].down.contains($0) }
        }
    }

    /// Gives each declared label to the revisions of its branch.
    ///
    /// As in Alembic: every descendant (through `down_revision`) of the labelled
    /// revision gets the label; and when those descendants form one line, the
    /// ancestors below the labelled revision get it too, down to (not including)
    /// the nearest branch point or merge point, so that `label@base` and
    /// `label@-1` work from anywhere on the branch.
    static func propagateBranchLabels(_ nodes: inout [Node], revisions: [Revision]) {
        for (index, revision) in revisions.enumerated() {
            nodes[index].labels.formUnion(revision.branchLabels)
        }
        for index in revisions.indices where !revisions[index].branchLabels.isEmpty {
            let labels = nodes[index].labels
            // Alembic continues from the last revision its descendant walk
            // visited; any choice gives the same result, since a walk down from
            // any tip stops at the first branch or merge point among the
            // descendants.
            var last = index
            var seen = Set<Int>()
            var todo = [index]
            while let node = todo.popLast() {
                guard seen.insert(node).inserted else { continue }
                nodes[node].labels.formUnion(labels)
                last = node
                todo.append(contentsOf: nodes[node].next)
            }
            var parent: Int? = last
            while let current = parent, nodes[current].allNext.count <= 1, nodes[current].down.count <= 1 {
                nodes[current].labels.formUnion(labels)
                parent = nodes[current].down.first
            }
        }
    }
}
