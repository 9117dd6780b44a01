@testable import AlchemySchema
import Testing

@Suite("SQL tokenizer")
struct SQLTokenizerTests {
    func kinds(_ sql: String, _ tokenizer: SQLTokenizer = .standard) -> [SQLToken.Kind] {
        tokenizer.tokens(Array(sql.utf8)).map(\.kind)
    }

    @Test("words, numbers, quoted names, strings, symbols and comments")
    func kinds() {
        #expect(kinds(#"a_1 $x 1.5 "q" `b` 'lit' :: -- rest"#)
            == [.word, .word, .number, .quotedIdentifier, .quotedIdentifier, .string, .symbol, .symbol, .comment])
        #expect(kinds("a /* x ' y */ b") == [.word, .comment, .word])
        #expect(kinds("1.x 2.") == [.number, .symbol, .word, .number, .symbol])
    }

    @Test("doubled quotes stay inside, as one quote")
    func doubledQuotes() {
        let text = SQLTokens(#"'it''s' "a""b" `c``d`"#)
        #expect(text.tokens.map(\.kind) == [.string, .quotedIdentifier, .quotedIdentifier])
        #expect(text.tokens.map(text.content) == ["it's", #"a"b"#, "c`d"])
    }

    @Test("backslash escapes on and off")
    func backslashEscapes() {
        let sql = #"'a\'b' x"#
        #expect(kinds(sql) == [.string, .word, .string])
        #expect(kinds(sql, .standardWithBackslashEscapes) == [.string, .word])
        let escaped = SQLTokens(#"'a\\b\'c'"#, .standardWithBackslashEscapes)
        #expect(escaped.content(escaped[0]) == #"a\b'c"#)
        #expect(SQLTokens(#"'a\\b'"#).content(SQLTokens(#"'a\\b'"#)[0]) == #"a\\b"#)
    }

    @Test("what a quote opens is the tokenizer's configuration")
    func quoting() {
        #expect(kinds("[a b]") == [.symbol, .word, .word, .symbol])
        let sqlite = SQLTokens("[a ]] b]", SQLTokenizer(bracketIdentifiers: true))
        #expect(sqlite.tokens.map(\.kind) == [.quotedIdentifier, .symbol, .word, .symbol])
        #expect(sqlite.content(sqlite[0]) == "a ")
        let mysql = SQLTokenizer(identifierQuotes: [UInt8(ascii: "`")], stringQuotes: [UInt8(ascii: "'"), UInt8(ascii: "\"")])
        #expect(kinds(#""s" `n`"#, mysql) == [.string, .quotedIdentifier])
    }

    @Test("an unclosed quote or comment runs to the end and says so")
    func unclosed() {
        let tokens = SQLTokenizer.standard.tokens(Array("a 'open (".utf8))
        #expect(tokens.map(\.kind) == [.word, .string])
        #expect(tokens.map(\.isClosed) == [true, false])
        #expect(tokens[1].range == 2..<9)
        #expect(SQLTokenizer.standard.tokens(Array("/* x".utf8)).map(\.isClosed) == [false])
    }

    @Test("nested parentheses: the closing one, and top-level list items")
    func parentheses() {
        let text = SQLTokens("f(a, (b, c), 'x)') + g(")
        #expect(text.closingParenthesis(of: 1) == 11)
        let (items, close) = text.listItems(openingAt: 1)
        #expect(items.map(text.text) == ["a", "(b, c)", "'x)'"])
        #expect(close == 11)
        #expect(text.closingParenthesis(of: 14) == nil)
        #expect(text.listItems(openingAt: 14).close == text.count)
        #expect(text.text(between: text[1], and: text[11]) == "a, (b, c), 'x)'")
    }

    @Test("keywords in any case; non-ASCII bytes are word parts")
    func keywords() {
        let text = SQLTokens("Check ÉTÉ")
        #expect(text.isKeyword(text[0], "CHECK"))
        #expect(!text.isKeyword(text[0], "CHECKS"))
        #expect(text.keyword(text[1]) == "ÉTÉ")
        #expect(text.count == 2)
        #expect(text.lowercasedWord(text[1]) == "été")
    }
}
