import AlchemyDatabase

/// A plain Alembic database keeps its revisions in `alembic_version`; alchemy's
/// default is Advanced Alchemy's `alembic_versions`. Without a word, such a
/// database looks empty: `current` shows nothing and `upgrade` would create a
/// second table and run every revision again.
extension VersionTable {
    /// Alembic's default version table name.
    public static let alembicDefaultName = "alembic_version"

    /// When this table is missing but Alembic's default one exists beside it: the
    /// explanation, naming the setting that fixes it. Nil otherwise.
    public func alembicDefaultInUse(on connection: any Connection) throws(DatabaseError) -> String? {
        guard name != Self.alembicDefaultName, try !exists(on: connection) else { return nil }
        let alembic = VersionTable(name: Self.alembicDefaultName, schema: schema)
        guard try alembic.exists(on: connection) else { return nil }
        return "the version table `\(name)` does not exist, but Alembic's `\(Self.alembicDefaultName)` does; "
            + "if it holds this project's revisions, set `version_table: \(Self.alembicDefaultName)` in alchemy.yaml"
    }
}
