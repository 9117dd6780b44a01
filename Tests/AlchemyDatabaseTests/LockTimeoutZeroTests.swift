import AlchemyDatabase
import AlchemySQL
import AlchemyTestSupport
import Foundation
import Testing

/// `lock_timeout: 0s` means "do not wait" on every database. On PostgreSQL it once
/// became `lock_timeout = '0ms'`, which waits forever.
@Suite("lock_timeout 0")
struct LockTimeoutZeroTests {
    @Test("A held lock fails at once with timeout 0", arguments: TestDatabases.dialects)
    func zeroDoesNotWait(dialect: DialectName) throws {
        try TestDatabases.withScratchDatabase(dialect) { url in
            let holder = try openConnection(url)
            defer { holder.close() }
            let waiter = try openConnection(url)
            defer { waiter.close() }
            let lock = MigrationLock(name: "alembic_versions", timeoutSeconds: 0)
            try lock.acquire(on: holder)
            defer { try? lock.release(on: holder) }
            let start = Date()
            #expect(throws: DatabaseError.self) { try lock.acquire(on: waiter) }
            #expect(Date().timeIntervalSince(start) < 5)
        }
    }
}
