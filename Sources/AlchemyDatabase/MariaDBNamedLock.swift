import AlchemySQL

/// MariaDB's and MySQL's migration lock: `GET_LOCK`, whose names are server-wide
/// (the runner puts the database's name in it) and which waits in seconds.
struct MariaDBNamedLock: MigrationLockMechanism {
    func acquire(_ lock: MigrationLock, on connection: any Connection, whenBusy: (String) -> Void) throws(DatabaseError) {
        let waited = lock.waitedMessage
        let advice = MigrationLock.advice
        let waiting = lock.waitingMessage
        let lockName = Self.name(of: lock)
        let timeoutSeconds = lock.timeoutSeconds
        let getLock = "SELECT GET_LOCK(?, ?) AS locked"
        var rows = try connection.query(getLock, [.text(lockName), .real(0)])
        if rows.first?["locked"].int64Value != 1, timeoutSeconds > 0 {
            whenBusy(waiting + ((try? mariaDBHolder(on: connection, lockName: lockName)) ?? ""))
            rows = try connection.query(getLock, [.text(lockName), .real(timeoutSeconds)])
        }
        guard rows.first?["locked"].int64Value == 1 else {
            let holder = (try? mariaDBHolder(on: connection, lockName: lockName)) ?? advice
            throw DatabaseError(kind: .lockTimeout, dialect: connection.dialect, code: nil, message: waited + holder)
        }
    }

    func release(_ lock: MigrationLock, on connection: any Connection) throws(DatabaseError) {
        _ = try connection.query("SELECT RELEASE_LOCK(?)", [.text(Self.name(of: lock))])
    }

    /// `GET_LOCK` names are at most 64 characters.
    static func name(of lock: MigrationLock) -> String { String(lock.name.prefix(64)) }

    /// "; held by connection 12 (alchemy@host, Query for 30 s)", from
    /// `IS_USED_LOCK` and the process list (which shows only the user's own
    /// connections without the PROCESS privilege).
    private func mariaDBHolder(on connection: any Connection, lockName: String) throws(DatabaseError) -> String? {
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

}
