import AlchemySchema

/// A reader for the `CREATE TABLE` and `CREATE INDEX` text SQLite keeps in
/// `sqlite_master`: the only place where it keeps constraint names, CHECK
/// conditions and the expressions of expression indexes.
///
/// It is a tokenizer (bare words, `"…"`, `` `…` `` and `[…]` identifiers,
/// `'…'` strings, `x'…'` blobs, numbers, comments, punctuation) and a small
/// parser over it that splits the table body at top-level commas and reads
/// each column or table constraint. Text it cannot make sense of is skipped,
/// never fatal: the pragmas remain the source of truth for columns and keys.
enum SQLiteSchemaSQL {
    // MARK: Tokens

    struct Token: Equatable {
        enum Kind: Equatable { case word, quoted, string, number, punctuation }
        var kind: Kind
        /// The token's text as written (quotes included).
        var text: Substring

        /// A bare word in upper case, for keyword tests; `nil` for other tokens.
        var keyword: String? { kind == .word ? text.uppercased() : nil }

        /// An identifier's name: quotes removed and doubled quotes undoubled.
        var identifier: String {
            switch kind {
            case .quoted, .string:
                guard let open = text.first else { return "" }
                let close: Character = open == "[" ? "]" : open
                let inner = text.dropFirst().dropLast(text.last == close && text.count > 1 ? 1 : 0)
                if open == "[" { return String(inner) }
                var result = ""
                var previousWasQuote = false
                for character in inner {
                    if character == close, previousWasQuote { previousWasQuote = false; continue }
                    previousWasQuote = character == close
                    result.append(character)
                }
                return result
            default:
                return String(text)
            }
        }

        func isPunctuation(_ symbol: String) -> Bool { kind == .punctuation && text == symbol }
    }

