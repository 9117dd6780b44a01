/// MariaDB: MySQL, except where the servers diverged.
public struct MariaDBDialect: MySQLFamily {
    public var backslashEscapes: Bool

    /// `backslashEscapes`: as the session's `sql_mode` says (see ``MySQLFamily/backslashEscapes``).
    public init(backslashEscapes: Bool = true) {
        self.backslashEscapes = backslashEscapes
    }

    public var name: DialectName { .mariadb }

    public var executeKeys: [String] { ["mariadb", "mysql"] }

    /// MariaDB has no `DROP CHECK`; it drops a check as any named constraint.
    public func dropCheckClause(_ name: String) -> String { "DROP CONSTRAINT \(name)" }

    /// MariaDB indexes columns only; an expression needs a generated column.
    public var supportsExpressionIndexes: Bool { false }
}
