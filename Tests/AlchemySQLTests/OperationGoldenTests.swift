import AlchemySchema
import AlchemyTestSupport
import Testing
@testable import AlchemySQL

private typealias F = OperationFixtures

@Suite("Operation goldens")
struct OperationGoldenTests {
    @Test("every operation on every dialect", arguments: operationCells)
    func render(_ cell: OperationCell) throws {
        let statements = try cell.dialect.dialect.render(cell.value, in: F.context)
        #expect(sql(statements) == cell.expected)
    }

    @Test("every MigrateOperation case has goldens")
    func coverage() {
        #expect(Set(operationCells.map(\.operation)).count == 17)
        for dialect in DialectName.allCases {
            #expect(Set(operationCells.filter { $0.dialect == dialect }.map(\.operation)).count == 17, "\(dialect)")
        }
    }
}
