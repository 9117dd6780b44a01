/// The databases alchemy speaks, by the names revision files and URLs use.
///
/// The raw values are the keys of `execute`'s per-dialect SQL, so they are part of
/// the revision-file format and must not change.
public enum DialectName: String, Hashable, Sendable, CaseIterable, CustomStringConvertible {
    case sqlite
    case postgresql
    case mysql
    case mariadb

    /// The dialect that renders SQL for this database.
    ///
    /// ```swift
    /// let statements = try DialectName.postgresql.dialect.render(op, in: schema)
    /// ```
    public var dialect: any Dialect {
        switch self {
        case .sqlite: SQLiteDialect()
        case .postgresql: PostgreSQLDialect()
        case .mysql: MySQLDialect()
        case .mariadb: MariaDBDialect()
        }
    }

    public var description: String { rawValue }

    /// The dialect a URL scheme names (`postgres` too, as SQLAlchemy accepts it).
    public init?(scheme: String) {
        switch scheme {
        case "postgres": self = .postgresql
        default: self.init(rawValue: scheme)
        }
    }
}

extension DialectName {
    /// Every key `execute` takes SQL under, each dialect's own spellings in turn
    /// (``Dialect/executeKeys``), for the revision-file decoder.
    public static var executeKeys: [String] {
        var keys: [String] = []
        for name in allCases {
            for key in name.dialect.executeKeys where !keys.contains(key) { keys.append(key) }
        }
        return keys
    }
}
