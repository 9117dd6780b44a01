import AlchemySchema

/// Unique constraints. A declared constraint is found in the live table, in this
/// order: a unique constraint of the same name; a unique index of the same name
/// (MySQL reports unique constraints as indexes); an unnamed unique constraint
/// on the same columns; any unique index on the same columns (SQLite and MariaDB
/// report some uniques as indexes). Found by name on other columns, it is
/// dropped and created again.
///
/// A live constraint that no declared one claims is dropped, unless a declared
/// unique index covers the same columns (the database reported the index as a
/// constraint).
///
/// Returns the names of the live unique indexes that stand for declared
/// constraints, which the index comparison must leave alone.
extension SchemaComparator {
    func compareUniqueConstraints(declared: Table, live: Table, into changes: inout ChangeSet) -> Set<String> {
        let reference = declared.reference
        var liveConstraints = live.uniqueConstraints
        let liveUniqueIndexes = live.indexes.filter { $0.unique && $0.expressions.isEmpty }
        var consumedIndexes: Set<String> = []
        for constraint in declared.uniqueConstraints {
            if let position = liveConstraints.firstIndex(where: { $0.name != nil && $0.name == constraint.name }) {
                let existing = liveConstraints.remove(at: position)
                if existing.columns != constraint.columns {
                    changes.dropIndexesAndConstraints.append(.dropConstraint(reference, .unique(existing)))
                    changes.createIndexesAndConstraints.append(.createUniqueConstraint(reference, constraint))
                }
            } else if let index = liveUniqueIndexes.first(where: { $0.name == constraint.name && !consumedIndexes.contains($0.name) }) {
                consumedIndexes.insert(index.name)
                if index.columns != constraint.columns {
                    changes.dropIndexesAndConstraints.append(.dropIndex(reference, index))
                    changes.createIndexesAndConstraints.append(.createUniqueConstraint(reference, constraint))
                }
            } else if let position = liveConstraints.firstIndex(where: { $0.name == nil && $0.columns == constraint.columns }) {
                liveConstraints.remove(at: position)
            } else if let index = liveUniqueIndexes.first(where: { index in
                index.columns == constraint.columns && !consumedIndexes.contains(index.name)
                    && !declared.indexes.contains { $0.name == index.name }
            }) {
                consumedIndexes.insert(index.name)
            } else {
                changes.createIndexesAndConstraints.append(.createUniqueConstraint(reference, constraint))
            }
        }
        for existing in liveConstraints where !coversUnique(existing.columns, declared: declared) {
            if let index = uniqueIndexReportedAsConstraint(existing) {
                changes.dropIndexesAndConstraints.append(.dropIndex(reference, index))
            } else {
                changes.dropIndexesAndConstraints.append(.dropConstraint(reference, .unique(existing)))
            }
        }
        return consumedIndexes
    }

    /// MySQL/MariaDB report a unique index as a unique constraint (one object to
    /// them). One named as the naming convention names indexes (`ix_...`) was
    /// created as an index, and is dropped as one, so that the revision stays
    /// portable (PostgreSQL cannot drop an index as a constraint) and its
    /// downgrade makes the index again.
    func uniqueIndexReportedAsConstraint(_ constraint: UniqueConstraint) -> Index? {
        guard dialect.reportsUniqueIndexesAsConstraints, let name = constraint.name, name.hasPrefix("ix_") else { return nil }
        return Index(name: name, columns: constraint.columns, unique: true)
    }

    /// Whether the declared table makes these columns unique, by constraint or unique index.
    func coversUnique(_ columns: [String], declared: Table) -> Bool {
        declared.uniqueConstraints.contains { $0.columns == columns }
            || declared.indexes.contains { $0.unique && $0.expressions.isEmpty && $0.columns == columns }
    }
}
