import AlchemySQL
import Dispatch
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Bounds a blocking client call when the server can no longer end it itself.
///
/// `statement_timeout` is enforced by the server: a server that is stopped
/// (SIGSTOP, a frozen VM) still has its kernel acknowledge every packet, so
/// neither the server's timeout nor TCP keepalives end the wait. Past the
/// statement timeout and a grace period, the guard shuts the socket down, the
/// blocked call returns with an error, and the run fails with one line instead
/// of hanging the CI job.
final class StalledServerGuard: @unchecked Sendable {
    /// How long after the statement timeout the client gives up on the server.
    static let grace = 5.0

    let limit: Double
    private let lock = NSLock()
    private var running = false
    private var fired = false

    init(statementTimeout: Double) {
        limit = statementTimeout + Self.grace
    }

    /// Runs `body` (a blocking call on `socket`); reports whether the guard had to cut it.
    func run<T>(socket: Int32, _ body: () -> T) -> (result: T, cut: Bool) {
        lock.withLock { running = true; fired = false }
        let item = DispatchWorkItem { [self] in
            lock.withLock {
                guard running else { return }
                fired = true
                _ = shutdown(socket, Int32(SHUT_RDWR))
            }
        }
        DispatchQueue.global().asyncAfter(deadline: .now() + limit, execute: item)
        let result = body()
        item.cancel()
        let cut = lock.withLock { running = false; return fired }
        return (result, cut)
    }

    /// The error a cut call ends with.
    func error(sql: String, dialect: DialectName) -> DatabaseError {
        DatabaseError(kind: .connection, dialect: dialect, code: nil,
                      message: "the server did not answer within statement_timeout and \(Int(Self.grace)) s more; it may be stopped or unreachable: check it, then run again",
                      sql: sql)
    }
}
