import AlchemySchema

/// `bulk_insert`: one `INSERT` per row, its values bound (escaped literals in a
/// script), so that no setting of the server changes what is stored.
///
/// One statement per row keeps each row's own column set: a key a row leaves
/// out gets the column's server default, which a multi-row `VALUES` could not
/// express portably (SQLite has no `DEFAULT` keyword there).
extension Dialect {
    public func bulkInsert(_ rows: [[String: LiteralValue]], into table: TableReference, in context: Schema) throws -> [Statement] {
        let declared = context.table(table)?.columns.map(\.name) ?? []
        return try rows.map { row in
            let names = Self.insertOrder(of: Array(row.keys), declared: declared)
            guard !names.isEmpty else { return Statement(insertDefaultRow(into: table)) }
            let values = BoundSQL.joined(names.map { name in "\(row[name] ?? .null)" }, separator: ", ")
            return try Statement("INSERT INTO \(sql: qualified(table)) (\(sql: columnList(names))) VALUES (" + values + ")", in: self)
        }
    }

    public func insertDefaultRow(into table: TableReference) -> String {
        "INSERT INTO \(qualified(table)) DEFAULT VALUES"
    }

    /// Declared column order first, then unknown keys by name: stable output from an unordered row.
    static func insertOrder(of keys: [String], declared: [String]) -> [String] {
        keys.sorted { a, b in
            let ia = declared.firstIndex(of: a) ?? Int.max, ib = declared.firstIndex(of: b) ?? Int.max
            return ia != ib ? ia < ib : a < b
        }
    }
}
