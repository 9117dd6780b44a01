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
    public var upgrade: [MigrateOperation]
    public var downgrade: [MigrateOperation]
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
        upgrade: [MigrateOperation] = [],
        downgrade: [MigrateOperation] = [],
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

    /// Revision ids are 12 lower-case hex characters when alchemy makes them; any
    /// id is 1 to 32 ASCII letters, digits or underscores: what Alembic's
    /// `version_num VARCHAR(32)` holds, and nothing that could mean something
    /// in SQL, YAML or a file name.
    public static func isValidIdentifier(_ text: String) -> Bool {
        let bytes = text.utf8
        guard (1...maximumIdentifierLength).contains(bytes.count) else { return false }
        return bytes.allSatisfy { ASCIIByte.isLetter($0) || ASCIIByte.isDigit($0) || $0 == UInt8(ascii: "_") }
    }

    public static let maximumIdentifierLength = 32

    /// The rule, as error messages state it.
    public static let identifierRule = "ids are 1 to 32 letters, digits or underscores, like \"3f2a1b9c0d1e\""
}
