/// One revision to run, up or down, with the version-table changes that go
/// with it.
///
/// A plan is an ordered list of steps. The runner executes the revision's
/// `upgrade` or `downgrade` operations and then ``versionChanges``, in one
/// transaction where the database allows it, so that the version table always
/// names the last revision that completed.
public struct MigrationStep: Sendable, Hashable, CustomStringConvertible {
    /// Which way a step moves along the graph.
    public enum Direction: String, Sendable, Hashable {
        case up = "upgrade"
        case down = "downgrade"
    }

    /// The revision whose operations run.
    public var revision: Revision
    /// `up` runs the revision's `upgrade` operations, `down` its `downgrade`.
    public var direction: Direction
    /// The rows to insert, update or delete after the operations have run,
    /// computed from the rows present before this step (as Alembic's
    /// `HeadMaintainer` does).
    public var versionChanges: [VersionTableChange]

    public init(revision: Revision, direction: Direction, versionChanges: [VersionTableChange]) {
        self.revision = revision
        self.direction = direction
        self.versionChanges = versionChanges
    }

    /// The version-table rows after this step, given the rows before it.
    public func apply(to rows: [String]) -> [String] {
        versionChanges.apply(to: rows)
    }

    /// Alembic's log line for the step, e.g. `upgrade 1a2b -> 3c4d, add tag`:
    /// users who grep their CI logs for it keep finding it.
    public var description: String {
        revision.message.isEmpty ? "\(direction.rawValue) \(move)" : "\(direction.rawValue) \(move), \(revision.message)"
    }

    /// `parents -> revision` up, `revision -> parents` down (`<base>` for none).
    public var move: String {
        let parents = revision.downRevisions.isEmpty ? "<base>" : revision.downRevisions.joined(separator: ", ")
        return direction == .up ? "\(parents) -> \(revision.id)" : "\(revision.id) -> \(parents)"
    }
}
