import AlchemySchema

/// What MySQL and MariaDB share: backtick quoting, backslash escapes in strings,
/// a type table without native UUID or named enums, column attributes in MySQL's
/// order with inline comments, and `ALTER TABLE` forms that restate a column.
///
/// ``MySQLDialect`` and ``MariaDBDialect`` conform and override only where the
/// two servers disagree.
public protocol MySQLFamily: Dialect {
    /// Whether `\\` is an escape character in string literals: true under the
    /// server's default `sql_mode`, false with `NO_BACKSLASH_ESCAPES`. A connection
    /// reads it from its session (`Connection.sqlDialect`); `--sql` assumes the default.
    var backslashEscapes: Bool { get }
    /// The clause that drops a CHECK constraint (`DROP CHECK` on MySQL).
    func dropCheckClause(_ name: String) -> String
    /// Whether indexes take expressions (MySQL 8.0.13's functional key parts).
    var supportsExpressionIndexes: Bool { get }
}

extension MySQLFamily {
    public var identifierQuote: Character { "`" }

    public var defaultPort: Int? { 3306 }

    /// Backslash is an escape character in MySQL strings, so it is doubled as well
    /// as the quote; under NO_BACKSLASH_ESCAPES a doubled backslash would be stored
    /// as two, so only the quote is doubled.
    public func stringLiteral(_ text: String) -> String {
        "'" + (backslashEscapes ? text.doubling("\\") : text).doubling("'") + "'"
    }

    public func typeDDL(_ type: ColumnType) throws(RenderError) -> String {
        switch type {
        case .integer: "INTEGER"
        case .bigInteger: "BIGINT"
        case .smallInteger: "SMALLINT"
        case .boolean: "BOOL"
        case .string(let length):
            if let length { "VARCHAR(\(length))" } else { throw .lengthRequired(type: "String", dialect: name, column: nil) }
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
        case .enumeration(let values, _): "ENUM(\(values.map(stringLiteral).joined(separator: ",")))"
        case .guid(let binary): binary == false ? "CHAR(32)" : "BINARY(16)"
        case .dateTimeUTC: "DATETIME"
        case .jsonb: "JSON"
        case .encryptedString: "TEXT"
        case .encryptedText: "TEXT"
        case .storedObject: "JSON"
        case .passwordHash(let length): "VARCHAR(\(length))"
        case .bigIntIdentity: "BIGINT"
        case .nanoID: "VARCHAR(21)"
        }
    }

    /// `name TYPE [NOT NULL] [DEFAULT x] [AUTO_INCREMENT] [COMMENT '...']`, in the
    /// order of MySQL's column_definition grammar. Identity and autoincrement
    /// columns both become AUTO_INCREMENT, MySQL's only generated key.
    public func columnDefinition(_ column: Column) throws -> String {
        var parts = [quote(column.name), try columnTypeDDL(column)]
        if !column.nullable { parts.append("NOT NULL") }
        if column.autoincrement || column.identity != nil {
            parts.append("AUTO_INCREMENT")
        } else if let serverDefault = column.serverDefault {
            parts.append("DEFAULT " + defaultSQL(serverDefault))
        }
        if let comment = column.comment { parts.append("COMMENT " + stringLiteral(comment)) }
        return parts.joined(separator: " ")
    }

    /// Comments are part of `CREATE TABLE` itself: in column definitions and `tableOptions`.
    public func commentStatements(of table: Table) -> [Statement] { [] }

    public func tableOptions(_ table: Table) -> String {
        table.comment.map { " COMMENT=" + stringLiteral($0) } ?? ""
    }

    /// `ALTER TABLE ... COMMENT ''` is how MySQL removes a table comment.
    public func tableComment(_ comment: String?, on table: TableReference) -> [Statement] {
        [Statement("ALTER TABLE \(qualified(table)) COMMENT \(stringLiteral(comment ?? ""))")]
    }

    /// An unqualified new name would move the table to the connection's database.
    public func renameTable(_ table: TableReference, to newName: String) throws -> [Statement] {
        [Statement("ALTER TABLE \(qualified(table)) RENAME TO "
            + qualified(TableReference(name: newName, schema: table.schema)))]
    }

