import AlchemySchema

/// SQLite reports a column's type as the text it was declared with, so the only
/// spelling differences are case and blanks (the shared ``Dialect/canonicalType(_:)``).
extension SQLiteDialect {
    /// A generated integer key is declared `INTEGER` whatever its width (see
    /// ``columnDefinition(_:)``), so `INTEGER` is what such a column reports.
    public func sameType(_ declared: Column, reported: String) -> Bool {
        if (declared.autoincrement || declared.identity != nil) && declared.type.isInteger {
            return canonicalType(reported) == "integer"
        }
        return rendersAs(declared, reported: reported)
    }

    /// `sqlite_sequence`, `sqlite_stat1` and the rest of SQLite's own tables.
    public func isInternalTable(_ name: String) -> Bool { name.hasPrefix("sqlite_") }

    /// The indexes behind inline UNIQUE and PRIMARY KEY constraints.
    public func isInternalIndex(_ name: String) -> Bool { name.hasPrefix("sqlite_autoindex_") }
}
