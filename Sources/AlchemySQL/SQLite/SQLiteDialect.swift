import AlchemySchema

/// SQLite: `"` quoting, `1`/`0` booleans, a type table of declared names (SQLite
/// keeps the declared type text, which introspection reads back), comments not
/// stored, and a table rebuild for the changes `ALTER TABLE` cannot make.
public struct SQLiteDialect: Dialect {
    public init() {}

    public var name: DialectName { .sqlite }

    /// IMMEDIATE takes the write lock now, so that a second writer waits at BEGIN
    /// (under the busy timeout) instead of failing at its first write.
    public var beginTransaction: String { "BEGIN IMMEDIATE" }

    /// Each rebuild checks the foreign keys itself (`PRAGMA foreign_key_check`).
    public var runSetup: [String] { ["PRAGMA foreign_keys = OFF"] }
    public var runTeardown: [String] { ["PRAGMA foreign_keys = ON"] }

    /// A file, not a server.
    public var defaultPort: Int? { nil }

    public func literal(_ value: LiteralValue) throws(RenderError) -> String {
        switch value {
        case .bool(let flag): flag ? "1" : "0"
        case .null: "NULL"
        case .int(let number): String(number)
        case .double(let number): try Self.numberLiteral(number)
        case .string(let text): stringLiteral(text)
        }
    }

    public func typeDDL(_ type: ColumnType) throws(RenderError) -> String {
        switch type {
        case .integer: "INTEGER"
        case .bigInteger: "BIGINT"
        case .smallInteger: "SMALLINT"
        case .boolean: "BOOLEAN"
        case .string(let length): TypeSpelling.varchar(length)
        case .text: "TEXT"
        case .float: "FLOAT"
        case .double: "DOUBLE"
        case let .numeric(precision, scale): TypeSpelling.numeric(precision, scale)
        case .date: "DATE"
        case .time: "TIME"
        case .dateTime: "DATETIME"
        case .interval: "DATETIME"
        case .largeBinary: "BLOB"
        case .json: "JSON"
        case .uuid: "CHAR(32)"
        case .enumeration(let values, _): "VARCHAR(\(TypeSpelling.enumLength(values)))"
        case .guid(let binary): binary == false ? "CHAR(32)" : "BINARY(16)"
        case .dateTimeUTC: "DATETIME"
        case .jsonb: "JSON"
        case .encryptedString: "VARCHAR"
        case .encryptedText: "TEXT"
        case .storedObject: "JSON"
        case .passwordHash(let length): "VARCHAR(\(length))"
        case .bigIntIdentity: "INTEGER"
        case .nanoID: "VARCHAR"
        }
    }

    /// A generated integer key is declared `INTEGER` whatever its width: only
    /// `INTEGER PRIMARY KEY` aliases the rowid, which is how SQLite generates keys
    /// (a `BIGINT` key is an ordinary column, so an insert that leaves it out fails).
    public func columnDefinition(_ column: Column) throws -> String {
        let generated = (column.autoincrement || column.identity != nil) && column.type.isInteger
        return standardColumnDefinition(column, type: generated ? "INTEGER" : try columnTypeDDL(column))
    }

    /// SQLite puts the schema (an attached database) on the index name, never on the table.
    public func createIndex(_ index: Index, on table: TableReference, concurrently: Bool) throws -> [Statement] {
        let name = qualified(TableReference(name: index.name, schema: table.schema))
        return [Statement(indexSQL(index, name: name, on: quote(table.name)))]
    }

    /// A foreign key cannot cross attached databases, so the referred table is never qualified.
    public func referencedTable(of foreignKey: ForeignKey) -> String {
        quote(foreignKey.referredTable)
    }

