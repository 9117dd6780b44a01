#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The SQLite migration lock: an exclusive `flock()` on the database file, held
/// across the per-revision commits of one run so that two runs apply each revision once.
///
/// `flock` locks and the `fcntl` locks SQLite takes do not interact, so holding
/// it never blocks SQLite itself. The descriptor opened for a file is kept for
/// the life of the process: closing any descriptor of a file drops every POSIX
/// (`fcntl`) lock this process holds on it, SQLite's own included. A path held
/// by one run of this process also excludes another run of this process (the
/// shared descriptor alone would let both in).
final class SQLiteFileLock: @unchecked Sendable {
    static let shared = SQLiteFileLock()

    /// Guards `descriptors` and `held`; runs of `--jobs N` share this process.
    private let mutex: UnsafeMutablePointer<pthread_mutex_t> = {
        let mutex = UnsafeMutablePointer<pthread_mutex_t>.allocate(capacity: 1)
        pthread_mutex_init(mutex, nil)
        return mutex
    }()
    private var descriptors: [String: Int32] = [:]
    private var held: Set<String> = []

    /// Takes the lock on `path`, polling until `timeoutSeconds` have passed; `false` on timeout.
    func acquire(_ path: String, timeoutSeconds: Double) throws(DatabaseError) -> Bool {
        let clock = ContinuousClock()
        let deadline = clock.now + .milliseconds(Int64((timeoutSeconds * 1000).rounded()))
        while true {
            if try tryAcquire(path) { return true }
            if clock.now >= deadline { return false }
            usleep(20_000)
        }
    }

    func release(_ path: String) {
        pthread_mutex_lock(mutex)
        defer { pthread_mutex_unlock(mutex) }
        guard held.remove(path) != nil, let descriptor = descriptors[path] else { return }
        flock(descriptor, LOCK_UN)
    }

    private func tryAcquire(_ path: String) throws(DatabaseError) -> Bool {
        pthread_mutex_lock(mutex)
        defer { pthread_mutex_unlock(mutex) }
        if held.contains(path) { return false }
        let descriptor: Int32
        if let open = descriptors[path] {
            descriptor = open
        } else {
            descriptor = open(path, O_RDONLY | O_CLOEXEC)
            guard descriptor >= 0 else {
                throw DatabaseError(kind: .connection, dialect: .sqlite, code: String(errno),
                                    message: "cannot open \(path) to lock it for the migration: \(String(cString: strerror(errno)))")
            }
            descriptors[path] = descriptor
        }
        guard flock(descriptor, LOCK_EX | LOCK_NB) == 0 else { return false }
        held.insert(path)
        return true
    }
}
