import AlchemySchema

/// Enumeration values. On PostgreSQL the reported type is the enum type's name,
/// so the values (which introspection reads from `pg_enum` into the live
/// `ColumnType`) are compared here; a change becomes `alter_column` with the
/// declared type, which the PostgreSQL dialect renders as `ALTER TYPE ... ADD
/// VALUE`. On MySQL/MariaDB the values are part of the reported type as well.
/// SQLite stores an enum as VARCHAR, so it has no values to compare.
///
/// Runs even with `compareType` off: values are exact, there is no spelling to
/// get wrong.
extension SchemaComparator {
    func compareEnumValues(_ declared: Column, _ live: Column, into change: inout AlterColumn) {
        guard case .enumeration(let declaredValues, _) = declared.type,
              case .enumeration(let liveValues, _) = live.type,
              declaredValues != liveValues
        else { return }
        change.type = declared.type
    }
}
