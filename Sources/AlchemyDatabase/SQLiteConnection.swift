@preconcurrency import CSQLite3Sys
import AlchemySQL

/// A SQLite database through libsqlite3.
public final class SQLiteConnection: Connection {
    public let dialect: DialectName = .sqlite
    public let url: DatabaseURL
    private var handle: OpaquePointer?

    /// SQLite copies bound text and blobs when told the buffer is transient.
    private static let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)

    public init(url: DatabaseURL) throws(DatabaseError) {
        self.url = url
        let path = url.path ?? ":memory:"
        var db: OpaquePointer?
        let flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_URI
        let status = sqlite3_open_v2(path, &db, flags, nil)
        guard status == SQLITE_OK, let db else {
            let message = db.map { String(cString: sqlite3_errmsg($0)) } ?? "out of memory"
            sqlite3_close(db)
            throw DatabaseError(kind: .connection, dialect: .sqlite, code: String(status), message: message, target: path)
        }
        handle = db
        sqlite3_extended_result_codes(db, 1)
        // Wait for a concurrent writer (another CI job's migration) instead of failing at once.
        sqlite3_busy_timeout(db, 60_000)
        try execute("PRAGMA foreign_keys = ON")
    }

    deinit { close() }

    public func close() {
        if let handle { sqlite3_close_v2(handle) }
        handle = nil
    }

    /// Milliseconds to wait on a locked database before SQLITE_BUSY.
    public func setBusyTimeout(milliseconds: Int32) {
        sqlite3_busy_timeout(handle, milliseconds)
    }

    public func execute(_ sql: String) throws(DatabaseError) {
        var errorMessage: UnsafeMutablePointer<CChar>?
        let status = sqlite3_exec(handle, sql, nil, nil, &errorMessage)
        if status != SQLITE_OK {
            let message = errorMessage.map { String(cString: $0) } ?? String(cString: sqlite3_errmsg(handle))
            sqlite3_free(errorMessage)
            throw error(sql: sql, status: status, message: message)
        }
    }

    public func execute(_ sql: String, _ parameters: [DatabaseValue]) throws(DatabaseError) {
        _ = try run(sql, parameters, collectRows: false)
    }

    public func query(_ sql: String, _ parameters: [DatabaseValue]) throws(DatabaseError) -> [Row] {
        try run(sql, parameters, collectRows: true)
    }

    public func serverVersion() throws(DatabaseError) -> String {
        String(cString: sqlite3_libversion())
    }

    private func run(_ sql: String, _ parameters: [DatabaseValue], collectRows: Bool) throws(DatabaseError) -> [Row] {
        var statement: OpaquePointer?
        let prepared = sqlite3_prepare_v2(handle, sql, -1, &statement, nil)
        guard prepared == SQLITE_OK else {
            throw error(sql: sql, status: prepared, message: String(cString: sqlite3_errmsg(handle)))
        }
        defer { sqlite3_finalize(statement) }
        for (offset, value) in parameters.enumerated() {
            let index = Int32(offset + 1)
            let status: Int32 = switch value {
            case .null: sqlite3_bind_null(statement, index)
            case .bool(let flag): sqlite3_bind_int64(statement, index, flag ? 1 : 0)
            case .integer(let number): sqlite3_bind_int64(statement, index, number)
            case .real(let number): sqlite3_bind_double(statement, index, number)
            case .text(let text): sqlite3_bind_text(statement, index, text, -1, Self.transient)
            case .blob(let bytes):
                bytes.withUnsafeBytes { buffer in
                    sqlite3_bind_blob(statement, index, buffer.baseAddress ?? UnsafeRawPointer(bitPattern: 1), Int32(buffer.count), Self.transient)
                }
            }
            guard status == SQLITE_OK else {
                throw error(sql: sql, status: status, message: String(cString: sqlite3_errmsg(handle)))
            }
        }
        let columnCount = sqlite3_column_count(statement)
        let names = (0..<columnCount).map { String(cString: sqlite3_column_name(statement, $0)) }
        var rows: [Row] = []
        while true {
            let status = sqlite3_step(statement)
            if status == SQLITE_DONE { break }
            guard status == SQLITE_ROW else {
                throw error(sql: sql, status: status, message: String(cString: sqlite3_errmsg(handle)))
            }
            guard collectRows else { continue }
            rows.append(Row(columns: names, values: (0..<columnCount).map { value(statement, $0) }))
        }
        return rows
    }

    private func value(_ statement: OpaquePointer?, _ column: Int32) -> DatabaseValue {
        switch sqlite3_column_type(statement, column) {
        case SQLITE_NULL: return .null
        case SQLITE_INTEGER: return .integer(sqlite3_column_int64(statement, column))
        case SQLITE_FLOAT: return .real(sqlite3_column_double(statement, column))
        case SQLITE_BLOB:
            let count = Int(sqlite3_column_bytes(statement, column))
            guard count > 0, let base = sqlite3_column_blob(statement, column) else { return .blob([]) }
            return .blob(Array(UnsafeRawBufferPointer(start: base, count: count)))
        default:
            guard let text = sqlite3_column_text(statement, column) else { return .text("") }
            return .text(String(cString: text))
        }
    }

    private func error(sql: String, status: Int32, message: String) -> DatabaseError {
        DatabaseError(kind: .statement, dialect: .sqlite, code: String(status), message: message, sql: sql)
    }
}

extension SQLiteConnection {
    public func makeIntrospector(for connection: any Connection) -> any Introspector {
        SQLiteIntrospector(connection)
    }

    public var migrationLockMechanism: any MigrationLockMechanism { SQLiteMigrationLock() }
}
