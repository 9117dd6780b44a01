import AlchemySchema

/// What autogenerate compares and which tables it leaves alone: the `compare_type`,
/// `compare_server_default`, `exclude_tables` and `version_table` settings of
/// `alchemy.yaml`.
///
/// ```swift
/// let options = ComparisonOptions(excludeTables: ["spatial_ref_sys", "tmp_*"])
/// options.isExcluded(TableReference(name: "tmp_import"))   // true
/// ```
public struct ComparisonOptions: Hashable, Sendable {
    /// Report columns whose type differs (on by default; Alembic's `compare_type`).
    public var compareType: Bool
    /// Report columns whose server default differs.
    public var compareServerDefault: Bool
    /// Table names or glob patterns (`*` any run of characters, `?` one character),
    /// matched against the table name, or `schema.name` when the pattern has a dot.
    /// Such tables are never compared, created or dropped.
    public var excludeTables: [String]
    /// The version table, never compared nor touched.
    public var versionTable: String

    public init(
        compareType: Bool = true,
        compareServerDefault: Bool = true,
        excludeTables: [String] = [],
        versionTable: String = "alembic_versions"
    ) {
        self.compareType = compareType
        self.compareServerDefault = compareServerDefault
        self.excludeTables = excludeTables
        self.versionTable = versionTable
    }

    /// Whether the table is outside comparison: the version table or an excluded one.
    public func isExcluded(_ table: TableReference) -> Bool {
        if table.name == versionTable { return true }
        return excludeTables.contains { pattern in
            let subject = pattern.contains(".") ? table.description : table.name
            return Glob.matches(pattern, subject)
        }
    }
}
