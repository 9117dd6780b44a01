@preconcurrency import CMariaDB
import AlchemySQL
#if canImport(Glibc)
import Glibc
#endif

/// A MariaDB or MySQL database through MariaDB Connector/C (libmariadb).
///
/// Statements with parameters go through the binary protocol's prepared
/// statements, so values are never spliced into SQL text; statements without
/// parameters use the text protocol, which also accepts several statements at once.
public final class MariaDBConnection: Connection {
    public let dialect: DialectName
    public let url: DatabaseURL
    private(set) var handle: UnsafeMutablePointer<MYSQL>?

    /// Opens the library, then runs `mysql_library_init` (not thread-safe)
    /// exactly once, before any `mysql_init`; nil when ready.
    private static let libraryFailure: String? = {
        if let failure = alchemy_mariadb_load() {
            return "MariaDB/MySQL URLs need MariaDB Connector/C (\(String(cString: failure))); install it: apt-get install libmariadb3"
        }
        return mysql_server_init(0, nil, nil) == 0 ? nil : "could not initialise the MariaDB client library"
    }()

    /// `statementTimeout`: seconds a statement may run (`max_statement_time` on
    /// MariaDB, `max_execution_time` for MySQL's SELECTs), with a client read and
    /// write timeout a little longer, which also ends the wait on a stalled server.
    /// A URL option `init_command` runs first in every session (libmariadb's option).
    public init(url: DatabaseURL, connectTimeout: Int = 10, statementTimeout: Double? = nil) throws(DatabaseError) {
        self.url = url
        self.dialect = url.dialect
        if let failure = Self.libraryFailure {
            throw DatabaseError(kind: .connection, dialect: url.dialect, code: nil, message: failure, target: url.target)
        }
        guard let mysql = mysql_init(nil) else {
            throw DatabaseError(kind: .connection, dialect: url.dialect, code: nil, message: "could not initialise the MariaDB client library", target: url.target)
        }
        var timeout = UInt32(connectTimeout)
        mysql_options(mysql, MYSQL_OPT_CONNECT_TIMEOUT, &timeout)
        mysql_options(mysql, MYSQL_SET_CHARSET_NAME, "utf8mb4")
        if let statementTimeout, statementTimeout > 0 {
            // The server's own limit fires first, with its clear error; the client's
            // catches a server that stopped answering altogether.
            var seconds = UInt32(min(statementTimeout.rounded(.up) + 5, Double(UInt32.max / 2)))
            mysql_options(mysql, MYSQL_OPT_READ_TIMEOUT, &seconds)
            mysql_options(mysql, MYSQL_OPT_WRITE_TIMEOUT, &seconds)
        }
        if let command = url.option("init_command") { mysql_options(mysql, MYSQL_INIT_COMMAND, command) }
        if url.option("ssl") == "true" || url.option("ssl_mode")?.uppercased() == "REQUIRED" {
            var enforce: CChar = 1
            mysql_options(mysql, MYSQL_OPT_SSL_ENFORCE, &enforce)
        }
        let flags = UInt(CLIENT_MULTI_STATEMENTS) | UInt(CLIENT_MULTI_RESULTS)
        let connected = mysql_real_connect(
            mysql, url.host ?? "localhost", url.user, url.password, url.database,
            UInt32(url.port ?? 3306), url.option("unix_socket"), flags)
        guard connected != nil else {
            let code = String(mysql_errno(mysql))
            let message = Redaction.hide(url.password, in: String(cString: mysql_error(mysql)))
            mysql_close(mysql)
            throw DatabaseError(kind: .connection, dialect: url.dialect, code: code, message: message, target: url.target)
        }
        handle = mysql
        if let statementTimeout, statementTimeout > 0 {
            let setting = url.dialect == .mysql
                ? "SET SESSION max_execution_time = \(statementTimeout.settingMilliseconds)"
                : "SET SESSION max_statement_time = \(statementTimeout)"
            do {
                try execute(setting)
            } catch {
                close()
                throw DatabaseError(kind: .connection, dialect: url.dialect, code: error.code, message: error.message, target: url.target)
            }
        }
    }

    /// Escaping as the session reads strings right now: the server reports
    /// `NO_BACKSLASH_ESCAPES` in the status of every reply, so a change of
    /// `sql_mode` (by `init_command`, the server's default, or a revision) is seen
    /// without a query. This is the flag libmariadb's own escaping follows.
    public var sqlDialect: any Dialect {
        let backslashEscapes = handle.map { $0.pointee.server_status & UInt32(SERVER_STATUS_NO_BACKSLASH_ESCAPES) == 0 } ?? true
        return dialect == .mysql ? MySQLDialect(backslashEscapes: backslashEscapes) : MariaDBDialect(backslashEscapes: backslashEscapes)
    }

    deinit { close() }

    public func close() {
        if let handle { mysql_close(handle) }
        handle = nil
    }

    public func serverVersion() throws(DatabaseError) -> String {
        String(cString: mysql_get_server_info(handle))
    }

