@testable import AlchemyDatabase
import AlchemySQL
import AlchemyTestSupport
import Testing

/// Pure parts of the session's fault handling.
@Suite("Session faults: messages and settings")
struct SessionFaultUnitTests {
    @Test("a multi-line server message is one line, the rest kept as detail")
    func foldsMessage() {
        let error = DatabaseError(kind: .statement, dialect: .postgresql, code: nil, message: """
            server closed the connection unexpectedly
            \tThis probably means the server terminated abnormally
            \tbefore or while processing the request.

            """, sql: "SELECT 1")
        #expect(error.message == "server closed the connection unexpectedly")
        #expect(error.detail == "This probably means the server terminated abnormally before or while processing the request.")
        #expect(!error.description.contains("\n"))
        #expect(DatabaseError(kind: .statement, dialect: .sqlite, code: nil, message: " one line ").detail == nil)
    }

    @Test("timeouts in whole milliseconds: never 0 (no limit), never past an int", arguments: [
        (0.0, 1), (0.0001, 1), (0.0015, 2), (2.5, 2500), (Double.infinity, Int(Int32.max)), (1e300, Int(Int32.max)), (Double.nan, 1),
    ])
    func milliseconds(_ seconds: Double, _ expected: Int) {
        #expect(seconds.settingMilliseconds == expected)
    }

    @Test("MariaDB enum values: quotes undoubled, backslashes unescaped")
    func enumValues() {
        #expect(MariaDBIntrospector.enumValues(#"enum('a\\b','c''d','x\'y','')"#) == [#"a\b"#, "c'd", "x'y", ""])
    }
}

/// Against real servers: the lock's zero timeout and its holder, statement timeouts.
@Suite("Session faults on servers")
struct SessionFaultServerTests {
    static let servers = TestDatabases.dialects.filter { $0 != .sqlite }

    @Test("lock_timeout 0 does not wait, and the message names the holder", arguments: TestDatabases.dialects)
    func zeroTimeoutNamesHolder(dialect: DialectName) throws {
        try TestDatabases.withScratchDatabase(dialect) { url in
            let holder = try openConnection(url)
            defer { holder.close() }
            let lock = MigrationLock(name: "alembic_version", timeoutSeconds: 0)
            try lock.acquire(on: holder)
            let waiter = try openConnection(url)
            defer { waiter.close() }
            let clock = ContinuousClock()
            let start = clock.now
            do {
                try lock.acquire(on: waiter)
                Issue.record("the lock was taken twice")
            } catch let error as DatabaseError {
                #expect(error.kind == .lockTimeout)
                #expect(error.message.contains("another alchemy run is migrating this database"))
                if dialect == .postgresql {
                    let pid = try holder.query("SELECT pg_backend_pid()").first?[0].int64Value ?? -1
                    #expect(error.message.contains("backend \(pid) (application alchemy, idle since "))
                    #expect(error.message.contains("pg_terminate_backend(\(pid))"))
                } else if dialect != .sqlite {
                    let id = try holder.query("SELECT CONNECTION_ID()").first?[0].int64Value ?? -1
                    #expect(error.message.contains("held by connection \(id) ("))
                }
            }
            #expect(clock.now - start < .seconds(1))
            try lock.release(on: holder)
            try lock.acquire(on: waiter)
            try lock.release(on: waiter)
        }
    }

    @Test("a positive lock_timeout under half a millisecond still waits, then gives up", arguments: servers)
    func tinyTimeout(dialect: DialectName) throws {
        try TestDatabases.withScratchDatabase(dialect) { url in
            let holder = try openConnection(url)
            defer { holder.close() }
            try MigrationLock(name: "v", timeoutSeconds: 0).acquire(on: holder)
            let waiter = try openConnection(url)
            defer { waiter.close() }
            #expect(throws: DatabaseError.self) { try MigrationLock(name: "v", timeoutSeconds: 0.0004).acquire(on: waiter) }
        }
    }

    @Test("the migration session checks that its client is still there (PostgreSQL 14+)")
    func connectionCheckInterval() throws {
        guard Self.servers.contains(.postgresql) else { return }
        try TestDatabases.withScratchDatabase(.postgresql) { url in
            let connection = try openConnection(url)
            defer { connection.close() }
            try MigrationLock(name: "v", timeoutSeconds: 1).acquire(on: connection)
            #expect(try connection.query("SHOW client_connection_check_interval").first?[0].stringValue == "2s")
            #expect(try connection.query("SHOW application_name").first?[0].stringValue == "alchemy")
        }
    }

    @Test("statement_timeout ends a statement that runs too long", arguments: servers)
    func statementTimeout(dialect: DialectName) throws {
        try TestDatabases.withScratchDatabase(dialect) { url in
            let connection = try openConnection(url, statementTimeout: 0.5)
            defer { connection.close() }
            let clock = ContinuousClock()
            let start = clock.now
            let sleep = dialect == .postgresql ? "SELECT pg_sleep(10)" : "SELECT SLEEP(10) AS slept FROM (SELECT 1) AS one"
            #expect(throws: DatabaseError.self) { _ = try connection.query(sleep) }
            #expect(clock.now - start < .seconds(5))
            #expect(try connection.query("SELECT 1 AS one").first?[0].int64Value == 1)
        }
    }

    @Test("without statement_timeout, statements are not limited", arguments: servers)
    func noStatementTimeout(dialect: DialectName) throws {
        try TestDatabases.withScratchDatabase(dialect) { url in
            let connection = try openConnection(url)
            defer { connection.close() }
            let unlimited = dialect == .postgresql ? "SELECT current_setting('statement_timeout') = '0'" : "SELECT @@max_statement_time = 0"
            #expect(try connection.query(unlimited).first?[0].boolValue == true || connection.query(unlimited).first?[0].int64Value == 1)
        }
    }
}
