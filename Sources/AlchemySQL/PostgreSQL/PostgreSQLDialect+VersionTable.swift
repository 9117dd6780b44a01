import AlchemySchema

extension PostgreSQLDialect {
    /// pg_catalog, not information_schema.tables: in a new backend (every run's)
    /// the view's first use costs some 4 ms of catalog loading.
    public func tableExistsQuery(name: String, schema: String?) -> (sql: String, parameters: [LiteralValue]) {
        ("SELECT 1 FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace "
            + "WHERE c.relname = $1 AND n.nspname = COALESCE($2, current_schema()) AND c.relkind IN ('r', 'p', 'v', 'm', 'f')",
         [.string(name), schema.map(LiteralValue.string) ?? .null])
    }
}
