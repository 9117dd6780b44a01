import AlchemySchema
import AlchemySQL
import Testing
@testable import AlchemyMigrate

/// DESIGN §5: a database that already matches the models gives no operation,
/// on every dialect, whichever way it was made.
@Suite("Autogenerate: no spurious changes")
struct AutogenerateNoChangeTests {
    typealias F = ComparisonFixtures

    @Test("identical schemas compare empty", arguments: DialectName.allCases)
    func identical(dialect: DialectName) {
        let comparison = SchemaComparator.on(dialect).compare(declared: F.declared, live: F.declared)
        #expect(comparison.isEmpty)
        #expect(comparison.downgrade.isEmpty)
        #expect(comparison.summary.isEmpty)
    }

    @Test("alchemy's own schema as each database reports it", arguments: DialectName.allCases)
    func reportedSpellings(dialect: DialectName) {
        let comparison = SchemaComparator.on(dialect).compare(declared: F.declared, live: F.live(dialect))
        #expect(comparison.upgrade == [], "\(comparison.summary)")
    }

    @Test("Advanced Alchemy's create_all schema: plain BIGINT ids beside a sequence", arguments: DialectName.allCases)
    func createAll(dialect: DialectName) {
        let comparison = SchemaComparator.on(dialect).compare(declared: F.declared, live: F.live(dialect, createAll: true))
        #expect(comparison.upgrade == [], "\(comparison.summary)")
    }

    @Test("a BIGSERIAL id whose nextval default is reported as a default")
    func serialDefaultReported() {
        let live = F.live(.postgresql).with("post") { table in
            table = table.with(column: "id") {
                $0.autoincrement = false
                $0.serverDefault = .expression("nextval('post_id_seq'::regclass)")
            }
        }
        #expect(SchemaComparator.on(.postgresql).compare(declared: F.declared, live: live).isEmpty)
    }

    @Test("AA's migration path: the redundant slug index is accepted", arguments: DialectName.allCases)
    func redundantSlugIndex(dialect: DialectName) {
        let live = F.live(dialect).with("slugged") { table in
            if dialect == .mariadb || dialect == .mysql {
                // MariaDB reports every unique key as a unique constraint.
                table.uniqueConstraints.append(UniqueConstraint(name: "ix_slugged_slug_unique", columns: ["slug"]))
            } else {
                table.indexes.append(Index(name: "ix_slugged_slug_unique", columns: ["slug"], unique: true))
            }
        }
        #expect(SchemaComparator.on(dialect).compare(declared: F.declared, live: live).isEmpty)
    }

    @Test("MySQL family: a unique constraint reported as a unique index, implicit FK indexes, PRIMARY",
          arguments: [DialectName.mysql, .mariadb])
    func mysqlIndexes(dialect: DialectName) {
        var live = F.live(dialect).with("slugged") { table in
            table.uniqueConstraints = []
            table.indexes.append(Index(name: "uq_slugged_slug", columns: ["slug"], unique: true))
            table.indexes.append(Index(name: "PRIMARY", columns: ["id"], unique: true))
        }
        live = live.with("child") { table in
            table.indexes.append(Index(name: "fk_child_u4_id_u4", columns: ["u4_id"]))
            table.indexes.append(Index(name: "fk_child_post_id_post", columns: ["post_id"]))
            table.foreignKeys[0].onUpdate = .restrict
        }
        live = live.with("types") { table in
            table.checkConstraints.append(CheckConstraint(name: "c_json", sqltext: "json_valid(`c_json`)"))
        }
        #expect(SchemaComparator.on(dialect).compare(declared: F.declared, live: live).isEmpty)
    }

    @Test("a declared unique index reported as a unique constraint (MariaDB)")
    func uniqueIndexAsConstraint() {
        let declared = Schema(tables: [F.post.with(column: "title") { _ in }]).with("post") {
            $0.indexes = [Index(name: "ix_post_title", columns: ["title"], unique: true)]
        }
        let live = Schema(tables: [F.live(F.post, on: .mariadb, createAll: false)]).with("post") {
            $0.indexes = []
            $0.uniqueConstraints = [UniqueConstraint(name: "ix_post_title", columns: ["title"])]
        }
        #expect(SchemaComparator.on(.mariadb).compare(declared: declared, live: live).isEmpty)
    }

    @Test("expression indexes are never compared")
    func expressionIndexes() {
        let live = F.declared.with("post") {
            $0.indexes.append(Index(name: "ix_lower_title", columns: [], expressions: ["lower(title)"]))
        }
        #expect(SchemaComparator.on(.postgresql).compare(declared: F.declared, live: live).isEmpty)
    }

    @Test("PostgreSQL's primary-key index and rewritten check text are no change")
    func postgresqlConstraints() {
        let declared = F.declared.with("post") {
            $0.checkConstraints = [CheckConstraint(name: "ck_post_title", sqltext: "title LIKE '%x%'")]
        }
        let live = F.live(.postgresql).with("post") {
            $0.checkConstraints = [CheckConstraint(name: "ck_post_title", sqltext: "((title)::text ~~ '%x%'::text)")]
            $0.indexes.append(Index(name: "pk_post", columns: ["id"], unique: true))
        }
        #expect(SchemaComparator.on(.postgresql).compare(declared: declared, live: live).isEmpty)
    }

    @Test("SQLite: comments are not stored, so a declared comment is not missing")
    func sqliteComments() {
        let declared = F.declared.with("post") {
            $0.comment = "posts"
            $0 = $0.with(column: "title") { $0.comment = "the title" }
        }
        #expect(SchemaComparator.on(.sqlite).compare(declared: declared, live: F.live(.sqlite)).isEmpty)
    }

    @Test("SQLite: unnamed constraints are found by definition; internal tables are ignored")
    func sqliteUnnamed() {
        var live = F.live(.sqlite).with("slugged") { $0.uniqueConstraints[0].name = nil }
        live = live.with("child") { table in
            for i in table.foreignKeys.indices { table.foreignKeys[i].name = nil }
        }
        live = live.with("post") {
            $0.indexes.append(Index(name: "sqlite_autoindex_post_1", columns: ["title"], unique: true))
        }
        live.tables.append(Table(name: "sqlite_sequence", columns: [Column(name: "name", type: .text)]))
        #expect(SchemaComparator.on(.sqlite).compare(declared: F.declared, live: live).isEmpty)
    }

    @Test("autogenerate's output applied gives a schema that compares empty", arguments: DialectName.allCases)
    func appliedOutputChecksClean(dialect: DialectName) throws {
        let live = Schema(tables: [F.post, F.u4])
        let comparator = SchemaComparator.on(dialect)
        let comparison = comparator.compare(declared: F.declared, live: live)
        var applied = live
        for operation in comparison.upgrade { try applied.apply(operation) }
        #expect(comparator.compare(declared: F.declared, live: applied).isEmpty)
    }
}
