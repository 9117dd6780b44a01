import AlchemySchema
import AlchemySQL
import Testing
@testable import AlchemyMigrate

/// The conversions autogenerate writes for a type change, each way.
@Suite("Autogenerate: using conversions")
struct AutogenerateUsingTests {
    static func table(_ column: Column) -> Schema {
        Schema(tables: [Table(name: "item", columns: [Column(name: "id", type: .integer, nullable: false), column],
                              primaryKey: PrimaryKey(name: "pk_item", columns: ["id"]))])
    }

    /// The `using` of each alter_column in the upgrade and in the downgrade.
    static func conversions(_ dialect: DialectName, from live: Column, to declared: Column) -> (up: [String?], down: [String?]) {
        let comparison = SchemaComparator(dialect: dialect).compare(declared: table(declared), live: table(live))
        func using(_ operations: [MigrateOperation]) -> [String?] {
            operations.compactMap { operation -> String?? in
                if case .alterColumn(let change) = operation { return .some(change.using) }
                return nil
            }
        }
        return (using(comparison.upgrade), using(comparison.downgrade))
    }

    @Test("PostgreSQL: each direction gets the conversion it needs")
    func postgresql() {
        let text = Column(name: "code", type: .string(length: 10), nullable: false, nativeType: "character varying(10)")
        let number = Column(name: "code", type: .integer, nullable: false)
        #expect(Self.conversions(.postgresql, from: text, to: number) == (up: ["code::integer"], down: [nil]))

        let flag = Column(name: "Flag", type: .integer, nullable: false, nativeType: "integer")
        let boolean = Column(name: "Flag", type: .boolean, nullable: false)
        #expect(Self.conversions(.postgresql, from: flag, to: boolean) == (up: [#""Flag"::boolean"#], down: [#""Flag"::integer"#]))

        let json = Column(name: "doc", type: .json, nativeType: "json")
        #expect(Self.conversions(.postgresql, from: json, to: Column(name: "doc", type: .jsonb)) == (up: [nil], down: [nil]))
    }

    @Test("The other databases convert by themselves", arguments: [DialectName.sqlite, .mariadb])
    func others(dialect: DialectName) {
        let text = Column(name: "code", type: .string(length: 10), nullable: false)
        #expect(Self.conversions(dialect, from: text, to: Column(name: "code", type: .integer, nullable: false)) == (up: [nil], down: [nil]))
    }

    @Test("A conversion puts the declared default back, not the live one typed by the old type")
    func defaultKept() throws {
        let live = Column(name: "rank", type: .string(length: 10), nullable: false,
                          serverDefault: .expression("'0'::character varying"), nativeType: "character varying(10)")
        let declared = Column(name: "rank", type: .integer, nullable: false, serverDefault: .literal("0"))
        let comparison = SchemaComparator(dialect: .postgresql).compare(declared: Self.table(declared), live: Self.table(live))
        guard case .alterColumn(let change) = try #require(comparison.upgrade.first) else {
            Issue.record("no alter_column: \(comparison.summary)")
            return
        }
        #expect(change.using == "rank::integer")
        #expect(change.serverDefault == nil)
        #expect(change.existing.serverDefault == .literal("0"))
        #expect(comparison.summary == ["alter_column item.rank: type String(10) -> Integer using rank::integer"])
    }
}
