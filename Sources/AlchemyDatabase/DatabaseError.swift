import AlchemySQL
import AlchemySchema

/// Every failure a database reports, in one shape for all three drivers.
///
/// `code` is the server's own: the SQLSTATE on PostgreSQL, the errno on
/// MariaDB/MySQL, the extended result code on SQLite. Messages name the target
/// (`host:port/db`) but never the password.
public struct DatabaseError: Error, CustomStringConvertible, Sendable {
    public enum Kind: Sendable {
        /// Could not open or reach the database.
        case connection
        /// A statement failed.
        case statement
        /// The lock could not be taken in time.
        case lockTimeout
    }

    public var kind: Kind
    public var dialect: DialectName
    public var code: String?
    /// The server's message, one line: its first line.
    public var message: String
    /// What followed the first line of the server's message (libpq's "This probably
    /// means the server terminated abnormally..."), folded into one line; for `-v`.
    public var detail: String?
    public var sql: String?
    public var target: String?

    public init(kind: Kind, dialect: DialectName, code: String?, message: String, sql: String? = nil, target: String? = nil) {
        self.kind = kind
        self.dialect = dialect
        self.code = code
        let lines = message.split(whereSeparator: \.isNewline).map { String($0).trimmingWhitespace() }.filter { !$0.isEmpty }
        self.message = lines.first ?? ""
        self.detail = lines.count > 1 ? lines.dropFirst().joined(separator: " ") : nil
        self.sql = sql
        self.target = target
    }

    public var description: String {
        let codeText = code.map { " [\($0)]" } ?? ""
        switch kind {
        case .connection:
            return "could not connect to \(dialect.rawValue) at \(target ?? "?"): \(message)\(codeText)"
        case .lockTimeout:
            return message
        case .statement:
            let statement = sql.map { " in statement: \($0.singleLine)" } ?? ""
            return "\(dialect.rawValue) error\(codeText): \(message)\(statement)"
        }
    }
}

