@testable import AlchemyDatabase
import AlchemySchema
import AlchemySQL
import AlchemyTestSupport
import Testing

/// `Introspector.reportedCheckConditions`: each server spells a declared condition
/// as it reports live checks, refuses only what it cannot create, and keeps
/// nothing of the round trip.
@Suite("CHECK conditions as the server spells them")
struct CheckConditionSpellingTests {
    @Test("SHOW CREATE TABLE's checks, with quotes and parentheses inside strings and names")
    func showCreateTable() {
        let statement = """
            CREATE TEMPORARY TABLE `t` (
              `a` int(11) DEFAULT NULL COMMENT 'CONSTRAINT `x` CHECK (1)',
              `j` longtext DEFAULT NULL CHECK (json_valid(`j`)),
              CONSTRAINT `p1` CHECK (`a` > 0),
              CONSTRAINT `p``2` CHECK (`a` <> 'it\\'s (' and octet_length(`b)`) > 3)
            ) ENGINE=InnoDB
            """
        let checks = ShowCreateTableChecks.conditions(in: statement, backslashEscapes: true)
        #expect(checks == ["p1": "`a` > 0", "p`2": "`a` <> 'it\\'s (' and octet_length(`b)`) > 3"])
    }

    @Test("Each server answers as it reports live checks; nothing stays behind", arguments: TestDatabases.dialects)
    func roundTrip(dialect: DialectName) throws {
        try IntrospectionSupport.withDatabase(dialect) { connection in
            let table = Table(name: "payment", columns: [
                Column(name: "id", type: .integer, nullable: false),
                Column(name: "email", type: .string(length: 100), nullable: false),
            ], primaryKey: PrimaryKey(name: "pk_payment", columns: ["id"]),
               checkConstraints: [CheckConstraint(name: "ck_email", sqltext: "email LIKE '%@%'")])
            try IntrospectionSupport.create([table], on: connection)
            let introspector = makeIntrospector(connection)
            let before = try introspector.schema()
            let live = before.tables.first { $0.name == "payment" }?.checkConstraints.first?.sqltext
            let good = CheckCondition(table: table.reference, sqltext: "email LIKE '%@%'")
            let bad = CheckCondition(table: table.reference, sqltext: "no_such_column > 0")
            let answers = try introspector.reportedCheckConditions([good, bad])
            #expect(answers[good] == live, "\(dialect.rawValue): \(answers)")
            #expect(dialect == .sqlite ? answers[bad] == bad.sqltext : answers[bad] == nil)
            #expect(try introspector.schema() == before)
        }
    }
}