    static func tokens(_ sql: String) -> [Token] {
        var tokens: [Token] = []
        var index = sql.startIndex
        // ASCII text (every schema alchemy writes) steps through bytes: a
        // thousand tables' CREATE statements were most of a SQLite autogenerate
        // when stepped through Characters.
        let ascii = ASCIIByte.isASCII(sql)
        func advance(_ i: String.Index, _ n: Int = 1) -> String.Index {
            ascii ? sql.utf8.index(i, offsetBy: n, limitedBy: sql.endIndex) ?? sql.endIndex
                : sql.index(i, offsetBy: n, limitedBy: sql.endIndex) ?? sql.endIndex
        }
        func peek(_ i: String.Index) -> Character? {
            guard i < sql.endIndex else { return nil }
            return ascii ? Character(Unicode.Scalar(sql.utf8[i])) : sql[i]
        }
        func isLetter(_ c: Character) -> Bool { c.asciiValue.map(ASCIIByte.isLetter) ?? c.isLetter }
        func isNumber(_ c: Character) -> Bool { c.asciiValue.map(ASCIIByte.isDigit) ?? c.isNumber }
        func isWhitespace(_ c: Character) -> Bool { c.asciiValue.map(ASCIIByte.isWhitespace) ?? c.isWhitespace }
        /// The end of a quoted run starting at `start` (on the opening quote), with doubled closers inside.
        func quotedEnd(_ start: String.Index, close: Character, doubling: Bool) -> String.Index {
            var i = advance(start)
            while i < sql.endIndex {
                if peek(i) == close {
                    let next = advance(i)
                    if doubling, peek(next) == close { i = advance(next); continue }
                    return next
                }
                i = advance(i)
            }
            return sql.endIndex
        }
        while let character = peek(index) {
            if isWhitespace(character) { index = advance(index); continue }
            if character == "-", peek(advance(index)) == "-" {
                while let c = peek(index), !c.isNewline { index = advance(index) }
                continue
            }
            if character == "/", peek(advance(index)) == "*" {
                index = advance(index, 2)
                while let c = peek(index), !(c == "*" && peek(advance(index)) == "/") { index = advance(index) }
                index = advance(index, 2)
                continue
            }
            let start = index
            let kind: Token.Kind
            switch character {
            case "'":
                index = quotedEnd(start, close: "'", doubling: true); kind = .string
            case "\"", "`":
                index = quotedEnd(start, close: character, doubling: true); kind = .quoted
            case "[":
                index = quotedEnd(start, close: "]", doubling: false); kind = .quoted
            case _ where (character == "x" || character == "X") && peek(advance(index)) == "'":
                index = quotedEnd(advance(start), close: "'", doubling: true); kind = .string
            case _ where isNumber(character) || (character == "." && peek(advance(index)).map(isNumber) == true):
                while let c = peek(index), isNumber(c) || isLetter(c) || c == "." { index = advance(index) }
                kind = .number
            case _ where isLetter(character) || character == "_" || character == "$" || !character.isASCII:
                while let c = peek(index), isLetter(c) || isNumber(c) || c == "_" || c == "$" || !c.isASCII {
                    index = advance(index)
                }
                kind = .word
            default:
                index = advance(index); kind = .punctuation
            }
            tokens.append(Token(kind: kind, text: sql[start..<index]))
        }
        return tokens
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

    static func createTable(_ sql: String) -> TableDefinition {
        let tokens = tokens(sql)
        var definition = TableDefinition()
        guard let open = tokens.firstIndex(where: { $0.isPunctuation("(") }) else { return definition }
        let (items, close) = splitList(tokens, from: open)
        for item in items where !item.isEmpty {
            if let first = item.first?.keyword, ["CONSTRAINT", "PRIMARY", "UNIQUE", "CHECK", "FOREIGN"].contains(first) {
                readTableConstraint(item, sql: sql, into: &definition)
            } else {
                readColumn(item, sql: sql, into: &definition)
            }
        }
        let options = tokens[min(close + 1, tokens.count)...].compactMap(\.keyword)
        definition.withoutRowid = zip(options, options.dropFirst()).contains { $0 == "WITHOUT" && $1 == "ROWID" }
        return definition
    }

    /// The comma-separated items between the `(` at `open` and its `)`, and the
    /// index of that `)`.
    static func splitList(_ tokens: [Token], from open: Int) -> (items: [ArraySlice<Token>], close: Int) {
        var items: [ArraySlice<Token>] = []
        var depth = 0
        var start = open + 1
        var index = open + 1
        while index < tokens.count {
            let token = tokens[index]
            if token.isPunctuation("(") {
                depth += 1
            } else if token.isPunctuation(")") {
                if depth == 0 {
                    items.append(tokens[start..<index])
                    return (items, index)
                }
                depth -= 1
            } else if token.isPunctuation(","), depth == 0 {
                items.append(tokens[start..<index])
                start = index + 1
            }
            index += 1
        }
        items.append(tokens[start..<tokens.count])
        return (items, tokens.count)
    }

    /// The tokens of the parenthesized group starting at `open` (exclusive), and the index after it.
    static func group(_ tokens: ArraySlice<Token>, at open: Int) -> (inner: ArraySlice<Token>, next: Int)? {
        guard open < tokens.endIndex, tokens[open].isPunctuation("(") else { return nil }
        var depth = 0
        var index = open
        while index < tokens.endIndex {
            if tokens[index].isPunctuation("(") { depth += 1 }
            if tokens[index].isPunctuation(")") {
                depth -= 1
                if depth == 0 { return (tokens[(open + 1)..<index], index + 1) }
            }
            index += 1
        }
        return (tokens[(open + 1)..<tokens.endIndex], tokens.endIndex)
    }

    /// The original text spanned by some tokens (comments and spacing inside kept).
    static func text(_ tokens: ArraySlice<Token>, in sql: String) -> String {
        guard let first = tokens.first, let last = tokens.last else { return "" }
        return String(sql[first.text.startIndex..<last.text.endIndex])
    }

    /// The column names of an indexed-column list (`a, "b" DESC, c COLLATE nocase`).
    static func columnNames(_ tokens: ArraySlice<Token>) -> [String] {
        var names: [String] = []
        var expectName = true
        for token in tokens {
            if token.isPunctuation(",") { expectName = true; continue }
            if expectName, token.kind == .word || token.kind == .quoted || token.kind == .string {
                names.append(token.identifier)
            }
            expectName = false
        }
        return names
    }

    static func readTableConstraint(_ item: ArraySlice<Token>, sql: String, into definition: inout TableDefinition) {
        var index = item.startIndex
        var name: String?
        if item[index].keyword == "CONSTRAINT", index + 1 < item.endIndex {
            name = item[index + 1].identifier
            index += 2
        }
        guard index < item.endIndex else { return }
        switch item[index].keyword {
        case "PRIMARY":
            // PRIMARY KEY (cols)
            guard let open = item[index...].firstIndex(where: { $0.isPunctuation("(") }),
                  let (inner, _) = group(item, at: open) else { return }
            definition.primaryKey = .init(name: name, columns: columnNames(inner))
            if item[index...].contains(where: { $0.keyword == "AUTOINCREMENT" }), let column = columnNames(inner).first {
                definition.autoincrementColumns.append(column)
            }
        case "UNIQUE":
            guard let open = item[index...].firstIndex(where: { $0.isPunctuation("(") }),
                  let (inner, _) = group(item, at: open) else { return }
            definition.uniques.append(.init(name: name, columns: columnNames(inner)))
        case "CHECK":
            guard let (inner, _) = group(item, at: index + 1) else { return }
            definition.checks.append(.init(name: name, sqltext: text(inner, in: sql)))
        case "FOREIGN":
            // FOREIGN KEY (cols) REFERENCES table [(cols)] ...
            guard let open = item[index...].firstIndex(where: { $0.isPunctuation("(") }),
                  let (inner, next) = group(item, at: open),
                  let reference = readReference(item, at: next) else { return }
            definition.foreignKeys.append(.init(name: name, columns: columnNames(inner),
                                                referredTable: reference.table, referredColumns: reference.columns))
        default:
            break
        }
    }

    /// `REFERENCES table [(cols)]` at `index`.
    static func readReference(_ item: ArraySlice<Token>, at index: Int) -> (table: String, columns: [String])? {
        guard index + 1 < item.endIndex, item[index].keyword == "REFERENCES" else { return nil }
        let table = item[index + 1].identifier
        let columns = group(item, at: index + 2).map { columnNames($0.inner) } ?? []
        return (table, columns)
    }

    static func readColumn(_ item: ArraySlice<Token>, sql: String, into definition: inout TableDefinition) {
        guard let nameToken = item.first else { return }
        let column = nameToken.identifier
        var index = item.startIndex + 1
        // The type: every token up to the first constraint keyword, with its parenthesized arguments.
        while index < item.endIndex {
            if let keyword = item[index].keyword, columnConstraintKeywords.contains(keyword) { break }
            if let (_, next) = group(item, at: index) { index = next } else { index += 1 }
        }
        var name: String?
        while index < item.endIndex {
            let token = item[index]
            switch token.keyword {
            case "CONSTRAINT":
                name = index + 1 < item.endIndex ? item[index + 1].identifier : nil
                index += 2
                continue
            case "PRIMARY":
                definition.primaryKey = .init(name: name, columns: [column])
                index += 1
                while index < item.endIndex, let keyword = item[index].keyword,
                      ["KEY", "ASC", "DESC", "ON", "CONFLICT", "ROLLBACK", "ABORT", "FAIL", "IGNORE", "REPLACE",
                       "AUTOINCREMENT"].contains(keyword) {
                    if keyword == "AUTOINCREMENT" { definition.autoincrementColumns.append(column) }
                    index += 1
                }
                name = nil
                continue
            case "UNIQUE":
                definition.uniques.append(.init(name: name, columns: [column]))
                name = nil
            case "CHECK":
                if let (inner, next) = group(item, at: index + 1) {
                    definition.checks.append(.init(name: name, sqltext: text(inner, in: sql)))
                    index = next
                    name = nil
                    continue
                }
            case "REFERENCES":
                if let reference = readReference(item, at: index) {
                    definition.foreignKeys.append(.init(name: name, columns: [column],
                                                        referredTable: reference.table,
                                                        referredColumns: reference.columns))
                }
                name = nil
            case "NOT", "NULL", "DEFAULT", "COLLATE", "GENERATED", "AS":
                // Not named things we report: a name before them is used up.
                if token.keyword != "NOT" { name = nil }
            default:
                break
            }
            // Skip a parenthesized group (DEFAULT (expr), AS (expr), REFERENCES t (cols)) as a whole.
            if let (_, next) = group(item, at: index + 1), token.keyword != "CHECK" {
                index = next
            } else {
                index += 1
            }
        }
    }

    // MARK: CREATE INDEX

    /// The key texts of `CREATE [UNIQUE] INDEX name ON table (key, ...)`, as written.
    static func indexKeys(_ sql: String) -> [String] {
        let tokens = tokens(sql)
        guard let on = tokens.firstIndex(where: { $0.keyword == "ON" }),
              let open = tokens[on...].firstIndex(where: { $0.isPunctuation("(") }) else { return [] }
        return splitList(tokens, from: open).items.map { text($0, in: sql) }
    }

    /// The predicate of a partial index's `CREATE INDEX ... (keys) WHERE predicate`,
    /// as stored; nil when the index is not partial.
    static func indexPredicate(_ sql: String) -> String? {
        let tokens = tokens(sql)
        guard let on = tokens.firstIndex(where: { $0.keyword == "ON" }),
              let open = tokens[on...].firstIndex(where: { $0.isPunctuation("(") }) else { return nil }
        let close = splitList(tokens, from: open).close
        guard close + 1 < tokens.count, tokens[close + 1].keyword == "WHERE" else { return nil }
        let predicate = text(tokens[(close + 2)...], in: sql)
        return predicate.isEmpty ? nil : predicate
    }
}
