import AlchemySchema

/// One file of `migrations/versions/`: a revision's identity, place in the graph
/// and operations.
public struct RevisionFile: Sendable {
    public var revision: String
    /// Empty for a base; several for a merge point.
    public var downRevisions: [String]
    public var branchLabels: [String]
    public var dependsOn: [String]
    public var message: String
    /// ISO 8601 UTC, as written (`2026-11-23T09:30:12Z`).
    public var created: String?
    /// `false` runs the whole revision outside a transaction (Alembic's autocommit block).
    public var transactional: Bool
    public var upgrade: [Operation]
    public var downgrade: [Operation]
    /// Where it was read from, for messages.
    public var path: String?

    public init(
        revision: String,
        downRevisions: [String] = [],
        branchLabels: [String] = [],
        dependsOn: [String] = [],
        message: String = "",
        created: String? = nil,
        transactional: Bool = true,
        upgrade: [Operation] = [],
        downgrade: [Operation] = [],
        path: String? = nil
    ) {
        self.revision = revision
        self.downRevisions = downRevisions
        self.branchLabels = branchLabels
        self.dependsOn = dependsOn
        self.message = message
        self.created = created
        self.transactional = transactional
        self.upgrade = upgrade
        self.downgrade = downgrade
        self.path = path
    }

    /// Revision ids are 12 lower-case hex characters when alchemy makes them; files
    /// from Alembic may use any non-empty string without spaces.
    public static func isValidIdentifier(_ text: String) -> Bool {
        guard let first = text.utf8.first, first != UInt8(ascii: "-") else { return false }
        // Bytes first: every id of a long history is checked on each run.
        if ASCIIByte.isASCII(text) {
            return !text.utf8.contains { byte in
                ASCIIByte.isWhitespace(byte) || byte == UInt8(ascii: ",") || byte == UInt8(ascii: "@")
                    || byte == UInt8(ascii: ":") || byte == UInt8(ascii: "+")
            }
        }
        return !text.contains(where: { $0.isWhitespace || $0 == "," || $0 == "@" || $0 == ":" || $0 == "+" })
    }
}
