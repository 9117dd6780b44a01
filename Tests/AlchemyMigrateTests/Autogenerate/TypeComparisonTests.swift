import AlchemySchema
import AlchemySQL
import Testing
@testable import AlchemyMigrate

/// The per-dialect type spellings (AlchemySQL's `*ReportedTypes.swift`): every
/// declared type against what its database reports, and real differences.
@Suite("Autogenerate: types")
struct AutogenerateTypeTests {
    typealias F = ComparisonFixtures

    static let sameCases: [(DialectName, ColumnType, String)] = F.typeRows.flatMap { row in
        [(DialectName.postgresql, row.type, row.postgresql), (.mariadb, row.type, row.mariadb),
         (.sqlite, row.type, row.sqlite)]
    } + [
        (.postgresql, .string(length: 255), "VARCHAR(255)"),
        (.postgresql, .dateTime(timezone: true), "TIMESTAMP WITH TIME ZONE"),
        (.postgresql, .dateTime(timezone: true), "timestamptz"),
        (.postgresql, .integer, "int4"),
        (.postgresql, .float, "float8"),
        (.postgresql, .numeric(precision: 10, scale: 2), "decimal(10, 2)"),
        (.postgresql, .enumeration(values: ["active"], name: "user_status"), "user_status"),
        (.postgresql, .enumeration(values: ["active"], name: "user_status"), "app.\"user_status\""),
        (.postgresql, .time, "time"),
        (.mysql, .integer, "int"),
        (.mysql, .integer, "int(11)"),
        (.mysql, .bigInteger, "bigint"),
        (.mysql, .boolean, "tinyint(1)"),
        (.mysql, .json, "json"),
        (.mysql, .numeric(precision: 10, scale: 2), "decimal(10,2)"),
        (.mysql, .numeric(precision: nil, scale: nil), "decimal(10,0)"),
        (.mariadb, .double, "double precision"),
        (.mariadb, .enumeration(values: ["it's", "b"], name: nil), "enum('it''s','b')"),
        (.sqlite, .numeric(precision: 10, scale: 2), "numeric(10,2)"),
    ]

    @Test("declared and reported spellings of one type are the same", arguments: sameCases)
    func same(dialect: DialectName, type: ColumnType, reported: String) {
        let declared = Column(name: "c", type: type)
        let live = F.reported(declared, reported)
        let change = compare(dialect, declared, live)
        #expect(change == nil, "\(dialect) \(type) vs \(reported)")
    }

    static let differentCases: [(DialectName, ColumnType, String)] = [
        (.postgresql, .string(length: 255), "character varying(100)"),
        (.postgresql, .bigInteger, "integer"),
        (.postgresql, .float, "real"),
        (.postgresql, .dateTime(timezone: true), "timestamp without time zone"),
        (.postgresql, .jsonb, "json"),
        (.postgresql, .text, "character varying"),
        (.postgresql, .enumeration(values: ["a"], name: "kind"), "other_kind"),
        (.mariadb, .json, "text"),
        (.mariadb, .text, "longtext"),
        (.mariadb, .boolean, "tinyint(4)"),
        (.mariadb, .integer, "bigint(20)"),
        (.mariadb, .integer, "int(10) unsigned"),
        (.mariadb, .numeric(precision: 10, scale: 2), "decimal(12,2)"),
        (.mariadb, .guid(binary: false), "binary(16)"),
        (.mariadb, .enumeration(values: ["a", "b"], name: nil), "enum('a','B')"),
        (.mysql, .json, "longtext"),
        (.sqlite, .guid(binary: nil), "NUMERIC(16)"),
        (.sqlite, .bigInteger, "INTEGER"),
        (.sqlite, .string(length: 255), "VARCHAR(100)"),
    ]

    @Test("different types give alter_column(type:) with existing", arguments: differentCases)
    func different(dialect: DialectName, type: ColumnType, reported: String) throws {
        let declared = Column(name: "c", type: type)
        let live = F.reported(Column(name: "c", type: .text), reported)
        let change = try #require(compare(dialect, declared, live), "\(dialect) \(type) vs \(reported)")
        #expect(change.type == type)
        #expect(change.existing == live)
        #expect(change.nullable == nil && change.serverDefault == nil && change.comment == nil)
    }

