import AlchemySchema

/// SQLite's catalog is `sqlite_master`; its schemas are attached databases.
extension SQLiteDialect {
    public func tableExistsQuery(name: String, schema: String?) -> (sql: String, parameters: [LiteralValue]) {
        ("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", [.string(name)])
    }

    public var versionTableTakesSchema: Bool { false }
}
