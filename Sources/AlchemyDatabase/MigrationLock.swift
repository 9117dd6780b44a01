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
        let waited = (timeoutSeconds > 0 ? "waited \(Self.format(timeoutSeconds)) for" : "could not take")
            + " the migration lock '\(name)': another alchemy run is migrating this database"
        let advice = "; wait for it to finish or raise lock_timeout in alchemy.yaml"
        let waiting = "waiting up to \(Self.format(timeoutSeconds)) for the migration lock '\(name)': another alchemy run is migrating this database"
        switch connection.dialect {
        case .postgresql:
            // Free in the usual case: one round trip, which also makes the server
            // check every 2 s during a statement that this client is still there,
            // so a killed run's backend ends (and frees the lock) instead of
            // running on (PostgreSQL 14+).
            if try connection.query(tryLockSQL(connection), [.integer(advisoryKey)]).first?[0].boolValue == true { return }
            if timeoutSeconds > 0 {
                whenBusy(waiting + ((try? postgreSQLHolder(on: connection)) ?? ""))
                // `lock_timeout = 0` would mean "wait forever": a zero timeout never gets here.
                try connection.execute("SET lock_timeout = \(timeoutSeconds.settingMilliseconds)")
                do {
                    _ = try connection.query("SELECT pg_advisory_lock($1)", [.integer(advisoryKey)])
                    try connection.execute("SET lock_timeout = 0")
                    return
                } catch where error.code == "55P03" {
                    try? connection.execute("SET lock_timeout = 0")
                }
            }
            let holder = (try? postgreSQLHolder(on: connection)) ?? advice
            throw DatabaseError(kind: .lockTimeout, dialect: .postgresql, code: "55P03", message: waited + holder)
        case .mysql, .mariadb:
            let getLock = "SELECT GET_LOCK(?, ?) AS locked"
            var rows = try connection.query(getLock, [.text(lockName), .real(0)])
            if rows.first?["locked"].int64Value != 1, timeoutSeconds > 0 {
                whenBusy(waiting + ((try? mariaDBHolder(on: connection)) ?? ""))
                rows = try connection.query(getLock, [.text(lockName), .real(timeoutSeconds)])
            }
            guard rows.first?["locked"].int64Value == 1 else {
                let holder = (try? mariaDBHolder(on: connection)) ?? advice
                throw DatabaseError(kind: .lockTimeout, dialect: connection.dialect, code: nil, message: waited + holder)
            }
        case .sqlite:
            connection.setBusyTimeout(milliseconds: Int32(min(max(timeoutSeconds, 0) * 1000, Double(Int32.max))))
            guard let path = try Self.sqliteFile(of: connection) else { return }
            if try SQLiteFileLock.shared.acquire(path, timeoutSeconds: 0) { return }
            // flock() does not say which process holds the file.
            if timeoutSeconds > 0 { whenBusy(waiting + "; held by another process on \(path)") }
            guard try SQLiteFileLock.shared.acquire(path, timeoutSeconds: timeoutSeconds) else {
                throw DatabaseError(kind: .lockTimeout, dialect: .sqlite, code: nil, message: waited + advice)
            }
        }
    }

    /// `GET_LOCK` names are at most 64 characters.
    private var lockName: String { String(name.prefix(64)) }

    /// `pg_try_advisory_lock`, with `client_connection_check_interval` set in the
    /// same statement where the server has it.
    private func tryLockSQL(_ connection: any Connection) -> String {
        let major = (try? connection.serverVersion()).flatMap { Int($0.prefix { $0.isNumber }) } ?? 0
        return major >= 14
            ? "SELECT pg_try_advisory_lock($1), set_config('client_connection_check_interval', '2s', false)"
            : "SELECT pg_try_advisory_lock($1)"
    }

    /// "; held by PostgreSQL backend 4242 (application alchemy, active since ...)",
    /// from the advisory lock's row in `pg_locks` (a bigint key is split into
    /// classid and objid) and the backend's in `pg_stat_activity`.
    private func postgreSQLHolder(on connection: any Connection) throws(DatabaseError) -> String? {
        let rows = try connection.query("""
            SELECT a.pid, a.application_name, a.state,
                   to_char(COALESCE(a.xact_start, a.backend_start) AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS') AS since
            FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid
            WHERE l.locktype = 'advisory' AND l.granted AND l.objsubid = 1
              AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())
              AND ((l.classid::bigint << 32) | l.objid::bigint) = $1
            """, [.integer(advisoryKey)])
        guard let row = rows.first, let pid = row["pid"].int64Value else { return nil }
        let application = row["application_name"].stringValue.map { $0.isEmpty ? "" : "application \($0), " } ?? ""
        let state = row["state"].stringValue ?? "unknown state"
        let since = row["since"].stringValue.map { " since \($0) UTC" } ?? ""
        return "; held by PostgreSQL backend \(pid) (\(application)\(state)\(since)); wait for it to finish,"
            + " or, if that run was killed, end it with SELECT pg_terminate_backend(\(pid))"
    }

    /// "; held by connection 12 (alchemy@host, Query for 30 s)", from
    /// `IS_USED_LOCK` and the process list (which shows only the user's own
    /// connections without the PROCESS privilege).
    private func mariaDBHolder(on connection: any Connection) throws(DatabaseError) -> String? {
        guard let id = try connection.query("SELECT IS_USED_LOCK(?) AS holder", [.text(lockName)]).first?["holder"].int64Value else { return nil }
        let rows = try connection.query(
            "SELECT USER AS user_name, HOST AS host, COMMAND AS command, TIME AS seconds FROM information_schema.PROCESSLIST WHERE ID = ?",
            [.integer(id)])
        let about = rows.first.map { row in
            let who = [row["user_name"].stringValue, row["host"].stringValue].compactMap { $0 }.joined(separator: "@")
            return " (\(who), \(row["command"].stringValue ?? "?") for \(row["seconds"].int64Value ?? 0) s)"
        } ?? ""
        return "; held by connection \(id)\(about); wait for it to finish, or, if that run was killed, end it with KILL \(id)"
    }

    /// Releases the lock.
    public func release(on connection: any Connection) throws(DatabaseError) {
        switch connection.dialect {
        case .postgresql:
            _ = try connection.query("SELECT pg_advisory_unlock($1)", [.integer(advisoryKey)])
        case .mysql, .mariadb:
            _ = try connection.query("SELECT RELEASE_LOCK(?)", [.text(lockName)])
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
