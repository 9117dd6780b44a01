import AlchemySQL
import AlchemySchema

/// A reader for the `CREATE TABLE` and `CREATE INDEX` text SQLite keeps in
/// `sqlite_master`: the only place where it keeps constraint names, CHECK
/// conditions and the expressions of expression indexes.
///
/// It reads the text through ``SQLTokenizer`` with SQLite's quoting (`"…"`,
/// `` `…` `` and `[…]` identifiers, `'…'` strings) and splits the table body at
/// top-level commas, reading each column or table constraint. Text it cannot
/// make sense of is skipped, never fatal: the pragmas remain the source of
/// truth for columns and keys.
enum SQLiteSchemaSQL {
    static let tokenizer = SQLTokenizer(bracketIdentifiers: true)

    static func tokens(_ sql: String) -> SQLTokens {
        SQLTokens(sql, tokenizer)
    }

    // MARK: CREATE TABLE

    struct TableDefinition: Equatable {
        struct Key: Equatable {
            var name: String?
            var columns: [String]
        }
        struct Check: Equatable {
            var name: String?
            var sqltext: String
        }
        struct Reference: Equatable {
            var name: String?
            var columns: [String]
            var referredTable: String
            var referredColumns: [String]
        }

        var primaryKey: Key?
        var uniques: [Key] = []
        var checks: [Check] = []
        var foreignKeys: [Reference] = []
        /// Columns declared `PRIMARY KEY AUTOINCREMENT`.
        var autoincrementColumns: [String] = []
        var withoutRowid = false
    }

    /// Keywords that end a column's type and start its constraints.
    static let columnConstraintKeywords: Set<String> = [
        "CONSTRAINT", "PRIMARY", "NOT", "NULL", "UNIQUE", "CHECK", "DEFAULT", "COLLATE", "REFERENCES",
        "GENERATED", "AS",
    ]

    /// Items of a table body that are table constraints, not columns.
    static let tableConstraintKeywords: Set<String> = ["CONSTRAINT", "PRIMARY", "UNIQUE", "CHECK", "FOREIGN"]

    static func createTable(_ sql: String) -> TableDefinition {
        let text = tokens(sql)
        var definition = TableDefinition()
        guard let open = text.tokens.firstIndex(where: { $0.isSymbol(UInt8(ascii: "(")) }) else { return definition }
        let (items, close) = text.listItems(openingAt: open)
        for item in items where !item.isEmpty {
            if let first = item.first.flatMap(text.keyword), tableConstraintKeywords.contains(first) {
                readTableConstraint(item, text, into: &definition)
            } else {
                readColumn(item, text, into: &definition)
            }
        }
        let options = text.tokens[min(close + 1, text.count)...].compactMap(text.keyword)
        definition.withoutRowid = zip(options, options.dropFirst()).contains { $0 == "WITHOUT" && $1 == "ROWID" }
        return definition
    }

    /// The tokens of the parenthesized group opening at `open` (exclusive), and the
    /// index after it; an unclosed group runs to the end of the item.
    static func group(_ item: ArraySlice<SQLToken>, at open: Int, _ text: SQLTokens) -> (inner: ArraySlice<SQLToken>, next: Int)? {
        guard open < item.endIndex, item[open].isSymbol(UInt8(ascii: "(")) else { return nil }
        guard let close = text.closingParenthesis(of: open, before: item.endIndex) else {
            return (item[(open + 1)..<item.endIndex], item.endIndex)
        }
        return (item[(open + 1)..<close], close + 1)
    }

    /// The group after the first `(` of an item from `index` on.
    static func firstGroup(_ item: ArraySlice<SQLToken>, from index: Int, _ text: SQLTokens) -> (inner: ArraySlice<SQLToken>, next: Int)? {
        guard let open = item[index...].firstIndex(where: { $0.isSymbol(UInt8(ascii: "(")) }) else { return nil }
        return group(item, at: open, text)
    }

    /// The column names of an indexed-column list (`a, "b" DESC, c COLLATE nocase`).
    static func columnNames(_ tokens: ArraySlice<SQLToken>, _ text: SQLTokens) -> [String] {
        var names: [String] = []
        var expectName = true
        for token in tokens {
            if token.isSymbol(UInt8(ascii: ",")) { expectName = true; continue }
            if expectName, token.kind == .word || token.kind == .quotedIdentifier || token.kind == .string {
                names.append(text.content(token))
            }
            expectName = false
        }
        return names
    }

