import AlchemySchema

/// The primary key, by its columns in order. Names are not compared: MySQL and
/// MariaDB call every primary key `PRIMARY`, and SQLite may not report one.
extension SchemaComparator {
    func comparePrimaryKey(declared: Table, live: Table, into changes: inout ChangeSet) {
        guard declared.primaryKey?.columns != live.primaryKey?.columns else { return }
        let reference = declared.reference
        if let key = live.primaryKey {
            changes.dropIndexesAndConstraints.append(.dropConstraint(reference, .primaryKey(key)))
        }
        if let key = declared.primaryKey {
            changes.createIndexesAndConstraints.append(.createPrimaryKey(reference, key))
        }
    }
}
