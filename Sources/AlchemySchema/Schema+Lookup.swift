extension Schema {
    /// The column a foreign key points at, if the schema has it.
    public func column(_ reference: ColumnReference) -> Column? {
        table(reference.table)?.column(named: reference.column)
    }
}
