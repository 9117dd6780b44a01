import AlchemySQL

/// The database-wide lock a migration run holds, so that two runs started at once
/// (two CI jobs) apply each revision exactly once.
///
/// - PostgreSQL: a session advisory lock, waited for under `lock_timeout`.
/// - MariaDB/MySQL: `GET_LOCK`, which takes its timeout in seconds.
/// - SQLite: an exclusive `flock()` on the database file (``SQLiteFileLock``), held
///   across the run's per-revision commits and waited for under `lock_timeout`;
///   `:memory:` (no file, one connection) needs none. The busy timeout is set to
///   the same wait, for writers that do not take the lock.
/// A timeout of 0 means "do not wait" on every database.
public struct MigrationLock: Sendable {
    /// Names the lock after the version table: runs on one table exclude each other,
    /// runs on different `--bind` databases sharing a server do not.
    public var name: String
    public var timeoutSeconds: Double

    public init(name: String, timeoutSeconds: Double) {
        self.name = name
        self.timeoutSeconds = timeoutSeconds
    }

    /// A stable 63-bit key for `pg_advisory_lock` (FNV-1a of the name).
    public var advisoryKey: Int64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in ("alchemy:" + name).utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01B3
        }
        return Int64(bitPattern: hash & 0x7FFF_FFFF_FFFF_FFFF)
    }

    /// Takes the lock, waiting up to the timeout (0: not at all); fails with a
    /// message that says who holds it. When the lock is taken and the run will
    /// wait, `whenBusy` hears so once, with the holder where the database tells it.
    public func acquire(on connection: any Connection, whenBusy: (String) -> Void = { _ in }) throws(DatabaseError) {
        try connection.migrationLockMechanism.acquire(self, on: connection, whenBusy: whenBusy)
    }

    /// Releases the lock.
    public func release(on connection: any Connection) throws(DatabaseError) {
        try connection.migrationLockMechanism.release(self, on: connection)
    }

    var waitedMessage: String {
        (timeoutSeconds > 0 ? "waited \(Self.format(timeoutSeconds)) for" : "could not take")
            + " the migration lock '\(name)': another alchemy run is migrating this database"
    }

    var waitingMessage: String {
        "waiting up to \(Self.format(timeoutSeconds)) for the migration lock '\(name)': another alchemy run is migrating this database"
    }

    static let advice = "; wait for it to finish or raise lock_timeout in alchemy.yaml"

    static func format(_ seconds: Double) -> String {
        seconds == seconds.rounded() ? "\(Int(seconds))s" : "\(seconds)s"
    }
}

/// How one database takes and releases a ``MigrationLock``; each connection type
/// names its own (``Connection/migrationLockMechanism``).
public protocol MigrationLockMechanism: Sendable {
    func acquire(_ lock: MigrationLock, on connection: any Connection, whenBusy: (String) -> Void) throws(DatabaseError)
    func release(_ lock: MigrationLock, on connection: any Connection) throws(DatabaseError)
}
