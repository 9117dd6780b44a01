import AlchemyTestSupport
import AlchemySchema
import AlchemySQL
import Testing
@testable import AlchemyMigrate

/// For random small schemas S1 and S2: applying compare(S2, S1).upgrade to S1
/// gives S2, and applying the downgrade after it gives S1 back (modulo order).
@Suite("Autogenerate: round trip")
struct AutogenerateRoundTripTests {
    typealias Generator = SeededGenerator

    static let tableNames = ["alpha", "beta", "gamma", "delta"]
    static let columnNames = ["c1", "c2", "c3", "c4"]
    static let types: [ColumnType] = [
        .integer, .bigInteger, .text, .string(length: 50), .boolean, .dateTimeUTC,
        .enumeration(values: ["x", "y"], name: "kind"), .enumeration(values: ["x", "y", "z"], name: "kind"),
    ]
    static let defaults: [ServerDefault?] = [nil, nil, .literal("0"), .literal("a"), .expression("CURRENT_TIMESTAMP")]
    static let comments: [String?] = [nil, nil, "note", "other note"]

    static func randomSchema(_ g: inout Generator) -> Schema {
        let names = tableNames.filter { _ in Bool.random(using: &g) }
        var tables: [Table] = []
        for name in names {
            var table = Table(name: name,
                              columns: [Column(name: "id", type: .integer, nullable: false)],
                              primaryKey: PrimaryKey(name: "pk_\(name)", columns: ["id"]),
                              comment: comments.randomElement(using: &g)!)
            for column in columnNames where Bool.random(using: &g) {
                table.columns.append(Column(
                    name: column, type: types.randomElement(using: &g)!, nullable: Bool.random(using: &g),
                    serverDefault: defaults.randomElement(using: &g)!, comment: comments.randomElement(using: &g)!))
                switch Int.random(in: 0..<6, using: &g) {
                case 0: table.indexes.append(Index(name: "ix_\(name)_\(column)", columns: [column]))
                case 1: table.uniqueConstraints.append(UniqueConstraint(name: "uq_\(name)_\(column)", columns: [column]))
                case 2:
                    if let target = names.randomElement(using: &g) {
                        table.foreignKeys.append(ForeignKey(
                            name: "fk_\(name)_\(column)_\(target)", columns: [column], referredTable: target,
                            referredColumns: ["id"], onDelete: Bool.random(using: &g) ? .cascade : nil))
                    }
                default: break
                }
            }
            if Bool.random(using: &g) { table.checkConstraints.append(CheckConstraint(name: "ck_\(name)_id", sqltext: "id > 0")) }
            tables.append(table)
        }
        return Schema(tables: tables.shuffled(using: &g))
    }

    /// The schema with every list sorted, so that order does not matter.
    static func normalized(_ schema: Schema) -> Schema {
        var schema = schema
        schema.tables.sort { $0.name < $1.name }
        for i in schema.tables.indices {
            schema.tables[i].columns.sort { $0.name < $1.name }
            schema.tables[i].indexes.sort { $0.name < $1.name }
            schema.tables[i].uniqueConstraints.sort { ($0.name ?? "") < ($1.name ?? "") }
            schema.tables[i].foreignKeys.sort { ($0.name ?? "") < ($1.name ?? "") }
            schema.tables[i].checkConstraints.sort { ($0.name ?? "") < ($1.name ?? "") }
        }
        return schema
    }

    @Test("upgrade turns S1 into S2, downgrade brings S1 back", arguments: [DialectName.postgresql, .mariadb])
    func roundTrip(dialect: DialectName) throws {
        var g = Generator(state: 20_261_123)
        let comparator = SchemaComparator.on(dialect)
        for trial in 0..<300 {
            let s1 = Self.randomSchema(&g), s2 = Self.randomSchema(&g)
            let comparison = comparator.compare(declared: s2, live: s1)
            var upgraded = s1
            for operation in comparison.upgrade { try upgraded.apply(operation) }
            #expect(Self.normalized(upgraded) == Self.normalized(s2), "trial \(trial): \(comparison.summary)")
            #expect(comparator.compare(declared: s2, live: upgraded).isEmpty, "trial \(trial)")
            var downgraded = upgraded
            for operation in comparison.downgrade { try downgraded.apply(operation) }
            #expect(Self.normalized(downgraded) == Self.normalized(s1), "trial \(trial): \(comparison.downgrade.map(\.summary))")
            #expect(comparison.downgrade == comparison.upgrade.reversed().map { $0.reversed { comparator.dialectName.dialect.typeConversion(of: $0, to: $1) } })
        }
    }
}
