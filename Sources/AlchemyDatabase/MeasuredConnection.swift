import Dispatch
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

    /// Called while a statement keeps the server busy: after
    /// ``slowStatementAfter`` seconds, then every 30 s, with the statement and
    /// the seconds so far, so that a long index build or a stalled server shows
    /// in a CI log instead of a silent job.
    public var slowStatementNotice: (@Sendable (_ sql: String, _ seconds: Double) -> Void)?
    public var slowStatementAfter = 10.0

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

    public func makeIntrospector(for connection: any Connection) -> any Introspector {
        base.makeIntrospector(for: connection)
    }

    public var migrationLockMechanism: any MigrationLockMechanism { base.migrationLockMechanism }
    public var url: DatabaseURL { base.url }

    public func execute(_ sql: String) throws(DatabaseError) {
        try measured(sql) { () throws(DatabaseError) in try base.execute(sql) }
    }

    public func execute(_ sql: String, _ parameters: [DatabaseValue]) throws(DatabaseError) {
        try measured(sql) { () throws(DatabaseError) in try base.execute(sql, parameters) }
    }

    /// Counts each statement of the batch that ran, the failing one included, as
    /// one by one would; a slow batch is named by its statements, since which of
    /// them the server is working on is not known until it answers.
    public func execute(batch: [Statement]) throws(BatchFailure) {
        let clock = ContinuousClock()
        let start = clock.now
        let watch = slowStatementNotice.map { notice in
            SlowStatementWatch(sql: batch.map(\.sql).joined(separator: "; "), after: slowStatementAfter, notice: notice)
        }
        var ran = batch.count
        defer {
            watch?.stop()
            databaseTime += clock.now - start
            statements += ran
        }
        do {
            try base.execute(batch: batch)
        } catch {
            ran = error.index + 1
            throw error
        }
    }

    public func query(_ sql: String, _ parameters: [DatabaseValue]) throws(DatabaseError) -> [Row] {
        try measured(sql) { () throws(DatabaseError) in try base.query(sql, parameters) }
    }

    public func serverVersion() throws(DatabaseError) -> String {
        try measured(nil) { () throws(DatabaseError) in try base.serverVersion() }
    }

    public func setBusyTimeout(milliseconds: Int32) { base.setBusyTimeout(milliseconds: milliseconds) }

    public func close() { base.close() }

    private func measured<T>(_ sql: String?, _ call: () throws(DatabaseError) -> T) throws(DatabaseError) -> T {
        let clock = ContinuousClock()
        let start = clock.now
        let watch = sql.flatMap { sql in slowStatementNotice.map { SlowStatementWatch(sql: sql, after: slowStatementAfter, notice: $0) } }
        defer {
            watch?.stop()
            databaseTime += clock.now - start
            statements += 1
        }
        return try call()
    }
}

/// The timer behind ``MeasuredConnection/slowStatementNotice``: armed for one
/// call, on a background queue, since the calling thread is blocked in the driver.
private final class SlowStatementWatch {
    private let timer: DispatchSourceTimer

    init(sql: String, after: Double, notice: @escaping @Sendable (String, Double) -> Void) {
        let started = ContinuousClock.now
        timer = DispatchSource.makeTimerSource(queue: .global())
        timer.schedule(deadline: .now() + after, repeating: 30)
        timer.setEventHandler { notice(sql, (ContinuousClock.now - started).seconds) }
        timer.resume()
    }

    func stop() { timer.cancel() }
}
