import AlchemyDatabase

/// A migration that failed, with where it stopped: the revision, the operation and
/// the statement, and the revision(s) the database is left at.
public struct MigrationError: Error, CustomStringConvertible {
    public var revision: String
    public var path: String?
    public var operation: String?
    public var statement: String?
    public var reason: String
    /// The version table after the failure.
    public var leftAt: [String]
    /// The operations whose work stays although the revision failed: on MariaDB
    /// and MySQL, where DDL commits as it runs, and wherever statements ran
    /// outside a transaction (`concurrently`, `transactional: false`).
    public var appliedOperations: [String]

    public var partiallyApplied: Bool { !appliedOperations.isEmpty }
    /// Whether a failed attempt undoes itself (transactional DDL). Where it does
    /// not, an earlier failed attempt may have left part of the revision behind.
    public var atomic = true

    public var description: String {
        var text = "revision \(revision)"
        if let path { text += " (\(path))" }
        if let operation { text += ", operation \(operation)" }
        text += " failed: \(reason)"
        if let statement { text += " in statement: \(statement.singleLineForMessage)" }
        let at = leftAt.isEmpty ? "base (no revision)" : leftAt.joined(separator: ", ")
        text += partiallyApplied
            ? "; the database is at \(at), and these operations of \(revision) committed before the failure and stay applied: "
                + appliedOperations.joined(separator: ", ") + "; fix the cause, undo them by hand, then upgrade again"
            : atomic ? "; nothing of it was applied and the database is at \(at)"
            : "; this attempt applied nothing of it and the database is at \(at) (an earlier failed attempt may have left part of it: "
                + "`alchemy database check` shows what differs)"
        return text
    }
}

extension String {
    var singleLineForMessage: String {
        split(whereSeparator: \.isNewline).map { $0.drop { $0 == " " || $0 == "\t" } }.joined(separator: " ")
    }
}
