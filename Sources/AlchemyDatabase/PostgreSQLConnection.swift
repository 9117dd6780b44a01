@preconcurrency import CLibPQ
#if canImport(Glibc)
import Glibc
#endif
import AlchemySQL
import AlchemySchema

/// A PostgreSQL database through libpq.
///
/// Parameters travel as text (bytea as binary) and results come back as text,
/// converted by the column's type OID: exact for numeric and timestamps.
public final class PostgreSQLConnection: Connection {
    public let dialect: DialectName = .postgresql
    public let url: DatabaseURL
    private(set) var handle: OpaquePointer?
    /// Set with a statement timeout: the client's own bound for a server that stopped answering.
    private var stallGuard: StalledServerGuard?

    /// `statementTimeout`: seconds a statement may run before the server cancels it
    /// (`statement_timeout`); nil lets statements run as long as they take.
    public init(url: DatabaseURL, connectTimeout: Int = 10, statementTimeout: Double? = nil) throws(DatabaseError) {
        self.url = url
        if let failure = alchemy_libpq_load() {
            throw DatabaseError(kind: .connection, dialect: .postgresql, code: nil,
                                message: "PostgreSQL URLs need libpq (\(String(cString: failure))); install it: apt-get install libpq5",
                                target: url.target)
        }
        var settings: [(String, String)] = [
            ("host", url.host ?? "localhost"),
            ("port", String(url.port ?? 5432)),
            ("dbname", url.database ?? url.user ?? "postgres"),
            ("connect_timeout", String(connectTimeout)),
            ("fallback_application_name", "alchemy"),
        ] + Self.keepalives
        if let user = url.user { settings.append(("user", user)) }
        if let password = url.password { settings.append(("password", password)) }
        for option in url.options { settings.append((option.key, option.value)) }
        let connection = Self.connect(settings)
        guard let connection, PQstatus(connection) == CONNECTION_OK else {
            let message = connection.map { String(cString: PQerrorMessage($0)) } ?? "out of memory"
            PQfinish(connection)
            throw DatabaseError(kind: .connection, dialect: .postgresql, code: nil,
                                message: Redaction.hide(url.password, in: Self.shortConnectionMessage(message)),
                                target: url.target)
        }
        handle = connection
        // Keep NOTICEs ("relation already exists, skipping") out of the user's terminal.
        PQsetNoticeProcessor(connection, { _, _ in }, nil)
        if let statementTimeout, statementTimeout > 0 { stallGuard = StalledServerGuard(statementTimeout: statementTimeout) }
        let session = sessionStatements(statementTimeout: statementTimeout)
        guard !session.isEmpty else { return }
        do {
            try execute(session.joined(separator: "; "))
        } catch {
            close()
            throw DatabaseError(kind: .connection, dialect: .postgresql, code: error.code, message: error.message, target: url.target)
        }
    }

    /// TCP keepalives and a user timeout, so that a server or network that goes
    /// away mid-run ends the connection within about a minute instead of leaving
    /// it waiting forever; URL options given by the user come later and win.
    private static let keepalives: [(String, String)] = [
        ("keepalives", "1"),
        ("keepalives_idle", "30"),
        ("keepalives_interval", "10"),
        ("keepalives_count", "3"),
        ("tcp_user_timeout", "60000"),
    ]

    /// The settings this session needs and does not have, for one round trip, or
    /// none at all in the usual case: the server reports `standard_conforming_strings`
    /// at connect, so it is set only where a database or role turned it off.
    private func sessionStatements(statementTimeout: Double?) -> [String] {
        var statements: [String] = []
        if PQparameterStatus(handle, "standard_conforming_strings").map({ String(cString: $0) }) != "on" {
            statements += PostgreSQLDialect().literalSettings
        }
        if let statementTimeout, statementTimeout > 0 {
            statements.append("SET statement_timeout = \(statementTimeout.settingMilliseconds)")
        }
        return statements
    }

    deinit { close() }

    public func close() {
        if let handle { PQfinish(handle) }
        handle = nil
    }

    private static func connect(_ settings: [(String, String)]) -> OpaquePointer? {
        let keys = settings.map { strdup($0.0) }
        let values = settings.map { strdup($0.1) }
        defer {
            keys.forEach { free($0) }
            values.forEach { free($0) }
        }
        let keyPointers = keys.map { UnsafePointer($0) } + [nil]
        let valuePointers = values.map { UnsafePointer($0) } + [nil]
        return PQconnectdbParams(keyPointers, valuePointers, 0)
    }

    /// libpq prefixes every line with `connection to server at ... failed:`; keep the reasons.
    private static func shortConnectionMessage(_ message: String) -> String {
        message.split(whereSeparator: \.isNewline)
            .map { line in
                var text = String(line)
                if let range = text.firstRange(of: "failed: ") { text = String(text[range.upperBound...]) }
                return text.trimmingWhitespace()
            }
            .filter { !$0.isEmpty }
            .joined(separator: "; ")
    }

    public func execute(_ sql: String) throws(DatabaseError) {
        let result = try guarded(sql) { PQexec(handle, sql) }
        defer { PQclear(result) }
        try check(result, sql: sql)
    }

    public func execute(_ sql: String, _ parameters: [DatabaseValue]) throws(DatabaseError) {
        _ = try query(sql, parameters)
    }

