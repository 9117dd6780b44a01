/// Why a set of revisions cannot form a graph, or why a target cannot be
/// reached from the current heads.
///
/// Every case renders as one line that names the revision files involved and
/// says what to change. The planning cases keep Alembic's wording, so that
/// messages users already search for still match.
public enum GraphError: Error, Sendable, Hashable, CustomStringConvertible {
    // MARK: Loading

    /// Two files declare the same revision id.
    case duplicateRevision(id: String, paths: [String])
    /// A revision id contains a character that the target syntax reserves
    /// (`@`, `-`, `+`, `:`).
    case invalidRevisionID(id: String, path: String?, characters: [String])
    /// A `down_revision` names no known revision.
    case missingDownRevision(revision: String, path: String?, missing: String)
    /// A `depends_on` entry names no known revision or branch label.
    case missingDependency(revision: String, path: String?, missing: String)
    /// The revisions form a cycle through `down_revision` (or, with
    /// `throughDependencies`, through `depends_on`).
    case cycle(revisions: [String], paths: [String], throughDependencies: Bool)
    /// A branch label is declared twice, or equals a revision id.
    case duplicateBranchLabel(label: String, revision: String, path: String?, usedBy: String, usedByPath: String?)

    // MARK: Resolving identifiers

    /// No revision or branch answers to the identifier.
    case unknownRevision(String)
    /// A partial id matches several revisions.
    case ambiguousRevision(prefix: String, candidates: [String], paths: [String])
    /// `label@...` names no branch label and no revision.
    case unknownBranch(String)
    /// `label@rev` where the revision is not on that branch.
    case notInBranch(revision: String, branch: String)
    /// `head` (or `label@head`) matches several heads.
    case multipleHeads(argument: String, heads: [String])

    // MARK: Planning

    /// An upgrade target is not above the current heads.
    case invalidUpgradeTarget(String)
    /// A downgrade target is not below the current heads.
    case invalidDowngradeTarget(String)
    /// A `history` range whose ends are not on one line of descent.
    case invalidRange(start: String, end: String)
    /// A step counted from the current state (`-N`, `+N`, `label@-N`) that
    /// would have to choose between branches or move more than N revisions on
    /// one; names the heads and the spellings that pick one.
    case ambiguousRelativeTarget(target: String, heads: [String], labels: [String])
    /// Any other refusal of the revision walk (relative moves that go too far,
    /// ...), in Alembic's words.
    case invalidTarget(String)

    public var description: String {
        switch self {
        case .duplicateRevision(let id, let paths):
            return "Revision \(id) is present more than once (\(Self.list(paths))); give each file its own revision id"
        case .invalidRevisionID(let id, let path, let characters):
            return "Character(s) '\(characters.joined(separator: ", "))' not allowed in revision identifier '\(id)'\(Self.in(path)); rename the revision"
        case .missingDownRevision(let revision, let path, let missing):
            return "Revision \(missing) referenced as down_revision from \(revision)\(Self.in(path)) is not present; fix down_revision or restore the missing file"
        case .missingDependency(let revision, let path, let missing):
            return "Revision or branch \(missing) referenced in depends_on from \(revision)\(Self.in(path)) is not present; fix depends_on or restore the missing file"
        case .cycle(let revisions, let paths, let throughDependencies):
            let kind = throughDependencies ? "Dependency cycle" : "Cycle"
            return "\(kind) is detected in revisions (\(revisions.joined(separator: ", "))) in \(Self.list(paths)); break it by fixing \(throughDependencies ? "depends_on or down_revision" : "down_revision") in one of these files"
        case .duplicateBranchLabel(let label, let revision, let path, let usedBy, let usedByPath):
            return "Branch name '\(label)' in revision \(revision)\(Self.in(path)) already used by revision \(usedBy)\(Self.in(usedByPath)); choose another branch label"
        case .unknownRevision(let identifier):
            return "Can't locate revision identified by '\(identifier)'"
                + (identifier.count < 4 ? "; partial revision ids need at least four characters" : "")
                + "; `alchemy database history` lists the revisions, `heads` the heads"
        case .ambiguousRevision(let prefix, let candidates, let paths):
            let shown = candidates.prefix(3).map { "'\($0)'" }.joined(separator: ", ")
            return "Multiple revisions start with '\(prefix)': \(shown)...\(paths.isEmpty ? "" : " (\(Self.list(paths)))"); give more characters of the revision id"
        case .unknownBranch(let label):
            return "No such branch: '\(label)'"
        case .notInBranch(let revision, let branch):
            return "Revision \(revision) is not a member of branch '\(branch)'"
        case .multipleHeads(let argument, _):
            return "Multiple head revisions are present for given argument '\(argument)'; please specify a specific target revision, '<branchname>@\(argument)' to narrow to a specific head, or 'heads' for all heads"
        case .invalidUpgradeTarget(let target):
            return "Destination \(target) is not a valid upgrade target from current head(s)"
        case .invalidDowngradeTarget(let target):
            return "Destination \(target) is not a valid downgrade target from current head(s)"
        case .invalidRange(let start, let end):
            return "Requested range \(start):\(end) does not refer to ancestor/descendant revisions along the same branch"
        case .ambiguousRelativeTarget(let target, let heads, let labels):
            return Self.ambiguous(target, heads: heads, labels: labels)
        case .invalidTarget(let message):
            return message
        }
    }

    private static func ambiguous(_ target: String, heads: [String], labels: [String]) -> String {
        let relative = RelativeTarget(target)
        let step = relative?.relative ?? target
        let count = abs(relative?.steps ?? 1)
        // Counting down from a head is a spelling that works; counting up
        // from one does not, so `+N` shows a placeholder.
        let from = step.hasPrefix("-") ? heads.first ?? "<revision>" : "<revision>"
        let headList = heads.isEmpty ? "" : " (heads: \(heads.joined(separator: ", ")))"
        let label = labels.first ?? "<branch label>"
        return "Relative target '\(target)' is ambiguous here\(headList): a relative step moves at most \(count) "
            + "revision\(count == 1 ? "" : "s") on one branch and never chooses between branches; "
            + "count from one revision, as in '\(from)\(step)', or along one branch, as in '\(label)@\(step)'"
    }

    private static func list(_ paths: [String]) -> String {
        paths.isEmpty ? "unknown files" : paths.joined(separator: ", ")
    }

    private static func `in`(_ path: String?) -> String {
        path.map { " (\($0))" } ?? ""
    }
}
