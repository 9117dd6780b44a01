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
        let characters = Array(sql)
        var output = ""
        var i = 0
        func isWord(_ c: Character) -> Bool { c == "_" || c == "$" || c.isLetter || c.isNumber }
        while i < characters.count {
            let c = characters[i]
            if c == "'" || c == "\"" || c == "`" {
                var j = i + 1
                var content = ""
                while j < characters.count {
                    if characters[j] == c {
                        if j + 1 < characters.count, characters[j + 1] == c { content.append(c); j += 2; continue }
                        break
                    }
                    content.append(characters[j])
                    j += 1
                }
                let original = String(characters[i...min(j, characters.count - 1)])
                output += c != "'" && content == column ? (replacement(c) ?? original) : original
                i = j + 1
            } else if isWord(c), !(c.isNumber), i == 0 || !isWord(characters[i - 1]) {
                var j = i
                while j < characters.count, isWord(characters[j]) { j += 1 }
                let word = String(characters[i..<j])
                output += word.lowercased() == column.lowercased() ? (replacement(nil) ?? word) : word
                i = j
            } else {
                output.append(c)
                i += 1
            }
        }
        return output
    }
}
