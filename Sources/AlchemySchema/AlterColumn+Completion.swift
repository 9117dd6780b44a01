/// Filling in what an `alter_column` leaves out about the column before it, from
/// the schema it runs against (the earlier revisions replayed).
extension AlterColumn {
    /// The change with every unknown fact about the existing column taken from
    /// `column`; unchanged when `column` is `nil` (a table made by raw SQL).
    /// What the file states wins over the schema.
    public func completed(from column: Column?) -> AlterColumn {
        guard let column, existingKnown != .all else { return self }
        var change = self
        let missing = ExistingColumnFacts.all.subtracting(existingKnown)
        if missing.contains(.type) {
            change.existing.type = column.type
            change.existing.nativeType = column.nativeType
        }
        if missing.contains(.nullable) { change.existing.nullable = column.nullable }
        if missing.contains(.serverDefault) { change.existing.serverDefault = column.serverDefault }
        if missing.contains(.comment) { change.existing.comment = column.comment }
        if missing.contains(.autoincrement) {
            change.existing.autoincrement = column.autoincrement
            change.existing.identity = column.identity
        }
        change.existingKnown = .all
        return change
    }

    /// The same, with the column as `schema` has it.
    public func completed(in schema: Schema) -> AlterColumn {
        guard existingKnown != .all else { return self }
        return completed(from: schema.table(table)?.column(named: existing.name))
    }
}

extension MigrateOperation {
    /// An `alter_column` completed from `schema`; any other operation as it is.
    public func completed(in schema: Schema) -> MigrateOperation {
        guard case .alterColumn(let change) = self, change.existingKnown != .all else { return self }
        return .alterColumn(change.completed(in: schema))
    }
}
