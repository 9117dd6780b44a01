import AlchemySQL

extension Duration {
    /// The duration in seconds, for reports and progress.
    public var seconds: Double {
        let (whole, fraction) = components
        return Double(whole) + Double(fraction) / 1e18
    }
}

/// A connection that counts its statements and the time spent waiting for them.
///
/// The time inside a driver call is the database's: sending, the server's work,
/// the reply. What a run spends outside these calls is alchemy's own (reading
/// revisions, planning, rendering SQL); `-v` and `--format json` report both, and
/// the benchmark uses them to show how little of a long upgrade is alchemy's.
public final class MeasuredConnection: Connection {
    public let base: any Connection
    /// Statements sent, queries included.
    public private(set) var statements = 0
    /// Time inside the driver's calls.
    public private(set) var databaseTime: Duration = .zero
    /// How long the command waited for the connection to open (less than
    /// ``openTime`` when it connected in the background; see ``ConnectionAttempt``).
    public let connectTime: Duration
    /// How long opening took: for a server, loading the client library, the
    /// handshake and authentication.
    public let openTime: Duration

    public init(_ base: any Connection, connectTime: Duration = .zero, openTime: Duration? = nil) {
        self.base = base
        self.connectTime = connectTime
        self.openTime = openTime ?? connectTime
    }

    /// Opens a connection for `url` in place, timing the connect.
    public static func open(_ url: DatabaseURL) throws(DatabaseError) -> MeasuredConnection {
        let clock = ContinuousClock()
        let start = clock.now
        let connection = try openConnection(url)
        return MeasuredConnection(connection, connectTime: clock.now - start)
    }

    public var dialect: DialectName { base.dialect }
    public var sqlDialect: any Dialect { base.sqlDialect }
    public var url: DatabaseURL { base.url }

    public func execute(_ sql: String) throws(DatabaseError) {
        try measured { () throws(DatabaseError) in try base.execute(sql) }
    }

    public func execute(_ sql: String, _ parameters: [DatabaseValue]) throws(DatabaseError) {
        try measured { () throws(DatabaseError) in try base.execute(sql, parameters) }
    }

    public func query(_ sql: String, _ parameters: [DatabaseValue]) throws(DatabaseError) -> [Row] {
        try measured { () throws(DatabaseError) in try base.query(sql, parameters) }
    }

    public func serverVersion() throws(DatabaseError) -> String {
        try measured { () throws(DatabaseError) in try base.serverVersion() }
    }

    public func setBusyTimeout(milliseconds: Int32) { base.setBusyTimeout(milliseconds: milliseconds) }

    public func close() { base.close() }

    private func measured<T>(_ call: () throws(DatabaseError) -> T) throws(DatabaseError) -> T {
        let clock = ContinuousClock()
        let start = clock.now
        defer {
            databaseTime += clock.now - start
            statements += 1
        }
        return try call()
    }
}
