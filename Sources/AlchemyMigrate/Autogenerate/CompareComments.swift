import AlchemySchema

/// Table and column comments, where the database stores them (not SQLite). An
/// empty comment is no comment: MySQL reports a missing one as `''`.
extension SchemaComparator {
    func compareTableComment(declared: Table, live: Table, into changes: inout ChangeSet) {
        guard storesComments else { return }
        let wanted = Self.comment(declared.comment), found = Self.comment(live.comment)
        guard wanted != found else { return }
        if let wanted {
            changes.columnChanges.append(.createTableComment(declared.reference, comment: wanted, existing: found))
        } else {
            changes.columnChanges.append(.dropTableComment(declared.reference, existing: found))
        }
    }

    func compareColumnComment(_ declared: Column, _ live: Column, into change: inout AlterColumn) {
        guard storesComments else { return }
        let wanted = Self.comment(declared.comment)
        if wanted != Self.comment(live.comment) { change.comment = .some(wanted) }
    }

    static func comment(_ text: String?) -> String? {
        text.flatMap { $0.isEmpty ? nil : $0 }
    }
}
