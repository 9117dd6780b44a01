import AlchemySchema

/// `bulk_insert`: one `INSERT` per row.
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
            var values: [String] = []
            for name in names { values.append(try literal(row[name] ?? .null)) }
            return Statement("INSERT INTO \(qualified(table)) (\(columnList(names))) "
                + "VALUES (\(values.joined(separator: ", ")))")
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
