import AlchemySchema

/// Comparing declared columns with what a live database reports: the defaults
/// that every dialect shares. Each dialect's file `*ReportedTypes.swift` holds its
/// one table of spellings (`character varying` is `varchar` on PostgreSQL,
/// `int(11)` is `int` on MySQL), so a reader who wants to know why two spellings
/// are the same type opens one short file.
extension Dialect {
    /// Case, blanks and identifier quotes removed: `NUMERIC(10, 2)` is `numeric(10,2)`,
    /// `"user_status"` is `user_status`. String literals (enum values) keep their case.
    public func canonicalType(_ sql: String) -> String {
        SQLText.canonical(sql)
    }

    /// The declared column's type, rendered by the type table, against the reported
    /// text, both in canonical spelling. A type the dialect cannot render (MySQL's
    /// `String` without a length) is compared as a value with nothing: not equal.
    public func sameType(_ declared: Column, reported: String) -> Bool {
        rendersAs(declared, reported: reported)
    }

    /// The declared type, or a type earlier versions declared in its place
    /// (``ColumnType/earlierDeclarations``), renders as the reported text.
    public func rendersAs(_ declared: Column, reported: String) -> Bool {
        let reported = canonicalType(reported)
        if (try? columnTypeDDL(declared)).map({ canonicalType($0) == reported }) == true { return true }
        return declared.type.earlierDeclarations.contains { type in
            var column = declared
            column.type = type
            return (try? columnTypeDDL(column)).map { canonicalType($0) == reported } ?? false
        }
    }

    /// Canonical text (see ``SQLText/canonical(_:backslashEscapes:)``), outer
    /// parentheses removed, a quoted number read as the number (`'0'` is `0`),
    /// and `NULL` as no default.
    public func canonicalDefault(_ sql: String) -> String? {
        SQLText.canonicalDefault(defaultTokens(sql))
    }

    public func defaultTokens(_ sql: String) -> [SQLText.Token] {
        SQLText.tokens(sql, backslashEscapes: false)
    }
}

/// SQL text as tokens, and its canonical form, for comparing what was rendered
/// with what a server reports. Knows just enough SQL for types and defaults.
public enum SQLText {
    public enum Token: Hashable, Sendable {
        /// A string literal's content, escapes resolved.
        case string(String)
        /// A quoted identifier's name.
        case identifier(String)
        /// A bare word or number, lower-cased.
        case word(String)
        case symbol(Character)
    }

    /// Splits SQL into tokens; blanks and comments separate tokens and are dropped.
    /// `backslashEscapes` reads `\'` inside strings as MySQL does.
    public static func tokens(_ sql: String, backslashEscapes: Bool = false) -> [Token] {
        let text = SQLTokens(sql, backslashEscapes ? .standardWithBackslashEscapes : .standard)
        return text.tokens.compactMap { token in
            switch token.kind {
            case .word, .number: .word(text.lowercasedWord(token))
            case .string: .string(text.content(token))
            case .quotedIdentifier: .identifier(text.content(token))
            case .symbol: .symbol(Character(Unicode.Scalar(token.byte)))
            case .comment: nil
            }
        }
    }

    /// The tokens written back: one blank between two words, none elsewhere,
    /// strings quoted in standard SQL, identifiers bare.
    public static func text(_ tokens: [Token]) -> String {
        var output = ""
        var previousIsWord = false
        for token in tokens {
            switch token {
            case .word(let word), .identifier(let word):
                if previousIsWord { output += " " }
                output += word
                previousIsWord = true
            case .string(let content):
                output += "'" + content.doubling("'") + "'"
                previousIsWord = false
            case .symbol(let symbol):
                output.append(symbol)
                previousIsWord = false
            }
        }
        return output
    }

    /// `text(tokens(sql))`: case, blanks and identifier quotes no longer matter.
    public static func canonical(_ sql: String, backslashEscapes: Bool = false) -> String {
        text(tokens(sql, backslashEscapes: backslashEscapes))
    }

