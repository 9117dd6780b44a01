/// The statements a SQLite rebuild of `table` always has around its variable parts.
public func sqliteRebuild(_ table: String, create: String, insert: String?, indexes: [String] = []) -> [String] {
    ["PRAGMA foreign_keys=OFF", create]
        + (insert.map { [$0] } ?? [])
        + [
            "DROP TABLE \"\(table)\"",
            "PRAGMA legacy_alter_table=ON",
            "ALTER TABLE \"_alchemy_tmp_\(table)\" RENAME TO \"\(table)\"",
            "PRAGMA legacy_alter_table=OFF",
        ]
        + indexes
        + ["PRAGMA foreign_key_check(\"\(table)\")", "PRAGMA foreign_keys=ON"]
}
