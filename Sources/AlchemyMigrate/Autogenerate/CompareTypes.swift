import AlchemySchema

/// Column types, without false positives.
///
/// A live column from introspection has `nativeType`, the type exactly as the
/// server reports it (`character varying(255)`, `int(11)`, `longtext`). It is
/// compared with the dialect's rendering of the declared type through the
/// dialect's table of canonical spellings (`Dialect.sameType`, one file per
/// dialect in AlchemySQL), so `VARCHAR(255)` is `character varying(255)` on
/// PostgreSQL and `BOOL` is `tinyint(1)` on MariaDB. Several portable types can
/// share one database type (GUID and Uuid are both `uuid` on PostgreSQL), which
/// is why the reported text, not the introspected `ColumnType`, decides.
///
/// Without `nativeType` (a schema built by hand) the `ColumnType` values are compared.
extension SchemaComparator {
    func compareType(_ declared: Column, _ live: Column, into change: inout AlterColumn) {
        if !sameType(declared, live) { change.type = declared.type }
    }

    func sameType(_ declared: Column, _ live: Column) -> Bool {
        guard let reported = live.nativeType,
              // A type this dialect cannot render has no spelling to compare.
              (try? dialect.typeDDL(declared.type)) != nil
        else { return declared.type == live.type }
        return dialect.sameType(declared, reported: reported)
    }
}
