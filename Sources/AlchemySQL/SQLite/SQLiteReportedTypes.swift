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
}
