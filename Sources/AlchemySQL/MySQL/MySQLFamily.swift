import AlchemySchema

/// What MySQL and MariaDB share: backtick quoting, backslash escapes in strings,
/// a type table without native UUID or named enums, column attributes in MySQL's
/// order with inline comments, and `ALTER TABLE` forms that restate a column.
///
/// ``MySQLDialect`` and ``MariaDBDialect`` conform and override only where the
/// two servers disagree.
public protocol MySQLFamily: Dialect {
    /// The clause that drops a CHECK constraint (`DROP CHECK` on MySQL).
    func dropCheckClause(_ name: String) -> String
}

extension MySQLFamily {
    public var identifierQuote: Character { "`" }

    /// Backslash is an escape character in MySQL strings (unless the server runs
    /// with NO_BACKSLASH_ESCAPES), so it is doubled as well as the quote.
    public func stringLiteral(_ text: String) -> String {
        "'" + text.doubling("\\").doubling("'") + "'"
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
            let definition = try columnDefinition(after)
            let clause = changes.contains(.name) ? "CHANGE COLUMN \(column) \(definition)" : "MODIFY COLUMN \(definition)"
            return [Statement("ALTER TABLE \(table) \(clause)")]
        }
    }

    /// Indexes are named per table, so `DROP INDEX` says which table.
    public func dropIndex(_ index: Index, on table: TableReference) throws -> [Statement] {
        [Statement("DROP INDEX \(quote(index.name)) ON \(qualified(table))")]
    }

    /// MySQL drops each kind of constraint with its own clause: a unique constraint
    /// is an index, and the primary key has no name of its own.
    public func dropConstraint(_ constraint: Constraint, from table: TableReference, in context: Schema) throws -> [Statement] {
        let clause = switch constraint {
        case .primaryKey: "DROP PRIMARY KEY"
        case .unique: "DROP INDEX \(try constraintName(constraint, of: table))"
        case .foreignKey: "DROP FOREIGN KEY \(try constraintName(constraint, of: table))"
        case .check: dropCheckClause(try constraintName(constraint, of: table))
        }
        return [Statement("ALTER TABLE \(qualified(table)) \(clause)")]
    }

    public func dropCheckClause(_ name: String) -> String { "DROP CHECK \(name)" }

    public func insertDefaultRow(into table: TableReference) -> String {
        "INSERT INTO \(qualified(table)) () VALUES ()"
    }
}
