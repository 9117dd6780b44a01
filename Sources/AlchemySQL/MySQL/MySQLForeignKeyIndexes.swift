import AlchemySchema

/// The index behind each foreign key on MySQL/MariaDB.
///
/// The server needs an index whose leading columns are the key's columns. When
/// the key is created without one, it makes one, named after the constraint; it
/// drops that index silently once another index can serve, but never when the
/// key itself goes. So, to keep a migrated database the same as one created
/// fresh from the same models, and every revision's downgrade exact:
/// - dropping a unique constraint or an index that a foreign key relies on first
///   gives the key its own index (named as the server would have named it), since
///   the server refuses the drop otherwise ("needed in a foreign key constraint");
/// - dropping a foreign key that no declared index serves drops the index the
///   server made for it.
/// MariaDB says `IF [NOT] EXISTS`, so the index the server may or may not have
/// made is never an error there.
extension MySQLFamily {
    public func render(_ operation: MigrateOperation, in context: Schema) throws -> [Statement] {
        if case let .dropIndex(table, index) = operation, let known = context.table(table) {
            let keep = foreignKeyIndexesKept(dropping: index.name, of: known)
            if !keep.isEmpty {
                return [Statement("ALTER TABLE \(qualified(table)) " + (keep + ["DROP INDEX \(quote(index.name))"]).joined(separator: ", "))]
            }
        }
        return try renderStandard(operation, in: context)
    }

    /// `ADD INDEX` clauses for the foreign keys that only the key `name` serves.
    func foreignKeyIndexesKept(dropping name: String, of table: Table) -> [String] {
        let ifNotExists = self.name == .mariadb ? "IF NOT EXISTS " : ""
        return table.foreignKeys.compactMap { key in
            guard let keyName = key.name, hasIndex(for: key.columns, in: table, excluding: nil),
                  !hasIndex(for: key.columns, in: table, excluding: name) else { return nil }
            return "ADD INDEX \(ifNotExists)\(quote(keyName)) (\(key.columns.map(quote).joined(separator: ", ")))"
        }
    }

    /// The `DROP INDEX` clause for the index the server made for `key`, when no
    /// declared key of the table serves it.
    func implicitIndexDrop(for key: ForeignKey, of table: Table?) -> String? {
        guard let keyName = key.name, let table, !hasIndex(for: key.columns, in: table, excluding: nil) else { return nil }
        return "DROP INDEX \(self.name == .mariadb ? "IF EXISTS " : "")\(quote(keyName))"
    }

    /// Whether a declared key of `table` other than `excluded` starts with `columns`.
    func hasIndex(for columns: [String], in table: Table, excluding excluded: String?) -> Bool {
        var keys: [(name: String?, columns: [String])] = table.primaryKey.map { [("PRIMARY", $0.columns)] } ?? []
        keys += table.uniqueConstraints.map { ($0.name, $0.columns) }
        keys += table.indexes.filter { $0.expressions.isEmpty }.map { ($0.name, $0.columns) }
        return keys.contains { key in (excluded == nil || key.name != excluded) && key.columns.starts(with: columns) }
    }
}
