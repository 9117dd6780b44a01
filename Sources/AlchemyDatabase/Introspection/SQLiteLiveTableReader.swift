import AlchemySQL
import AlchemySchema

/// Reads a table as it is in a live SQLite database, for a rebuild to carry over
/// what the revision files do not declare: `pragma_table_xinfo` for the columns
/// (generated ones included), the `CREATE TABLE` text for how each is written, and
/// `sqlite_master` for indexes, triggers and the views and triggers that use it.
public struct SQLiteLiveTableReader {
    public let connection: any Connection

    public init(_ connection: any Connection) {
        self.connection = connection
    }

    public func read(_ table: TableReference) throws(DatabaseError) -> SQLiteLiveTable {
        let schema = table.schema ?? "main"
        let master = "\"" + schema.replacingEvery("\"", with: "\"\"") + "\".sqlite_master"
        let createSQL = try connection.query("SELECT sql FROM \(master) WHERE type = 'table' AND name = ?",
                                             [.text(table.name)]).first?[0].stringValue ?? ""
        let written = Self.columnDefinitions(createSQL)
        var columns: [SQLiteLiveTable.LiveColumn] = []
        for row in try connection.query("SELECT name, hidden FROM pragma_table_xinfo(?, ?) ORDER BY cid",
                                        [.text(table.name), .text(schema)]) {
            let name = row[0].stringValue ?? ""
            let hidden = row[1].int64Value ?? 0
            guard hidden != 1 else { continue }  // a virtual table's hidden column
            let definition = written.first { $0.name.lowercased() == name.lowercased() }
            columns.append(.init(name: name, definition: definition?.text ?? "\"\(name)\"", generated: hidden >= 2,
                                 mentions: definition?.mentions ?? []))
        }
        func objects(_ sql: String, _ parameters: [DatabaseValue]) throws(DatabaseError) -> [SQLiteLiveTable.SchemaObject] {
            try connection.query(sql, parameters).map { row in
                let text = row[2].stringValue ?? ""
                return .init(kind: row[0].stringValue ?? "", name: row[1].stringValue ?? "", sql: text, mentions: Self.mentions(text))
            }
        }
        let indexes = try objects("SELECT type, name, sql FROM \(master) WHERE type = 'index' AND tbl_name = ? AND sql IS NOT NULL ORDER BY name",
                                  [.text(table.name)])
        let triggers = try objects("SELECT type, name, sql FROM \(master) WHERE type = 'trigger' AND tbl_name = ? ORDER BY name",
                                   [.text(table.name)])
        let dependents = try objects("SELECT type, name, sql FROM \(master) WHERE type IN ('view', 'trigger') AND tbl_name <> ? ORDER BY name",
                                     [.text(table.name)])
            .filter { $0.mentions.contains(table.name.lowercased()) }
        return SQLiteLiveTable(columns: columns, indexes: indexes, triggers: triggers, dependents: dependents)
    }

    /// Each column definition of a `CREATE TABLE` text as written, with the names it uses besides its own.
    static func columnDefinitions(_ sql: String) -> [(name: String, text: String, mentions: Set<String>)] {
        let text = SQLiteSchemaSQL.tokens(sql)
        guard let open = text.tokens.firstIndex(where: { $0.isSymbol(UInt8(ascii: "(")) }) else { return [] }
        return text.listItems(openingAt: open).items.compactMap { item in
            guard let first = item.first,
                  !SQLiteSchemaSQL.tableConstraintKeywords.contains(text.keyword(first) ?? "") else { return nil }
            return (text.content(first), text.text(item), Self.mentions(item.dropFirst(), text))
        }
    }

    /// The identifiers (and bare words) of some SQL, lower-cased: a conservative
    /// "does it use this name" test, which may also match a keyword.
    static func mentions(_ sql: String) -> Set<String> {
        let text = SQLiteSchemaSQL.tokens(sql)
        return mentions(text.tokens[...], text)
    }

    static func mentions(_ tokens: ArraySlice<SQLToken>, _ text: SQLTokens) -> Set<String> {
        Set(tokens.filter { $0.kind == .word || $0.kind == .quotedIdentifier }.map { text.content($0).lowercased() })
    }
}
