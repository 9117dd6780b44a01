/// Table-level constraints. Names are always resolved (by the naming convention
/// when the author gave none), so that every constraint can be dropped by name.
public struct PrimaryKey: Hashable, Sendable {
    public var name: String?
    public var columns: [String]

    public init(name: String? = nil, columns: [String]) {
        self.name = name
        self.columns = columns
    }
}

public struct UniqueConstraint: Hashable, Sendable {
    public var name: String?
    public var columns: [String]

    public init(name: String? = nil, columns: [String]) {
        self.name = name
        self.columns = columns
    }
}

public struct CheckConstraint: Hashable, Sendable {
    public var name: String?
    public var sqltext: String

    public init(name: String? = nil, sqltext: String) {
        self.name = name
        self.sqltext = sqltext
    }
}

/// The referential action of ON DELETE / ON UPDATE, as SQL spells it.
public enum ReferentialAction: String, Hashable, Sendable, CaseIterable {
    case cascade = "CASCADE"
    case setNull = "SET NULL"
    case setDefault = "SET DEFAULT"
    case restrict = "RESTRICT"
    case noAction = "NO ACTION"
}

public struct ForeignKey: Hashable, Sendable {
    public var name: String?
    public var columns: [String]
    public var referredSchema: String?
    public var referredTable: String
    public var referredColumns: [String]
    public var onDelete: ReferentialAction?
    public var onUpdate: ReferentialAction?

    public init(
        name: String? = nil,
        columns: [String],
        referredSchema: String? = nil,
        referredTable: String,
        referredColumns: [String],
        onDelete: ReferentialAction? = nil,
        onUpdate: ReferentialAction? = nil
    ) {
        self.name = name
        self.columns = columns
        self.referredSchema = referredSchema
        self.referredTable = referredTable
        self.referredColumns = referredColumns
        self.onDelete = onDelete
        self.onUpdate = onUpdate
    }
}

/// Any named constraint, as `drop_constraint` names it and carries it for its reverse.
public enum Constraint: Hashable, Sendable {
    case primaryKey(PrimaryKey)
    case unique(UniqueConstraint)
    case foreignKey(ForeignKey)
    case check(CheckConstraint)

    public var name: String? {
        switch self {
        case .primaryKey(let c): c.name
        case .unique(let c): c.name
        case .foreignKey(let c): c.name
        case .check(let c): c.name
        }
    }
}
