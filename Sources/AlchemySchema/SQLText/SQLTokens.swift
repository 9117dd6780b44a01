/// SQL text with its tokens, comments left out, for the readers that follow its
/// structure: names, keywords, parenthesized groups and comma-separated lists.
/// Tokens are addressed by their index in ``tokens``.
public struct SQLTokens: Sendable {
    public let bytes: [UInt8]
    public let tokens: [SQLToken]
    public let tokenizer: SQLTokenizer

    public init(_ sql: String, _ tokenizer: SQLTokenizer = .standard) {
        bytes = Array(sql.utf8)
        tokens = tokenizer.tokens(bytes).filter { $0.kind != .comment }
        self.tokenizer = tokenizer
    }

    public var count: Int { tokens.count }
    public subscript(index: Int) -> SQLToken { tokens[index] }

    /// The token as written.
    public func text(_ token: SQLToken) -> String {
        String(decoding: bytes[token.range], as: UTF8.self)
    }

    /// The text from the first token to the last as written, spacing and comments inside kept.
    public func text(_ tokens: ArraySlice<SQLToken>) -> String {
        guard let first = tokens.first, let last = tokens.last else { return "" }
        return String(decoding: bytes[first.range.lowerBound..<last.range.upperBound], as: UTF8.self)
    }

    /// The bytes strictly between two tokens, as written.
    public func text(between first: SQLToken, and last: SQLToken) -> String {
        guard first.range.upperBound < last.range.lowerBound else { return "" }
        return String(decoding: bytes[first.range.upperBound..<last.range.lowerBound], as: UTF8.self)
    }

    /// What a token names or holds: a quoted identifier's name or a string's
    /// content (quotes removed, escapes resolved); any other token as written.
    public func content(_ token: SQLToken) -> String {
        switch token.kind {
        case .quotedIdentifier, .string: tokenizer.unquoted(token, in: bytes)
        default: text(token)
        }
    }

    /// A bare word in upper case, for keyword tests; `nil` for other tokens.
    public func keyword(_ token: SQLToken) -> String? {
        guard token.kind == .word else { return nil }
        return String(decoding: bytes[token.range].map(Self.uppercased), as: UTF8.self)
    }

    /// Whether the token is the bare word `keyword` (given in upper case), in any case.
    public func isKeyword(_ token: SQLToken, _ keyword: String) -> Bool {
        guard token.kind == .word, token.range.count == keyword.utf8.count else { return false }
        return zip(bytes[token.range], keyword.utf8).allSatisfy { Self.uppercased($0) == $1 }
    }

    /// A word lower-cased (ASCII letters only when the word is ASCII, as SQL folds names).
    public func lowercasedWord(_ token: SQLToken) -> String {
        let word = bytes[token.range]
        if word.allSatisfy({ $0 < 0x80 }) {
            return String(decoding: word.map { ASCIIByte.isUppercase($0) ? $0 | 0x20 : $0 }, as: UTF8.self)
        }
        return String(decoding: word, as: UTF8.self).lowercased()
    }

    private static func uppercased(_ byte: UInt8) -> UInt8 { ASCIIByte.isLowercase(byte) ? byte & ~0x20 : byte }

    /// The index of the `)` that closes the `(` at `open`, searching before `end`;
    /// `nil` when the text ends first.
    public func closingParenthesis(of open: Int, before end: Int? = nil) -> Int? {
        let end = end ?? tokens.count
        var depth = 0
        var index = open
        while index < end {
            if tokens[index].isSymbol(UInt8(ascii: "(")) { depth += 1 }
            if tokens[index].isSymbol(UInt8(ascii: ")")) {
                depth -= 1
                if depth == 0 { return index }
            }
            index += 1
        }
        return nil
    }

    /// The comma-separated items between the `(` at `open` and its `)` (commas
    /// inside nested parentheses do not separate), and the index of that `)`;
    /// an unclosed list runs to the end (``count``).
    public func listItems(openingAt open: Int) -> (items: [ArraySlice<SQLToken>], close: Int) {
        var items: [ArraySlice<SQLToken>] = []
        var depth = 0
        var start = open + 1
        var index = open + 1
        while index < tokens.count {
            let token = tokens[index]
            if token.isSymbol(UInt8(ascii: "(")) {
                depth += 1
            } else if token.isSymbol(UInt8(ascii: ")")) {
                if depth == 0 {
                    items.append(tokens[start..<index])
                    return (items, index)
                }
                depth -= 1
            } else if token.isSymbol(UInt8(ascii: ",")), depth == 0 {
                items.append(tokens[start..<index])
                start = index + 1
            }
            index += 1
        }
        items.append(tokens[start..<tokens.count])
        return (items, tokens.count)
    }
}