    /// A default's tokens in canonical form: outer parentheses removed, a quoted
    /// number read as the number, `NULL` as `nil`.
    static func canonicalDefault(_ tokens: [Token]) -> String? {
        var tokens = withoutOuterParentheses(tokens)
        if tokens.count == 1, case .string(let content) = tokens[0], let number = canonicalNumber(content) {
            tokens = [.word(number)]
        } else if tokens.count == 1, case .word(let word) = tokens[0], let number = canonicalNumber(word) {
            tokens = [.word(number)]
        } else if tokens.count == 2, case .symbol("-") = tokens[0], case .word(let word) = tokens[1],
                  let number = canonicalNumber(word) {
            tokens = [.word(number == "0" ? "0" : "-" + number)]
        }
        if tokens.isEmpty || tokens == [.word("null")] { return nil }
        return text(tokens)
    }

    /// `((x))` is `x`; `(a) + (b)` stays as it is.
    static func withoutOuterParentheses(_ tokens: [Token]) -> [Token] {
        var tokens = tokens
        while tokens.count >= 2, tokens.first == .symbol("("), tokens.last == .symbol(")") {
            // The first parenthesis must close at the very end.
            var depth = 0
            var closesAtEnd = false
            for (offset, token) in tokens.enumerated() {
                if token == .symbol("(") { depth += 1 }
                if token == .symbol(")") {
                    depth -= 1
                    if depth == 0 { closesAtEnd = offset == tokens.count - 1; break }
                }
            }
            guard closesAtEnd else { break }
            tokens = Array(tokens.dropFirst().dropLast())
        }
        return tokens
    }

    /// A plain decimal number without insignificant zeros (`007` is `7`,
    /// `1.50` is `1.5`, `0.0` is `0`); `nil` when the text is not one.
    public static func canonicalNumber(_ text: String) -> String? {
        var text = Substring(text)
        var negative = false
        if text.first == "-" || text.first == "+" { negative = text.first == "-"; text = text.dropFirst() }
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        guard !text.isEmpty, parts.count <= 2, parts.allSatisfy({ $0.allSatisfy(\.isASCII) && $0.allSatisfy(\.isNumber) }),
              parts.contains(where: { !$0.isEmpty }) else { return nil }
        var whole = String(parts[0].drop { $0 == "0" })
        if whole.isEmpty { whole = "0" }
        var fraction = parts.count == 2 ? String(parts[1]) : ""
        while fraction.last == "0" { fraction.removeLast() }
        let number = fraction.isEmpty ? whole : whole + "." + fraction
        return negative && number != "0" ? "-" + number : number
    }
}

/// The parts of a type's canonical spelling: `timestamp(6) with time zone` is
/// name `timestamp with time zone`, arguments `["6"]`.
struct TypeSpellingParts {
    var name: String
    var arguments: [String]?

    init(_ canonical: String) {
        guard let open = canonical.firstIndex(of: "("), let close = canonical.lastIndex(of: ")"), open < close else {
            name = canonical
            arguments = nil
            return
        }
        let before = canonical[..<open].trimmingWhitespace()
        let after = canonical[canonical.index(after: close)...].trimmingWhitespace()
        name = after.isEmpty ? before : before + " " + after
        arguments = Self.split(String(canonical[canonical.index(after: open)..<close]))
    }

    /// Splits on commas outside string literals (canonical text quotes no identifiers).
    static func split(_ list: String) -> [String] {
        let text = SQLTokens("(" + list + ")", SQLTokenizer(identifierQuotes: []))
        return text.listItems(openingAt: 0).items.map { text.text($0) }
    }

    static func spelled(_ name: String, _ arguments: [String]?) -> String {
        arguments.map { name + "(" + $0.joined(separator: ",") + ")" } ?? name
    }
}
