/// Evolving a schema by operations, without a database.
///
/// The runner keeps the context that ``Dialect/render(_:in:)`` needs by applying
/// each operation after rendering it; `--sql` mode replays a whole revision chain
/// this way offline.
///
/// The context holds what alchemy knows. Raw SQL (`execute`) may create tables it
/// does not know, so a change to an unknown table or column leaves the schema as it
/// is rather than failing; only a SQLite rebuild, which needs the definition, throws.
/// Contradictions that show a broken revision chain (creating a table or a column
/// that exists) throw ``RenderError``.
extension Schema {
    public func applying(_ operation: MigrateOperation) throws -> Schema {
        var schema = self
        try schema.apply(operation)
        return schema
    }

    public mutating func apply(_ operation: MigrateOperation) throws {
        switch operation {
        case .createTable(let table):
            if self.table(table.reference) != nil { throw SchemaChangeError.tableExists(table.reference) }
            tables.append(table)
        case .dropTable(let table):
            tables.removeAll { $0.reference == table.reference }
        case let .renameTable(reference, newName):
            try renameTable(reference, to: newName)
        case let .addColumn(reference, column):
            try modify(reference) { table in
                if table.column(named: column.name) != nil {
                    throw SchemaChangeError.columnExists(table: reference, column: column.name)
                }
                table.columns.append(column)
            }
        case let .dropColumn(reference, column):
            modify(reference) { $0.removeColumn(column.name) }
        case .alterColumn(let change):
            alterColumn(change)
        case let .createIndex(reference, index, _):
            modify(reference) { table in
                table.indexes.removeAll { $0.name == index.name }
                table.indexes.append(index)
            }
        case let .dropIndex(reference, index):
            modify(reference) { table in table.indexes.removeAll { $0.name == index.name } }
        case let .createUniqueConstraint(reference, constraint):
            modify(reference) { $0.uniqueConstraints.append(constraint) }
        case let .createForeignKey(reference, constraint):
            modify(reference) { $0.foreignKeys.append(constraint) }
        case let .createCheckConstraint(reference, constraint):
            modify(reference) { $0.checkConstraints.append(constraint) }
        case let .createPrimaryKey(reference, constraint):
            modify(reference) { $0.primaryKey = constraint }
        case let .dropConstraint(reference, constraint):
            modify(reference) { $0.removeConstraint(constraint) }
        case let .createTableComment(reference, comment, _):
            modify(reference) { $0.comment = comment }
        case let .dropTableComment(reference, _):
            modify(reference) { $0.comment = nil }
        case .execute, .bulkInsert:
            break
        }
    }

    /// Renames the table and retargets every foreign key that refers to it, as
    /// PostgreSQL, MySQL and SQLite (3.26+) do.
    private mutating func renameTable(_ reference: TableReference, to newName: String) throws {
        guard let position = tables.firstIndex(where: { $0.reference == reference }) else { return }
        let renamed = TableReference(name: newName, schema: reference.schema)
        if table(renamed) != nil { throw SchemaChangeError.tableExists(renamed) }
        tables[position].name = newName
        for i in tables.indices {
            for k in tables[i].foreignKeys.indices where tables[i].foreignKeys[k].referredTableReference == reference {
                tables[i].foreignKeys[k].referredTable = newName
            }
        }
    }

    /// Replaces the column by its altered form; a rename also renames it in the
    /// table's keys and indexes and in foreign keys that refer to it.
    private mutating func alterColumn(_ given: AlterColumn) {
        // A fact the file left out is the column's own: it is kept, not replaced by a stand-in.
        let change = given.completed(in: self)
        guard change.existingKnown == .all else { return }
        let old = change.existing.name
        var altered = change.altered
        // The type the server reported describes the column no longer.
        if let type = change.type, type != change.existing.type { altered.nativeType = nil }
        modify(change.table) { table in
            guard let position = table.columns.firstIndex(where: { $0.name == old }) else { return }
            table.columns[position] = altered
            if altered.name != old { table.renameColumn(old, to: altered.name) }
        }
        guard altered.name != old else { return }
        for i in tables.indices {
            for k in tables[i].foreignKeys.indices where tables[i].foreignKeys[k].referredTableReference == change.table {
                tables[i].foreignKeys[k].referredColumns = tables[i].foreignKeys[k].referredColumns
                    .map { $0 == old ? altered.name : $0 }
            }
        }
    }

    /// Changes the named table in place; an unknown table is left alone (see above).
    private mutating func modify(_ reference: TableReference, _ change: (inout Table) throws -> Void) rethrows {
        guard let position = tables.firstIndex(where: { $0.reference == reference }) else { return }
        try change(&tables[position])
    }
}

extension ForeignKey {
    var referredTableReference: TableReference {
        TableReference(name: referredTable, schema: referredSchema)
    }
}
