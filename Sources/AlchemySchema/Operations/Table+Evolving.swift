/// How a table's keys and indexes follow its columns, for `Schema.apply(_:)`.
extension Table {
    /// Removes the column and, as PostgreSQL does, every index, key and check that uses it.
    mutating func removeColumn(_ name: String) {
        columns.removeAll { $0.name == name }
        indexes.removeAll { $0.columns.contains(name) }
        uniqueConstraints.removeAll { $0.columns.contains(name) }
        foreignKeys.removeAll { $0.columns.contains(name) }
        checkConstraints.removeAll { SQLColumnReferences.mentions($0.sqltext, column: name) }
        if primaryKey?.columns.contains(name) == true { primaryKey = nil }
    }

    /// Renames a column in the keys, indexes and checks that use it.
    mutating func renameColumn(_ old: String, to new: String) {
        func rename(_ names: [String]) -> [String] { names.map { $0 == old ? new : $0 } }
        if let key = primaryKey { primaryKey?.columns = rename(key.columns) }
        for i in indexes.indices { indexes[i].columns = rename(indexes[i].columns) }
        for i in uniqueConstraints.indices { uniqueConstraints[i].columns = rename(uniqueConstraints[i].columns) }
        for i in foreignKeys.indices { foreignKeys[i].columns = rename(foreignKeys[i].columns) }
        for i in checkConstraints.indices {
            checkConstraints[i].sqltext = SQLColumnReferences.renaming(checkConstraints[i].sqltext, column: old, to: new)
        }
    }

    /// Removes a constraint, found by name, or by its definition when it has none.
    mutating func removeConstraint(_ constraint: Constraint) {
        func matches(_ candidate: Constraint) -> Bool {
            if let name = constraint.name { return candidate.name == name }
            return candidate == constraint
        }
        switch constraint {
        case .primaryKey:
            if let key = primaryKey, matches(.primaryKey(key)) || constraint.name == nil { primaryKey = nil }
        case .unique:
            uniqueConstraints.removeAll { matches(.unique($0)) }
        case .foreignKey:
            foreignKeys.removeAll { matches(.foreignKey($0)) }
        case .check:
            checkConstraints.removeAll { matches(.check($0)) }
        }
    }
}
