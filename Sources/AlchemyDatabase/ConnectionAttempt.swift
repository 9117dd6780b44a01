import Dispatch

/// A connection opened on another thread while the caller goes on with its own
/// work (reading revision and model files), then handed over with ``wait()``.
///
/// A server connection is mostly waiting and key derivation (SCRAM's 4,096
/// rounds in libpq, some 10 ms), and loading the client library takes a few
/// more; a command that starts connecting as soon as it knows the URL finishes
/// that much sooner. SQLite opens a file: it connects in place.
public final class ConnectionAttempt {
    public let url: DatabaseURL
    private let state = State()
    private var handedOver = false

    /// Starts connecting to `url`; `statementTimeout` as in ``openConnection(_:connectTimeout:statementTimeout:)``.
    public init(_ url: DatabaseURL, statementTimeout: Double? = nil) {
        self.url = url
        let state = self.state
        let open: @Sendable () -> Result<any Connection, DatabaseError> = {
            Result { () throws(DatabaseError) in try openConnection(url, statementTimeout: statementTimeout) }
        }
        // A file opens at once; a server is reached on another thread.
        if url.isFileDatabase {
            state.finish(open())
        } else {
            DispatchQueue.global(qos: .userInitiated).async {
                state.finish(open())
            }
        }
    }

    /// Waits for the connection; the time spent waiting is its connect time.
    public func wait() throws(DatabaseError) -> MeasuredConnection {
        let clock = ContinuousClock()
        let waitStart = clock.now
        let (outcome, openTime) = state.take()
        handedOver = true
        return MeasuredConnection(try outcome.get(), connectTime: clock.now - waitStart, openTime: openTime)
    }

    /// A command that fails before it needs the connection does not wait for
    /// it: the connecting thread closes it when it arrives.
    deinit {
        if !handedOver { state.abandon() }
    }
}

/// What the connecting thread and the caller share, behind a lock.
private final class State: @unchecked Sendable {
    private let lock = DispatchSemaphore(value: 1)
    private let arrived = DispatchSemaphore(value: 0)
    private let clock = ContinuousClock()
    private let started: ContinuousClock.Instant
    private var outcome: Result<any Connection, DatabaseError>?
    private var openTime: Duration = .zero
    private var abandoned = false

    init() {
        started = clock.now
    }

    func finish(_ result: Result<any Connection, DatabaseError>) {
        lock.wait()
        defer { lock.signal() }
        if abandoned {
            if case .success(let connection) = result { connection.close() }
            return
        }
        outcome = result
        openTime = clock.now - started
        arrived.signal()
    }

    func take() -> (Result<any Connection, DatabaseError>, Duration) {
        arrived.wait()
        lock.wait()
        defer { lock.signal() }
        let result = outcome!
        outcome = nil
        return (result, openTime)
    }

    func abandon() {
        lock.wait()
        defer { lock.signal() }
        abandoned = true
        if case .success(let connection)? = outcome { connection.close() }
        outcome = nil
    }
}
