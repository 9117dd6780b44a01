import AlchemyDatabase
import AlchemySchema
import AlchemySQL
import AlchemyTestSupport
import Testing
@testable import AlchemyMigrate

/// Partial (`where:`) and expression indexes, rendered by alchemy, read back from
/// each real database and compared: no false difference, a changed predicate
/// found, a hand-made expression index warned about and left alone.
@Suite("Autogenerate: partial and expression indexes on real databases")
struct PartialIndexTests {
    static let orders = TableReference(name: "orders")

    static func declared(_ index: Index?) -> Schema {
        var table = Table(name: "orders")
        table.columns = [Column(name: "id", type: .integer, nullable: false), Column(name: "status", type: .string(length: 20))]
        table.primaryKey = PrimaryKey(name: "pk_orders", columns: ["id"])
        table.indexes = index.map { [$0] } ?? []
        return Schema(tables: [table])
    }

    /// A connection to a database holding the `orders` table, created by alchemy.
    static func ordersTable(_ url: DatabaseURL) throws -> any Connection {
        let connection = try openConnection(url)
        for statement in try url.dialect.dialect.render(.createTable(declared(nil).tables[0]), in: Schema()) {
            try connection.execute(statement.sql)
        }
        return connection
    }

    static let paid = Index(name: "ix_orders_paid", columns: ["status"], where: "status = 'paid'")

    @Test("a partial index round-trips; a changed or missing predicate is a difference", arguments: TestDatabases.dialects)
    func partial(dialect: DialectName) throws {
        try TestDatabases.withScratchDatabase(dialect) { url in
            let connection = try Self.ordersTable(url)
            defer { connection.close() }
            let sql = dialect.dialect
            if dialect == .mysql || dialect == .mariadb {
                #expect(throws: RenderError.partialIndexUnsupported(index: "ix_orders_paid", dialect: dialect)) {
                    try sql.render(.createIndex(Self.orders, Self.paid), in: Self.declared(nil))
                }
                return
            }
            for statement in try sql.render(.createIndex(Self.orders, Self.paid), in: Self.declared(nil)) {
                try connection.execute(statement.sql)
            }
            let live = try connection.introspect()
            let index = try #require(live.tables.first { $0.name == "orders" }?.indexes.first { $0.name == "ix_orders_paid" })
            #expect(index.where != nil, "\(dialect): the predicate was not read")

            let comparator = SchemaComparator(dialect: dialect)
            let same = comparator.compare(declared: Self.declared(Self.paid), live: live)
            #expect(same.upgrade == [], "\(dialect): \(same.summary)")

            var full = Self.paid
            full.where = nil
            #expect(comparator.compare(declared: Self.declared(full), live: live).summary
                == ["drop_index ix_orders_paid", "create_index ix_orders_paid"])

            var changed = Self.paid
            changed.where = "status = 'refunded'"
            #expect(comparator.compare(declared: Self.declared(changed), live: live).summary
                == ["drop_index ix_orders_paid", "create_index ix_orders_paid"])

            // Not in the models: dropped with its predicate, so the downgrade recreates it whole.
            let dropped = comparator.compare(declared: Self.declared(nil), live: live)
            #expect(dropped.upgrade.count == 1)
            if case .dropIndex(_, let carried) = dropped.upgrade.first { #expect(carried.where != nil) }
        }
    }

    /// MariaDB has no functional key parts, so there is nothing hand-made to read there.
    @Test("a hand-made expression index is left alone with one warning", arguments: TestDatabases.dialects.filter { $0 != .mariadb })
    func expressionWarned(dialect: DialectName) throws {
        try TestDatabases.withScratchDatabase(dialect) { url in
            let connection = try Self.ordersTable(url)
            defer { connection.close() }
            let sql = dialect.dialect
            let lower = Index(name: "ix_orders_lower_status", columns: [], expressions: ["(lower(status))"])
            for statement in try sql.render(.createIndex(Self.orders, lower), in: Self.declared(nil)) {
                try connection.execute(statement.sql)
            }
            let comparison = SchemaComparator(dialect: dialect).compare(declared: Self.declared(nil), live: try connection.introspect())
            #expect(comparison.upgrade == [], "\(dialect): \(comparison.summary)")
            #expect(comparison.warnings.count == 1)
            #expect(comparison.warnings.first?.hasPrefix("left index ix_orders_lower_status on orders alone") == true)
        }
    }
}
