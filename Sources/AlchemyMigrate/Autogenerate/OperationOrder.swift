import AlchemySchema

/// The order operations run in, chosen so that each finds what it needs:
///
/// 1. drop foreign keys (before the keys, columns and tables they refer to go),
/// 2. drop indexes and unique, check and primary-key constraints,
/// 3. per kept table: add columns, alter columns, drop columns, table comment,
/// 4. create indexes and constraints on kept tables (a new table's foreign key
///    may need a new unique constraint),
/// 5. create tables, referenced tables first,
/// 6. create foreign keys (on kept tables, and those of a cycle of new tables),
/// 7. drop tables, referencing tables first.
///
/// Within a phase, tables come by name (schema, then name), so the same
/// difference always gives the same operations, byte for byte once rendered.
extension ChangeSet {
    var operations: [MigrateOperation] {
        let creation = Self.creationOrder(createTables)
        let dropping = Self.creationOrder(dropTables)
        var result = dropForeignKeys
        // Foreign keys of a cycle among dropped tables must go before either table.
        for (table, keys) in dropping.deferred.sorted(by: { Self.precedes($0.table, $1.table) }) {
            result += keys.map { .dropConstraint(table, .foreignKey($0)) }
        }
        result += dropIndexesAndConstraints
        result += columnChanges
        result += createIndexesAndConstraints
        result += creation.tables.map(MigrateOperation.createTable)
        for (table, keys) in creation.deferred.sorted(by: { Self.precedes($0.table, $1.table) }) {
            result += keys.map { .createForeignKey(table, $0) }
        }
        result += createForeignKeys
        result += dropping.tables.reversed().map(MigrateOperation.dropTable)
        return result
    }

    /// The tables in an order where each comes after the tables its foreign keys
    /// refer to, ties broken by name. A cycle is broken at its first table by name:
    /// its foreign keys to tables not yet placed are taken out of its definition
    /// and returned in `deferred`, to be added once every table exists.
    static func creationOrder(_ tables: [Table]) -> (tables: [Table], deferred: [(table: TableReference, keys: [ForeignKey])]) {
        var pending = tables.sorted { precedes($0.reference, $1.reference) }
        let names = Set(tables.map(\.reference))
        var placed: Set<TableReference> = []
        var ordered: [Table] = []
        var deferred: [(table: TableReference, keys: [ForeignKey])] = []
        func dependencies(_ table: Table) -> Set<TableReference> {
            Set(table.foreignKeys.map(\.referredReference)).intersection(names).subtracting([table.reference])
        }
        while !pending.isEmpty {
            if let ready = pending.firstIndex(where: { dependencies($0).isSubset(of: placed) }) {
                let table = pending.remove(at: ready)
                ordered.append(table)
                placed.insert(table.reference)
            } else {
                var table = pending.removeFirst()
                let waiting = dependencies(table).subtracting(placed)
                let cut = table.foreignKeys.filter { waiting.contains($0.referredReference) }
                table.foreignKeys.removeAll { waiting.contains($0.referredReference) }
                deferred.append((table.reference, cut))
                ordered.append(table)
                placed.insert(table.reference)
            }
        }
        return (ordered, deferred)
    }

    static func precedes(_ a: TableReference, _ b: TableReference) -> Bool {
        (a.schema ?? "", a.name) < (b.schema ?? "", b.name)
    }
}

extension ForeignKey {
    /// The table the key refers to.
    var referredReference: TableReference {
        TableReference(name: referredTable, schema: referredSchema)
    }
}
