/// One move of the version table made by `stamp`, which runs no migration.
///
/// A stamp may move several heads down to one branch point, or several heads
/// up to one merge, in a single step; hence lists on both sides.
public struct StampStep: Sendable, Hashable, CustomStringConvertible {
    /// The heads the step moves away from (empty when it starts a new branch).
    public var from: [String]
    /// The heads the step moves to (empty when it removes a branch).
    public var to: [String]
    /// Whether the stamp moves towards the heads of the graph.
    public var direction: MigrationStep.Direction
    /// The rows to insert, update or delete.
    public var versionChanges: [VersionTableChange]

    public init(from: [String], to: [String], direction: MigrationStep.Direction, versionChanges: [VersionTableChange]) {
        self.from = from
        self.to = to
        self.direction = direction
        self.versionChanges = versionChanges
    }

    /// The version-table rows after this step, given the rows before it.
    public func apply(to rows: [String]) -> [String] {
        versionChanges.apply(to: rows)
    }

    /// Alembic's log line for a stamp, e.g. `stamp_revision 1a2b -> 3c4d`.
    public var description: String {
        "stamp_revision \(from.joined(separator: ", ")) -> \(to.joined(separator: ", "))"
    }
}
