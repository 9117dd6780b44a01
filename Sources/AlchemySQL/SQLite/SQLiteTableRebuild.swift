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
/// Online, the runner hands in the live table (``SQLiteLiveTable``): columns the
/// revisions never declared keep their place, definition and data; indexes and
/// triggers made outside the revisions are re-created by their original SQL after
/// step 6. A column being dropped that such an object, a view or another table's
/// trigger still uses stops the rebuild before any statement (``SQLiteRebuildRefusal``).
/// Offline there is no live table: the script says so in a comment line.
extension SQLiteDialect {
    /// The comment line an offline script prints before a rebuild, which there is
    /// rendered from the replayed schema alone; `nil` when `operation` rebuilds nothing.
    public func offlineRebuildNote(for operation: MigrateOperation) -> String? {
        rebuiltTable(by: operation).map {
            "-- rebuilds \(qualified($0)) from the schema the revision files describe: columns, indexes and "
                + "triggers made outside them are not carried over (an online upgrade reads the live table)"
        }
    }

    /// The prefix of the temporary table a rebuild copies into.
    public static let rebuildTablePrefix = "_alchemy_tmp_"

    func rebuild(_ reference: TableReference, for operation: MigrateOperation, in context: Schema, live: SQLiteLiveTable?) throws -> [Statement] {
        guard let old = context.table(reference) else {
            throw RenderError.unknownTable(reference, operation: operation.name)
        }
        guard let new = try context.applying(operation).table(reference) else {
            throw RenderError.unknownTable(reference, operation: operation.name)
        }
        var temporary = new
        temporary.name = Self.rebuildTablePrefix + new.name
        temporary.indexes = []

        let declared = Set(old.columns.map { $0.name.lowercased() })
        let kept = Set(new.columns.map { $0.name.lowercased() })
        let extras = live?.columns.filter { !declared.contains($0.name.lowercased()) && !kept.contains($0.name.lowercased()) } ?? []
        let carriedIndexes = live?.indexes.filter { live in !old.indexes.contains { $0.name.lowercased() == live.name.lowercased() } } ?? []
        if let live {
            try refuseLosses(of: old, becoming: new, live: live, extras: extras, indexes: carriedIndexes)
        }

        let tableName = qualified(reference)
        let temporaryName = qualified(temporary.reference)
        let check = "PRAGMA " + (reference.schema.map { quote($0) + "." } ?? "")
            + "foreign_key_check(\(quote(reference.name)))"

        var statements: [Statement] = []
        var copied = new.columns.map(\.name).filter { old.column(named: $0) != nil }
        if let live {
            // The live column order, declared columns with their new definition and
            // the others as written; columns the operation adds go last.
            var lines: [String] = []
            var placed: Set<String> = []
            copied = []
            for column in live.columns {
                if let declaredColumn = new.columns.first(where: { $0.name.lowercased() == column.name.lowercased() }) {
                    lines.append(try columnDefinition(declaredColumn))
                    if old.column(named: declaredColumn.name) != nil && !column.generated { copied.append(declaredColumn.name) }
                } else if extras.contains(column) {
                    lines.append(column.definition)
                    if !column.generated { copied.append(column.name) }
                } else {
                    continue
                }
                placed.insert(column.name.lowercased())
            }
            for column in new.columns where !placed.contains(column.name.lowercased()) {
                lines.append(try columnDefinition(column))
            }
            lines += constraintClauses(of: temporary)
            let body = lines.map { "  " + $0 }.joined(separator: ",\n")
            statements += [
                Statement("PRAGMA foreign_keys=OFF", transactional: false, kind: .foreignKeyEnforcement(enabled: false)),
                Statement("CREATE TABLE \(temporaryName) (\n\(body)\n)\(tableOptions(temporary))"),
            ]
        } else {
            statements += [
                Statement("PRAGMA foreign_keys=OFF", transactional: false, kind: .foreignKeyEnforcement(enabled: false)),
                try createTableStatement(temporary),
            ]
        }
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
        for object in carriedIndexes + (live?.triggers ?? []) {
            statements.append(Statement(object.sql))
        }
        statements += [
            Statement(check, kind: .foreignKeyCheck(reference)),
            Statement("PRAGMA foreign_keys=ON", transactional: false, kind: .foreignKeyEnforcement(enabled: true)),
        ]
        return statements
    }

    /// Stops a rebuild that drops a column still used by something the revisions
    /// did not make, naming every such object: re-creating it would fail or, for a
    /// view or trigger, leave it broken.
    func refuseLosses(of old: Table, becoming new: Table, live: SQLiteLiveTable,
                      extras: [SQLiteLiveTable.LiveColumn], indexes: [SQLiteLiveTable.SchemaObject]) throws {
        let kept = Set(new.columns.map { $0.name.lowercased() })
        let dropped = old.columns.map(\.name).filter { !kept.contains($0.lowercased()) }
        guard !dropped.isEmpty else { return }
        let droppedNames = Set(dropped.map { $0.lowercased() })
        var objects = extras.filter { !$0.mentions.isDisjoint(with: droppedNames) }.map { "column \"\($0.name)\"" }
        for object in indexes + live.triggers + live.dependents where !object.mentions.isDisjoint(with: droppedNames) {
            objects.append("\(object.kind) \"\(object.name)\"")
        }
        guard !objects.isEmpty else { return }
        throw SQLiteRebuildRefusal(table: old.name, droppedColumns: dropped, objects: objects)
    }
}
