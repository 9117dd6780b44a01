import AlchemyDatabase
import AlchemySQL
import AlchemyTestSupport
import Foundation
import Testing

/// A statement that keeps the server busy is reported while it runs.
@Suite("Slow statement notice")
struct SlowStatementNoticeTests {
    final class Notices: @unchecked Sendable {
        private let lock = NSLock()
        private var items: [(String, Double)] = []
        func add(_ sql: String, _ seconds: Double) { lock.withLock { items.append((sql, seconds)) } }
        var all: [(String, Double)] { lock.withLock { items } }
    }

    @Test("The notice fires once the statement passes the threshold, with the statement, and not for quick ones",
          arguments: TestDatabases.dialects.filter { $0 != .sqlite })
    func noticeWhileWaiting(dialect: DialectName) throws {
        try TestDatabases.withScratchDatabase(dialect) { url in
            let connection = try MeasuredConnection.open(url)
            defer { connection.close() }
            let notices = Notices()
            connection.slowStatementAfter = 0.3
            connection.slowStatementNotice = { sql, seconds in notices.add(sql, seconds) }
            _ = try connection.query("SELECT 1")
            #expect(notices.all.isEmpty)
            let slow = dialect == .postgresql ? "SELECT pg_sleep(1.2)" : "SELECT SLEEP(1.2)"
            _ = try connection.query(slow)
            let seen = notices.all
            #expect(seen.count == 1, "\(seen)")
            #expect(seen.first?.0 == slow)
            #expect((seen.first?.1 ?? 0) >= 0.3)
            Thread.sleep(forTimeInterval: 0.5)
            #expect(notices.all.count == 1, "no notice after the statement ended")
        }
    }
}
