import AlchemySchema

/// Most databases convert a column's values to its new type by themselves
/// (SQLite keeps any value; MySQL converts on `MODIFY COLUMN`), so they take no
/// conversion expression and need none. PostgreSQL overrides both.
extension Dialect {
    public var takesUsingExpression: Bool { false }

    public func typeConversion(of column: Column, to type: ColumnType) -> String? { nil }
}
