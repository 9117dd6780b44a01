import AlchemySchema

/// Tables: a declared table the database lacks is created (with its indexes and
/// foreign keys inside `create_table`); a live table the models lack is dropped,
/// carrying its whole live definition, as Alembic drops tables not in the
/// metadata. Excluded tables and the version table never get here.
extension SchemaComparator {
    func compareTables(declared: [Table], live: [Table], into changes: inout ChangeSet) {
        let liveByReference = Dictionary(live.map { ($0.reference, $0) }, uniquingKeysWith: { first, _ in first })
        let declaredReferences = Set(declared.map(\.reference))
        for table in declared.sorted(by: { ChangeSet.precedes($0.reference, $1.reference) }) {
            if let existing = liveByReference[table.reference] {
                compareTable(declared: table, live: existing, into: &changes)
            } else {
                changes.createTables.append(table)
            }
        }
        changes.dropTables = live.filter { !declaredReferences.contains($0.reference) }
    }

    /// Everything inside one table that both sides have, concern by concern.
    func compareTable(declared: Table, live: Table, into changes: inout ChangeSet) {
        compareColumns(declared: declared, live: live, into: &changes)
        compareTableComment(declared: declared, live: live, into: &changes)
        comparePrimaryKey(declared: declared, live: live, into: &changes)
        let consumed = compareUniqueConstraints(declared: declared, live: live, into: &changes)
        compareIndexes(declared: declared, live: live, consumed: consumed, into: &changes)
        compareForeignKeys(declared: declared, live: live, into: &changes)
        compareCheckConstraints(declared: declared, live: live, into: &changes)
    }
}