    public func execute(_ sql: String) throws(DatabaseError) {
        _ = try textQuery(sql)
    }

    public func execute(_ sql: String, _ parameters: [DatabaseValue]) throws(DatabaseError) {
        if parameters.isEmpty { return try execute(sql) }
        _ = try preparedQuery(sql, parameters)
    }

    public func query(_ sql: String, _ parameters: [DatabaseValue]) throws(DatabaseError) -> [Row] {
        parameters.isEmpty ? try textQuery(sql) : try preparedQuery(sql, parameters)
    }

    // MARK: Text protocol

    /// Runs one or more statements; returns the rows of the last result set.
    private func textQuery(_ sql: String) throws(DatabaseError) -> [Row] {
        var bytes = Array(sql.utf8)
        let status = bytes.withUnsafeMutableBufferPointer { buffer in
            buffer.withMemoryRebound(to: CChar.self) { mysql_real_query(handle, $0.baseAddress, UInt(buffer.count)) }
        }
        guard status == 0 else { throw connectionError(sql: sql) }
        var rows: [Row] = []
        while true {
            if let result = mysql_store_result(handle) {
                rows = Self.rows(of: result)
                mysql_free_result(result)
            } else if mysql_field_count(handle) != 0 {
                throw connectionError(sql: sql)
            }
            let next = mysql_next_result(handle)
            if next == -1 { break }
            if next > 0 { throw connectionError(sql: sql) }
        }
        return rows
    }

    private static func rows(of result: UnsafeMutablePointer<MYSQL_RES>) -> [Row] {
        let count = Int(mysql_num_fields(result))
        guard let fields = mysql_fetch_fields(result) else { return [] }
        let names = (0..<count).map { String(cString: fields[$0].name) }
        var rows: [Row] = []
        while let row = mysql_fetch_row(result) {
            guard let lengths = mysql_fetch_lengths(result) else { break }
            rows.append(Row(columns: names, values: (0..<count).map { index in
                guard let cell = row[index] else { return DatabaseValue.null }
                let bytes = UnsafeRawBufferPointer(start: cell, count: Int(lengths[index]))
                return value(Array(bytes), field: fields[index])
            }))
        }
        return rows
    }

    // MARK: Prepared statements

    private func preparedQuery(_ sql: String, _ parameters: [DatabaseValue]) throws(DatabaseError) -> [Row] {
        guard let statement = mysql_stmt_init(handle) else { throw connectionError(sql: sql) }
        defer { mysql_stmt_close(statement) }
        let utf8 = Array(sql.utf8)
        let prepared = utf8.withUnsafeBufferPointer { buffer in
            buffer.withMemoryRebound(to: CChar.self) { mysql_stmt_prepare(statement, $0.baseAddress, UInt(buffer.count)) }
        }
        guard prepared == 0 else { throw statementError(statement, sql: sql) }

        let bound = ParameterBuffers(parameters)
        defer { bound.release() }
        guard mysql_stmt_bind_param(statement, bound.binds) == 0, mysql_stmt_execute(statement) == 0 else {
            throw statementError(statement, sql: sql)
        }
        guard let metadata = mysql_stmt_result_metadata(statement) else { return [] }
        defer { mysql_free_result(metadata) }
        return try fetchRows(statement, metadata: metadata, sql: sql)
    }

    /// Fetches with zero-length buffers, then reads each cell at its reported length:
    /// the documented way to read values of unknown size without truncation.
    private func fetchRows(_ statement: UnsafeMutablePointer<MYSQL_STMT>, metadata: UnsafeMutablePointer<MYSQL_RES>, sql: String) throws(DatabaseError) -> [Row] {
        let count = Int(mysql_num_fields(metadata))
        guard let fields = mysql_fetch_fields(metadata) else { return [] }
        let names = (0..<count).map { String(cString: fields[$0].name) }
        let binds = UnsafeMutablePointer<MYSQL_BIND>.allocate(capacity: max(count, 1))
        let lengths = UnsafeMutablePointer<UInt>.allocate(capacity: max(count, 1))
        let nulls = UnsafeMutablePointer<CChar>.allocate(capacity: max(count, 1))
        defer { binds.deallocate(); lengths.deallocate(); nulls.deallocate() }
        for index in 0..<count {
            binds[index] = MYSQL_BIND()
            binds[index].buffer_type = MYSQL_TYPE_STRING
            binds[index].length = lengths + index
            binds[index].is_null = nulls + index
            lengths[index] = 0
            nulls[index] = 0
        }
        guard mysql_stmt_bind_result(statement, binds) == 0 else { throw statementError(statement, sql: sql) }
        var rows: [Row] = []
        while true {
            let status = mysql_stmt_fetch(statement)
            if status == MYSQL_NO_DATA { break }
            if status == 1 { throw statementError(statement, sql: sql) }
            var values: [DatabaseValue] = []
            for index in 0..<count {
                if nulls[index] != 0 { values.append(.null); continue }
                let length = Int(lengths[index])
                var bytes = [UInt8](repeating: 0, count: length)
                if length > 0 {
                    var cell = MYSQL_BIND()
                    cell.buffer_type = MYSQL_TYPE_STRING
                    cell.buffer_length = UInt(length)
                    let fetched = bytes.withUnsafeMutableBytes { buffer in
                        cell.buffer = buffer.baseAddress
                        return mysql_stmt_fetch_column(statement, &cell, UInt32(index), 0)
                    }
                    guard fetched == 0 else { throw statementError(statement, sql: sql) }
                }
                values.append(Self.value(bytes, field: fields[index]))
            }
            rows.append(Row(columns: names, values: values))
        }
        return rows
    }