    /// Routes the changes `ALTER TABLE` cannot make to a table rebuild, rendered
    /// from the replayed schema alone (the offline `--sql` script: a comment line says so).
    public func render(_ given: MigrateOperation, in context: Schema) throws -> [Statement] {
        // Whether a rebuild is needed depends on the column as the context knows it.
        let operation = given.completed(in: context)
        // Rebuilds bypass renderStandard, which checks the others.
        try SQLExpression.check(operation, for: self)
        guard let table = rebuiltTable(by: operation) else { return try renderStandard(operation, in: context) }
        if case .alterColumn(let change) = operation { return try renameThenRebuild(change, in: context) }
        return try rebuild(table, for: operation, in: context, live: nil)
    }

    /// The same, with the rebuilt table as it is in the live database: columns,
    /// indexes and triggers made outside the revision files are carried over. An
    /// `alter_column` that also renames must be split by ``rebuildParts(of:)`` first
    /// (the rename runs before the live table is read).
    public func render(_ given: MigrateOperation, in context: Schema, live: SQLiteLiveTable) throws -> [Statement] {
        let operation = given.completed(in: context)
        try SQLExpression.check(operation, for: self)
        guard let table = rebuiltTable(by: operation) else { return try renderStandard(operation, in: context) }
        return try rebuild(table, for: operation, in: context, live: live)
    }

    /// The table `operation` rebuilds, or `nil` when `ALTER TABLE` does it in place.
    public func rebuiltTable(by operation: MigrateOperation) -> TableReference? {
        switch operation {
        case let .dropColumn(table, _),
             let .createUniqueConstraint(table, _),
             let .createForeignKey(table, _),
             let .createCheckConstraint(table, _),
             let .createPrimaryKey(table, _),
             let .dropConstraint(table, _):
            return table
        case let .addColumn(table, column) where !Self.canAddInPlace(column):
            return table
        case .alterColumn(let change) where !change.changes.subtracting([.name, .comment]).isEmpty:
            return change.table
        default:
            return nil
        }
    }

    /// `ADD COLUMN` refuses a NOT NULL column without a default, and a default that
    /// is an expression (https://www.sqlite.org/lang_altertable.html#altertabaddcol).
    static func canAddInPlace(_ column: Column) -> Bool {
        switch column.serverDefault {
        case .expression: false
        case .literal: true
        case nil: column.nullable
        }
    }

    /// A rename is done by `RENAME COLUMN` before the rebuild, because only SQLite
    /// itself rewrites the views, triggers and other tables' foreign keys that
    /// mention the column; the rebuild then changes the rest under the new name.
    func renameThenRebuild(_ change: AlterColumn, in context: Schema) throws -> [Statement] {
        let parts = rebuildParts(of: .alterColumn(change))
        guard parts.count == 2, case .alterColumn(let rename) = parts[0], case .alterColumn(let rest) = parts[1] else {
            return try rebuild(change.table, for: .alterColumn(change), in: context, live: nil)
        }
        let renamed = try context.applying(parts[0])
        return try alterColumn(rename, in: context) + rebuild(change.table, for: .alterColumn(rest), in: renamed, live: nil)
    }

    /// `operation` as the steps to render one at a time: an `alter_column` that
    /// renames and rebuilds becomes the rename, then the rest under the new name.
    public func rebuildParts(of operation: MigrateOperation) -> [MigrateOperation] {
        guard case .alterColumn(let change) = operation, change.changes.contains(.name),
              rebuiltTable(by: operation) != nil else { return [operation] }
        // The rename keeps what is unknown unknown, so that applying it keeps the context's column.
        let rename = AlterColumn(table: change.table, existing: change.existing, existingKnown: change.existingKnown,
                                 newName: change.altered.name)
        var rest = change
        rest.existing.name = change.altered.name
        rest.newName = nil
        return [.alterColumn(rename), .alterColumn(rest)]
    }

    /// What remains of `alter_column` without a rebuild: a rename (comments are not stored).
    public func alterColumn(_ change: AlterColumn, in context: Schema) throws -> [Statement] {
        guard change.changes.contains(.name) else { return [] }
        return [Statement("ALTER TABLE \(qualified(change.table)) RENAME COLUMN "
            + "\(quote(change.existing.name)) TO \(quote(change.altered.name))")]
    }
}