    public func query(_ sql: String, _ parameters: [DatabaseValue]) throws(DatabaseError) -> [Row] {
        let result = try guarded(sql) { Self.exec(handle, sql, parameters) }
        defer { PQclear(result) }
        try check(result, sql: sql)
        return rows(of: result)
    }

    public func serverVersion() throws(DatabaseError) -> String {
        guard let version = PQparameterStatus(handle, "server_version") else {
            return try query("SHOW server_version").first?[0].stringValue ?? ""
        }
        return String(cString: version)
    }

    private static func exec(_ handle: OpaquePointer?, _ sql: String, _ parameters: [DatabaseValue]) -> OpaquePointer? {
        withBound(parameters) { count, values, lengths, formats in
            PQexecParams(handle, sql, count, nil, values, lengths, formats, 0)
        }
    }

    /// Calls `body` with the parameters as libpq takes them: count, values, lengths, formats.
    static func withBound<T>(_ parameters: [DatabaseValue],
                             _ body: (Int32, [UnsafePointer<CChar>?], [Int32], [Int32]) -> T) -> T {
        var buffers: [UnsafeMutablePointer<CChar>?] = []
        var lengths: [Int32] = []
        var formats: [Int32] = []
        for parameter in parameters {
            switch parameter {
            case .null:
                buffers.append(nil); lengths.append(0); formats.append(0)
            case .blob(let bytes):
                let buffer = UnsafeMutablePointer<CChar>.allocate(capacity: max(bytes.count, 1))
                bytes.withUnsafeBytes { raw in
                    if let base = raw.baseAddress { UnsafeMutableRawPointer(buffer).copyMemory(from: base, byteCount: bytes.count) }
                }
                buffers.append(buffer); lengths.append(Int32(bytes.count)); formats.append(1)
            default:
                buffers.append(strdup(parameter.stringValue ?? "")); lengths.append(0); formats.append(0)
            }
        }
        defer { buffers.forEach { $0.map { free($0) } } }
        return body(Int32(parameters.count), buffers.map { UnsafePointer($0) }, lengths, formats)
    }

    /// A blocking call, cut by ``StalledServerGuard`` when the server stops answering.
    func guarded(_ sql: String, _ call: () -> OpaquePointer?) throws(DatabaseError) -> OpaquePointer? {
        guard let stallGuard else { return call() }
        let (result, cut) = stallGuard.run(socket: PQsocket(handle), call)
        if cut {
            PQclear(result)
            throw stallGuard.error(sql: sql, dialect: .postgresql)
        }
        return result
    }

    func check(_ result: OpaquePointer?, sql: String) throws(DatabaseError) {
        let status = PQresultStatus(result)
        guard status != PGRES_COMMAND_OK, status != PGRES_TUPLES_OK, status != PGRES_EMPTY_QUERY else { return }
        let field = { (code: Character) -> String? in
            guard let value = PQresultErrorField(result, Int32(code.asciiValue ?? 0)) else { return nil }
            return String(cString: value)
        }
        let message = field("M") ?? String(cString: PQerrorMessage(handle))
        let detail = field("D").map { " (\($0))" } ?? ""
        // Without a result (the server went away), libpq's message is several lines; DatabaseError folds them.
        throw DatabaseError(kind: .statement, dialect: .postgresql, code: field("C"), message: message + detail, sql: sql)
    }

    private func rows(of result: OpaquePointer?) -> [Row] {
        let rowCount = PQntuples(result)
        let columnCount = PQnfields(result)
        guard rowCount > 0 else { return [] }
        let names = (0..<columnCount).map { String(cString: PQfname(result, $0)) }
        let types = (0..<columnCount).map { PQftype(result, $0) }
        return (0..<rowCount).map { row in
            Row(columns: names, values: (0..<columnCount).map { column in
                if PQgetisnull(result, row, column) == 1 { return .null }
                let text = String(cString: PQgetvalue(result, row, column))
                return Self.value(text, type: types[Int(column)])
            })
        }
    }

    /// Built-in type OIDs (pg_type.dat): the only ones whose text form is not kept as text.
    private static func value(_ text: String, type: Oid) -> DatabaseValue {
        switch type {
        case 16: return .bool(text == "t")
        case 20, 21, 23, 26: return Int64(text).map(DatabaseValue.integer) ?? .text(text)
        case 700, 701: return Double(text).map(DatabaseValue.real) ?? .text(text)
        case 17: return .blob(decodeByteaHex(text))
        default: return .text(text)
        }
    }

    /// bytea's text output (`bytea_output = hex`, the default since 9.0): `\x0aff...`.
    private static func decodeByteaHex(_ text: String) -> [UInt8] {
        let digits = Array(text.utf8.dropFirst(2))
        var bytes: [UInt8] = []
        bytes.reserveCapacity(digits.count / 2)
        var index = 0
        while index + 1 < digits.count {
            bytes.append(hexValue(digits[index]) << 4 | hexValue(digits[index + 1]))
            index += 2
        }
        return bytes
    }

    private static func hexValue(_ digit: UInt8) -> UInt8 {
        switch digit {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): digit - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): digit - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): digit - UInt8(ascii: "A") + 10
        default: 0
        }
    }
}

extension PostgreSQLConnection {
    public func makeIntrospector(for connection: any Connection) -> any Introspector {
        PostgreSQLIntrospector(connection)
    }

    public var migrationLockMechanism: any MigrationLockMechanism { PostgreSQLAdvisoryLock() }
}
