import AlchemySchema

/// Identifier quoting shared by every dialect: only the quote character differs.
extension Dialect {
    public var identifierQuote: Character { "\"" }

    public func quote(_ identifier: String) -> String {
        let q = identifierQuote
        var quoted = String(q)
        for character in identifier {
            if character == q { quoted.append(q) }
            quoted.append(character)
        }
        quoted.append(q)
        return quoted
    }

    public func qualified(_ table: TableReference) -> String {
        guard let schema = table.schema else { return quote(table.name) }
        return quote(schema) + "." + quote(table.name)
    }

    /// `"a", "b"`: the column list of keys, indexes and inserts.
    func columnList(_ names: [String]) -> String {
        names.map(quote).joined(separator: ", ")
    }
}
