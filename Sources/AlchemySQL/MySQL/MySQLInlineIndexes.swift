import AlchemySchema

extension MySQLFamily {
    /// A new table's column indexes go inside its `CREATE TABLE`
    /// (`INDEX ix_t_c (c)`): every separate `CREATE INDEX` is one more DDL statement
    /// that InnoDB commits on its own, and a schema of hundreds of tables would pay
    /// for each twice. Expression indexes stay separate statements, since MariaDB
    /// has no functional key parts.
    public func createTable(_ table: Table, in context: Schema) throws -> [Statement] {
        if let partial = table.indexes.first(where: { $0.where != nil }) {
            throw RenderError.partialIndexUnsupported(index: partial.name, dialect: name)
        }
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

    /// `CREATE INDEX`, refusing a partial index, and on MariaDB an expression index,
    /// which the server would reject with a bare syntax error. MySQL wants each
    /// expression in parentheses of its own (`((lower(email)))`).
    public func createIndex(_ index: Index, on table: TableReference, concurrently: Bool) throws -> [Statement] {
        if index.where != nil { throw RenderError.partialIndexUnsupported(index: index.name, dialect: name) }
        if !index.expressions.isEmpty, !supportsExpressionIndexes {
            throw RenderError.expressionIndexUnsupported(index: index.name, dialect: name)
        }
        var keyed = index
        keyed.expressions = index.expressions.map { "(\($0))" }
        return [Statement(indexSQL(keyed, name: quote(index.name), on: qualified(table)))]
    }
}
