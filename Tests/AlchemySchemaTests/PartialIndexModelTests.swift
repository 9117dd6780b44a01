import AlchemySchema
import Testing

/// `where:` on a model index makes a partial index, kept as the author's SQL.
@Suite("Models: partial indexes")
struct PartialIndexModelTests {
    @Test func whereIsKept() throws {
        let text = """
            tables:
              orders:
                columns:
                  id: {type: Integer, primary_key: true}
                  status: String(20)
                indexes:
                  - {name: ix_orders_paid, columns: [status], where: "status = 'paid'"}
            """
        let schema = try ModelLoader().load([(path: "models/orders.yaml", contents: text)])
        let index = try #require(schema.tables.first?.indexes.first { $0.name == "ix_orders_paid" })
        #expect(index.columns == ["status"])
        #expect(index.where == "status = 'paid'")
    }
}
