import AlchemyDatabase
import AlchemySQL
import AlchemySchema
import AlchemyTestSupport
import Foundation
import Testing

/// Partial (`where:`) and expression (`expressions:`) indexes declared in model
/// files: created, read back and found equal where the database has them; MariaDB
/// (no partial or expression indexes) refuses the revision before changing anything.
@Suite("Models: partial and expression indexes end to end")
struct ModelIndexKindsTests {
    static let models = """
        tables:
          person:
            columns:
              id: {type: Integer, primary_key: true}
              email: String(200)
              city: String(50)
              status: String(20)
            indexes:
              - {name: ix_person_email_lower, expressions: ["lower(email)"], unique: true}
              - {columns: [city], expressions: ["lower(status)"]}
              - {name: ix_person_active, columns: [status], where: "status = 'active'"}

        """

    @Test("autogenerate, upgrade, then check finds nothing; MariaDB refuses at once", arguments: TestDatabases.dialects)
    func roundTrip(dialect: DialectName) throws {
        try TestDatabases.withScratchDatabase(dialect) { url in
            let project = try AutogenerateProject(url: url, models: Self.models)
            defer { project.remove() }
            _ = try project.autogenerate("people")
            if dialect == .mariadb || dialect == .mysql {
                let upgrade = try project.alchemy("upgrade", "head")
                #expect(upgrade.status != 0)
                #expect(upgrade.stderr.contains("ix_person_"), "\(upgrade.stderr)")
                #expect(upgrade.stderr.contains("partial indexes") || upgrade.stderr.contains("indexes columns only"), "\(upgrade.stderr)")
                #expect(try project.introspect().table(.init(name: "person")) == nil, "a half-made table was left behind")
                return
            }
            try project.succeed("upgrade", "head")
            let live = try #require(try project.introspect().table(.init(name: "person")))
            #expect(Set(live.indexes.map(\.name)) == ["ix_person_email_lower", "ix_person_city", "ix_person_active"])
            try AutogenerateZeroDiffTests.expectNoChanges(project)

            // Another expression is a difference.
            try project.writeModels(Self.models.replacingOccurrences(of: "lower(status)", with: "upper(status)"))
            let check = try project.check()
            #expect(check.status == 1, "\(check.output)")
            #expect(check.operations.contains { $0.contains("ix_person_city") }, "\(check.output)")
        }
    }
}
