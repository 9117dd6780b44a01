import AlchemyDatabase

/// SQLite's catalog: `pragma_table_info`, `pragma_index_list`/`pragma_index_info`,
/// `pragma_foreign_key_list`, and the `CREATE TABLE` text in `sqlite_master` for
/// what the pragmas do not report (constraint names and CHECK conditions).
struct SQLiteCatalog {
    let connection: any Connection

    init(_ connection: any Connection) { self.connection = connection }

    func table(_ name: String) throws -> CatalogTable? {
        guard let sql = try connection.query(
            "SELECT sql FROM sqlite_master WHERE type = 'table' AND name = ?", [.text(name)]).first?["sql"].stringValue
        else { return nil }
        let clauses = SQLiteTableSQL.constraintClauses(sql)

        let info = try connection.query(
            "SELECT name, type, \"notnull\" AS nn, dflt_value, pk FROM pragma_table_info(?) ORDER BY cid", [.text(name)])
        let keyColumns = info.filter { ($0["pk"].int64Value ?? 0) > 0 }
            .sorted { ($0["pk"].int64Value ?? 0) < ($1["pk"].int64Value ?? 0) }
            .compactMap { $0["name"].stringValue }
        // Only a single-column key declared exactly INTEGER aliases the rowid.
        let rowid = keyColumns.count == 1
            && info.first { $0["name"].stringValue == keyColumns[0] }?["type"].stringValue?.uppercased() == "INTEGER"
        let columns = info.map { row in
            let column = row["name"].stringValue ?? ""
            return CatalogColumn(
                name: column,
                type: row["type"].stringValue ?? "",
                nullable: row["nn"].int64Value == 0,
                defaultSQL: row["dflt_value"].stringValue,
                generated: rowid && column == keyColumns[0] ? "rowid" : nil,
                comment: nil)
        }
        let primaryKey = keyColumns.isEmpty ? nil : CatalogKey(
            name: clauses.first { $0.kind == .primaryKey }?.name, columns: keyColumns)

        var uniques: [CatalogKey] = []
        var indexes: [CatalogIndex] = []
        for index in try connection.query("SELECT name, \"unique\" AS u, origin FROM pragma_index_list(?)", [.text(name)]) {
            let indexName = index["name"].stringValue ?? ""
            let indexColumns = try connection.query(
                "SELECT name FROM pragma_index_info(?) ORDER BY seqno", [.text(indexName)]).compactMap { $0["name"].stringValue }
            switch index["origin"].stringValue {
            case "u":
                // The automatic index enforces a UNIQUE clause; the clause carries the name.
                let clause = clauses.first { $0.kind == .unique && $0.columns == indexColumns }
                uniques.append(CatalogKey(name: clause?.name, columns: indexColumns))
            case "c":
                indexes.append(CatalogIndex(name: indexName, columns: indexColumns, unique: index["u"].int64Value == 1))
            default:
                break
            }
        }

        var foreignKeys: [CatalogForeignKey] = []
        let keyRows = try connection.query(
            "SELECT id, seq, \"table\" AS t, \"from\" AS f, \"to\" AS r, on_delete FROM pragma_foreign_key_list(?) ORDER BY id, seq",
            [.text(name)])
        for id in Set(keyRows.compactMap { $0["id"].int64Value }).sorted() {
            let parts = keyRows.filter { $0["id"].int64Value == id }
            let from = parts.compactMap { $0["f"].stringValue }
            let clause = clauses.first { $0.kind == .foreignKey && $0.columns == from }
            foreignKeys.append(CatalogForeignKey(
                name: clause?.name, columns: from,
                referredTable: parts.first?["t"].stringValue ?? "",
                referredColumns: parts.compactMap { $0["r"].stringValue },
                onDelete: parts.first?["on_delete"].stringValue ?? ""))
        }

        let checks = clauses.filter { $0.kind == .check }.map { CatalogCheck(name: $0.name, sqltext: $0.body) }
        return CatalogTable(name: name, columns: columns, primaryKey: primaryKey, uniques: uniques,
                            foreignKeys: foreignKeys, checks: checks, indexes: indexes.sorted { $0.name < $1.name },
                            comment: nil)
    }
}

/// Just enough of SQLite's `CREATE TABLE` grammar to read table constraints back:
/// the body is split at top-level commas, and each `[CONSTRAINT name] PRIMARY
/// KEY | UNIQUE | CHECK | FOREIGN KEY` element is taken apart.
enum SQLiteTableSQL {
    enum Kind: Equatable { case primaryKey, unique, check, foreignKey }

