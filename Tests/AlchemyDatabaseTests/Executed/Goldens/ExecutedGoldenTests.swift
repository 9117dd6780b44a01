import AlchemyDatabase
import AlchemySchema
import AlchemySQL
import AlchemyTestSupport
import Testing

/// Every operation golden (`operationCells`), run on a real database of its
/// dialect: the goldens alone are only compared as text, and a text can be wrong
/// for the server (MySQL 8's `DROP CHECK` on MariaDB was). Each cell gets a fresh
/// database holding the fixture context, created by alchemy's own rendering, plus
/// what the operation acts on; the golden statements run, then the catalog must
/// show their effect.
@Suite("Executed goldens")
struct ExecutedGoldenTests {
    private typealias F = OperationFixtures

    static var cells: [OperationCell] {
        GoldenExecutionPlan.executed.filter { cell in
            GoldenExecutionPlan.server(for: cell).map(TestDatabases.dialects.contains) ?? false
        }
    }

    @Test("every golden runs on a server of its dialect", arguments: cells)
    func run(_ cell: OperationCell) throws {
        let server = try #require(GoldenExecutionPlan.server(for: cell))
        let check = try #require(GoldenChecks.all[cell.label], "no GoldenChecks entry for \(cell.label)")
        try TestDatabases.withScratchDatabase(server) { url in
            let connection = try openConnection(url)
            defer { connection.close() }
            let session = ExecutedSession(connection)
            try session.apply(F.context.tables.map { .createTable($0) })
            try session.apply(check.setup)
            // The statements are the golden's: rendered in the golden's context by
            // the cell's dialect (MySQL's on MariaDB), and equal to its text.
            let statements = try cell.dialect.dialect.render(cell.value, in: F.context)
            try #require(statements.map(\.scriptSQL) == cell.expected, "the rendering is no longer the golden")
            do {
                try session.run(statements)
            } catch {
                Issue.record("\(cell) failed on \(server): \(error)")
                throw error
            }
            try check.verify(session)
        }
    }

    /// A new cell or operation cannot go unexecuted: each one runs (or is a listed
    /// MySQL-only spelling) and has a catalog check.
    @Test("every golden cell is executed")
    func coverage() {
        let labels = Set(operationCells.map(\.label))
        #expect(Set(GoldenChecks.all.keys) == labels)
        for dialect in [DialectName.sqlite, .postgresql, .mariadb] {
            #expect(GoldenExecutionPlan.executed.filter { $0.dialect == dialect }.count == labels.count, "\(dialect)")
        }
        #expect(GoldenExecutionPlan.executed.count + GoldenExecutionPlan.unexecutedMySQL.count == operationCells.count)
        #expect(GoldenExecutionPlan.unexecutedMySQL.map(\.operation) == [], "MySQL-only spellings left unexecuted")
        // Every server the plan needs is one `TestDatabases` provides (in CI, or fails).
        #expect(Set(GoldenExecutionPlan.executed.compactMap(GoldenExecutionPlan.server)).isSubset(of: [.sqlite, .postgresql, .mariadb]))
    }
}
