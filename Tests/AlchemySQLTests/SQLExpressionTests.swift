import AlchemySchema
@testable import AlchemySQL
import Testing

@Suite("SQL expressions stay in their place")
struct SQLExpressionTests {
    @Test("Expressions that are whole under every escaping rule are accepted", arguments: [
        "amount > 0", "email LIKE '%@%'", "note <> ';'", "note <> '--'", "\"weird;name\" IS NOT NULL",
        "lower(email)", "(a + b) * (c - d)", "x - 1", "'it''s' = name", "CURRENT_TIMESTAMP", "'a\\\\b' <> ''",
    ])
    func accepted(sql: String) {
        #expect(SQLExpression.problem(in: sql) == nil)
    }

    @Test("Expressions that could end or hide the statement are refused", arguments: [
        ("x > 0); DROP TABLE victim; --", SQLExpression.Problem.unbalancedParentheses),
        ("0; DROP TABLE victim", .statementSeparator),
        ("1 -- rest", .comment),
        ("1 /* rest", .comment),
        ("'open", .unterminatedQuote),
        ("'a\\' OR 1=1", .unterminatedQuote),
        ("a) OR (b", .unbalancedParentheses),
        ("(a", .unbalancedParentheses),
        ("a\u{0}b", .nulCharacter),
    ])
    func refused(sql: String, problem: SQLExpression.Problem) {
        #expect(SQLExpression.problem(in: sql) == problem)
    }

    @Test("A backslash before a quote ends the string in standard SQL and escapes it under MySQL's default mode")
    func backslashReadings() {
        let sql = "d <> 'x\\''; DROP TABLE victim; --'"
        #expect(SQLExpression.problem(in: sql, backslashEscapes: false) == nil)
        #expect(SQLExpression.problem(in: sql, backslashEscapes: true) == .statementSeparator)
        #expect(!PostgreSQLDialect().stringsMayUseBackslashEscapes)
        #expect(MariaDBDialect().stringsMayUseBackslashEscapes)
        #expect(!MariaDBDialect(backslashEscapes: false).stringsMayUseBackslashEscapes)
    }

    @Test("Every dialect refuses to render an operation that carries such an expression", arguments: DialectName.allCases)
    func renderRefuses(dialect: DialectName) {
        let table = TableReference(name: "t")
        let operations: [MigrateOperation] = [
            .createCheckConstraint(table, CheckConstraint(name: "ck", sqltext: "x > 0); DROP TABLE victim; --")),
            .addColumn(table, Column(name: "c", type: .integer, nullable: true, serverDefault: .expression("0; DROP TABLE victim"))),
            .createIndex(table, Index(name: "ix", columns: [], expressions: ["lower(x)); DROP TABLE victim; --"])),
            .createIndex(table, Index(name: "ix_w", columns: ["x"], where: "x > 0; DROP TABLE victim")),
        ]
        let context = Schema(tables: [Table(name: "t", columns: [Column(name: "x", type: .integer)])])
        for operation in operations {
            #expect(throws: RenderError.self) { try dialect.dialect.render(operation, in: context) }
        }
    }
}
