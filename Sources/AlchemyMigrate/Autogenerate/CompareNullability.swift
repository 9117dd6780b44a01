import AlchemySchema

/// NULL / NOT NULL. A column of the primary key on both sides is NOT NULL
/// whatever was written (SQLite reports `INTEGER PRIMARY KEY` as nullable), so
/// its nullability is not compared.
extension SchemaComparator {
    func compareNullability(_ declared: Column, _ live: Column, declared declaredTable: Table, live liveTable: Table,
                            into change: inout AlterColumn) {
        guard declared.nullable != live.nullable else { return }
        let inDeclaredKey = declaredTable.primaryKey?.columns.contains(declared.name) == true
        let inLiveKey = liveTable.primaryKey?.columns.contains(live.name) == true
        if inDeclaredKey && inLiveKey { return }
        change.nullable = declared.nullable
    }
}
