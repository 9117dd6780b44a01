import AlchemySQL
import AlchemySchema

/// The named CHECK constraints of a MariaDB/MySQL `SHOW CREATE TABLE` statement:
/// `CONSTRAINT `name` CHECK (condition)` gives `name` -> `condition`, the text
/// inside the parentheses exactly as printed (what `CHECK_CONSTRAINTS.CHECK_CLAUSE`
/// holds for a table in `information_schema`).
///
/// The statement is read as tokens, so that `CONSTRAINT` or a parenthesis inside a
/// string literal or a quoted name is never taken for one; `backslashEscapes` says
/// whether the session reads `\'` inside a string as a quote (no
/// `NO_BACKSLASH_ESCAPES`), as the server then prints it.
enum ShowCreateTableChecks {
    static func conditions(in statement: String, backslashEscapes: Bool) -> [String: String] {
        // The server prints names in backquotes; `"` opens a string unless ANSI_QUOTES.
        let tokenizer = SQLTokenizer(identifierQuotes: [UInt8(ascii: "`")],
                                     stringQuotes: [UInt8(ascii: "'"), UInt8(ascii: "\"")],
                                     backslashEscapes: backslashEscapes)
        let text = SQLTokens(statement, tokenizer)
        var result: [String: String] = [:]
        var i = 0
        while i + 3 < text.count {
            if text.isKeyword(text[i], "CONSTRAINT"), text[i + 1].kind == .quotedIdentifier,
               text.isKeyword(text[i + 2], "CHECK"), text[i + 3].isSymbol(UInt8(ascii: "(")),
               let close = text.closingParenthesis(of: i + 3) {
                result[text.content(text[i + 1])] = text.text(between: text[i + 3], and: text[close])
                i = close + 1
            } else {
                i += 1
            }
        }
        return result
    }
}
