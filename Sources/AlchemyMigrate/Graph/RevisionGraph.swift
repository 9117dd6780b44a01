/// The revisions of a project, linked into a graph, with Alembic's rules for
/// naming targets and planning upgrades, downgrades and stamps.
///
/// The graph is a value built from in-memory ``Revision``s: it reads no file and
/// touches no database, so every rule can be tested with thousands of small
/// graphs per second. Building it validates the revisions (duplicate ids, missing
/// parents or dependencies, cycles, clashing branch labels) and throws a
/// ``GraphError`` naming the files to fix.
///
/// ```swift
/// let graph = try RevisionGraph(revisions)
/// var rows = try versionTable.rows()           // one row per applied head
/// for step in try graph.upgradePlan(from: rows, to: "head") {
///     try run(step)                            // operations + step.versionChanges
///     rows = step.apply(to: rows)
/// }
/// ```
///
/// ## Topics
/// ### Inspecting
/// - ``heads``, ``effectiveHeads``, ``bases``, ``revision(_:)``, ``branchLabels(of:)``
/// ### Naming revisions
/// - ``resolve(_:current:)``, ``resolveAll(_:current:)``
/// ### Planning
/// - ``upgradePlan(from:to:)``, ``downgradePlan(from:to:)``, ``stampPlan(from:to:purge:)``
/// - ``history(from:to:current:)``
public struct RevisionGraph: Sendable {
    /// The revisions in the order they were given. That order breaks ties when
    /// several branches could go first, as Alembic's insertion order does, so a
    /// loader should give a stable order (for example sorted by file name).
    public let revisions: [Revision]

    /// Per-revision links, indexed like ``revisions``.
    let nodes: [Node]
    /// Revision id -> index.
    let indexByID: [String: Int]
    /// Declared branch label -> index of the revision that declares it.
    let indexByLabel: [String: Int]
    /// Heads following `down_revision` only, in input order.
    let headIndices: [Int]
    /// Heads following `down_revision` and `depends_on`, in input order.
    let effectiveHeadIndices: [Int]
    /// Revisions without `down_revision`, in input order.
    let baseIndices: [Int]

    /// The head revisions: those no other revision names as `down_revision`,
    /// in input order. Usually one; several while branches are unmerged.
    public var heads: [String] { headIndices.map { revisions[$0].id } }

    /// The heads that remain once every revision is applied: a head that another
    /// revision lists in `depends_on` is implied by it and gets no row of its own.
    /// This is what `upgrade heads` leaves in the version table.
    public var effectiveHeads: [String] { effectiveHeadIndices.map { revisions[$0].id } }

    /// The base revisions (no `down_revision`), in input order.
    public var bases: [String] { baseIndices.map { revisions[$0].id } }

    /// The revision with exactly this id, if any.
    public func revision(_ id: String) -> Revision? {
        indexByID[id].map { revisions[$0] }
    }

    /// The branch labels that apply to a revision: its own, those of the
    /// labelled revisions below it on the same branch, and those of a labelled
    /// revision above it up to the branch point (Alembic's propagation).
    public func branchLabels(of id: String) -> Set<String> {
        indexByID[id].map { nodes[$0].labels } ?? []
    }

    /// The children of a revision through `down_revision` (input order).
    public func children(of id: String) -> [String] {
        indexByID[id].map { nodes[$0].next.map { revisions[$0].id } } ?? []
    }
}

/// The links of one revision, as indices into ``RevisionGraph/revisions``.
///
/// Indices instead of ids keep walks free of hashing strings; the several kinds
/// of "parent" mirror Alembic's distinction between version history
/// (`down_revision`) and ordering constraints (`depends_on`).
struct Node: Sendable {
    /// `down_revision`, in declared order.
    var down: [Int] = []
    /// `depends_on`, resolved from labels to revisions.
    var dependencies: [Int] = []
    /// `dependencies` minus those already required by an ancestor.
    var normalizedDependencies: [Int] = []
    /// `down` followed by `normalizedDependencies`: what must be applied just
    /// before this revision.
    var normalizedDown: [Int] = []
    /// `down` followed by all `dependencies`.
    var allDown: [Int] = []
    /// Children through `down_revision`, ascending.
    var next: [Int] = []
    /// Children through `down_revision` or `depends_on`, ascending.
    var allNext: [Int] = []
    /// Propagated branch labels.
    var labels: Set<String> = []
}
