import AlchemySchema

/// Index DDL as PostgreSQL spells it: the index lives in its table's schema, so
/// `CREATE` names it bare and `DROP` qualifies it.
extension Dialect {
    public func createIndex(_ index: Index, on table: TableReference, concurrently: Bool) throws -> [Statement] {
        [Statement(indexSQL(index, name: quote(index.name), on: qualified(table)))]
    }

    public func dropIndex(_ index: Index, on table: TableReference) throws -> [Statement] {
        [Statement("DROP INDEX \(qualified(TableReference(name: index.name, schema: table.schema)))")]
    }

    /// `CREATE [UNIQUE] INDEX [modifier ]name ON table (columns, expressions) [WHERE predicate]`.
    /// The predicate and expressions are the author's SQL, as `execute` is.
    func indexSQL(_ index: Index, name: String, on table: String, modifier: String? = nil) -> String {
        let keys = index.columns.map(quote) + index.expressions
        let kind = index.unique ? "UNIQUE INDEX" : "INDEX"
        let prefix = modifier.map { "\(kind) \($0)" } ?? kind
        let predicate = index.where.map { " WHERE \($0)" } ?? ""
        return "CREATE \(prefix) \(name) ON \(table) (\(keys.joined(separator: ", ")))\(predicate)"
    }
}
