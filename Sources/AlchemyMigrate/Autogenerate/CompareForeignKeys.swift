import AlchemySchema

/// Foreign keys: matched by name when both have one, otherwise by definition
/// (columns, referred table and columns). A key matched by name whose definition
/// differs is dropped and created again.
///
/// Actions compare as the database means them: no action given is `NO ACTION`;
/// on MySQL/MariaDB `RESTRICT` is `NO ACTION` too (MariaDB reports an unset
/// action as `RESTRICT`). A referred schema missing on one side (the default
/// schema, reported or not) is no difference.
extension SchemaComparator {
    func compareForeignKeys(declared: Table, live: Table, into changes: inout ChangeSet) {
        let reference = declared.reference
        var liveKeys = live.foreignKeys
        for key in declared.foreignKeys {
            let byName = key.name.flatMap { name in liveKeys.firstIndex { $0.name == name } }
            let byDefinition = liveKeys.firstIndex { ($0.name == nil || key.name == nil) && sameTarget($0, key) }
            guard let position = byName ?? byDefinition else {
                changes.createForeignKeys.append(.createForeignKey(reference, key))
                continue
            }
            let existing = liveKeys.remove(at: position)
            if !sameTarget(existing, key) || !sameActions(existing, key) {
                changes.dropForeignKeys.append(.dropConstraint(reference, .foreignKey(existing)))
                changes.createForeignKeys.append(.createForeignKey(reference, key))
            }
        }
        for existing in liveKeys {
            changes.dropForeignKeys.append(.dropConstraint(reference, .foreignKey(existing)))
        }
    }

    func sameTarget(_ a: ForeignKey, _ b: ForeignKey) -> Bool {
        a.columns == b.columns && a.referredTable == b.referredTable && a.referredColumns == b.referredColumns
            && (a.referredSchema == nil || b.referredSchema == nil || a.referredSchema == b.referredSchema)
    }

    func sameActions(_ a: ForeignKey, _ b: ForeignKey) -> Bool {
        action(a.onDelete) == action(b.onDelete) && action(a.onUpdate) == action(b.onUpdate)
    }

    private func action(_ action: ReferentialAction?) -> ReferentialAction {
        switch action {
        case nil, .noAction?: .noAction
        case .restrict? where dialect.restrictIsNoAction: .noAction
        case let other?: other
        }
    }
}
