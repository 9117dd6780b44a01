import AlchemySQL

/// The named CHECK constraints of a MariaDB/MySQL `SHOW CREATE TABLE` statement:
/// `CONSTRAINT `name` CHECK (condition)` gives `name` -> `condition`, the text
/// inside the parentheses exactly as printed (what `CHECK_CONSTRAINTS.CHECK_CLAUSE`
/// holds for a table in `information_schema`).
///
/// The statement is scanned with its quoting in mind, so that `CONSTRAINT` or a
/// parenthesis inside a string literal or a quoted name is never taken for one;
/// `backslashEscapes` says whether the session reads `\'` inside a string as a
/// quote (no `NO_BACKSLASH_ESCAPES`), as the server then prints it.
enum ShowCreateTableChecks {
    static func conditions(in statement: String, backslashEscapes: Bool) -> [String: String] {
        let bytes = Array(statement.utf8)
        var result: [String: String] = [:]
        var i = 0
        while i < bytes.count {
            if let (name, start) = constraintHead(bytes, at: i), let end = closing(bytes, from: start, backslashEscapes: backslashEscapes) {
                result[name] = String(decoding: bytes[start..<end], as: UTF8.self)
                i = end + 1
            } else if let end = quoteEnd(bytes, from: i, backslashEscapes: backslashEscapes) {
                i = end + 1
            } else {
                i += 1
            }
        }
        return result
    }

    /// At `CONSTRAINT `name` CHECK (`: the name and where the condition starts.
    private static func constraintHead(_ bytes: [UInt8], at start: Int) -> (String, Int)? {
        var i = start
        guard match("CONSTRAINT ", bytes, &i), i < bytes.count, bytes[i] == UInt8(ascii: "`"),
              let end = quoteEnd(bytes, from: i, backslashEscapes: false) else { return nil }
        let name = String(decoding: bytes[(i + 1)..<end], as: UTF8.self).replacingOccurrences(of: "``", with: "`")
        i = end + 1
        guard match(" CHECK (", bytes, &i) else { return nil }
        return (name, i)
    }

    private static func match(_ text: String, _ bytes: [UInt8], _ i: inout Int) -> Bool {
        let expected = Array(text.utf8)
        guard i + expected.count <= bytes.count, Array(bytes[i..<(i + expected.count)]) == expected else { return false }
        i += expected.count
        return true
    }

    /// The index of the `)` that closes the parenthesis opened just before `start`.
    private static func closing(_ bytes: [UInt8], from start: Int, backslashEscapes: Bool) -> Int? {
        var depth = 1
        var i = start
        while i < bytes.count {
            if let end = quoteEnd(bytes, from: i, backslashEscapes: backslashEscapes) {
                i = end + 1
                continue
            }
            if bytes[i] == UInt8(ascii: "(") { depth += 1 }
            if bytes[i] == UInt8(ascii: ")") {
                depth -= 1
                if depth == 0 { return i }
            }
            i += 1
        }
        return nil
    }

    /// When a quoted run (string, double-quoted text or `name`) opens at `start`:
    /// the index of its closing quote; doubled quotes (and, in strings, backslash
    /// escapes) stay inside.
    private static func quoteEnd(_ bytes: [UInt8], from start: Int, backslashEscapes: Bool) -> Int? {
        let quote = bytes[start]
        guard quote == UInt8(ascii: "'") || quote == UInt8(ascii: "\"") || quote == UInt8(ascii: "`") else { return nil }
        // An unclosed run ends the text.
        return SQLText.quotedRunEnd(bytes, from: start, backslashEscapes: backslashEscapes && quote != UInt8(ascii: "`"))
            ?? bytes.count - 1
    }
}
