/// Column names inside a CHECK constraint's SQL text, so that the schema context
/// follows a column rename or drop the way the databases do: PostgreSQL and
/// SQLite rewrite a renamed column inside CHECK, and PostgreSQL drops a CHECK
/// whose column is dropped. Without this a SQLite rebuild after such a change
/// would re-create a CHECK naming a column that no longer exists.
///
/// The scan knows just enough SQL to be safe: string literals are skipped,
/// quoted identifiers match exactly, bare ones case-insensitively.
public enum SQLColumnReferences {
    /// Whether the SQL names the column.
    public static func mentions(_ sql: String, column: String) -> Bool {
        var found = false
        _ = scan(sql, column: column) { _ in found = true; return nil }
        return found
    }

    /// The SQL with every reference to `old` naming `new` instead.
    public static func renaming(_ sql: String, column old: String, to new: String) -> String {
        let simple = new.first.map { $0 == "_" || $0.isLetter } == true && new.allSatisfy { $0 == "_" || $0.isLetter || $0.isNumber }
        return scan(sql, column: old) { quote in
            if let quote { return String(quote) + new.doubling(quote) + String(quote) }
            return simple ? new : "\"" + new.doubling("\"") + "\""
        }
    }

    /// Copies `sql`, replacing each reference to `column` with what `replacement`
    /// returns for its quote character (`nil` for a bare name), or keeping it when
    /// `replacement` returns `nil`.
    private static func scan(_ sql: String, column: String, replacement: (Character?) -> String?) -> String {
        let text = SQLTokens(sql)
        let lowercasedColumn = column.lowercased()
        var output = ""
        var copied = 0
        for token in text.tokens {
            let name: (quote: Character?, matches: Bool)? = switch token.kind {
            case .quotedIdentifier: (Character(Unicode.Scalar(token.byte)), text.content(token) == column)
            case .word: (nil, text.lowercasedWord(token) == lowercasedColumn)
            default: nil
            }
            guard let name, name.matches, let replaced = replacement(name.quote) else { continue }
            output += String(decoding: text.bytes[copied..<token.range.lowerBound], as: UTF8.self) + replaced
            copied = token.range.upperBound
        }
        return output + String(decoding: text.bytes[copied...], as: UTF8.self)
    }
}
