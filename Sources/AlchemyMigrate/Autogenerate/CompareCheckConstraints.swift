import AlchemySchema
import AlchemySQL

/// Check constraints, by name. Their text is not compared: every server rewrites
/// it (`email LIKE '%@%'` comes back from PostgreSQL as
/// `((email)::text ~~ '%@%'::text)`), so a text comparison would report changes
/// that are not there. A declared check is found in an unnamed live check with
/// the same canonical text (SQLite may not report names).
///
/// Live checks that the models lack are dropped, except MariaDB's `json_valid`
/// check, which the server adds to every JSON column.
extension SchemaComparator {
    func compareCheckConstraints(declared: Table, live: Table, into changes: inout ChangeSet) {
        let reference = declared.reference
        var liveChecks = live.checkConstraints
        for check in declared.checkConstraints {
            if let position = liveChecks.firstIndex(where: { $0.name != nil && $0.name == check.name })
                ?? liveChecks.firstIndex(where: { ($0.name == nil || check.name == nil) && sameText($0, check) }) {
                liveChecks.remove(at: position)
            } else {
                changes.createIndexesAndConstraints.append(.createCheckConstraint(reference, check))
            }
        }
        for existing in liveChecks where !isServerMade(existing) {
            changes.dropIndexesAndConstraints.append(.dropConstraint(reference, .check(existing)))
        }
    }

    private func sameText(_ a: CheckConstraint, _ b: CheckConstraint) -> Bool {
        SQLText.canonical(a.sqltext) == SQLText.canonical(b.sqltext)
    }

    /// MariaDB's JSON column check, `json_valid(`column`)`.
    private func isServerMade(_ check: CheckConstraint) -> Bool {
        isMySQLFamily && SQLText.canonical(check.sqltext, backslashEscapes: true).hasPrefix("json_valid(")
    }
}
