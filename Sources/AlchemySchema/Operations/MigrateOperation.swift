/// One step of a migration: Alembic's `op.*` vocabulary.
///
/// Every operation that removes something carries what is needed to re-create it,
/// so that `reversed` can write the downgrade of any upgrade.
public enum MigrateOperation: Hashable, Sendable {
    case createTable(Table)
    case dropTable(Table)
    case renameTable(TableReference, newName: String)
    case addColumn(TableReference, Column)
    case dropColumn(TableReference, Column)
    case alterColumn(AlterColumn)
    case createIndex(TableReference, Index, concurrently: Bool = false)
    case dropIndex(TableReference, Index)
    case createUniqueConstraint(TableReference, UniqueConstraint)
    case createForeignKey(TableReference, ForeignKey)
    case createCheckConstraint(TableReference, CheckConstraint)
    case createPrimaryKey(TableReference, PrimaryKey)
    case dropConstraint(TableReference, Constraint)
    case createTableComment(TableReference, comment: String, existing: String?)
    case dropTableComment(TableReference, existing: String?)
    case execute(Execute)
    case bulkInsert(TableReference, rows: [[String: LiteralValue]])
}

/// `alter_column`: the changes, and the column as it was before them.
///
/// A field left `nil` is not changed. `serverDefault` uses a double optional:
/// `.some(nil)` drops the default.
///
/// `existing` holds only what `existingKnown` says is known: a hand-written
/// revision may leave the column's earlier type or nullability to the schema
/// that the revisions before it describe (see `completed(from:)`).
public struct AlterColumn: Hashable, Sendable {
    public var table: TableReference
    public var existing: Column
    public var existingKnown: ExistingColumnFacts
    public var type: ColumnType?
    /// How to convert the values to the new type: a SQL expression over the
    /// column (Alembic's `postgresql_using`). Only databases that take one
    /// (PostgreSQL's `USING`) use it; the others convert by themselves.
    public var using: String?
    public var nullable: Bool?
    public var serverDefault: ServerDefault??
    public var comment: String??
    public var newName: String?

    public init(
        table: TableReference,
        existing: Column,
        existingKnown: ExistingColumnFacts = .all,
        type: ColumnType? = nil,
        using: String? = nil,
        nullable: Bool? = nil,
        serverDefault: ServerDefault?? = nil,
        comment: String?? = nil,
        newName: String? = nil
    ) {
        self.table = table
        self.existing = existing
        self.existingKnown = existingKnown
        self.type = type
        self.using = using
        self.nullable = nullable
        self.serverDefault = serverDefault
        self.comment = comment
        self.newName = newName
    }

    /// The column as it is after the change.
    public var altered: Column {
        var column = existing
        if let type { column.type = type }
        if let nullable { column.nullable = nullable }
        if let serverDefault { column.serverDefault = serverDefault }
        if let comment { column.comment = comment }
        if let newName { column.name = newName }
        return column
    }
}

/// Raw SQL: one statement for every dialect, or one per dialect with a fallback.
public struct Execute: Hashable, Sendable {
    /// SQL for every dialect not listed in `perDialect`; `nil` means "do nothing there".
    public var sql: String?
    /// Keyed by dialect name (`sqlite`, `postgresql`, `mysql`, `mariadb`);
    /// a `nil` value skips that dialect.
    public var perDialect: [String: String?]
    /// Runs outside the migration's transaction (`CREATE INDEX CONCURRENTLY`, `VACUUM`).
    public var transactional: Bool

    public init(sql: String?, perDialect: [String: String?] = [:], transactional: Bool = true) {
        self.sql = sql
        self.perDialect = perDialect
        self.transactional = transactional
    }

    /// The statement for a dialect that answers to `keys` (its own name first, then
    /// the family it belongs to), `nil` when that dialect runs nothing.
    public func sql(forKeys keys: [String]) -> String? {
        for key in keys {
            if let entry = perDialect[key] { return entry }
        }
        return sql
    }
}

/// A constant in `bulk_insert` rows and literal defaults.
public enum LiteralValue: Hashable, Sendable {
    case null
    case bool(Bool)
    case int(Int64)
    case double(Double)
    case string(String)
}
