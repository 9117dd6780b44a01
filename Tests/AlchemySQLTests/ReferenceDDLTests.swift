import AlchemyTestSupport
import AlchemySchema
import Testing
@testable import AlchemySQL

/// A reference table on a dialect.
struct ReferenceCell: Sendable, CustomTestStringConvertible {
    let dialect: DialectName
    let table: String
    var testDescription: String { "\(dialect): \(table)" }
}

@Suite("Reference DDL")
struct ReferenceDDLTests {
    static let cells = DialectName.allCases.flatMap { dialect in
        ReferenceTables.all.map { ReferenceCell(dialect: dialect, table: $0.name) }
    }

    /// Each table, created after the ones before it (as one revision would), renders
    /// the reference's DDL up to identifier quotes.
    @Test("create_table matches Advanced Alchemy's DDL", arguments: cells)
    func createTable(_ cell: ReferenceCell) throws {
        let dialect = cell.dialect.dialect
        let position = try #require(ReferenceTables.all.firstIndex { $0.name == cell.table })
        var context = Schema()
        for table in ReferenceTables.all[..<position] { try context.apply(.createTable(table)) }
        let statements = try dialect.render(.createTable(ReferenceTables.all[position]), in: context)
        let expected = try #require(ReferenceDDL.expected(cell.dialect)[cell.table])
        #expect(unquoted(script(statements)) == expected)
    }

    /// The only difference from the reference text is that every identifier is quoted.
    @Test("identifiers are always quoted")
    func quotedChild() throws {
        let child = ReferenceTables.child
        #expect(script(try PostgreSQLDialect().render(.createTable(child), in: Schema())) == """
        CREATE TABLE "child" (
          "id" UUID NOT NULL,
          "post_id" BIGINT NOT NULL,
          "u4_id" UUID,
          "sa_orm_sentinel" INTEGER,
          CONSTRAINT "pk_child" PRIMARY KEY ("id"),
          CONSTRAINT "fk_child_post_id_post" FOREIGN KEY("post_id") REFERENCES "post" ("id") ON DELETE CASCADE,
          CONSTRAINT "fk_child_u4_id_u4" FOREIGN KEY("u4_id") REFERENCES "u4" ("id")
        );
        """)
        #expect(script(try MariaDBDialect().render(.createTable(ReferenceTables.post), in: Schema())) == """
        CREATE TABLE `post` (
          `id` BIGINT NOT NULL AUTO_INCREMENT,
          `title` VARCHAR(255) NOT NULL,
          `created_at` DATETIME NOT NULL,
          `updated_at` DATETIME NOT NULL,
          CONSTRAINT `pk_post` PRIMARY KEY (`id`),
          INDEX `ix_post_title` (`title`)
        );
        """)
    }

    /// Dropping every reference table in reverse drops the enum type after its last user.
    @Test("the whole reference round-trips on PostgreSQL")
    func postgresqlRoundTrip() throws {
        let creates = ReferenceTables.all.map { MigrateOperation.createTable($0) }
        let drops = ReferenceTables.all.reversed().map { MigrateOperation.dropTable($0) }
        let statements = sql(try replay(creates + drops, on: PostgreSQLDialect()))
        #expect(statements.filter { $0.hasPrefix("CREATE TYPE") } == [#"CREATE TYPE "kind" AS ENUM ('a', 'b')"#])
        let dropTypes = try #require(statements.firstIndex(of: #"DROP TYPE "kind""#))
        #expect(statements[dropTypes - 1] == #"DROP TABLE "types""#)
    }
}
