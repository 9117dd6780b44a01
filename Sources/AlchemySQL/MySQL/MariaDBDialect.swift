/// MariaDB: MySQL, except where the servers diverged.
public struct MariaDBDialect: MySQLFamily {
    public init() {}

    public var name: DialectName { .mariadb }

    /// MariaDB has no `DROP CHECK`; it drops a check as any named constraint.
    public func dropCheckClause(_ name: String) -> String { "DROP CONSTRAINT \(name)" }
}
