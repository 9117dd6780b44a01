import AlchemySchema
import AlchemySQL
import Testing
@testable import AlchemyMigrate

/// The pure half of comparing CHECK conditions: which conditions the server is
/// asked to spell, and what its spelling decides.
@Suite("Autogenerate: CHECK conditions as the server spells them")
struct CheckConditionComparisonTests {
    let payment = TableReference(name: "payment")

    func schema(_ sqltext: String) -> Schema {
        Schema(tables: [Table(name: "payment", columns: [Column(name: "amount", type: .integer, nullable: false)],
                              checkConstraints: [CheckConstraint(name: "ck_amount", sqltext: sqltext)])])
    }

    var declared: Schema { schema("amount > 0") }
    var condition: CheckCondition { CheckCondition(table: payment, sqltext: "amount > 0") }

    @Test("Canonically equal text is never asked about; other text is, on the live table")
    func asked() {
        let comparator = SchemaComparator(dialect: .postgresql)
        #expect(comparator.checkConditionsToAsk(declared: declared, live: schema("AMOUNT  >  0")).isEmpty)
        #expect(comparator.checkConditionsToAsk(declared: declared, live: schema("(amount > 0)")) == [condition])
    }

    @Test("The server's spelling decides: the same condition is no change, another is drop and create")
    func spelled() {
        let live = schema("(amount > 0)")
        let same = SchemaComparator(dialect: .postgresql, reportedChecks: [condition: "(amount > 0)"]).compare(declared: declared, live: live)
        #expect(same.isEmpty && same.warnings.isEmpty)

        let changed = SchemaComparator(dialect: .postgresql, reportedChecks: [condition: "amount > 0"])
            .compare(declared: declared, live: schema("amount >= 0"))
        let old = CheckConstraint(name: "ck_amount", sqltext: "amount >= 0")
        let new = CheckConstraint(name: "ck_amount", sqltext: "amount > 0")
        #expect(changed.upgrade == [.dropConstraint(payment, .check(old)), .createCheckConstraint(payment, new)])
        #expect(changed.downgrade == [.dropConstraint(payment, .check(new)), .createCheckConstraint(payment, old)])
    }

    @Test("MariaDB: the server's text, backticks and backslash escapes included, is compared with the live text")
    func backslashEscapes() {
        let declared = schema("note <> 'it''s'")
        let condition = CheckCondition(table: payment, sqltext: "note <> 'it''s'")
        let comparison = SchemaComparator(dialect: .mariadb, reportedChecks: [condition: "`note` <> 'it\\'s'"])
            .compare(declared: declared, live: schema("`note` <> 'it\\'s'"))
        #expect(comparison.isEmpty)
    }

    @Test("Without an answer the check is the same by name: silently when not asked, with one warning when asked")
    func unanswered() {
        let live = schema("amount >= 0")
        #expect(SchemaComparator(dialect: .postgresql).compare(declared: declared, live: live) == Comparison(upgrade: []))
        var comparator = SchemaComparator(dialect: .postgresql, reportedChecks: [:])
        comparator.reportedChecksFailure = "permission denied"
        let comparison = comparator.compare(declared: declared, live: live)
        #expect(comparison.isEmpty)
        #expect(comparison.warnings == ["compared check constraint ck_amount on payment by name only: "
            + "the database did not say how it writes the declared condition: permission denied"])
    }

    @Test("A LIKE pattern's runs of % are one %, as Alembic's revisions double them; other patterns differ")
    func likePatterns() {
        let declared = schema("email LIKE '%@%'")
        let condition = CheckCondition(table: payment, sqltext: "email LIKE '%@%'")
        let doubled = SchemaComparator(dialect: .postgresql, reportedChecks: [condition: "email::text ~~ '%@%'::text"])
            .compare(declared: declared, live: schema("email::text ~~ '%%@%%'::text"))
        #expect(doubled.isEmpty)
        #expect(SchemaComparator(dialect: .sqlite, reportedChecks: [condition: "email LIKE '%@%'"])
            .compare(declared: declared, live: schema("email like '%%@%%'")).isEmpty)
        let other = SchemaComparator(dialect: .postgresql, reportedChecks: [condition: "email::text ~~ '%@%'::text"])
            .compare(declared: declared, live: schema("email::text ~~ '%@%.%'::text"))
        #expect(other.upgrade.count == 2)
        // Outside a pattern, %% is two characters.
        let literal = SchemaComparator(dialect: .postgresql, reportedChecks: [CheckCondition(table: payment, sqltext: "note <> '%'"): "note <> '%'::text"])
            .compare(declared: schema("note <> '%'"), live: schema("note <> '%%'::text"))
        #expect(literal.upgrade.count == 2)
    }
}
