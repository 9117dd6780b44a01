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

    /// Takes the lock, waiting up to the timeout; fails with a message that says who to wait for.
    public func acquire(on connection: any Connection) throws(DatabaseError) {
        let waited = "waited \(Self.format(timeoutSeconds)) for the migration lock '\(name)': another alchemy run is migrating this database; wait for it to finish or raise lock_timeout in alchemy.yaml"
        switch connection.dialect {
        case .postgresql:
            // Free in the usual case: one round trip instead of three.
            if try connection.query("SELECT pg_try_advisory_lock($1)", [.integer(advisoryKey)]).first?[0].boolValue == true { return }
            try connection.execute("SET lock_timeout = '\(Int((timeoutSeconds * 1000).rounded()))ms'")
            do {
                _ = try connection.query("SELECT pg_advisory_lock($1)", [.integer(advisoryKey)])
            } catch where error.code == "55P03" {
                try? connection.execute("SET lock_timeout = 0")
                throw DatabaseError(kind: .lockTimeout, dialect: .postgresql, code: error.code, message: waited)
            }
            try connection.execute("SET lock_timeout = 0")
        case .mysql, .mariadb:
            let rows = try connection.query("SELECT GET_LOCK(?, ?) AS locked", [.text(String(name.prefix(64))), .real(timeoutSeconds)])
            guard rows.first?["locked"].int64Value == 1 else {
                throw DatabaseError(kind: .lockTimeout, dialect: connection.dialect, code: nil, message: waited)
            }
        case .sqlite:
            connection.setBusyTimeout(milliseconds: Int32(min(timeoutSeconds * 1000, Double(Int32.max))))
            guard let path = try Self.sqliteFile(of: connection) else { return }
            guard try SQLiteFileLock.shared.acquire(path, timeoutSeconds: timeoutSeconds) else {
                throw DatabaseError(kind: .lockTimeout, dialect: .sqlite, code: nil, message: waited)
            }
        }
    }

    /// Releases the lock.
    public func release(on connection: any Connection) throws(DatabaseError) {
        switch connection.dialect {
        case .postgresql:
            _ = try connection.query("SELECT pg_advisory_unlock($1)", [.integer(advisoryKey)])
        case .mysql, .mariadb:
            _ = try connection.query("SELECT RELEASE_LOCK(?)", [.text(String(name.prefix(64)))])
        case .sqlite:
            if let path = try Self.sqliteFile(of: connection) { SQLiteFileLock.shared.release(path) }
        }
    }

    /// The main database's file as SQLite resolved it (URI and relative paths
    /// included); `nil` for an in-memory or temporary database.
    static func sqliteFile(of connection: any Connection) throws(DatabaseError) -> String? {
        let file = try connection.query("SELECT file FROM pragma_database_list WHERE name = 'main'").first?[0].stringValue
        return file.flatMap { $0.isEmpty ? nil : $0 }
    }

    static func format(_ seconds: Double) -> String {
        seconds == seconds.rounded() ? "\(Int(seconds))s" : "\(seconds)s"
    }
}
