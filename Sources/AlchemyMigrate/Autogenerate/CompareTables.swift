import AlchemySchema

/// Tables: a declared table the database lacks is created (with its indexes and
/// foreign keys inside `create_table`); a live table the models lack is dropped,
/// carrying its whole live definition, as Alembic drops tables not in the
/// metadata. Excluded tables and the version table never get here.
///
/// A live table shaped like a version table (one column, `version_num`) is never
/// dropped, whatever its name: it is another tool's or another configuration's
/// record of applied revisions (Alembic's `alembic_version` beside Advanced
/// Alchemy's `alembic_versions`), and dropping it loses that record. It is left
/// alone with one warning.
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
        for table in live where !declaredReferences.contains(table.reference) {
            if table.hasVersionTableShape {
                changes.warnings.append(
                    "left table \(table.reference) alone: it has the shape of a version table (one `version_num` column); "
                        + "if it is this project's, set `version_table: \(table.name)` in alchemy.yaml, or add it to `exclude_tables:`")
            } else {
                changes.dropTables.append(portable(table))
            }
        }
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

extension Table {
    /// One column named `version_num`: what Alembic and alchemy keep applied revisions in.
    var hasVersionTableShape: Bool {
        columns.count == 1 && columns[0].name == "version_num"
    }
}
