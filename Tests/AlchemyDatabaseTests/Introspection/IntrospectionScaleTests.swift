import AlchemyDatabase
import AlchemySchema
import AlchemySQL
import AlchemyTestSupport
import Testing

/// Introspection is batched: the number of catalog queries does not grow with
/// the number of tables, and a few hundred tables read quickly.
@Suite("Introspection at scale")
struct IntrospectionScaleTests {
    /// `count` tables, each with a key, a foreign key to the one before, a unique
    /// constraint, a check and an index.
    static func tables(_ count: Int) -> [Table] {
        (0..<count).map { i in
            let name = "t_\(String(1000 + i).dropFirst())"
            let previous = "t_\(String(1000 + i - 1).dropFirst())"
            return Table(
                name: name,
                columns: [
                    Column(name: "id", type: .integer, nullable: false),
                    Column(name: "parent_id", type: .integer),
                    Column(name: "code", type: .string(length: 20), nullable: false),
                    Column(name: "amount", type: .numeric(precision: 10, scale: 2), serverDefault: .literal("0")),
                ],
                primaryKey: PrimaryKey(name: "pk_\(name)", columns: ["id"]),
                foreignKeys: i == 0 ? [] : [
                    ForeignKey(name: "fk_\(name)_parent_id", columns: ["parent_id"], referredTable: previous,
                               referredColumns: ["id"], onDelete: .setNull),
                ],
                uniqueConstraints: [UniqueConstraint(name: "uq_\(name)_code", columns: ["code"])],
                checkConstraints: [CheckConstraint(name: "ck_\(name)_amount", sqltext: "amount >= 0")],
                indexes: [Index(name: "ix_\(name)_amount", columns: ["amount"])])
        }
    }

    /// Creates the tables in one batch (rendering each through the dialect) and introspects.
    static func introspect(_ count: Int, _ dialect: DialectName) throws -> (schema: Schema, queries: Int, seconds: Double) {
        try IntrospectionSupport.withDatabase(dialect) { connection in
            let sqlDialect = dialect.dialect
            var context = Schema()
            var script: [String] = []
            for table in tables(count) {
                script += try sqlDialect.render(.createTable(table), in: context).map(\.sql)
                context = try context.applying(.createTable(table))
            }
            let batch = script.joined(separator: ";\n")
            try connection.execute(dialect == .sqlite ? "BEGIN;\n\(batch);\nCOMMIT" : batch)
            let introspector = makeIntrospector(connection)
            let clock = ContinuousClock()
            var schema = Schema()
            let elapsed = try clock.measure { schema = try introspector.schema() }
            let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
            return (schema, introspector.lastQueryCount, seconds)
        }
    }

    @Test("3 tables and 300 tables take the same number of queries", arguments: TestDatabases.dialects)
    func sameQueryCount(dialect: DialectName) throws {
        let small = try Self.introspect(3, dialect)
        let large = try Self.introspect(300, dialect)
        #expect(small.schema.tables.count == 3)
        #expect(large.schema.tables.count == 300)
        #expect(small.queries == large.queries)
        #expect(small.queries <= 5)
        // Generous for a shared, busy CI machine; typically well under a second.
        #expect(large.seconds < 20, "introspecting 300 tables took \(large.seconds)s")

        // Everything of every table is there.
        let expected = Self.tables(300)
        let isMySQLFamily = dialect == .mariadb || dialect == .mysql
        for (table, found) in zip(expected, large.schema.tables) {
            #expect(found.name == table.name)
            #expect(found.columns.map(\.name) == ["id", "parent_id", "code", "amount"])
            #expect(found.primaryKey?.columns == ["id"])
            #expect(found.foreignKeys.map(\.name) == table.foreignKeys.map(\.name))
            #expect(found.foreignKeys.map(\.onDelete) == table.foreignKeys.map(\.onDelete))
            #expect(found.uniqueConstraints == table.uniqueConstraints)
            #expect(found.checkConstraints.map(\.name) == ["ck_\(table.name)_amount"])
            #expect(found.indexes == table.indexes, "\(found.indexes)")
            if isMySQLFamily { #expect(found.primaryKey?.name == nil) }
        }
    }
}