    // MARK: Values and errors

    /// Character set 63 is `binary`: BLOB and BINARY columns carry bytes, not text.
    private static func value(_ bytes: [UInt8], field: MYSQL_FIELD) -> DatabaseValue {
        let text = { String(decoding: bytes, as: UTF8.self) }
        switch field.type {
        case MYSQL_TYPE_TINY, MYSQL_TYPE_SHORT, MYSQL_TYPE_LONG, MYSQL_TYPE_LONGLONG, MYSQL_TYPE_INT24, MYSQL_TYPE_YEAR:
            return Int64(text()).map(DatabaseValue.integer) ?? .text(text())
        case MYSQL_TYPE_FLOAT, MYSQL_TYPE_DOUBLE:
            return Double(text()).map(DatabaseValue.real) ?? .text(text())
        case MYSQL_TYPE_TINY_BLOB, MYSQL_TYPE_MEDIUM_BLOB, MYSQL_TYPE_LONG_BLOB, MYSQL_TYPE_BLOB,
             MYSQL_TYPE_STRING, MYSQL_TYPE_VAR_STRING, MYSQL_TYPE_VARCHAR, MYSQL_TYPE_BIT, MYSQL_TYPE_GEOMETRY:
            return field.charsetnr == 63 ? .blob(bytes) : .text(text())
        default:
            return .text(text())
        }
    }

    func connectionError(sql: String) -> DatabaseError {
        DatabaseError(kind: .statement, dialect: dialect, code: String(mysql_errno(handle)),
                      message: String(cString: mysql_error(handle)), sql: sql)
    }

    private func statementError(_ statement: UnsafeMutablePointer<MYSQL_STMT>, sql: String) -> DatabaseError {
        DatabaseError(kind: .statement, dialect: dialect, code: String(mysql_stmt_errno(statement)),
                      message: String(cString: mysql_stmt_error(statement)), sql: sql)
    }
}

/// Input buffers for a prepared statement's parameters, alive until `release()`.
private struct ParameterBuffers {
    let binds: UnsafeMutablePointer<MYSQL_BIND>
    private var allocations: [UnsafeMutableRawPointer] = []
    private let count: Int

    init(_ parameters: [DatabaseValue]) {
        count = parameters.count
        binds = UnsafeMutablePointer<MYSQL_BIND>.allocate(capacity: max(count, 1))
        for (index, parameter) in parameters.enumerated() {
            var bind = MYSQL_BIND()
            switch parameter {
            case .null:
                bind.buffer_type = MYSQL_TYPE_NULL
            case .bool(let flag):
                bind.buffer_type = MYSQL_TYPE_LONGLONG
                bind.buffer = store(Int64(flag ? 1 : 0))
            case .integer(let number):
                bind.buffer_type = MYSQL_TYPE_LONGLONG
                bind.buffer = store(number)
            case .real(let number):
                bind.buffer_type = MYSQL_TYPE_DOUBLE
                bind.buffer = store(number)
            case .text(let text):
                bind.buffer_type = MYSQL_TYPE_STRING
                (bind.buffer, bind.buffer_length) = store(Array(text.utf8))
            case .blob(let bytes):
                bind.buffer_type = MYSQL_TYPE_BLOB
                (bind.buffer, bind.buffer_length) = store(bytes)
            }
            binds[index] = bind
        }
    }

    private mutating func store<T>(_ value: T) -> UnsafeMutableRawPointer {
        let pointer = UnsafeMutableRawPointer.allocate(byteCount: MemoryLayout<T>.size, alignment: MemoryLayout<T>.alignment)
        pointer.storeBytes(of: value, as: T.self)
        allocations.append(pointer)
        return pointer
    }

    private mutating func store(_ bytes: [UInt8]) -> (UnsafeMutableRawPointer, UInt) {
        let pointer = UnsafeMutableRawPointer.allocate(byteCount: max(bytes.count, 1), alignment: 1)
        bytes.withUnsafeBytes { raw in
            if let base = raw.baseAddress { pointer.copyMemory(from: base, byteCount: bytes.count) }
        }
        allocations.append(pointer)
        return (pointer, UInt(bytes.count))
    }

    func release() {
        allocations.forEach { $0.deallocate() }
        binds.deallocate()
    }
}

extension MariaDBConnection {
    public func makeIntrospector(for connection: any Connection) -> any Introspector {
        MariaDBIntrospector(connection)
    }

    public var migrationLockMechanism: any MigrationLockMechanism { MariaDBNamedLock() }
}
