@testable import AlchemySQL
import Testing

/// `SQLText.tokens`, the canonical view over ``SQLTokenizer`` that type and
/// default comparison use.
@Suite("SQL text tokens")
struct SQLTextTokenTests {
    @Test("words lower-cased, strings and quoted names unquoted, comments dropped")
    func canonicalTokens() {
        #expect(SQLText.tokens(#"VARCHAR(255) "User Type" 'it''s' -- x"#) == [
            .word("varchar"), .symbol("("), .word("255"), .symbol(")"), .identifier("User Type"), .string("it's"),
        ])
        #expect(SQLText.tokens("'0'::integer") == [.string("0"), .symbol(":"), .symbol(":"), .word("integer")])
        #expect(SQLText.tokens("1.5 -1 12ab x''") == [.word("1.5"), .symbol("-"), .word("1"), .word("12ab"), .word("x"), .string("")])
    }

    @Test("backslash escapes only when asked, and only in strings")
    func backslashes() {
        #expect(SQLText.tokens(#"'a\'b'"#, backslashEscapes: true) == [.string("a'b")])
        #expect(SQLText.tokens(#"'a\'b'"#) == [.string(#"a\"#), .word("b"), .string("")])
        #expect(SQLText.tokens(#"`a\` 'x'"#, backslashEscapes: true) == [.identifier(#"a\"#), .string("x")])
    }

    @Test("non-ASCII text stays whole")
    func nonASCII() {
        #expect(SQLText.tokens("'café' ÉTÉ") == [.string("café"), .word("été")])
    }

    @Test("canonical spelling and type arguments")
    func canonical() {
        #expect(SQLText.canonical("NUMERIC( 10 , 2 )") == "numeric(10,2)")
        #expect(SQLText.canonical(#"ENUM('a,b', 'C''d')"#) == "enum('a,b','C''d')")
        #expect(TypeSpellingParts(SQLText.canonical(#"enum('a,b','c')"#)).arguments == ["'a,b'", "'c'"])
        #expect(TypeSpellingParts("timestamp(6) with time zone").name == "timestamp with time zone")
    }
}
