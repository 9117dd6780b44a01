import AlchemySQL

/// SQLite's migration lock: an exclusive `flock()` on the database file
/// (``SQLiteFileLock``), held across the run's per-revision commits; `:memory:`
/// (no file, one connection) needs none. The busy timeout is set to the same
/// wait, for writers that do not take the lock.
struct SQLiteMigrationLock: MigrationLockMechanism {
    func acquire(_ lock: MigrationLock, on connection: any Connection, whenBusy: (String) -> Void) throws(DatabaseError) {
        let waited = lock.waitedMessage
        let advice = MigrationLock.advice
        let waiting = lock.waitingMessage
        let timeoutSeconds = lock.timeoutSeconds
        connection.setBusyTimeout(milliseconds: Int32(min(max(timeoutSeconds, 0) * 1000, Double(Int32.max))))
        guard let path = try Self.sqliteFile(of: connection) else { return }
        if try SQLiteFileLock.shared.acquire(path, timeoutSeconds: 0) { return }
        // flock() does not say which process holds the file.
        if timeoutSeconds > 0 { whenBusy(waiting + "; held by another process on \(path)") }
        guard try SQLiteFileLock.shared.acquire(path, timeoutSeconds: timeoutSeconds) else {
            throw DatabaseError(kind: .lockTimeout, dialect: .sqlite, code: nil, message: waited + advice)
        }
    }

    func release(_ lock: MigrationLock, on connection: any Connection) throws(DatabaseError) {
        if let path = try Self.sqliteFile(of: connection) { SQLiteFileLock.shared.release(path) }
    }

    /// The main database's file as SQLite resolved it (URI and relative paths
    /// included); `nil` for an in-memory or temporary database.
    static func sqliteFile(of connection: any Connection) throws(DatabaseError) -> String? {
        let file = try connection.query("SELECT file FROM pragma_database_list WHERE name = 'main'").first?[0].stringValue
        return file.flatMap { $0.isEmpty ? nil : $0 }
    }

}
