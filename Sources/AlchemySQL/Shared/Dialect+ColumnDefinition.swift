import AlchemySchema

/// Column DDL in the order SQLite and PostgreSQL use: `name TYPE [DEFAULT x] [NOT NULL]`.
extension Dialect {
    public func columnDefinition(_ column: Column) throws -> String {
        try standardColumnDefinition(column, type: columnTypeDDL(column))
    }

    /// The column's type from the type table, naming the column in any error.
    func columnTypeDDL(_ column: Column) throws -> String {
        do {
            return try typeDDL(column.type)
        } catch {
            throw error.inColumn(column.name)
        }
    }

    /// `name TYPE [DEFAULT x] [NOT NULL]` with a type the caller chose.
    func standardColumnDefinition(_ column: Column, type: String) -> String {
        var parts = [quote(column.name), type]
        if let serverDefault = column.serverDefault {
            parts.append("DEFAULT " + defaultSQL(serverDefault))
        }
        if !column.nullable { parts.append("NOT NULL") }
        return parts.joined(separator: " ")
    }
}
