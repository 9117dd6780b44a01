import AlchemySchema
import AlchemySQL

/// Check constraints, by name, then by condition. Every server rewrites a
/// condition (`email LIKE '%@%'` comes back from PostgreSQL as
/// `(email)::text ~~ '%@%'::text`), so the declared text is not compared with
/// the live one as written: when their canonical texts differ, the comparison
/// uses the server's own spelling of the declared text (``SchemaComparator/reportedChecks``,
/// asked by autogenerate for ``SchemaComparator/checkConditionsToAsk(declared:live:)``).
/// A changed condition is dropped and created again.
///
/// Without that spelling the check is the same when the name is (one warning
/// says so when the server was asked but did not answer). A declared check is
/// found in an unnamed live check with the same canonical text (SQLite may not
/// report names).
///
/// Live checks that the models lack are dropped, except MariaDB's `json_valid`
/// check, which the server adds to every JSON column.
extension SchemaComparator {
    func compareCheckConstraints(declared: Table, live: Table, into changes: inout ChangeSet) {
        let reference = declared.reference
        var liveChecks = live.checkConstraints
        for check in declared.checkConstraints {
            if let position = liveChecks.firstIndex(where: { $0.name != nil && $0.name == check.name }) {
                let existing = liveChecks.remove(at: position)
                if conditionChanged(check, existing, on: live, into: &changes) {
                    changes.dropIndexesAndConstraints.append(.dropConstraint(reference, .check(existing)))
                    changes.createIndexesAndConstraints.append(.createCheckConstraint(reference, check))
                }
            } else if let position = liveChecks.firstIndex(where: { ($0.name == nil || check.name == nil) && sameText($0, check) }) {
                liveChecks.remove(at: position)
            } else {
                changes.createIndexesAndConstraints.append(.createCheckConstraint(reference, check))
            }
        }
        for existing in liveChecks where !dialect.isServerMadeCheck(existing) {
            changes.dropIndexesAndConstraints.append(.dropConstraint(reference, .check(existing)))
        }
    }

    /// Whether the live check of the same name holds another condition, as far as
    /// the server's spelling of the declared one tells.
    private func conditionChanged(_ check: CheckConstraint, _ existing: CheckConstraint, on live: Table,
                                  into changes: inout ChangeSet) -> Bool {
        guard !sameText(existing, check) else { return false }
        let condition = CheckCondition(table: live.reference, sqltext: check.sqltext)
        changes.checkConditionsToAsk.append(condition)
        guard let reportedChecks else { return false }
        guard let reported = reportedChecks[condition] else {
            changes.unansweredChecks.append("\(check.name ?? existing.name ?? "?") on \(live.reference)")
            return false
        }
        return canonical(reported) != canonical(existing.sqltext)
    }

    private func sameText(_ a: CheckConstraint, _ b: CheckConstraint) -> Bool {
        canonical(a.sqltext) == canonical(b.sqltext)
    }

    /// Read as the server wrote it: MariaDB prints `\'` in strings unless `NO_BACKSLASH_ESCAPES`.
    /// A LIKE pattern's runs of `%` are one `%`, which they mean: Alembic writes a
    /// check's `%` doubled into its revisions (escaped for the driver), so databases
    /// migrated by it hold `LIKE '%%@%%'` for a model's `LIKE '%@%'`.
    private func canonical(_ sqltext: String) -> String {
        let tokens = SQLText.tokens(sqltext, backslashEscapes: dialect.stringsMayUseBackslashEscapes)
        return SQLText.text(Self.withSimpleLikePatterns(tokens))
    }

    static func withSimpleLikePatterns(_ tokens: [SQLText.Token]) -> [SQLText.Token] {
        var output: [SQLText.Token] = []
        for token in tokens {
            // `LIKE`, `ILIKE`, and PostgreSQL's `~~` / `~~*` (how it reports them).
            let isPattern = switch output.last {
            case .word("like")?, .word("ilike")?: true
            case .symbol("~")?: output.dropLast().last == .symbol("~")
            case .symbol("*")?: output.suffix(3).elementsEqual([.symbol("~"), .symbol("~"), .symbol("*")])
            default: false
            }
            if isPattern, case .string(let pattern) = token {
                var simple = ""
                for character in pattern where !(character == "%" && simple.last == "%") { simple.append(character) }
                output.append(.string(simple))
            } else {
                output.append(token)
            }
        }
        return output
    }

    /// The one warning for checks compared by name only because the server did not spell them.
    func unansweredChecksWarning(_ checks: [String]) -> String? {
        guard !checks.isEmpty else { return nil }
        let reason = reportedChecksFailure.map { ": \($0)" } ?? ""
        return "compared check constraint\(checks.count == 1 ? "" : "s") \(checks.joined(separator: ", ")) by name only: "
            + "the database did not say how it writes the declared condition\(reason)"
    }
}
