import AlchemySchema
import AlchemySQL
import Testing
@testable import AlchemyMigrate

/// Another tool's version table (one `version_num` column, any name) is never
/// proposed for drop_table; the comparison says once that it left it alone.
@Suite("Autogenerate: tables shaped like a version table")
struct VersionTableShapeTests {
    typealias F = ComparisonFixtures

    static func versionShaped(_ name: String) -> Table {
        var table = Table(name: name)
        table.columns = [Column(name: "version_num", type: .string(length: 32), nullable: false)]
        table.primaryKey = PrimaryKey(name: name + "_pkc", columns: ["version_num"])
        return table
    }

    @Test("alembic_version and a renamed one are left alone with one warning each", arguments: DialectName.allCases)
    func leftAlone(dialect: DialectName) {
        var live = F.declared
        live.tables += [Self.versionShaped("alembic_version"), Self.versionShaped("legacy_versions")]
        let comparison = SchemaComparator.on(dialect).compare(declared: F.declared, live: live)
        #expect(comparison.upgrade == [], "\(comparison.summary)")
        #expect(comparison.warnings.count == 2)
        #expect(comparison.warnings.first?.hasPrefix("left table alembic_version alone: it has the shape of a version table") == true)
        #expect(comparison.warnings.first?.contains("version_table: alembic_version") == true)
    }

    @Test("a table with version_num and other columns is still dropped")
    func otherShapesDropped() {
        var table = Self.versionShaped("release")
        table.columns.append(Column(name: "notes", type: .text))
        var live = F.declared
        live.tables.append(table)
        let comparison = SchemaComparator.on(.postgresql).compare(declared: F.declared, live: live)
        #expect(comparison.summary == ["drop_table release"])
        #expect(comparison.warnings.isEmpty)
    }
}
