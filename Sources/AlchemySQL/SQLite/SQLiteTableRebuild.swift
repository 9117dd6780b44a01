import AlchemySchema

/// The table rebuild SQLite documents for changes `ALTER TABLE` cannot make
/// (https://www.sqlite.org/lang_altertable.html#otheralter).
///
/// The new definition is the context with the operation applied, so the rebuilt
/// table keeps every declared type exactly (a GUID stays `BINARY(16)`), its
/// keys, unique and check constraints, and its indexes. The sequence:
///
/// 1. `PRAGMA foreign_keys=OFF`, marked non-transactional for the runner to hoist
///    out of the migration's transaction (SQLite ignores it inside one). It must
///    be off: `DROP TABLE` on a parent performs an implicit `DELETE`, which with
///    enforcement on runs `ON DELETE CASCADE`/`SET NULL` in the child tables and
///    destroys their data. `PRAGMA defer_foreign_keys` is not used: it postpones
///    the violation checks but still runs those actions, so it cannot stand in.
/// 2. `CREATE TABLE "_alchemy_tmp_<t>"` with the new definition.
/// 3. `INSERT INTO tmp (columns) SELECT columns FROM t`: each column that existed
///    before. A new column is left out, so it gets its server default, as
///    `ADD COLUMN` would give it. (A renamed column was renamed in place before
///    the rebuild, see `SQLiteDialect.renameThenRebuild`.)
/// 4. `DROP TABLE t`, which also drops its indexes.
/// 5. `ALTER TABLE tmp RENAME TO t` between `PRAGMA legacy_alter_table=ON` and
///    `OFF`: since 3.26 a rename re-parses every view and trigger of the schema,
///    and one that mentions `t` (dropped in step 4) would fail the rename.
///    Legacy mode renames without that check; the views resolve again once `t`
///    exists.
/// 6. The new table's indexes, re-created by name.
/// 7. `PRAGMA foreign_key_check("t")`: the runner fails the migration, rolling
///    the rebuild back, when it returns a row.
/// 8. `PRAGMA foreign_keys=ON`, non-transactional, hoisted after the commit.
///
/// Triggers on the table are not in the schema vocabulary and are not re-created.
extension SQLiteDialect {
    /// The prefix of the temporary table a rebuild copies into.
    public static let rebuildTablePrefix = "_alchemy_tmp_"

    func rebuild(_ reference: TableReference, for operation: Operation, in context: Schema) throws -> [Statement] {
        guard let old = context.table(reference) else {
            throw RenderError.unknownTable(reference, operation: operation.name)
        }
        guard let new = try context.applying(operation).table(reference) else {
            throw RenderError.unknownTable(reference, operation: operation.name)
        }
        var temporary = new
        temporary.name = Self.rebuildTablePrefix + new.name
        temporary.indexes = []

        let copied = new.columns.map(\.name).filter { old.column(named: $0) != nil }
        let tableName = qualified(reference)
        let temporaryName = qualified(temporary.reference)
        let check = "PRAGMA " + (reference.schema.map { quote($0) + "." } ?? "")
            + "foreign_key_check(\(quote(reference.name)))"

        var statements = [
            Statement("PRAGMA foreign_keys=OFF", transactional: false, kind: .foreignKeyEnforcement(enabled: false)),
            try createTableStatement(temporary),
        ]
        if !copied.isEmpty {
            statements.append(Statement("INSERT INTO \(temporaryName) (\(columnList(copied))) "
                + "SELECT \(columnList(copied)) FROM \(tableName)"))
        }
        statements += [
            Statement("DROP TABLE \(tableName)"),
            Statement("PRAGMA legacy_alter_table=ON"),
            Statement("ALTER TABLE \(temporaryName) RENAME TO \(quote(reference.name))"),
            Statement("PRAGMA legacy_alter_table=OFF"),
        ]
        for index in new.indexes {
            statements += try createIndex(index, on: reference, concurrently: false)
        }
        statements += [
            Statement(check, kind: .foreignKeyCheck(reference)),
            Statement("PRAGMA foreign_keys=ON", transactional: false, kind: .foreignKeyEnforcement(enabled: true)),
        ]
        return statements
    }
}
