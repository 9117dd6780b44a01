import AlchemySchema
import AlchemySQL
import Testing
@testable import AlchemyMigrate

@Suite("Autogenerate: server defaults")
struct AutogenerateServerDefaultTests {
    static let sameCases: [(DialectName, ColumnType, ServerDefault, String)] = [
        (.postgresql, .integer, .literal("0"), "0"),
        (.postgresql, .integer, .literal("0"), "'0'::integer"),
        (.postgresql, .enumeration(values: ["active"], name: "user_status"), .literal("active"), "'active'::user_status"),
        (.postgresql, .string(length: 10), .literal("x"), "'x'::character varying"),
        (.postgresql, .text, .literal("it's"), "'it''s'::text"),
        (.postgresql, .numeric(precision: 10, scale: 2), .literal("1.5"), "1.50"),
        (.postgresql, .integer, .literal("-1"), "'-1'::integer"),
        (.postgresql, .dateTimeUTC, .expression("CURRENT_TIMESTAMP"), "CURRENT_TIMESTAMP"),
        (.postgresql, .dateTimeUTC, .expression("now()"), "now()"),
        (.postgresql, .dateTimeUTC, .expression("CURRENT_TIMESTAMP"), "now()"),
        (.postgresql, .boolean, .literal("0"), "false"),
        (.postgresql, .boolean, .expression("TRUE"), "true"),
        (.postgresql, .guid(binary: nil), .expression("gen_random_uuid()"), "gen_random_uuid()"),
        (.postgresql, .dateTime(timezone: false), .expression("timezone('utc', now())"), "timezone('utc'::text, now())"),
        (.postgresql, .text, .expression("NULL"), "NULL::character varying"),
        (.mariadb, .dateTime(timezone: false), .expression("CURRENT_TIMESTAMP"), "current_timestamp()"),
        (.mariadb, .integer, .literal("0"), "0"),
        (.mariadb, .integer, .literal("0"), "'0'"),
        (.mariadb, .string(length: 10), .literal("a\\b"), "'a\\\\b'"),
        (.mariadb, .boolean, .literal("1"), "1"),
        (.mysql, .string(length: 10), .literal("active"), "active"),
        (.mysql, .dateTime(timezone: false), .expression("now()"), "CURRENT_TIMESTAMP"),
        (.sqlite, .integer, .literal("0"), "'0'"),
        (.sqlite, .dateTime(timezone: false), .expression("CURRENT_TIMESTAMP"), "(CURRENT_TIMESTAMP)"),
        (.sqlite, .text, .expression("(datetime('now'))"), "datetime('now')"),
        // In doubt: the same words rearranged by the server.
        (.postgresql, .integer, .expression("1 + 2"), "(2 + 1)"),
    ]

    @Test("reported defaults equal to the declared one", arguments: sameCases)
    func same(dialect: DialectName, type: ColumnType, declared: ServerDefault, reported: String) {
        let column = Column(name: "c", type: type, serverDefault: declared)
        var live = column
        live.serverDefault = .expression(reported)
        #expect(SchemaComparator.on(dialect).sameDefault(column, live), "\(declared) vs \(reported)")
    }

    static let differentCases: [(DialectName, ServerDefault?, String?)] = [
        (.postgresql, .literal("0"), "1"),
        (.postgresql, .literal("0"), nil),
        (.postgresql, nil, "0"),
        (.postgresql, .literal("a"), "'b'::character varying"),
        (.postgresql, .expression("CURRENT_TIMESTAMP"), "LOCALTIMESTAMP"),
        (.postgresql, .expression("now()"), "'2020-01-01'::date"),
        (.postgresql, nil, "nextval('t_c_seq'::regclass)"),
        (.mariadb, .literal("x"), "'y'"),
        (.sqlite, .literal("0"), "'1'"),
    ]

    @Test("different defaults", arguments: differentCases)
    func different(dialect: DialectName, declared: ServerDefault?, reported: String?) {
        let column = Column(name: "c", type: .integer, serverDefault: declared)
        var live = column
        live.serverDefault = reported.map(ServerDefault.expression)
        #expect(!SchemaComparator.on(dialect).sameDefault(column, live))
    }

    @Test("a sequence default on a generated key is no default")
    func sequenceOnGeneratedKey() {
        let key = Column(name: "id", type: .bigInteger, nullable: false, autoincrement: true)
        var live = key
        live.serverDefault = .expression("nextval('post_id_seq'::regclass)")
        #expect(SchemaComparator.on(.postgresql).sameDefault(key, live))
        live.serverDefault = .expression("nextval(`post_id_seq`)")
        #expect(SchemaComparator.on(.mariadb).sameDefault(key, live))
    }

    @Test("a changed default is alter_column(server_default:) and back")
    func changedDefault() {
        let declared = Schema(tables: [Table(name: "t", columns: [Column(name: "n", type: .integer, serverDefault: .literal("1"))])])
        let liveColumn = Column(name: "n", type: .integer, serverDefault: .expression("0"), nativeType: "integer")
        let live = Schema(tables: [Table(name: "t", columns: [liveColumn])])
        let comparison = SchemaComparator.on(.postgresql).compare(declared: declared, live: live)
        let reference = TableReference(name: "t")
        #expect(comparison.upgrade == [.alterColumn(AlterColumn(table: reference, existing: liveColumn, serverDefault: .some(.literal("1"))))])
        var after = liveColumn
        after.serverDefault = .literal("1")
        #expect(comparison.downgrade == [.alterColumn(AlterColumn(table: reference, existing: after, serverDefault: .some(.expression("0"))))])
        #expect(comparison.summary == ["alter_column t.n: server_default 0 -> '1'"])
    }

    @Test("compare_server_default off")
    func off() {
        let declared = Schema(tables: [Table(name: "t", columns: [Column(name: "n", type: .integer, serverDefault: .literal("1"))])])
        let live = Schema(tables: [Table(name: "t", columns: [Column(name: "n", type: .integer)])])
        #expect(SchemaComparator.on(.sqlite, ComparisonOptions(compareServerDefault: false)).compare(declared: declared, live: live).isEmpty)
    }
}
