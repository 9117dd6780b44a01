import AlchemySchema

/// Which tables introspection reads: neither the version table nor the ones the
/// user excluded (`exclude_tables: [spatial_ref_sys, "tmp_*"]`).
///
/// The exact decision is ``includes(name:schema:)``. Patterns that SQL `LIKE`
/// can express exactly are also given to the catalog queries
/// (``likePatterns(singleCharacterWildcard:)``), so that excluded tables cost
/// nothing in the heavier queries; the exact test runs on every row anyway.
public struct TableFilter: Hashable, Sendable {
    public var versionTable: String?
    /// `nil`: the default schema.
    public var versionTableSchema: String?
    public var excludePatterns: [String]
    /// The default schema's real name (`public`, the database name, `main`), once
    /// known, so that a `versionTableSchema` spelled out names the default schema too.
    public var defaultSchema: String?

    public init(versionTable: String?, versionTableSchema: String? = nil, excludePatterns: [String] = []) {
        self.versionTable = versionTable
        self.versionTableSchema = versionTableSchema
        self.excludePatterns = excludePatterns
    }

    init(_ options: IntrospectionOptions) {
        self.init(versionTable: options.versionTable, versionTableSchema: options.versionTableSchema,
                  excludePatterns: options.excludeTables)
    }

    /// Whether a table is read. `schema` is `nil` for the default schema.
    public func includes(name: String, schema: String?) -> Bool {
        if name == versionTable, (schema ?? defaultSchema) == (versionTableSchema ?? defaultSchema) { return false }
        return !excludePatterns.contains { Glob.matches($0, name) }
    }

    /// The exclude patterns as SQL `LIKE` patterns (backslash escapes), for those
    /// that `LIKE` expresses exactly: `*` becomes `%`, and `?` becomes `_` when
    /// `singleCharacterWildcard` (not on MySQL, whose binary `_` is one byte).
    /// Bracket expressions are left to ``includes(name:schema:)``.
    public func likePatterns(singleCharacterWildcard: Bool = true) -> [String] {
        excludePatterns.compactMap { pattern in
            guard !pattern.contains("["), singleCharacterWildcard || !pattern.contains("?") else { return nil }
            var like = ""
            for character in pattern {
                switch character {
                case "*": like.append("%")
                case "?": like.append("_")
                case "%", "_", "\\": like.append("\\"); like.append(character)
                default: like.append(character)
                }
            }
            return like
        }
    }
}