    @Test("generated keys: BIGSERIAL, AUTO_INCREMENT and the SQLite rowid are the declared key")
    func generatedKeys() {
        let key = Column(name: "id", type: .bigInteger, nullable: false, autoincrement: true)
        #expect(compare(.postgresql, key, F.reported(key, "bigint")) == nil)
        #expect(compare(.mariadb, key, F.reported(key, "bigint(20)")) == nil)
        #expect(compare(.sqlite, key, F.reported(key, "INTEGER")) == nil)
        #expect(compare(.sqlite, key, F.reported(key, "BIGINT")) != nil)
    }

    @Test("without nativeType, ColumnType values decide")
    func withoutNativeType() {
        let declared = Column(name: "c", type: .guid(binary: nil))
        #expect(compare(.postgresql, declared, declared) == nil)
        #expect(compare(.postgresql, declared, Column(name: "c", type: .uuid))?.type == .guid(binary: nil))
    }

    @Test("compare_type off leaves types alone, but not enum values")
    func compareTypeOff() {
        let options = ComparisonOptions(compareType: false)
        let declared = Column(name: "c", type: .bigInteger)
        #expect(compare(.postgresql, declared, F.reported(declared, "integer"), options) == nil)
        let status = Column(name: "s", type: .enumeration(values: ["a", "b"], name: "st"))
        let live = F.reported(Column(name: "s", type: .enumeration(values: ["a"], name: "st")), "st")
        #expect(compare(.postgresql, status, live, options)?.type == status.type)
    }

    @Test("PostgreSQL enum with an appended value: alter_column whose SQL is ALTER TYPE ADD VALUE")
    func enumValueAdded() throws {
        let declaredColumn = Column(name: "status", type: .enumeration(values: ["active", "disabled", "banned"], name: "user_status"), nullable: false)
        let liveColumn = F.reported(Column(name: "status", type: .enumeration(values: ["active", "disabled"], name: "user_status"), nullable: false), "user_status")
        let declared = Schema(tables: [Table(name: "account", columns: [declaredColumn])])
        let live = Schema(tables: [Table(name: "account", columns: [liveColumn])])
        let comparison = SchemaComparator.on(.postgresql).compare(declared: declared, live: live)
        let reference = TableReference(name: "account")
        #expect(comparison.upgrade == [.alterColumn(AlterColumn(table: reference, existing: liveColumn, type: declaredColumn.type))])
        var back = declaredColumn
        back.nativeType = nil
        #expect(comparison.downgrade == [.alterColumn(AlterColumn(table: reference, existing: back, type: liveColumn.type))])
        let sql = try DialectName.postgresql.dialect.render(comparison.upgrade[0], in: live).map(\.sql)
        #expect(sql == [#"ALTER TYPE "user_status" ADD VALUE 'banned' AFTER 'disabled'"#])
    }

    @Test("canonical spellings", arguments: [
        (DialectName.postgresql, "TIMESTAMP(6) WITH TIME ZONE", "timestamptz(6)"),
        (.postgresql, "BIGSERIAL", "int8"),
        (.postgresql, "\"Mixed\"", "Mixed"),
        (.mariadb, "JSON", "longtext"),
        (.mysql, "JSON", "json"),
        (.mysql, "INT(10) UNSIGNED", "int unsigned"),
        (.mysql, "ENUM('A', 'b')", "enum('A','b')"),
        (.sqlite, "Numeric( 10 , 2 )", "numeric(10,2)"),
    ])
    func canonical(dialect: DialectName, sql: String, expected: String) {
        #expect(dialect.dialect.canonicalType(sql) == expected)
    }

    private func compare(_ dialect: DialectName, _ declared: Column, _ live: Column,
                         _ options: ComparisonOptions = ComparisonOptions()) -> AlterColumn? {
        SchemaComparator.on(dialect, options).alteration(
            of: live, to: declared, declared: Table(name: "t"), live: Table(name: "t"))
    }
}
