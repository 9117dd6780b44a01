import AlchemyDatabase
import AlchemySQL
import AlchemySchema
import AlchemyTestSupport
import Foundation
import Testing

/// NanoID keys are Advanced Alchemy's bare VARCHAR where the database allows it,
/// and `check` accepts both that and the VARCHAR(21) earlier alchemy versions made.
@Suite("NanoID keys")
struct NanoIDKeyTests {
    static let models = """
        tables:
          short_link:
            base: NanoIDAuditBase
            columns:
              target: String(200)

        """

    /// The table as Advanced Alchemy's create_all makes it (bare VARCHAR, except on
    /// MariaDB), or as alchemy made it before (VARCHAR(21) everywhere).
    static func createTable(_ dialect: DialectName, keyType: String) -> String {
        let timestamp = dialect == .postgresql ? "TIMESTAMP WITH TIME ZONE" : "DATETIME"
        return """
            CREATE TABLE short_link (
              id \(keyType) NOT NULL,
              target VARCHAR(200) NOT NULL,
              sa_orm_sentinel INTEGER,
              created_at \(timestamp) NOT NULL,
              updated_at \(timestamp) NOT NULL,
              CONSTRAINT pk_short_link PRIMARY KEY (id)
            )
            """
    }

    static func advancedAlchemyKey(_ dialect: DialectName) -> String {
        dialect == .mariadb || dialect == .mysql ? "VARCHAR(21)" : "VARCHAR"
    }

    @Test("alchemy creates what Advanced Alchemy creates", arguments: TestDatabases.dialects)
    func rendersAdvancedAlchemyKey(dialect: DialectName) throws {
        try TestDatabases.withScratchDatabase(dialect) { url in
            let project = try AutogenerateProject(url: url, models: Self.models)
            defer { project.remove() }
            let revision = try project.autogenerate("short links")
            #expect(try project.revisionText(revision).contains("type: NanoID"))
            try project.succeed("upgrade", "head")
            let id = try #require(try project.introspect().table(TableReference(name: "short_link"))?.column(named: "id"))
            #expect(dialect.dialect.canonicalType(id.nativeType ?? "") == dialect.dialect.canonicalType(Self.advancedAlchemyKey(dialect)))
            try AutogenerateZeroDiffTests.expectNoChanges(project)
        }
    }

    @Test("check accepts bare VARCHAR and VARCHAR(21) keys", arguments: TestDatabases.dialects)
    func acceptsBothSpellings(dialect: DialectName) throws {
        for keyType in Set([Self.advancedAlchemyKey(dialect), "VARCHAR(21)"]).sorted() {
            try TestDatabases.withScratchDatabase(dialect) { url in
                let project = try AutogenerateProject(url: url, models: Self.models)
                defer { project.remove() }
                let connection = try openConnection(url)
                defer { connection.close() }
                try connection.execute(Self.createTable(dialect, keyType: keyType))
                let check = try project.check()
                #expect(check.status == 0, "id \(keyType) on \(dialect.rawValue): \(check.output)")
            }
        }
    }
}
