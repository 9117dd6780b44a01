extension SchemaBuilder {
    /// Checks every foreign key target and gives untyped foreign-key columns the
    /// referenced column's type. The type is copied, not the generator: a column
    /// pointing at a BigIntIdentity key is a plain BIGINT, never autoincrement.
    mutating func resolveForeignKeyTypes() throws(ModelError) {
        for tableIndex in tables.indices {
            for column in tables[tableIndex].declaration.columns {
                guard let (reference, node) = column.foreignKey else { continue }
                let target = try locate(reference, from: node)
                if column.autoincrement == true {
                    throw (column.autoincrementNode ?? node).error(.invalidValue,
                        "column '\(tables[tableIndex].table.name).\(column.name)' has a foreign key, "
                        + "so it cannot be autoincrement; its values come from \(reference)")
                }
                guard tables[tableIndex].untyped.contains(column.name) else { continue }
                var visiting: Set<ColumnReference> = [ColumnReference(table: tables[tableIndex].table.reference, column: column.name)]
                let type = try resolvedType(target, visiting: &visiting, from: node)
                if let position = tables[tableIndex].table.columns.firstIndex(where: { $0.name == column.name }) {
                    tables[tableIndex].table.columns[position].type = type
                }
            }
        }
        for index in tables.indices { tables[index].untyped = [] }
    }

    /// The table index and column a reference points at, or an error naming what exists.
    private func locate(_ reference: ColumnReference, from node: ModelNode) throws(ModelError) -> (table: Int, column: Column) {
        guard let tableIndex = tables.firstIndex(where: { $0.table.reference == reference.table }) else {
            let sameName = tables.filter { $0.table.name == reference.table.name }.map { $0.table.reference.description }
            let hint = sameName.first.map { " (did you mean \($0).\(reference.column)?)" }
                ?? Suggestion.closest(to: reference.table.name, in: tables.map(\.table.name)).map { " (did you mean \($0)?)" }
                ?? ""
            throw node.error(.foreignKey, "foreign key to \(reference): no table '\(reference.table)'\(hint); "
                + "tables: \(tables.map(\.table.reference.description).joined(separator: ", "))")
        }
        let table = tables[tableIndex].table
        guard let column = table.column(named: reference.column) else {
            let names = table.columns.map(\.name)
            let hint = Suggestion.closest(to: reference.column, in: names).map { " (did you mean \($0)?)" } ?? ""
            throw node.error(.foreignKey, "foreign key to \(reference): table '\(table.reference)' has no column "
                + "'\(reference.column)'\(hint); columns: \(names.joined(separator: ", "))")
        }
        return (tableIndex, column)
    }

    private func resolvedType(
        _ target: (table: Int, column: Column),
        visiting: inout Set<ColumnReference>,
        from node: ModelNode
    ) throws(ModelError) -> ColumnType {
        let expanded = tables[target.table]
        guard expanded.untyped.contains(target.column.name) else { return target.column.type }
        let here = ColumnReference(table: expanded.table.reference, column: target.column.name)
        guard visiting.insert(here).inserted,
              let declared = expanded.declaration.columns.first(where: { $0.name == target.column.name }),
              let (next, nextNode) = declared.foreignKey
        else {
            throw node.error(.foreignKey, "foreign keys without type: form a cycle through \(here); "
                + "give one of the columns a type:")
        }
        return try resolvedType(try locate(next, from: nextNode), visiting: &visiting, from: node)
    }
}
