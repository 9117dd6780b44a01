import AlchemySchema

/// Table DDL: create, drop, rename, comments.
extension Dialect {
    /// `CREATE TABLE` with columns and named constraints inline, then the table's
    /// indexes, then comments where they need statements of their own.
    public func createTable(_ table: Table, in context: Schema) throws -> [Statement] {
        var statements = [try createTableStatement(table)]
        for index in table.indexes {
            statements += try createIndex(index, on: table.reference, concurrently: false)
        }
        statements += commentStatements(of: table)
        return statements
    }

    /// The `CREATE TABLE` statement alone, as a SQLite rebuild needs it for its
    /// temporary table (whose indexes come only after the swap).
    func createTableStatement(_ table: Table) throws -> Statement {
        var lines = try table.columns.map { try columnDefinition($0) }
        lines += constraintClauses(of: table)
        let body = lines.map { "  " + $0 }.joined(separator: ",\n")
        return Statement("CREATE TABLE \(qualified(table.reference)) (\n\(body)\n)\(tableOptions(table))")
    }

    /// The table's and its columns' comments, by ``tableComment(_:on:)`` and ``columnComment(_:on:of:)``.
    public func commentStatements(of table: Table) -> [Statement] {
        var statements: [Statement] = []
        if let comment = table.comment {
            statements += tableComment(comment, on: table.reference)
        }
        for column in table.columns {
            if let comment = column.comment {
                statements += columnComment(comment, on: column.name, of: table.reference)
            }
        }
        return statements
    }

    public func dropTable(_ table: Table, in context: Schema) throws -> [Statement] {
        [Statement("DROP TABLE \(qualified(table.reference))")]
    }

    public func renameTable(_ table: TableReference, to newName: String) throws -> [Statement] {
        [Statement("ALTER TABLE \(qualified(table)) RENAME TO \(quote(newName))")]
    }

    /// Comments are not part of the SQL standard: by default they are not stored.
    public func tableComment(_ comment: String?, on table: TableReference) -> [Statement] { [] }

    public func columnComment(_ comment: String?, on column: String, of table: TableReference) -> [Statement] { [] }

    public func tableOptions(_ table: Table) -> String { "" }
}
