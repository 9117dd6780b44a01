/// MySQL 8: the shared MySQL family behaviour, unchanged.
public struct MySQLDialect: MySQLFamily {
    public var backslashEscapes: Bool

    /// `backslashEscapes`: as the session's `sql_mode` says (see ``MySQLFamily/backslashEscapes``).
    public init(backslashEscapes: Bool = true) {
        self.backslashEscapes = backslashEscapes
    }

    public var name: DialectName { .mysql }

    public var supportsExpressionIndexes: Bool { true }
}
