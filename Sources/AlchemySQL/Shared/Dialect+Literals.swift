import AlchemySchema

/// Literal rendering: standard SQL strings (quote doubled), `TRUE`/`FALSE`.
extension Dialect {
    public func stringLiteral(_ text: String) -> String {
        "'" + text.doubling("'") + "'"
    }

    /// Standard strings mean the same under every setting of SQLite; MySQL-family
    /// dialects escape to match the session instead (``MySQLFamily/backslashEscapes``).
    public var literalSettings: [String] { [] }

    public func literal(_ value: LiteralValue) throws(RenderError) -> String {
        switch value {
        case .null: "NULL"
        case .bool(let flag): flag ? "TRUE" : "FALSE"
        case .int(let number): String(number)
        case .double(let number): try Self.numberLiteral(number)
        case .string(let text): stringLiteral(text)
        }
    }

    /// A double as SQL reads it; Swift's shortest round-trip form (`0.1`, `1e+20`) is valid SQL.
    static func numberLiteral(_ number: Double) throws(RenderError) -> String {
        guard number.isFinite else { throw .nonFiniteNumber(number) }
        return String(number)
    }

    /// The text after `DEFAULT`: a literal default is a quoted string, as SQLAlchemy
    /// renders a plain-string `server_default`; an expression is written as is,
    /// except a bare `TRUE`/`FALSE`, which is this dialect's boolean literal (`1`/`0`
    /// on SQLite), as SQLAlchemy compiles `sa.true()` and `sa.false()`.
    func defaultSQL(_ serverDefault: ServerDefault) -> String {
        switch serverDefault {
        case .literal(let text): return stringLiteral(text)
        case .expression(let sql):
            let word = Substring(sql).trimmingWhitespace().lowercased()
            guard word == "true" || word == "false", let literal = try? literal(.bool(word == "true")) else { return sql }
            return literal
        }
    }
}
