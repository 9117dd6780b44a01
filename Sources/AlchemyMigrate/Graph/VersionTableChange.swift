/// One change to the rows of the version table.
///
/// The version table holds one row per applied head. Moving along a straight
/// line updates a row; starting a new branch inserts one; leaving a branch
/// entirely deletes one; merges and unmerges combine these. The runner turns
/// each change into one SQL statement, in the order given, inside the same
/// transaction as the revision's own operations.
public enum VersionTableChange: Sendable, Hashable {
    /// `INSERT` a row for a new head.
    case insert(String)
    /// `DELETE` the row of a head that is no longer applied (or is now implied
    /// by another head).
    case delete(String)
    /// `UPDATE` a row from one head to the next.
    case update(from: String, to: String)

    /// The rows after this change, for callers that keep them in memory
    /// (`--sql` mode, tests). Inserted rows go last; an update keeps its place.
    public func apply(to rows: [String]) -> [String] {
        var rows = rows
        switch self {
        case .insert(let id):
            rows.append(id)
        case .delete(let id):
            rows.removeAll { $0 == id }
        case .update(let old, let new):
            if let index = rows.firstIndex(of: old) {
                rows[index] = new
            } else {
                rows.append(new)
            }
        }
        return rows
    }
}

extension Sequence<VersionTableChange> {
    /// The rows after every change of the sequence, in order.
    public func apply(to rows: [String]) -> [String] {
        reduce(rows) { $1.apply(to: $0) }
    }
}
