/// The one reader of SQL text: UTF-8 bytes in, tokens (byte ranges) out.
///
/// Every place that must see SQL's structure (a type's spelling, a reported
/// default, a CHECK condition, SQLite's `CREATE TABLE` text, `SHOW CREATE TABLE`)
/// reads it through here, so that a quote, a comment or a parenthesis means the
/// same thing everywhere. Servers differ in what a quote opens, so that is the
/// tokenizer's configuration, not its code.
///
/// It steps through bytes and allocates only the token array: autogenerate reads
/// thousands of types and defaults, and grapheme breaking was most of that cost.
/// Bytes of non-ASCII characters are word parts, so a UTF-8 sequence is never
/// split.
public struct SQLTokenizer: Hashable, Sendable {
    /// Bytes that open a quoted identifier closed by the same byte, doubled inside.
    public var identifierQuotes: [UInt8]
    /// `[name]` is an identifier (SQLite): closed by the first `]`, nothing doubled.
    public var bracketIdentifiers: Bool
    /// Bytes that open a string literal closed by the same byte, doubled inside.
    public var stringQuotes: [UInt8]
    /// Inside a string, a backslash takes the byte after it literally (MySQL's
    /// default mode); identifiers never read backslashes.
    public var backslashEscapes: Bool

    public init(identifierQuotes: [UInt8] = [UInt8(ascii: "\""), UInt8(ascii: "`")], bracketIdentifiers: Bool = false,
                stringQuotes: [UInt8] = [UInt8(ascii: "'")], backslashEscapes: Bool = false) {
        self.identifierQuotes = identifierQuotes
        self.bracketIdentifiers = bracketIdentifiers
        self.stringQuotes = stringQuotes
        self.backslashEscapes = backslashEscapes
    }

    /// `"name"` and `` `name` `` identifiers, `'...'` strings: what every dialect
    /// alchemy renders for reads back, whichever server wrote it.
    public static let standard = SQLTokenizer()
    public static let standardWithBackslashEscapes = SQLTokenizer(backslashEscapes: true)

    /// Every token of `bytes`, comments included, in order; blanks separate tokens.
    public func tokens(_ bytes: [UInt8]) -> [SQLToken] {
        var tokens: [SQLToken] = []
        tokens.reserveCapacity(bytes.count / 3)
        var i = 0
        let count = bytes.count
        while i < count {
            let byte = bytes[i]
            let start = i
            if ASCIIByte.isWhitespace(byte) {
                i += 1
                continue
            }
            if SQLToken.isWordStart(byte) {
                i += 1
                while i < count, SQLToken.isWordPart(bytes[i]) { i += 1 }
                tokens.append(SQLToken(kind: .word, range: start..<i, byte: byte))
            } else if ASCIIByte.isDigit(byte) {
                // A decimal point between digits belongs to the number (`1.5`).
                i += 1
                while i < count, SQLToken.isWordPart(bytes[i])
                    || (bytes[i] == UInt8(ascii: ".") && i + 1 < count && ASCIIByte.isDigit(bytes[i + 1])) {
                    i += 1
                }
                tokens.append(SQLToken(kind: .number, range: start..<i, byte: byte))
            } else if byte == UInt8(ascii: "-"), i + 1 < count, bytes[i + 1] == UInt8(ascii: "-") {
                while i < count, bytes[i] != UInt8(ascii: "\n") { i += 1 }
                tokens.append(SQLToken(kind: .comment, range: start..<i, byte: byte))
            } else if byte == UInt8(ascii: "/"), i + 1 < count, bytes[i + 1] == UInt8(ascii: "*") {
                i += 2
                var closed = false
                while i < count {
                    if bytes[i] == UInt8(ascii: "*"), i + 1 < count, bytes[i + 1] == UInt8(ascii: "/") {
                        i += 2
                        closed = true
                        break
                    }
                    i += 1
                }
                tokens.append(SQLToken(kind: .comment, range: start..<i, byte: byte, isClosed: closed))
            } else if stringQuotes.contains(byte) {
                tokens.append(quoted(bytes, from: start, kind: .string, close: byte, doubled: true, escapes: backslashEscapes))
                i = tokens[tokens.count - 1].range.upperBound
            } else if identifierQuotes.contains(byte) {
                tokens.append(quoted(bytes, from: start, kind: .quotedIdentifier, close: byte, doubled: true, escapes: false))
                i = tokens[tokens.count - 1].range.upperBound
            } else if bracketIdentifiers, byte == UInt8(ascii: "[") {
                tokens.append(quoted(bytes, from: start, kind: .quotedIdentifier, close: UInt8(ascii: "]"),
                                     doubled: false, escapes: false))
                i = tokens[tokens.count - 1].range.upperBound
            } else {
                i += 1
                tokens.append(SQLToken(kind: .symbol, range: start..<i, byte: byte))
            }
        }
        return tokens
    }

