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

/// `expressions:` on a model index makes an expression index; alone, it needs a name.
@Suite("Models: expression indexes")
struct ExpressionIndexModelTests {
    static func load(_ indexes: String) throws -> Schema {
        let text = """
            tables:
              person:
                columns:
                  id: {type: Integer, primary_key: true}
                  email: String(200)
                  city: String(50)
                indexes:
            \(indexes)
            """
        return try ModelLoader().load([(path: "models/person.yaml", contents: text)])
    }

    @Test func expressionsAreKept() throws {
        let schema = try Self.load("""
                  - {name: ix_person_email_lower, expressions: ["lower(email)"], unique: true}
                  - {columns: [city], expressions: ["lower(email)"]}
            """)
        let indexes = try #require(schema.tables.first?.indexes)
        #expect(indexes.contains(Index(name: "ix_person_email_lower", columns: [], unique: true, expressions: ["lower(email)"])))
        #expect(indexes.contains(Index(name: "ix_person_city", columns: ["city"], expressions: ["lower(email)"])))
    }

    @Test func expressionsAloneNeedAName() {
        #expect {
            try Self.load("      - {expressions: [\"lower(email)\"]}")
        } throws: { error in
            "\(error)".contains("models/person.yaml:") && "\(error)".contains("on expressions only needs name:")
        }
    }
}