    static func readTableConstraint(_ item: ArraySlice<SQLToken>, _ text: SQLTokens, into definition: inout TableDefinition) {
        var index = item.startIndex
        var name: String?
        if text.isKeyword(item[index], "CONSTRAINT"), index + 1 < item.endIndex {
            name = text.content(item[index + 1])
            index += 2
        }
        guard index < item.endIndex else { return }
        switch text.keyword(item[index]) {
        case "PRIMARY":
            // PRIMARY KEY (cols)
            guard let (inner, _) = firstGroup(item, from: index, text) else { return }
            let columns = columnNames(inner, text)
            definition.primaryKey = .init(name: name, columns: columns)
            if item[index...].contains(where: { text.isKeyword($0, "AUTOINCREMENT") }), let column = columns.first {
                definition.autoincrementColumns.append(column)
            }
        case "UNIQUE":
            guard let (inner, _) = firstGroup(item, from: index, text) else { return }
            definition.uniques.append(.init(name: name, columns: columnNames(inner, text)))
        case "CHECK":
            guard let (inner, _) = group(item, at: index + 1, text) else { return }
            definition.checks.append(.init(name: name, sqltext: text.text(inner)))
        case "FOREIGN":
            // FOREIGN KEY (cols) REFERENCES table [(cols)] ...
            guard let (inner, next) = firstGroup(item, from: index, text),
                  let reference = readReference(item, at: next, text) else { return }
            definition.foreignKeys.append(.init(name: name, columns: columnNames(inner, text),
                                                referredTable: reference.table, referredColumns: reference.columns))
        default:
            break
        }
    }

    /// `REFERENCES table [(cols)]` at `index`.
    static func readReference(_ item: ArraySlice<SQLToken>, at index: Int, _ text: SQLTokens) -> (table: String, columns: [String])? {
        guard index + 1 < item.endIndex, text.isKeyword(item[index], "REFERENCES") else { return nil }
        let table = text.content(item[index + 1])
        let columns = group(item, at: index + 2, text).map { columnNames($0.inner, text) } ?? []
        return (table, columns)
    }

    /// Words after PRIMARY that belong to the key's clause.
    static let primaryKeyClauseKeywords: Set<String> = [
        "KEY", "ASC", "DESC", "ON", "CONFLICT", "ROLLBACK", "ABORT", "FAIL", "IGNORE", "REPLACE", "AUTOINCREMENT",
    ]

    static func readColumn(_ item: ArraySlice<SQLToken>, _ text: SQLTokens, into definition: inout TableDefinition) {
        guard let nameToken = item.first else { return }
        let column = text.content(nameToken)
        var index = item.startIndex + 1
        // The type: every token up to the first constraint keyword, with its parenthesized arguments.
        while index < item.endIndex {
            if let keyword = text.keyword(item[index]), columnConstraintKeywords.contains(keyword) { break }
            if let (_, next) = group(item, at: index, text) { index = next } else { index += 1 }
        }
        var name: String?
        while index < item.endIndex {
            let keyword = text.keyword(item[index])
            switch keyword {
            case "CONSTRAINT":
                name = index + 1 < item.endIndex ? text.content(item[index + 1]) : nil
                index += 2
                continue
            case "PRIMARY":
                definition.primaryKey = .init(name: name, columns: [column])
                index += 1
                while index < item.endIndex, let keyword = text.keyword(item[index]), primaryKeyClauseKeywords.contains(keyword) {
                    if keyword == "AUTOINCREMENT" { definition.autoincrementColumns.append(column) }
                    index += 1
                }
                name = nil
                continue
            case "UNIQUE":
                definition.uniques.append(.init(name: name, columns: [column]))
                name = nil
            case "CHECK":
                if let (inner, next) = group(item, at: index + 1, text) {
                    definition.checks.append(.init(name: name, sqltext: text.text(inner)))
                    index = next
                    name = nil
                    continue
                }
            case "REFERENCES":
                if let reference = readReference(item, at: index, text) {
                    definition.foreignKeys.append(.init(name: name, columns: [column],
                                                        referredTable: reference.table,
                                                        referredColumns: reference.columns))
                }
                name = nil
            case "NOT", "NULL", "DEFAULT", "COLLATE", "GENERATED", "AS":
                // Not named things we report: a name before them is used up.
                if keyword != "NOT" { name = nil }
            default:
                break
            }
            // Skip a parenthesized group (DEFAULT (expr), AS (expr), REFERENCES t (cols)) as a whole.
            if keyword != "CHECK", let (_, next) = group(item, at: index + 1, text) {
                index = next
            } else {
                index += 1
            }
        }
    }

    // MARK: CREATE INDEX

    /// What `CREATE [UNIQUE] INDEX name ON table (key, ...) [WHERE predicate]` says:
    /// the key texts and the predicate of a partial index, as written.
    struct IndexDefinition: Equatable {
        var keys: [String] = []
        var predicate: String?
    }

    static func createIndex(_ sql: String) -> IndexDefinition {
        let text = tokens(sql)
        guard let on = text.tokens.firstIndex(where: { text.isKeyword($0, "ON") }),
              let open = text.tokens[on...].firstIndex(where: { $0.isSymbol(UInt8(ascii: "(")) }) else { return .init() }
        let (items, close) = text.listItems(openingAt: open)
        var definition = IndexDefinition(keys: items.map(text.text))
        if close + 1 < text.count, text.isKeyword(text[close + 1], "WHERE") {
            let predicate = text.text(text.tokens[(close + 2)...])
            definition.predicate = predicate.isEmpty ? nil : predicate
        }
        return definition
    }
}
