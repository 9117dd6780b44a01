import AlchemySchema

/// `alchemy.yaml`: where the databases are and how their migrations are kept.
public struct ProjectConfiguration: Sendable {
    /// The file it was read from, for messages and for resolving relative paths.
    public var file: String?
    /// Named databases, `default` (or the only one) first.
    public var databases: [DatabaseConfiguration]

    public init(file: String? = nil, databases: [DatabaseConfiguration]) {
        self.file = file
        self.databases = databases
    }

    /// The database chosen with `--bind NAME`, or the first.
    public func database(bind: String?) throws(ConfigurationError) -> DatabaseConfiguration {
        guard let bind else {
            guard let first = databases.first else {
                throw ConfigurationError(file: file, line: nil, column: nil, message: "no database is configured; add `database: {url: ...}`")
            }
            return first
        }
        guard let match = databases.first(where: { $0.name == bind }) else {
            let names = databases.map(\.name).joined(separator: ", ")
            throw ConfigurationError(file: file, line: nil, column: nil, message: "no database named '\(bind)' for --bind; configured: \(names)")
        }
        return match
    }
}

/// One database's settings. Every key of DESIGN §3; defaults are Advanced Alchemy's.
public struct DatabaseConfiguration: Sendable {
    public var name: String = "default"
    /// The URL as written after interpolation. Parse it with `DatabaseURL`; never print it raw.
    public var url: String = "sqlite:///app.db"
    public var scriptLocation: String = "migrations"
    public var models: [String] = ["models"]
    public var versionTable: String = "alembic_versions"
    public var versionTableSchema: String?
    public var fileTemplate: String = "%(year)d-%(month).2d-%(day).2d_%(slug)s_%(rev)s"
    public var compareType: Bool = true
    public var compareServerDefault: Bool = true
    public var transactionPerMigration: Bool = true
    /// Seconds to wait for the migration lock; 0 means do not wait. Within
    /// `DurationText`'s range (0...24h, whole milliseconds).
    public var lockTimeout: Double = 60
    /// Seconds a single statement may run before the server cancels it; nil (the
    /// default, `off`) for no limit. From `statement_timeout` or `--statement-timeout`.
    public var statementTimeout: Double?
    /// Table names or glob patterns that are never compared or touched.
    public var excludeTables: [String] = ["spatial_ref_sys"]

    public init() {}
}

/// A problem in the configuration file, located when it can be.
public typealias ConfigurationError = LocatedError