    /// MySQL restates the whole column to change it (`MODIFY`, or `CHANGE` with a new
    /// name); what it can change alone, the default and the name, it changes alone.
    /// It converts the values by itself, so `using` is ignored. An earlier
    /// nullability, default or comment the file leaves out and the context does not
    /// know is restated as none (Alembic's reading); an unknown type is refused.
    public func alterColumn(_ change: AlterColumn, in context: Schema) throws -> [Statement] {
        let changes = change.changes
        let table = qualified(change.table)
        let column = quote(change.existing.name)
        let after = change.altered
        switch changes {
        case []:
            return []
        case .name:
            return [Statement("ALTER TABLE \(table) RENAME COLUMN \(column) TO \(quote(after.name))")]
        case .serverDefault:
            let action = after.serverDefault.map { "SET DEFAULT " + defaultSQL($0) } ?? "DROP DEFAULT"
            return [Statement("ALTER TABLE \(table) ALTER COLUMN \(column) \(action)")]
        default:
            // Without a new type, MODIFY restates the type the column has: it must be known.
            if change.type == nil && !change.existingKnown.contains(.type) {
                throw RenderError.existingTypeRequired(table: change.table, column: change.existing.name, dialect: name)
            }
            let definition = try columnDefinition(after)
            let clause = changes.contains(.name) ? "CHANGE COLUMN \(column) \(definition)" : "MODIFY COLUMN \(definition)"
            return [Statement("ALTER TABLE \(table) \(clause)")]
        }
    }

    /// The column goes with the foreign keys, indexes, unique and check constraints
    /// that use it, as on PostgreSQL (and in `Schema.applying`). MySQL/MariaDB refuse
    /// a bare `DROP COLUMN` of a foreign-key column ("needed in a foreign key
    /// constraint"), of a column in a multi-column index or unique constraint ("Key
    /// column doesn't exist"), and of one a multi-column CHECK names; dropping those
    /// first, in the same `ALTER TABLE`, makes the operation portable.
    public func dropColumn(_ column: Column, from table: TableReference, in context: Schema) throws -> [Statement] {
        var clauses: [String] = []
        if let known = context.table(table) {
            for key in known.foreignKeys where key.columns.contains(column.name) {
                if let name = key.name { clauses.append("DROP FOREIGN KEY \(quote(name))") }
            }
            let keys = known.indexes.map { (name: Optional($0.name), columns: $0.columns) }
                + known.uniqueConstraints.map { (name: $0.name, columns: $0.columns) }
            for key in keys where key.columns.count > 1 && key.columns.contains(column.name) {
                if let name = key.name { clauses.append("DROP INDEX \(quote(name))") }
            }
            for check in known.checkConstraints where SQLColumnReferences.mentions(check.sqltext, column: column.name) {
                if let name = check.name { clauses.append(dropCheckClause(quote(name))) }
            }
        }
        clauses.append("DROP COLUMN \(quote(column.name))")
        return [Statement("ALTER TABLE \(qualified(table)) " + clauses.joined(separator: ", "))]
    }

    /// Indexes are named per table, so `DROP INDEX` says which table.
    public func dropIndex(_ index: Index, on table: TableReference) throws -> [Statement] {
        [Statement("DROP INDEX \(quote(index.name)) ON \(qualified(table))")]
    }

    /// MySQL drops each kind of constraint with its own clause: a unique constraint
    /// is an index, and the primary key has no name of its own. The index behind a
    /// foreign key is kept or dropped with it (see `MySQLForeignKeyIndexes.swift`).
    public func dropConstraint(_ constraint: Constraint, from table: TableReference, in context: Schema) throws -> [Statement] {
        let known = context.table(table)
        let clauses: [String] = switch constraint {
        case .primaryKey: ["DROP PRIMARY KEY"]
        case .unique(let unique):
            (unique.name.flatMap { name in known.map { foreignKeyIndexesKept(dropping: name, of: $0) } } ?? [])
                + ["DROP INDEX \(try constraintName(constraint, of: table))"]
        case .foreignKey(let key):
            ["DROP FOREIGN KEY \(try constraintName(constraint, of: table))"] + [implicitIndexDrop(for: key, of: known)].compactMap { $0 }
        case .check: [dropCheckClause(try constraintName(constraint, of: table))]
        }
        return [Statement("ALTER TABLE \(qualified(table)) \(clauses.joined(separator: ", "))")]
    }

    public func dropCheckClause(_ name: String) -> String { "DROP CHECK \(name)" }

    public func insertDefaultRow(into table: TableReference) -> String {
        "INSERT INTO \(qualified(table)) () VALUES ()"
    }
}
