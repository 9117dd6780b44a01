extension RevisionGraph {
    // MARK: Public

    /// The single revision an identifier names, or nil for `base`.
    ///
    /// Accepts what Alembic's `get_revision` accepts: a full id; a unique prefix
    /// of an id or branch label (ids of four characters or more take part);
    /// a branch label; `head`; `base`; `label@head`, `label@base`,
    /// `label@<id>`; and `current`, which names the single current head
    /// (`current` is how `show`, `edit` and `history` refer to the database).
    ///
    /// - Throws: ``GraphError/multipleHeads(argument:heads:)`` when `head`
    ///   matches several heads; ``GraphError/ambiguousRevision(prefix:candidates:paths:)``
    ///   when a prefix matches several revisions; ``GraphError/unknownRevision(_:)``
    ///   when nothing matches.
    public func resolve(_ identifier: String, current: [String] = []) throws(GraphError) -> Revision? {
        do throws(GraphFailure) {
            if identifier == "current" {
                guard current.count <= 1 else {
                    throw GraphFailure.multipleHeads(heads: current, argument: identifier)
                }
                guard let id = current.first, let index = try revisionForIdentifier(id, branch: nil) else { return nil }
                return revisions[index]
            }
            guard let index = try revisionIndex(identifier) else { return nil }
            return revisions[index]
        } catch {
            throw error.graphError(headArgument: nil, notAncestor: .unknownRevision(identifier))
        }
    }

    /// Every revision an identifier names, as Alembic's `get_revisions`:
    /// as ``resolve(_:current:)``, plus `heads` (all effective heads),
    /// `label@heads`, and `-N`/`label@-N` (N below each head). `base` gives an
    /// empty list; `current` gives the current heads.
    public func resolveAll(_ identifier: String, current: [String] = []) throws(GraphError) -> [Revision] {
        do throws(GraphFailure) {
            let found = identifier == "current" ? try points(ids: current) : try points(identifier)
            return found.compactMap { $0?.index.map { revisions[$0] } }
        } catch {
            throw error.graphError(headArgument: nil, notAncestor: .unknownRevision(identifier),
                                   ambiguous: ambiguousRelativeError(target: identifier, rows: current))
        }
    }

    // MARK: Identifier grammar

    /// Splits `label@rest` and expands the symbolic names `head`, `heads` and
    /// `base` into ids, leaving any other name for ``revisionForIdentifier``.
    func resolveNumber(_ identifier: String?) throws(GraphFailure) -> (ids: [String], branch: String?) {
        guard var id = identifier else { return ([], nil) }
        var branch: String?
        if let at = id.firstIndex(of: "@") {
            branch = String(id[..<at])
            id = String(id[id.index(after: at)...])
        }
        switch id {
        case "heads":
            if let branch {
                return (try filterForLineage(headIndices, branch).map { revisions[$0].id }, branch)
            }
            return (effectiveHeads, nil)
        case "head":
            return (try currentHead(branch: branch).map { [revisions[$0].id] } ?? [], branch)
        case "base":
            return ([], branch)
        default:
            return ([id], branch)
        }
    }

    /// The one head (of a branch, if given), or nil when the graph is empty.
    func currentHead(branch: String?) throws(GraphFailure) -> Int? {
        var candidates = headIndices
        if let branch, !branch.isEmpty {
            candidates = try filterForLineage(candidates, branch)
        }
        if candidates.count > 1 {
            throw .multipleHeads(heads: candidates.map { revisions[$0].id },
                                 argument: branch.map { "\($0)@head" } ?? "head")
        }
        return candidates.first
    }

    /// A single revision (Alembic's `get_revision`): nil means base.
    func revisionIndex(_ identifier: String?) throws(GraphFailure) -> Int? {
        let (ids, branch) = try resolveNumber(identifier)
        if ids.count > 1 {
            throw .multipleHeads(heads: ids, argument: identifier)
        }
        return try revisionForIdentifier(ids.first, branch: branch)
    }

    /// Several revisions (Alembic's `get_revisions` on one string). Entries are
    /// nil where a relative walk ran off the graph.
    func points(_ identifier: String?) throws(GraphFailure) -> [GraphPoint?] {
        let (ids, branch) = try resolveNumber(identifier)
        if ids.count == 1, let steps = Int(ids[0]), steps < 0 {
            // `-N` and `label@-N`: N steps below each head.
            var heads = try points(ids: effectiveHeads)
            if let branch {
                heads = heads.filter { $0?.index.map { nodes[$0].labels.contains(branch) } ?? false }
            }
            var result: [GraphPoint?] = []
            for head in heads {
                result.append(try walk(from: head, steps: steps))
            }
            return result
        }
        var result: [GraphPoint?] = []
        for id in ids {
            result.append(try revisionForIdentifier(id, branch: branch).map(GraphPoint.revision))
        }
        return result
    }

    /// Several revisions from a list of identifiers (Alembic's `get_revisions`
    /// on a tuple), for version-table rows and multi-target commands.
    func points(ids: [String]) throws(GraphFailure) -> [GraphPoint?] {
        var result: [GraphPoint?] = []
        for id in ids { result += try points(id) }
        return result
    }

    /// A branch label, or failing that any revision identifier.
    func resolveBranch(_ label: String) throws(GraphFailure) -> Int? {
        if let index = indexByID[label] ?? indexByLabel[label] { return index }
        do throws(GraphFailure) {
            return try revisionForIdentifier(label, branch: nil)
        } catch {
            if case .resolution = error { throw .resolution(.unknownBranch(label)) }
            throw error
        }
    }

    /// A full id, branch label or unique prefix, checked against a branch.
    func revisionForIdentifier(_ identifier: String?, branch: String?) throws(GraphFailure) -> Int? {
        var branchIndex: Int?
        if let branch, !branch.isEmpty {
            branchIndex = try resolveBranch(branch)
        }
        guard let identifier else { return nil }
        var found = indexByID[identifier] ?? indexByLabel[identifier]
        if found == nil {
            var candidates = revisions.map(\.id).filter { $0.count > 3 && $0.hasPrefix(identifier) }
            candidates += revisions.flatMap(\.branchLabels).filter { $0.count > 3 && $0.hasPrefix(identifier) }
            if let branch, branchIndex != nil {
                var kept: [String] = []
                for candidate in candidates {
                    let index = indexByID[candidate] ?? indexByLabel[candidate]!
                    if try sharesLineage(index, with: [branch]) { kept.append(candidate) }
                }
                candidates = kept
            }
            if candidates.isEmpty {
                throw .resolution(.unknownRevision(identifier))
            }
            if candidates.count > 1 {
                let paths = candidates.compactMap { (indexByID[$0] ?? indexByLabel[$0]).flatMap { revisions[$0].path } }
                throw .resolution(.ambiguousRevision(prefix: identifier, candidates: candidates, paths: paths))
            }
            found = indexByID[candidates[0]] ?? indexByLabel[candidates[0]]
        }
        if let branch, let found, let branchIndex,
           !sharesLineage(found, withIndices: [branchIndex], includeDependencies: false) {
            throw .resolution(.notInBranch(revision: revisions[found].id, branch: branch))
        }
        return found
    }

    // MARK: Lineage

    /// The targets that share a line of descent with what `check` names.
    func filterForLineage(_ targets: [Int], _ check: String?, includeDependencies: Bool = false) throws(GraphFailure) -> [Int] {
        let (ids, branch) = try resolveNumber(check)
        let shares = (branch.map { [$0] } ?? []) + ids
        var kept: [Int] = []
        for target in targets where try sharesLineage(target, with: shares, includeDependencies: includeDependencies) {
            kept.append(target)
        }
        return kept
    }

    /// Whether a revision is an ancestor or descendant of (or is) any of the
    /// named revisions.
    func sharesLineage(_ target: Int, with names: [String], includeDependencies: Bool = false) throws(GraphFailure) -> Bool {
        if names.isEmpty { return true }
        var against: [Int] = []
        for name in names {
            if let index = try revisionForIdentifier(name, branch: nil) { against.append(index) }
        }
        return sharesLineage(target, withIndices: against, includeDependencies: includeDependencies)
    }

    func sharesLineage(_ target: Int, withIndices against: [Int], includeDependencies: Bool) -> Bool {
        if against.isEmpty { return false }
        let wanted = Set(against)
        if wanted.contains(target) { return true }
        let up = includeDependencies ? \Node.allNext : \Node.next
        let down = includeDependencies ? \Node.normalizedDown : \Node.down
        return reaches(from: target, along: up, any: wanted) || reaches(from: target, along: down, any: wanted)
    }

    private func reaches(from start: Int, along edges: KeyPath<Node, [Int]>, any wanted: Set<Int>) -> Bool {
        var seen: Set<Int> = [start]
        var todo = [start]
        while let node = todo.popLast() {
            for next in nodes[node][keyPath: edges] where seen.insert(next).inserted {
                if wanted.contains(next) { return true }
                todo.append(next)
            }
        }
        return false
    }
}
