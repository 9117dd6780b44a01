import AlchemySchema

/// Live columns as they go into a revision file: the `existing` side of an
/// `alter_column`, and the columns a downgrade re-creates after `drop_column` or
/// `drop_table`.
///
/// Introspection already gives portable types and defaults (see
/// `Dialect.portableDefault`). What a database cannot report is filled in so that
/// the file runs on the other dialects too: MySQL and MariaDB enums are inline
/// and have no type name, which PostgreSQL needs. The declared column's name is
/// used when the models have one; otherwise the enum is named `<table>_<column>`,
/// unique within a schema as PostgreSQL's type names must be.
extension SchemaComparator {
    func portable(_ live: Column, declared: Column?, table: String) -> Column {
        guard case .enumeration(let values, nil) = live.type else { return live }
        var column = live
        if case .enumeration(_, let name?)? = declared?.type {
            column.type = .enumeration(values: values, name: name)
        } else {
            column.type = .enumeration(values: values, name: "\(table)_\(live.name)")
        }
        return column
    }

    func portable(_ live: Table) -> Table {
        var table = live
        table.columns = live.columns.map { portable($0, declared: nil, table: live.name) }
        return table
    }
}
