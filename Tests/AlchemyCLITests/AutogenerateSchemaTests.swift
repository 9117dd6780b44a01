import AlchemyDatabase
import AlchemySQL
import AlchemyTestSupport
import Foundation
import Testing

/// Models that name a schema other than the default (`schema: audit`) on PostgreSQL.
@Suite("Autogenerate: other schemas")
struct AutogenerateSchemaTests {
    static let models = """
        tables:
          account:
            base: BigIntBase
            columns:
              name: String(50)
          event:
            schema: audit
            base: BigIntBase
            columns:
              account_id: {foreign_key: account.id, ondelete: CASCADE}
              what: Text
        """

    @Test("a table in another schema is created once, then matches; dropping it from the models drops it")
    func otherSchema() throws {
        guard TestDatabases.dialects.contains(.postgresql) else { return }
        try TestDatabases.withScratchDatabase(.postgresql) { url in
            let connection = try openConnection(url)
            defer { connection.close() }
            try connection.execute("CREATE SCHEMA audit")
            let project = try AutogenerateProject(url: url, models: Self.models)
            try project.succeed("revision", "--autogenerate", "-m", "init")
            try project.succeed("upgrade")
            #expect(try !connection.query("SELECT 1 FROM information_schema.tables WHERE table_schema = 'audit' AND table_name = 'event'").isEmpty)
            let clean = try project.check()
            #expect(clean.status == 0, "\(clean.output)")

            try project.writeModels(Self.models.replacingOccurrences(of: "      what: Text", with: "      what: Text\n      at: DateTimeUTC?"))
            let changed = try project.check()
            #expect(changed.status == 1)
            #expect(changed.operations == ["add_column audit.event.at"])
        }
    }
}
