/// An operation that cannot apply to the schema the revisions before it describe.
public enum SchemaChangeError: Error, Hashable, Sendable, CustomStringConvertible {
    /// `create_table` (or `rename_table`) to a table the schema already has.
    case tableExists(TableReference)
    /// `add_column` of a column the table already has.
    case columnExists(table: TableReference, column: String)

    public var description: String {
        switch self {
        case let .tableExists(table): "create_table \(table): the table already exists"
        case let .columnExists(table, column): "add_column \(table).\(column): the column already exists"
        }
    }
}
