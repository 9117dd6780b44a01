import AlchemySQL

/// An open connection to one database.
///
/// Connections are used from one thread at a time: the runner is sequential by
/// design, since DDL on one database gains nothing from parallelism.
public protocol Connection: AnyObject {
    var dialect: DialectName { get }
    /// The dialect that renders SQL for this session: escaping string literals as
    /// the session's settings read them (MariaDB's `NO_BACKSLASH_ESCAPES`).
    var sqlDialect: any Dialect { get }
    var url: DatabaseURL { get }

    /// Runs one or more statements that return no rows.
    func execute(_ sql: String) throws(DatabaseError)
    /// Runs one statement with bound parameters (`?` on SQLite/MariaDB, `$1` on PostgreSQL).
    func execute(_ sql: String, _ parameters: [DatabaseValue]) throws(DatabaseError)
    /// Runs statements in as few round trips as still tell which one failed, each
    /// with the effect it has run alone: outside a transaction each commits by
    /// itself; one that cannot run in a transaction block runs outside one. On a
    /// failure, the statements before the failing one ran and those after it did
    /// not; a transaction the batch opened stays open for the caller to roll back.
    func execute(batch: [Statement]) throws(BatchFailure)
    /// Runs one query with bound parameters and returns every row.
    func query(_ sql: String, _ parameters: [DatabaseValue]) throws(DatabaseError) -> [Row]
    /// The server's version string (`15.18`, `10.11.19-MariaDB`, `3.40.1`).
    func serverVersion() throws(DatabaseError) -> String
    /// How long a statement waits for another connection's lock before failing
    /// (SQLite's busy timeout; servers wait by the lock's own timeout).
    func setBusyTimeout(milliseconds: Int32)
    /// This database's catalog reader, reading through `connection` (this one, or
    /// a wrapper of it that counts statements).
    func makeIntrospector(for connection: any Connection) -> any Introspector
    /// How this database holds a run's ``MigrationLock``.
    var migrationLockMechanism: any MigrationLockMechanism { get }
    func close()
}

extension Connection {
    /// A session whose settings the dialect's literals rely on as they are
    /// (PostgreSQL pins `standard_conforming_strings` at connect).
    public var sqlDialect: any Dialect { dialect.dialect }

    public func setBusyTimeout(milliseconds: Int32) {}

    public func query(_ sql: String) throws(DatabaseError) -> [Row] {
        try query(sql, [])
    }

    public func begin() throws(DatabaseError) {
        try execute(sqlDialect.beginTransaction)
    }

    public func commit() throws(DatabaseError) { try execute("COMMIT") }

    public func rollback() throws(DatabaseError) { try execute("ROLLBACK") }

    /// Runs `body` in a transaction: committed when it returns, rolled back when it throws.
    public func transaction<T>(_ body: () throws -> T) throws -> T {
        try begin()
        do {
            let result = try body()
            try commit()
            return result
        } catch {
            try? rollback()
            throw error
        }
    }

    /// The placeholder for the n-th (1-based) bound parameter in this dialect.
    public func placeholder(_ position: Int) -> String {
        sqlDialect.placeholder(position)
    }
}

/// Opens a connection for a URL with the matching driver.
///
/// `statementTimeout` (seconds, `statement_timeout` in alchemy.yaml) bounds each
/// statement on the servers: a stalled server or a statement stuck behind a lock
/// fails the run instead of hanging it. SQLite statements do not wait on a server.
public func openConnection(_ url: DatabaseURL, connectTimeout: Int = 10, statementTimeout: Double? = nil) throws(DatabaseError) -> any Connection {
    switch url.dialect {
    case .sqlite: try SQLiteConnection(url: url)
    case .postgresql: try PostgreSQLConnection(url: url, connectTimeout: connectTimeout, statementTimeout: statementTimeout)
    case .mysql, .mariadb: try MariaDBConnection(url: url, connectTimeout: connectTimeout, statementTimeout: statementTimeout)
    }
}

extension Double {
    /// Seconds as whole milliseconds for a server's timeout setting: rounded up and
    /// at least 1, since 0 means "no limit" to PostgreSQL and MySQL; at most what
    /// their `int` settings hold.
    var settingMilliseconds: Int {
        let milliseconds = (self * 1000).rounded(.up)
        guard milliseconds >= 1 else { return 1 }
        return milliseconds < Double(Int32.max) ? Int(milliseconds) : Int(Int32.max)
    }
}