    /// The quoted run opening at `start`; one the text ends inside runs to the end.
    private func quoted(_ bytes: [UInt8], from start: Int, kind: SQLToken.Kind, close: UInt8, doubled: Bool,
                        escapes: Bool) -> SQLToken {
        var i = start + 1
        while i < bytes.count {
            let byte = bytes[i]
            if escapes, byte == UInt8(ascii: "\\") {
                i += 2
                continue
            }
            if byte == close {
                if doubled, i + 1 < bytes.count, bytes[i + 1] == close {
                    i += 2
                    continue
                }
                return SQLToken(kind: kind, range: start..<(i + 1), byte: bytes[start])
            }
            i += 1
        }
        return SQLToken(kind: kind, range: start..<bytes.count, byte: bytes[start], isClosed: false)
    }

    /// The text of a quoted token without its quotes: doubled quotes once, and
    /// (in strings, with ``backslashEscapes``) each escaped byte without its backslash.
    public func unquoted(_ token: SQLToken, in bytes: [UInt8]) -> String {
        let close = token.byte == UInt8(ascii: "[") ? UInt8(ascii: "]") : token.byte
        let doubled = token.byte != UInt8(ascii: "[")
        let escapes = backslashEscapes && token.kind == .string
        let inner = (token.range.lowerBound + 1)..<(token.isClosed ? token.range.upperBound - 1 : token.range.upperBound)
        guard inner.contains(where: { bytes[$0] == close || (escapes && bytes[$0] == UInt8(ascii: "\\")) }) else {
            return String(decoding: bytes[inner], as: UTF8.self)
        }
        var content: [UInt8] = []
        content.reserveCapacity(inner.count)
        var i = inner.lowerBound
        while i < inner.upperBound {
            let byte = bytes[i]
            if escapes, byte == UInt8(ascii: "\\"), i + 1 < inner.upperBound {
                content.append(bytes[i + 1])
                i += 2
            } else if doubled, byte == close, i + 1 < inner.upperBound, bytes[i + 1] == close {
                content.append(close)
                i += 2
            } else {
                content.append(byte)
                i += 1
            }
        }
        return String(decoding: content, as: UTF8.self)
    }
}

/// One token of SQL text: where it stands in the bytes, and what it is.
public struct SQLToken: Hashable, Sendable {
    public enum Kind: Hashable, Sendable {
        /// A bare word: a keyword or an unquoted name (`$` and non-ASCII letters included).
        case word
        /// Digits, and what sticks to them (`1.5`, `12ab`, `1e5`).
        case number
        case quotedIdentifier
        case string
        /// One byte of punctuation or an operator's part (`::` is two).
        case symbol
        /// `-- ...` to the end of the line, or `/* ... */`.
        case comment
    }

    public var kind: Kind
    /// The token's bytes as written, quotes included.
    public var range: Range<Int>
    /// The first byte: the symbol itself, or the opening quote.
    public var byte: UInt8
    /// False when the text ended inside the quoted run or block comment.
    public var isClosed = true

    public func isSymbol(_ symbol: UInt8) -> Bool { kind == .symbol && byte == symbol }

    public static func isWordStart(_ byte: UInt8) -> Bool {
        ASCIIByte.isLetter(byte) || byte == UInt8(ascii: "_") || byte == UInt8(ascii: "$") || byte >= 0x80
    }

    public static func isWordPart(_ byte: UInt8) -> Bool { isWordStart(byte) || ASCIIByte.isDigit(byte) }
}
