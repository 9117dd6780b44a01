import AlchemyDatabase
import AlchemySQL
import AlchemyTestSupport
import Testing

/// `execute(batch:)` on the servers: the failing statement's index, the effect of
/// those before it, bound values, a long batch, and a connection that works after.
@Suite("Statement batches")
struct StatementBatchTests {
    static let servers = TestDatabases.dialects.filter { $0 != .sqlite }

    static func count(_ connection: any Connection) throws -> Int64 {
        try connection.query("SELECT COUNT(*) AS n FROM batched").first?[0].int64Value ?? -1
    }

    static func insert(_ id: Int) -> Statement { Statement("INSERT INTO batched (id) VALUES (\(id))") }
    static let bad = Statement("INSERT INTO no_such_table VALUES (1)")

    @Test("the third of five fails outside a transaction: index 2, the first two stay, the rest did not run", arguments: TestDatabases.dialects)
    func failureOutsideTransaction(dialect: DialectName) throws {
        try TestDatabases.withScratchDatabase(dialect) { url in
            let connection = try openConnection(url)
            defer { connection.close() }
            try connection.execute("CREATE TABLE batched (id INTEGER PRIMARY KEY, label VARCHAR(40))")
            do {
                try connection.execute(batch: [Self.insert(1), Self.insert(2), Self.bad, Self.insert(4), Self.insert(5)])
                Issue.record("the batch did not fail")
            } catch let error as BatchFailure {
                #expect(error.index == 2)
                #expect(error.error.sql == Self.bad.sql)
            }
            #expect(try Self.count(connection) == 2)
            #expect(try connection.query("SELECT 1 AS one").first?[0].int64Value == 1)
        }
    }

    @Test("PostgreSQL: a failure inside BEGIN leaves the transaction for ROLLBACK, which undoes the first statements")
    func failureInsideTransaction() throws {
        guard Self.servers.contains(.postgresql) else { return }
        try TestDatabases.withScratchDatabase(.postgresql) { url in
            let connection = try openConnection(url)
            defer { connection.close() }
            try connection.execute("CREATE TABLE batched (id INTEGER PRIMARY KEY, label VARCHAR(40))")
            do {
                try connection.execute(batch: [Statement("BEGIN"), Self.insert(1), Self.bad, Self.insert(4), Statement("COMMIT")])
                Issue.record("the batch did not fail")
            } catch let error as BatchFailure {
                #expect(error.index == 2)
            }
            try connection.rollback()
            #expect(try Self.count(connection) == 0)
            // Pipelines again, and a statement that cannot run in a transaction runs alone.
            try connection.execute(batch: [Statement("BEGIN"), Self.insert(7), Statement("COMMIT"),
                                           Statement("CREATE INDEX CONCURRENTLY ix_batched_label ON batched (label)", transactional: false),
                                           Statement("BEGIN"), Statement("INSERT INTO batched (id) VALUES (8); INSERT INTO batched (id) VALUES (9)"),
                                           Statement("COMMIT")])
            #expect(try Self.count(connection) == 3)
        }
    }

    @Test("bound values arrive as they are, quotes and backslashes included (MariaDB also after NO_BACKSLASH_ESCAPES in the batch)",
          arguments: TestDatabases.dialects)
    func boundValues(dialect: DialectName) throws {
        try TestDatabases.withScratchDatabase(dialect) { url in
            let connection = try openConnection(url)
            defer { connection.close() }
            try connection.execute("CREATE TABLE batched (id INTEGER PRIMARY KEY, label VARCHAR(40))")
            let labels = [#"it's"#, #"back\slash"#, #"\'both"#]
            func row(_ id: Int, _ label: String) throws -> Statement {
                try Statement("INSERT INTO batched (id, label) VALUES (\(.int(Int64(id))), \(label))", in: connection.sqlDialect)
            }
            var batch = [Statement(connection.sqlDialect.beginTransaction)]
            batch += try labels.enumerated().map { try row($0.offset, $0.element) }
            if dialect == .mariadb {
                batch.append(Statement("SET SESSION sql_mode = CONCAT(@@sql_mode, ',NO_BACKSLASH_ESCAPES')"))
                batch += try labels.enumerated().map { try row($0.offset + 10, $0.element) }
            }
            batch.append(Statement("COMMIT"))
            try connection.execute(batch: batch)
            let read = try connection.query("SELECT id, label FROM batched ORDER BY id")
            #expect(read.map { $0[1].stringValue ?? "" } == (dialect == .mariadb ? labels + labels : labels))
        }
    }

    @Test("a long batch: 500 statements", arguments: TestDatabases.dialects)
    func longBatch(dialect: DialectName) throws {
        try TestDatabases.withScratchDatabase(dialect) { url in
            let connection = try openConnection(url)
            defer { connection.close() }
            try connection.execute("CREATE TABLE batched (id INTEGER PRIMARY KEY, label VARCHAR(40))")
            let inserts = try (1...498).map { id in
                try Statement("INSERT INTO batched (id, label) VALUES (\(.int(Int64(id))), \("row \(id)"))", in: connection.sqlDialect)
            }
            try connection.execute(batch: [Statement(connection.sqlDialect.beginTransaction)] + inserts + [Statement("COMMIT")])
            #expect(try Self.count(connection) == 498)
        }
    }
}
