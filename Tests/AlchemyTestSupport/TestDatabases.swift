import AlchemyDatabase
import AlchemySQL
#if canImport(Glibc)
import Glibc
#endif

/// Real databases for integration tests.
///
/// The server URLs come from `scripts/test-servers` (`ALCHEMY_TEST_POSTGRES_URL`,
/// `ALCHEMY_TEST_MARIADB_URL`). Locally a missing server disables its tests; in CI
/// (`CI=true`) it is a failure, so a broken set-up can never pass quietly.
public enum TestDatabases {
    public static func environment(_ name: String) -> String? {
        guard let value = getenv(name) else { return nil }
        let text = String(cString: value)
        return text.isEmpty ? nil : text
    }

    public static var isCI: Bool { environment("CI").map { $0 == "true" || $0 == "1" } ?? false }

    static let variables: [DialectName: String] = [
        .postgresql: "ALCHEMY_TEST_POSTGRES_URL",
        .mariadb: "ALCHEMY_TEST_MARIADB_URL",
        .mysql: "ALCHEMY_TEST_MYSQL_URL",
    ]

    /// The dialects a test should run on: SQLite always; each server when its URL
    /// is set, and always in CI (where a missing URL then fails the test).
    public static var dialects: [DialectName] {
        [.sqlite, .postgresql, .mariadb].filter { $0 == .sqlite || isCI || serverURL($0) != nil }
    }

    public static func serverURL(_ dialect: DialectName) -> String? {
        variables[dialect].flatMap(environment)
    }

    /// A fresh, empty database for one test, dropped afterwards.
    ///
    /// Tests run in parallel; each one gets its own database (its own file on
    /// SQLite), so they never see each other's tables or locks.
    public static func withScratchDatabase<T>(_ dialect: DialectName, _ body: (DatabaseURL) throws -> T) throws -> T {
        let name = "alchemy_t_\(UInt32.random(in: 0...UInt32.max))_\(UInt32.random(in: 0...UInt32.max))"
        if dialect == .sqlite {
            let path = "/tmp/\(name).db"
            defer { for suffix in ["", "-journal", "-wal", "-shm"] { unlink(path + suffix) } }
            return try body(DatabaseURL("sqlite:///\(path)"))
        }
        guard let text = serverURL(dialect) else {
            throw TestSetupError(message: "\(variables[dialect] ?? dialect.rawValue) is not set: run `eval \"$(scripts/test-servers)\"` before `swift test`")
        }
        let admin = try DatabaseURL(text)
        let connection = try openConnection(admin)
        defer { connection.close() }
        let quoted = dialect == .postgresql ? "\"\(name)\"" : "`\(name)`"
        try connection.execute("CREATE DATABASE \(quoted)")
        defer { try? connection.execute("DROP DATABASE IF EXISTS \(quoted)" + (dialect == .postgresql ? " WITH (FORCE)" : "")) }
        var scratch = admin
        scratch.database = name
        return try body(scratch)
    }
}

public struct TestSetupError: Error, CustomStringConvertible {
    public var message: String
    public var description: String { message }
    public init(message: String) { self.message = message }
}
