/// A table with everything that belongs to it.
public struct Table: Hashable, Sendable {
    public var name: String
    public var schema: String?
    public var columns: [Column]
    public var primaryKey: PrimaryKey?
    public var foreignKeys: [ForeignKey]
    public var uniqueConstraints: [UniqueConstraint]
    public var checkConstraints: [CheckConstraint]
    public var indexes: [Index]
    public var comment: String?

    public init(
        name: String,
        schema: String? = nil,
        columns: [Column] = [],
        primaryKey: PrimaryKey? = nil,
        foreignKeys: [ForeignKey] = [],
        uniqueConstraints: [UniqueConstraint] = [],
        checkConstraints: [CheckConstraint] = [],
        indexes: [Index] = [],
        comment: String? = nil
    ) {
        self.name = name
        self.schema = schema
        self.columns = columns
        self.primaryKey = primaryKey
        self.foreignKeys = foreignKeys
        self.uniqueConstraints = uniqueConstraints
        self.checkConstraints = checkConstraints
        self.indexes = indexes
        self.comment = comment
    }

    public var reference: TableReference { TableReference(name: name, schema: schema) }

    public func column(named name: String) -> Column? {
        columns.first { $0.name == name }
    }
}

/// A table named by operations that do not carry its whole definition.
public struct TableReference: Hashable, Sendable, CustomStringConvertible {
    public var name: String
    public var schema: String?

    public init(name: String, schema: String? = nil) {
        self.name = name
        self.schema = schema
    }

    public var description: String { schema.map { "\($0).\(name)" } ?? name }
}
