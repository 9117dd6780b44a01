import AlchemySchema

/// Columns: added and dropped by name, and for columns on both sides one
/// `alter_column` that gathers what the type, enum, nullability, server-default
/// and comment comparisons found, with `existing` set to the live column (in its portable form).
extension SchemaComparator {
    func compareColumns(declared: Table, live: Table, into changes: inout ChangeSet) {
        let reference = declared.reference
        var additions: [MigrateOperation] = []
        var alterations: [MigrateOperation] = []
        for column in declared.columns {
            guard let existing = live.column(named: column.name) else {
                additions.append(.addColumn(reference, column))
                continue
            }
            if let change = alteration(of: existing, to: column, declared: declared, live: live) {
                alterations.append(.alterColumn(change))
            }
        }
        let drops = live.columns
            .filter { declared.column(named: $0.name) == nil }
            .map { MigrateOperation.dropColumn(reference, portable($0, declared: nil, table: live.name)) }
        changes.columnChanges += additions + alterations + drops
    }

    /// The `alter_column` that makes the live column the declared one, `nil` when they match.
    func alteration(of live: Column, to declared: Column, declared declaredTable: Table, live liveTable: Table) -> AlterColumn? {
        var change = AlterColumn(table: declaredTable.reference, existing: portable(live, declared: declared, table: liveTable.name))
        if options.compareType { compareType(declared, live, into: &change) }
        compareEnumValues(declared, live, into: &change)
        compareNullability(declared, live, declared: declaredTable, live: liveTable, into: &change)
        if options.compareServerDefault { compareServerDefault(declared, live, into: &change) }
        compareColumnComment(declared, live, into: &change)
        // A conversion puts the column's default back after it, and the live one is
        // typed by the old type ('0'::character varying). When it is the declared
        // default, the declared spelling goes in, portable and of no type.
        if change.using != nil, options.compareServerDefault, change.serverDefault == nil, live.serverDefault != nil {
            change.existing.serverDefault = declared.serverDefault
        }
        let unchanged = change.type == nil && change.nullable == nil && change.serverDefault == nil
            && change.comment == nil && change.newName == nil
        return unchanged ? nil : change
    }
}
