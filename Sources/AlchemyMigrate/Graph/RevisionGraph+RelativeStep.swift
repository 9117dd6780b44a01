/// The one rule for steps counted from the database's current state (`-N`,
/// `+N`, `label@-N`, `label@+N`): such a step moves at most N revisions on any
/// branch. Every walk that would have to pick a side (a fork going up, a merge
/// going down, several current heads) and every plan that would move more than
/// N revisions along one line of descent is refused with
/// ``GraphError/ambiguousRelativeTarget(target:heads:labels:)``, before
/// anything runs.
///
/// Alembic warns that `downgrade -1` from several heads "is ambiguous" and
/// then walks from whichever row the database returns first, which can revert
/// whole branches (a `-2` that reverts eight revisions). Refusing is what
/// Alembic announces it will do.
extension RevisionGraph {
    /// Refuses a plan for a step relative to the current state that moves more
    /// than N revisions along one branch. `REV+N` and `REV-N` name a revision
    /// and are not counted from the current state, so they are not limited.
    func enforceRelativeStepLimit(target: String, moved: Set<Int>) throws(GraphFailure) {
        guard let relative = RelativeTarget(target), relative.symbol == nil else { return }
        if longestBranch(in: moved) > abs(relative.steps) {
            throw .ambiguousRelative
        }
    }

    /// The number of revisions on the longest line of descent (through
    /// `down_revision`) inside `moved`: how far the plan moves its busiest
    /// branch.
    func longestBranch(in moved: Set<Int>) -> Int {
        var depth: [Int: Int] = [:]
        var longest = 0
        for start in moved where depth[start] == nil {
            // Iterative depth-first search, so long chains do not overflow the stack.
            var stack = [start]
            while let index = stack.last {
                let below = nodes[index].down.filter { moved.contains($0) }
                let pending = below.filter { depth[$0] == nil }
                if pending.isEmpty {
                    stack.removeLast()
                    let value = 1 + (below.compactMap { depth[$0] }.max() ?? 0)
                    depth[index] = value
                    longest = max(longest, value)
                } else {
                    stack += pending
                }
            }
        }
        return longest
    }

    /// The public error for an ambiguous relative step: names the heads the
    /// step could start from and the spellings that pick one.
    func ambiguousRelativeError(target: String, rows: [String]) -> GraphError {
        let distinctRows = Array(Set(rows)).sorted()
        let heads = distinctRows.isEmpty ? effectiveHeads : distinctRows
        let labels = heads.compactMap { indexByID[$0] }.flatMap { nodes[$0].labels.sorted() }
        return .ambiguousRelativeTarget(target: target, heads: heads, labels: labels)
    }
}
