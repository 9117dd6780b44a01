import AlchemySQL

/// PostgreSQL's migration lock: a session advisory lock on ``MigrationLock/advisoryKey``,
/// waited for under `lock_timeout`.
struct PostgreSQLAdvisoryLock: MigrationLockMechanism {
    func acquire(_ lock: MigrationLock, on connection: any Connection, whenBusy: (String) -> Void) throws(DatabaseError) {
        let waited = lock.waitedMessage
        let advice = MigrationLock.advice
        let waiting = lock.waitingMessage
        let advisoryKey = lock.advisoryKey
        let timeoutSeconds = lock.timeoutSeconds
        // Free in the usual case: one round trip, which also makes the server
        // check every 2 s during a statement that this client is still there,
        // so a killed run's backend ends (and frees the lock) instead of
        // running on (PostgreSQL 14+).
        if try connection.query(tryLockSQL(connection), [.integer(advisoryKey)]).first?[0].boolValue == true { return }
        if timeoutSeconds > 0 {
            whenBusy(waiting + ((try? postgreSQLHolder(on: connection, advisoryKey: advisoryKey)) ?? ""))
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
        let holder = (try? postgreSQLHolder(on: connection, advisoryKey: advisoryKey)) ?? advice
        throw DatabaseError(kind: .lockTimeout, dialect: .postgresql, code: "55P03", message: waited + holder)
    }

    func release(_ lock: MigrationLock, on connection: any Connection) throws(DatabaseError) {
        _ = try connection.query("SELECT pg_advisory_unlock($1)", [.integer(lock.advisoryKey)])
    }

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
    private func postgreSQLHolder(on connection: any Connection, advisoryKey: Int64) throws(DatabaseError) -> String? {
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

}