    struct Clause: Equatable {
        var name: String?
        var kind: Kind
        /// Key columns (PRIMARY KEY, UNIQUE, FOREIGN KEY); empty for CHECK.
        var columns: [String]
        /// The CHECK condition, or the text after the key columns.
        var body: String
    }

    static func constraintClauses(_ sql: String) -> [Clause] {
        guard let open = sql.firstIndex(of: "("), let close = sql.lastIndex(of: ")"), open < close else { return [] }
        let body = String(sql[sql.index(after: open)..<close])
        return splitTopLevel(body).compactMap(clause)
    }

    /// Splits at commas outside parentheses and quotes.
    static func splitTopLevel(_ text: String) -> [String] {
        var parts: [String] = []
        var current = ""
        var depth = 0
        var quote: Character?
        for c in text {
            if let q = quote {
                current.append(c)
                if c == q { quote = nil }
                continue
            }
            switch c {
            case "'", "\"", "`", "[":
                quote = c == "[" ? "]" : c
                current.append(c)
            case "(":
                depth += 1; current.append(c)
            case ")":
                depth -= 1; current.append(c)
            case "," where depth == 0:
                parts.append(current.trimmed)
                current = ""
            default:
                current.append(c)
            }
        }
        if !current.trimmed.isEmpty { parts.append(current.trimmed) }
        return parts
    }

    private static func clause(_ element: String) -> Clause? {
        var rest = Substring(element)
        var name: String?
        if rest.uppercased().hasPrefix("CONSTRAINT ") {
            rest = rest.dropFirst("CONSTRAINT ".count).drop { $0 == " " }
            let (identifier, after) = readIdentifier(rest)
            name = identifier
            rest = after.drop { $0 == " " }
        }
        let upper = rest.uppercased()
        let kind: Kind
        if upper.hasPrefix("PRIMARY KEY") { kind = .primaryKey; rest = rest.dropFirst("PRIMARY KEY".count) }
        else if upper.hasPrefix("UNIQUE") { kind = .unique; rest = rest.dropFirst("UNIQUE".count) }
        else if upper.hasPrefix("CHECK") { kind = .check; rest = rest.dropFirst("CHECK".count) }
        else if upper.hasPrefix("FOREIGN KEY") { kind = .foreignKey; rest = rest.dropFirst("FOREIGN KEY".count) }
        else { return nil }
        rest = rest.drop { $0 == " " }
        let (inner, after) = parenthesized(rest)
        if kind == .check { return Clause(name: name, kind: kind, columns: [], body: inner) }
        let columns = splitTopLevel(inner).map { unquote($0) }
        return Clause(name: name, kind: kind, columns: columns, body: String(after).trimmed)
    }

    /// The text inside the parentheses that `text` starts with, and what follows them.
    private static func parenthesized(_ text: Substring) -> (String, Substring) {
        guard text.first == "(" else { return ("", text) }
        var depth = 0
        var quote: Character?
        var index = text.startIndex
        while index < text.endIndex {
            let c = text[index]
            if let q = quote {
                if c == q { quote = nil }
            } else if c == "'" || c == "\"" || c == "`" {
                quote = c
            } else if c == "(" {
                depth += 1
            } else if c == ")" {
                depth -= 1
                if depth == 0 {
                    return (String(text[text.index(after: text.startIndex)..<index]), text[text.index(after: index)...])
                }
            }
            index = text.index(after: index)
        }
        return (String(text.dropFirst()), "")
    }

    private static func readIdentifier(_ text: Substring) -> (String, Substring) {
        guard let first = text.first else { return ("", text) }
        if first == "\"" || first == "`" || first == "[" {
            let close: Character = first == "[" ? "]" : first
            var name = ""
            var index = text.index(after: text.startIndex)
            while index < text.endIndex {
                let c = text[index]
                if c == close {
                    let next = text.index(after: index)
                    if next < text.endIndex, text[next] == close, close != "]" {
                        name.append(c)
                        index = text.index(after: next)
                        continue
                    }
                    return (name, text[next...])
                }
                name.append(c)
                index = text.index(after: index)
            }
            return (name, "")
        }
        let end = text.firstIndex { $0 == " " || $0 == "(" } ?? text.endIndex
        return (String(text[..<end]), text[end...])
    }

    static func unquote(_ identifier: String) -> String {
        let text = identifier.trimmed
        guard let first = text.first, "\"`[".contains(first) else { return text }
        return readIdentifier(Substring(text)).0
    }
}

extension String {
    var trimmed: String {
        String(drop { $0.isWhitespace }.reversed().drop { $0.isWhitespace }.reversed())
    }
}
