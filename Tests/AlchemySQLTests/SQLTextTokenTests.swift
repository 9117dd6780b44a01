@testable import AlchemySQL
import AlchemyTestSupport
import Testing

/// `SQLText.tokens` reads ASCII text as bytes and anything else as Characters;
/// the two readings must agree wherever both apply.
@Suite("SQL text tokens")
struct SQLTextTokenTests {
    static let pieces = [
        "varchar", "(", "255", ")", " ", "\t", "\r\n", "'it''s'", "'a\\'b'", "\"Mixed Name\"", "`q`", "1.5", "-1", "::",
        "text", "now()", "_x$", ".", ",", "CURRENT_TIMESTAMP", "'", "\"", "x''", "12ab", "\n", "NULL",
    ]

    @Test("bytes and Characters give the same tokens on 5,000 generated ASCII texts", arguments: [false, true])
    func asciiMatchesCharacters(backslashEscapes: Bool) {
        var generator = SeededGenerator(state: backslashEscapes ? 7 : 3)
        for _ in 0..<5_000 {
            let text = (0..<Int.random(in: 0...8, using: &generator)).map { _ in Self.pieces.randomElement(using: &generator)! }.joined()
            let bytes = SQLText.tokens(Array(text.utf8), backslashEscapes: backslashEscapes)
            let characters = SQLText.tokens(Array(text), backslashEscapes: backslashEscapes)
            #expect(bytes == characters, "\(text.debugDescription)")
            #expect(SQLText.tokens(text, backslashEscapes: backslashEscapes) == characters)
        }
    }

    @Test("non-ASCII text is read as Characters")
    func nonASCII() {
        #expect(SQLText.tokens("'café' ÉTÉ") == [.string("café"), .word("été")])
    }
}
