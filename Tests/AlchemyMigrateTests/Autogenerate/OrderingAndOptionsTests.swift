import AlchemySchema
import AlchemySQL
import Testing
@testable import AlchemyMigrate

@Suite("Autogenerate: ordering and options")
struct AutogenerateOrderingTests {
    typealias F = ComparisonFixtures

    static func table(_ name: String, references: [String] = []) -> Table {
        Table(name: name,
              columns: [Column(name: "id", type: .integer, nullable: false)]
                  + references.map { Column(name: "\($0)_id", type: .integer) },
              primaryKey: PrimaryKey(name: "pk_\(name)", columns: ["id"]),
              foreignKeys: references.map {
                  ForeignKey(name: "fk_\(name)_\($0)", columns: ["\($0)_id"], referredTable: $0, referredColumns: ["id"])
              })
    }

    @Test("new tables come after the tables they refer to, ties by name; drops in reverse")
    func topological() {
        let tables = [Self.table("a", references: ["c"]), Self.table("b"), Self.table("c", references: ["b"]), Self.table("d")]
        let comparison = SchemaComparator.on(.postgresql).compare(declared: Schema(tables: tables), live: Schema())
        #expect(comparison.summary == ["create_table b", "create_table c", "create_table a", "create_table d"])
        #expect(comparison.downgrade.map(\.summary) == ["drop_table d", "drop_table a", "drop_table c", "drop_table b"])
        let drop = SchemaComparator.on(.postgresql).compare(declared: Schema(), live: Schema(tables: tables.reversed()))
        #expect(drop.summary == ["drop_table d", "drop_table a", "drop_table c", "drop_table b"])
    }

    @Test("a cycle: create the tables, then add the keys that close it")
    func cycle() throws {
        let a = Self.table("a", references: ["b"]), b = Self.table("b", references: ["a"])
        let comparison = SchemaComparator.on(.postgresql).compare(declared: Schema(tables: [b, a]), live: Schema())
        var aWithout = a
        aWithout.foreignKeys = []
        #expect(comparison.upgrade == [.createTable(aWithout), .createTable(b), .createForeignKey(a.reference, a.foreignKeys[0])])
        #expect(comparison.downgrade == [.dropConstraint(a.reference, .foreignKey(a.foreignKeys[0])), .dropTable(b), .dropTable(aWithout)])
        // Dropping the cycle: the closing key goes first, and comes back last.
        let drop = SchemaComparator.on(.postgresql).compare(declared: Schema(), live: Schema(tables: [a, b]))
        #expect(drop.upgrade == [.dropConstraint(a.reference, .foreignKey(a.foreignKeys[0])), .dropTable(b), .dropTable(aWithout)])
        // Every statement renders in order on every dialect.
        for dialect in [DialectName.postgresql, .mariadb] {
            var context = Schema()
            for operation in comparison.upgrade + comparison.downgrade {
                _ = try dialect.dialect.render(operation, in: context)
                try context.apply(operation)
            }
            #expect(context.tables.isEmpty)
        }
    }

    @Test("foreign keys to a dropped table go before it; new keys after new tables and columns")
    func foreignKeysAroundTables() {
        let live = Schema(tables: [Self.table("old"), Self.table("keep", references: ["old"])])
        var keep = Self.table("keep", references: ["new"])
        keep.columns.removeAll { $0.name == "old_id" }
        let declared = Schema(tables: [keep, Self.table("new")])
        let comparison = SchemaComparator.on(.postgresql).compare(declared: declared, live: live)
        #expect(comparison.summary == [
            "drop_constraint fk_keep_old on keep",
            "add_column keep.new_id",
            "drop_column keep.old_id",
            "create_table new",
            "create_foreign_key fk_keep_new on keep",
            "drop_table old",
        ])
    }

    @Test("the same difference gives the same operations whatever the input order")
    func deterministic() {
        let tables = (0..<8).map { Self.table("t\($0)", references: $0 > 0 ? ["t\($0 - 1)"] : []) }
        let one = SchemaComparator.on(.sqlite).compare(declared: Schema(tables: tables), live: Schema(tables: [Self.table("z")]))
        let two = SchemaComparator.on(.sqlite).compare(declared: Schema(tables: tables.reversed()), live: Schema(tables: [Self.table("z")]))
        #expect(one == two)
    }

    @Test("excluded tables and the version table are never compared or touched")
    func exclusions() {
        let options = ComparisonOptions(excludeTables: ["spatial_ref_sys", "tmp_*", "log_?"], versionTable: "alembic_versions")
        let live = Schema(tables: [Self.table("spatial_ref_sys"), Self.table("tmp_import"), Self.table("log_1"),
                                   Self.table("alembic_versions"), Self.table("log_12")])
        let declared = Schema(tables: [Self.table("tmp_models")])
        let comparison = SchemaComparator.on(.postgresql, options).compare(declared: declared, live: live)
        #expect(comparison.summary == ["drop_table log_12"])
    }

    @Test("glob patterns", arguments: [
        ("tmp_*", "tmp_", true), ("tmp_*", "tmp_x_y", true), ("tmp_*", "xtmp_a", false),
        ("log_?", "log_1", true), ("log_?", "log_12", false), ("*", "anything", true),
        ("a*b*c", "aXbYc", true), ("a*b*c", "aXbY", false), ("exact", "exact", true), ("exact", "exactly", false),
    ])
    func glob(pattern: String, name: String, matches: Bool) {
        #expect(Glob.matches(pattern, name) == matches)
    }

    @Test("a pattern with a dot matches schema.name")
    func schemaPattern() {
        let options = ComparisonOptions(excludeTables: ["audit.*"])
        #expect(options.isExcluded(TableReference(name: "log", schema: "audit")))
        #expect(!options.isExcluded(TableReference(name: "log")))
    }

    @Test("a renamed version table is still never touched")
    func versionTable() {
        let options = ComparisonOptions(versionTable: "schema_versions")
        let live = Schema(tables: [Self.table("schema_versions")])
        #expect(SchemaComparator.on(.sqlite, options).compare(declared: Schema(), live: live).isEmpty)
        #expect(!SchemaComparator.on(.sqlite).compare(declared: Schema(), live: live).isEmpty)
    }
}
