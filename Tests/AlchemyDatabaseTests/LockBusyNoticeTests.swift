import AlchemyDatabase
import AlchemySQL
import AlchemyTestSupport
import Foundation
import Testing

/// A run that finds the migration lock taken says so once, before it waits, with
/// the holder where the database tells it. Each test has a lock name of its own:
/// MariaDB's `GET_LOCK` names are server-wide, shared by the tests that run at once.
@Suite("Migration lock: waiting is said once, with the holder")
struct LockBusyNoticeTests {
    @Test("A held lock is reported once, naming its holder", arguments: TestDatabases.dialects)
    func reportsHolderOnce(dialect: DialectName) throws {
        let name = "busy_notice_\(UUID().uuidString.prefix(8))"
        try TestDatabases.withScratchDatabase(dialect) { url in
            let holder = try openConnection(url)
            defer { holder.close() }
            let waiter = try openConnection(url)
            defer { waiter.close() }
            try MigrationLock(name: name, timeoutSeconds: 0).acquire(on: holder)
            defer { try? MigrationLock(name: name, timeoutSeconds: 0).release(on: holder) }

            var notices: [String] = []
            #expect(throws: DatabaseError.self) {
                try MigrationLock(name: name, timeoutSeconds: 1).acquire(on: waiter) { notices.append($0) }
            }
            #expect(notices.count == 1, "\(notices)")
            let notice = notices.first ?? ""
            #expect(notice.hasPrefix("waiting up to 1s for the migration lock '\(name)'"), "\(notice)")
            switch dialect {
            case .postgresql: #expect(notice.contains("held by PostgreSQL backend "), "\(notice)")
            case .mariadb, .mysql: #expect(notice.contains("held by connection "), "\(notice)")
            case .sqlite: #expect(notice.contains("held by another process"), "\(notice)")
            }
        }
    }

    @Test("A free lock, or one not waited for, says nothing", arguments: TestDatabases.dialects)
    func silentWhenFreeOrNotWaiting(dialect: DialectName) throws {
        let name = "quiet_notice_\(UUID().uuidString.prefix(8))"
        try TestDatabases.withScratchDatabase(dialect) { url in
            let first = try openConnection(url)
            defer { first.close() }
            let second = try openConnection(url)
            defer { second.close() }
            var notices: [String] = []
            let lock = MigrationLock(name: name, timeoutSeconds: 5)
            try lock.acquire(on: first) { notices.append($0) }
            defer { try? lock.release(on: first) }
            #expect(throws: DatabaseError.self) {
                try MigrationLock(name: name, timeoutSeconds: 0).acquire(on: second) { notices.append($0) }
            }
            #expect(notices.isEmpty, "\(notices)")
        }
    }
}
