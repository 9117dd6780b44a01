import AlchemyDatabase
import AlchemySQL
import AlchemyTestSupport
import Foundation
import Testing

/// `transaction_per_migration`, as Alembic means it: `true` commits each revision
/// with its version change; `false` runs the whole run in one transaction where DDL
/// is transactional (PostgreSQL, SQLite), so a failure keeps nothing of the run.
/// MariaDB commits DDL by itself either way, and keeps what ran.
@Suite("transaction_per_migration on every database")
struct TransactionPerMigrationTests {
    @Test("A failing third revision keeps two, or nothing with one transaction for the run",
          arguments: TestDatabases.dialects, [true, false])
    func failingRun(dialect: DialectName, perMigration: Bool) throws {
        try TestDatabases.withScratchDatabase(dialect) { url in
            var revisions = Array(RunnerTests.fiveRevisions.prefix(3))
            revisions[2].upgrade = "  - execute: {sql: \"SELECT * FROM no_such_table\"}"
            let project = try RunnerTests.Project(url: url, revisions: revisions)
            defer { project.remove() }
            let config = project.folder + "/alchemy.yaml"
            try (String(contentsOfFile: config, encoding: .utf8) + "transaction_per_migration: \(perMigration)\n")
                .write(toFile: config, atomically: true, encoding: .utf8)
            let result = try project.alchemy("upgrade")
            #expect(result.status == 1, "\(result.stderr)")

            let keepsNothing = !perMigration && dialect.dialect.transactionalDDL
            let current = try project.alchemy("current").stdout
            #expect(current == (keepsNothing ? "" : "aaaaaaaaaa02\n"), "\(dialect.rawValue), per migration \(perMigration): \(current)")
            // The error names where the database was left.
            #expect(result.stderr.contains(keepsNothing ? "base (no revision)" : "aaaaaaaaaa02"), "\(result.stderr)")
            let connection = try openConnection(url)
            defer { connection.close() }
            #expect(try RunnerTests.tables(connection).contains("author") == !keepsNothing)
        }
    }
}
