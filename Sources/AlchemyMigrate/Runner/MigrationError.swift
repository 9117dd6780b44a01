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
    /// MariaDB/MySQL commit DDL as they go: part of the revision may have run.
    public var partiallyApplied: Bool

    public var description: String {
        var text = "revision \(revision)"
        if let path { text += " (\(path))" }
        if let operation { text += ", operation \(operation)" }
        text += " failed: \(reason)"
        if let statement { text += " in statement: \(statement.singleLineForMessage)" }
        let at = leftAt.isEmpty ? "base (no revision)" : leftAt.joined(separator: ", ")
        text += partiallyApplied
            ? "; the database is at \(at) with part of \(revision) applied (MariaDB/MySQL commit DDL as it runs): fix the cause, undo what ran by hand, then upgrade again"
            : "; nothing of it was applied and the database is at \(at)"
        return text
    }
}

extension String {
    var singleLineForMessage: String {
        split(whereSeparator: \.isNewline).map { $0.drop { $0 == " " || $0 == "\t" } }.joined(separator: " ")
    }
}
