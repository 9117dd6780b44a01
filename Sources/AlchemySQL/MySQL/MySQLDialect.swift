/// MySQL 8: the shared MySQL family behaviour, unchanged.
public struct MySQLDialect: MySQLFamily {
    public init() {}

    public var name: DialectName { .mysql }
}
