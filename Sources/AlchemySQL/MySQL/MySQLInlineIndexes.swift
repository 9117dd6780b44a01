import AlchemySchema

extension MySQLFamily {
    /// A new table's column indexes go inside its `CREATE TABLE`
    /// (`INDEX ix_t_c (c)`): every separate `CREATE INDEX` is one more DDL statement
    /// that InnoDB commits on its own, and a schema of hundreds of tables would pay
    /// for each twice. Expression indexes stay separate statements, since MariaDB
    /// has no functional key parts.
    public func createTable(_ table: Table, in context: Schema) throws -> [Statement] {
        let inline = table.indexes.filter { $0.expressions.isEmpty }
        var lines = try table.columns.map { try columnDefinition($0) }
        lines += constraintClauses(of: table)
        lines += inline.map { index in
            (index.unique ? "UNIQUE INDEX " : "INDEX ") + quote(index.name) + " (" + index.columns.map(quote).joined(separator: ", ") + ")"
        }
        let body = lines.map { "  " + $0 }.joined(separator: ",\n")
        var statements = [Statement("CREATE TABLE \(qualified(table.reference)) (\n\(body)\n)\(tableOptions(table))")]
        for index in table.indexes where !index.expressions.isEmpty {
            statements += try createIndex(index, on: table.reference, concurrently: false)
        }
        return statements
    }
}
