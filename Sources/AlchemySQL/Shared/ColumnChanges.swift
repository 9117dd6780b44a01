import AlchemySchema

/// What an `alter_column` really changes: a field set to the value the column
/// already has is no change, so no dialect emits a statement for it.
struct ColumnChanges: OptionSet, Hashable, Sendable {
    let rawValue: Int

    static let type = ColumnChanges(rawValue: 1 << 0)
    static let nullable = ColumnChanges(rawValue: 1 << 1)
    static let serverDefault = ColumnChanges(rawValue: 1 << 2)
    static let comment = ColumnChanges(rawValue: 1 << 3)
    static let name = ColumnChanges(rawValue: 1 << 4)
}

extension AlterColumn {
    /// A field set against an earlier value that is not known is a change: the
    /// statement is written rather than guessed away.
    var changes: ColumnChanges {
        let before = existing, after = altered
        let known = existingKnown
        var changes: ColumnChanges = []
        if type != nil && !known.contains(.type) || before.type != after.type { changes.insert(.type) }
        if nullable != nil && !known.contains(.nullable) || before.nullable != after.nullable { changes.insert(.nullable) }
        if serverDefault != nil && !known.contains(.serverDefault) || before.serverDefault != after.serverDefault {
            changes.insert(.serverDefault)
        }
        if comment != nil && !known.contains(.comment) || before.comment != after.comment { changes.insert(.comment) }
        if before.name != after.name { changes.insert(.name) }
        return changes
    }
}
