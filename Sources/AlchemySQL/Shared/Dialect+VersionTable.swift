import AlchemySchema

/// Finding the version table: `information_schema` where the database has it.
extension Dialect {
    public func tableExistsQuery(name: String, schema: String?) -> (sql: String, parameters: [LiteralValue]) {
        ("SELECT 1 FROM information_schema.tables WHERE table_name = \(placeholder(1)) "
            + "AND table_schema = COALESCE(\(placeholder(2)), DATABASE())",
         [.string(name), schema.map(LiteralValue.string) ?? .null])
    }

    public var versionTableTakesSchema: Bool { true }
}
