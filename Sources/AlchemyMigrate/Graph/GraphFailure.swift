/// A refusal raised inside the graph's walks, before the public entry point
/// that caught it decides how to word it.
///
/// Alembic words the same failure differently per command (an unreachable
/// range is "not a valid upgrade target" for `upgrade` and "does not refer to
/// ancestor/descendant revisions" for `history`), so the walks report what
/// happened and each entry point turns it into a ``GraphError``.
enum GraphFailure: Error {
    /// Several heads answer to a single-head argument such as `head`.
    case multipleHeads(heads: [String], argument: String?)
    /// An identifier names nothing, or names several things.
    case resolution(GraphError)
    /// The lower end of a range is not below its upper end.
    case notAncestor
    /// A step counted from the current state that would have to choose a
    /// branch or move more than N revisions on one (see
    /// ``RevisionGraph/enforceRelativeStepLimit(target:moved:)``).
    case ambiguousRelative
    /// Any other refusal, in Alembic's words.
    case refused(String)

    /// The public error, worded for the entry point.
    ///
    /// - Parameters:
    ///   - headArgument: the argument to quote when `head` is ambiguous, if the
    ///     entry point quotes its own argument rather than the one that failed.
    ///   - notAncestor: the error for an unreachable target or range.
    ///   - ambiguous: the error for an ambiguous relative step, naming the
    ///     entry point's target and heads.
    func graphError(headArgument: String?, notAncestor: GraphError, ambiguous: GraphError? = nil) -> GraphError {
        switch self {
        case .multipleHeads(let heads, let argument):
            return .multipleHeads(argument: headArgument ?? argument ?? "head", heads: heads)
        case .resolution(let error):
            return error
        case .notAncestor:
            return notAncestor
        case .ambiguousRelative:
            return ambiguous ?? .ambiguousRelativeTarget(target: headArgument ?? "", heads: [], labels: [])
        case .refused(let message):
            return .invalidTarget(message)
        }
    }
}
