extension Schema {
    /// The column a foreign key points at, if the schema has it.
    public func column(_ reference: ColumnReference) -> Column? {
        table(reference.table)?.column(named: reference.column)
    }

    /// Tables with this name in any schema, to suggest `blog.post` when `post` is not found.
    public func tables(named name: String) -> [Table] {
        tables.filter { $0.name == name }
    }
}
