import AlchemySchema
import AlchemySQL

/// Indexes, by name. A live expression index that no declared index names is left
/// alone with a warning, never dropped unseen: its text is the server's rewriting,
/// and nothing declared says what it was. An index of the same name on other keys
/// (columns and expressions), that differs in uniqueness, or in its partial-index
/// predicate, is dropped and created again. Expressions and predicates are compared
/// normalised: PostgreSQL reports `status = 'paid'` as `(status)::text = 'paid'::text`
/// and `lower(status)` as `lower(status::text)`; an expression index reports its
/// column keys as expressions too.
///
/// Live indexes that no declared index claims are dropped, except those that
/// stand for something declared:
/// - a unique index on the columns of a declared unique constraint or unique
///   index (Advanced Alchemy's migrations add `ix_<table>_slug_unique` beside
///   `uq_<table>_slug`; MySQL reports unique constraints as indexes);
/// - the index behind the primary key (same name or same columns, unique);
/// - on MySQL/MariaDB, the index the server creates for a declared foreign key
///   (on exactly its columns, named after the key or its first column), and `PRIMARY`;
/// - SQLite's `sqlite_autoindex_*`, the indexes behind inline constraints.
///
/// A declared unique index that the database reports as a unique constraint on
/// the same columns is that constraint.
extension SchemaComparator {
    func compareIndexes(declared: Table, live: Table, consumed: Set<String>, into changes: inout ChangeSet) {
        let reference = declared.reference
        let declaredIndexes = declared.indexes
        let declaredNames = Set(declared.indexes.map(\.name))
        var liveIndexes = live.indexes.filter {
            ($0.expressions.isEmpty || declaredNames.contains($0.name)) && !consumed.contains($0.name)
        }
        for unread in live.indexes where !unread.expressions.isEmpty && !declaredNames.contains(unread.name) {
            changes.warnings.append("left index \(unread.name) on \(reference) alone: it indexes expressions, which autogenerate does not compare; "
                + "declare it with `expressions:` in the models, or drop it in a revision by hand")
        }
        for index in declaredIndexes {
            if let position = liveIndexes.firstIndex(where: { $0.name == index.name }) {
                let existing = liveIndexes.remove(at: position)
                if keys(of: existing) != keys(of: index) || existing.unique != index.unique
                    || Self.predicate(existing.where) != Self.predicate(index.where) {
                    changes.dropIndexesAndConstraints.append(.dropIndex(reference, existing))
                    changes.createIndexesAndConstraints.append(.createIndex(reference, index))
                }
            } else if index.unique, index.expressions.isEmpty, live.uniqueConstraints.contains(where: { $0.columns == index.columns }) {
                continue
            } else {
                changes.createIndexesAndConstraints.append(.createIndex(reference, index))
            }
        }
        for existing in liveIndexes where !standsForDeclared(existing, declared: declared, live: live) {
            changes.dropIndexesAndConstraints.append(.dropIndex(reference, existing))
        }
    }

    /// An index's keys, columns then expressions, each normalised as a predicate is,
    /// with quoted and bare names alike.
    func keys(of index: Index) -> [[SQLText.Token]] {
        (index.columns.map { dialect.quote($0) } + index.expressions).map { key in
            (Self.predicate(key) ?? []).map { token in
                if case .identifier(let name) = token { .word(name.lowercased()) } else { token }
            }
        }
    }

    /// A partial index's predicate in a form that survives the server's rewriting:
    /// tokens without parentheses and without PostgreSQL's `::type` casts.
    static func predicate(_ sql: String?) -> [SQLText.Token]? {
        guard let sql else { return nil }
        var kept: [SQLText.Token] = []
        var dropCast = false, dropVarying = false
        for token in SQLText.tokens(sql) {
            if dropVarying {
                dropVarying = false
                if token == .word("varying") { continue }  // `::character varying`'s second word
            }
            if dropCast {
                dropCast = false
                if case .word(let type) = token { dropVarying = type == "character"; continue }
                if case .identifier = token { continue }
            }
            switch token {
            case .symbol("("), .symbol(")"): continue
            case .symbol(":") where kept.last == .symbol(":"):
                kept.removeLast()
                dropCast = true
            default: kept.append(token)
            }
        }
        return kept
    }

    /// Whether an undeclared live index is the database's own copy of something declared.
    func standsForDeclared(_ index: Index, declared: Table, live: Table) -> Bool {
        if index.unique, coversUnique(index.columns, declared: declared) { return true }
        if index.unique, let key = live.primaryKey, index.name == key.name || index.columns == key.columns { return true }
        if dialect.isInternalIndex(index.name) { return true }
        if dialect.indexesForeignKeys {
            // Named after the constraint, or after its first column when it has no name.
            if !index.unique, declared.foreignKeys.contains(where: { key in
                key.columns == index.columns && (index.name == key.name || index.name == key.columns.first)
            }) { return true }
        }
        return false
    }
}
