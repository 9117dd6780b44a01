/// One node of the revision graph: the identity and links of a revision file,
/// without its operations.
///
/// The graph needs only these fields, so the reader of revision files can hand
/// over plain values and the graph stays testable without any file at all.
/// `path` is carried only so that errors can name the file to fix.
///
/// ```swift
/// let base = Revision(id: "1a2b3c4d5e6f", message: "create post")
/// let next = Revision(id: "9f8e7d6c5b4a", downRevisions: ["1a2b3c4d5e6f"], message: "add tag")
/// ```
public struct Revision: Sendable, Hashable {
    /// The revision id, as written in the file (`revision:`).
    public var id: String
    /// The parents (`down_revision:`): empty for a base, several for a merge point.
    public var downRevisions: [String]
    /// Extra prerequisites (`depends_on:`): revision ids or branch labels that must
    /// be applied first without being parents in the version history.
    public var dependsOn: [String]
    /// The labels declared on this revision (`branch_labels:`). The graph also
    /// gives them to the revisions of the same branch; see
    /// ``RevisionGraph/branchLabels(of:)``.
    public var branchLabels: [String]
    /// The message given when the revision was made.
    public var message: String
    /// The file the revision came from, used in error messages only.
    public var path: String?

    public init(
        id: String,
        downRevisions: [String] = [],
        dependsOn: [String] = [],
        branchLabels: [String] = [],
        message: String = "",
        path: String? = nil
    ) {
        self.id = id
        self.downRevisions = downRevisions
        self.dependsOn = dependsOn
        self.branchLabels = branchLabels
        self.message = message
        self.path = path
    }


    /// A merge point has several parents.
    public var isMergePoint: Bool { downRevisions.count > 1 }
}
