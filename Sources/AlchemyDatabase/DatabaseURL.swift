import AlchemySQL

/// Where a database lives: the parsed form of `sqlite:///app.db`,
/// `postgresql://user:pass@host:5432/db?sslmode=require` or `mariadb://...`.
///
/// Alembic users carry SQLAlchemy URLs with a driver suffix
/// (`postgresql+psycopg://`, `mysql+pymysql://`); the suffix is accepted and ignored.
/// The password is kept apart so that `description` can never show it.
public struct DatabaseURL: Hashable, Sendable, CustomStringConvertible {
    public var dialect: DialectName
    /// The SQLite file path, or `:memory:`.
    public var path: String?
    public var user: String?
    public var password: String?
    public var host: String?
    public var port: Int?
    public var database: String?
    /// Query options in their order (`sslmode`, `connect_timeout`, ...).
    public var options: [(key: String, value: String)]

    public init(_ text: String) throws(DatabaseURLError) {
        // C clients stop at a NUL: `sqlite:///h\0evil.db` would open a file named `h`.
        guard !text.utf8.contains(0) else {
            throw DatabaseURLError(url: text, reason: "it contains a NUL byte; remove it (percent-encoded %00 is refused as well)")
        }
        // A "://" inside a password is no scheme: a scheme is letters, digits, `+`, `-`, `.`.
        guard let schemeEnd = text.firstRange(of: "://"),
              !text[..<schemeEnd.lowerBound].isEmpty,
              text[..<schemeEnd.lowerBound].allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || "+-.".contains($0)) }) else {
            throw DatabaseURLError(url: text, reason: "it has no scheme; expected sqlite:///app.db, postgresql://user@host/db or mariadb://user@host/db")
        }
        let fullScheme = String(text[..<schemeEnd.lowerBound]).lowercased()
        let scheme = fullScheme.split(separator: "+", maxSplits: 1).first.map(String.init) ?? fullScheme
        let rest = String(text[schemeEnd.upperBound...])
        options = []
        guard let named = DialectName(scheme: scheme) else {
            throw DatabaseURLError(url: text, reason: "unknown scheme '\(fullScheme)'; expected "
                + DialectName.allCases.map(\.rawValue).joined(separator: ", "))
        }
        dialect = named
        if isFileDatabase {
            path = try Self.sqlitePath(rest, url: text)
        } else {
            try parseNetworkPart(rest, url: text)
        }
    }

    /// `sqlite:///relative.db` (three slashes) is relative to the working directory,
    /// `sqlite:////abs.db` (four) is absolute, as in SQLAlchemy.
    private static func sqlitePath(_ rest: String, url: String) throws(DatabaseURLError) -> String {
        var rest = rest
        if let query = rest.firstIndex(of: "?") { rest = String(rest[..<query]) }
        if rest.isEmpty || rest == ":memory:" || rest == "/:memory:" { return ":memory:" }
        guard rest.hasPrefix("/") else {
            throw DatabaseURLError(url: url, reason: "a SQLite URL has three slashes before a relative path (sqlite:///app.db) and four before an absolute one (sqlite:////var/app.db)")
        }
        let path = String(rest.dropFirst())
        guard !path.isEmpty else {
            throw DatabaseURLError(url: url, reason: "the SQLite file path is empty; write sqlite:///app.db")
        }
        return try decodedWithoutNUL(path, url: url)
    }

    /// `%00` decodes to the NUL that the clients would cut the value at.
    private static func decodedWithoutNUL(_ text: String, url: String) throws(DatabaseURLError) -> String {
        let decoded = percentDecoded(text)
        guard !decoded.utf8.contains(0) else {
            throw DatabaseURLError(url: url, reason: "it contains a NUL byte (%00); remove it")
        }
        return decoded
    }

    private mutating func parseNetworkPart(_ rest: String, url: String) throws(DatabaseURLError) {
        var remainder = Substring(rest)
        // Userinfo first, as SQLAlchemy reads it: an unencoded password may hold
        // `/`, `?`, `:` or `@`, so it runs to the last `@` unless the user part
        // already ended (a `/` or `?` before the first `:` means there is no userinfo).
        if let at = remainder.lastIndex(of: "@") {
            let userInfo = remainder[..<at]
            let userEnd = userInfo.firstIndex(of: ":") ?? userInfo.endIndex
            if !userInfo[..<userEnd].contains(where: { $0 == "/" || $0 == "?" }) {
                user = try Self.decodedWithoutNUL(String(userInfo[..<userEnd]), url: url)
                if userEnd < userInfo.endIndex {
                    password = try Self.decodedWithoutNUL(String(userInfo[userInfo.index(after: userEnd)...]), url: url)
                }
                if user?.isEmpty == true { user = nil }
                remainder = remainder[remainder.index(after: at)...]
            }
        }
        if let question = remainder.firstIndex(of: "?") {
            for pair in remainder[remainder.index(after: question)...].split(separator: "&") where !pair.isEmpty {
                let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
                options.append((try Self.decodedWithoutNUL(String(parts[0]), url: url),
                                parts.count > 1 ? try Self.decodedWithoutNUL(String(parts[1]), url: url) : ""))
            }
            remainder = remainder[..<question]
        }
        var authority = remainder
        if let slash = remainder.firstIndex(of: "/") {
            authority = remainder[..<slash]
            let name = remainder[remainder.index(after: slash)...]
            database = name.isEmpty ? nil : try Self.decodedWithoutNUL(String(name), url: url)
        }
        var hostPart = authority
        if hostPart.hasPrefix("["), let close = hostPart.firstIndex(of: "]") {
            host = String(hostPart[hostPart.index(after: hostPart.startIndex)..<close])
            hostPart = hostPart[hostPart.index(after: close)...]
            if hostPart.hasPrefix(":") { try parsePort(hostPart.dropFirst(), url: url) }
        } else if let colon = hostPart.lastIndex(of: ":") {
            host = String(hostPart[..<colon])
            try parsePort(hostPart[hostPart.index(after: colon)...], url: url)
        } else {
            host = hostPart.isEmpty ? nil : String(hostPart)
        }
        if host?.isEmpty == true { host = nil }
    }

    private mutating func parsePort(_ text: Substring, url: String) throws(DatabaseURLError) {
        guard let value = Int(text), (1...65535).contains(value) else {
            // Masked, not quoted: without an `@`, `user:password` reads as `host:port`.
            throw DatabaseURLError(url: Redaction.hide(String(text), in: url), reason: "the port (after the host's last ':') is not a number from 1 to 65535; percent-encode special characters of the password (/ as %2F, ? as %3F, @ as %40)")
        }
        port = value
    }

    public func option(_ key: String) -> String? {
        options.last { $0.key == key }?.value
    }

    /// The URL with the password replaced by `***`: the only form ever printed or logged.
    /// A URL that names a file (SQLite), not a server.
    public var isFileDatabase: Bool { dialect.dialect.defaultPort == nil }

    public var description: String {
        if isFileDatabase {
            guard let path else { return "sqlite://" }
            if path == ":memory:" { return "sqlite://:memory:" }
            return "sqlite:///\(path)"
        }
        var text = "\(dialect.rawValue)://"
        if let user {
            text += user
            if password != nil { text += ":***" }
            text += "@"
        }
        if let host { text += host.contains(":") ? "[\(host)]" : host }
        if let port { text += ":\(port)" }
        if let database { text += "/\(database)" }
        if !options.isEmpty {
            text += "?" + options.map { "\($0.key)=\($0.key.lowercased().contains("password") ? "***" : $0.value)" }.joined(separator: "&")
        }
        return text
    }

    /// Where a connection failure happened, without credentials: `host:port/db`.
    public var target: String {
        guard let defaultPort = dialect.dialect.defaultPort else { return path ?? ":memory:" }
        return "\(host ?? "localhost"):\(port ?? defaultPort)/\(database ?? "")"
    }

    public static func == (lhs: DatabaseURL, rhs: DatabaseURL) -> Bool {
        lhs.dialect == rhs.dialect && lhs.path == rhs.path && lhs.user == rhs.user
            && lhs.password == rhs.password && lhs.host == rhs.host && lhs.port == rhs.port
            && lhs.database == rhs.database
            && lhs.options.map { "\($0.key)=\($0.value)" } == rhs.options.map { "\($0.key)=\($0.value)" }
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(dialect)
        hasher.combine(path)
        hasher.combine(host)
        hasher.combine(port)
        hasher.combine(database)
    }

    static func percentDecoded(_ text: String) -> String {
        guard text.contains("%") else { return text }
        var bytes: [UInt8] = []
        var iterator = Array(text.utf8).makeIterator()
        while let byte = iterator.next() {
            if byte == UInt8(ascii: "%"), let high = iterator.next(), let low = iterator.next(),
               let value = UInt8(String(decoding: [high, low], as: UTF8.self), radix: 16) {
                bytes.append(value)
            } else {
                bytes.append(byte)
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}

/// A URL that cannot be used. Its message never contains the password.
public struct DatabaseURLError: Error, CustomStringConvertible, Sendable {
    public var redactedURL: String
    public var reason: String

    init(url: String, reason: String) {
        // A NUL would end the message early on a terminal: show it as `\0`.
        self.redactedURL = Redaction.maskingCredentials(in: url).split(separator: "\u{0}", omittingEmptySubsequences: false).joined(separator: "\\0")
        self.reason = reason
    }

    public var description: String { "invalid database URL '\(redactedURL)': \(reason)" }
}
