import AlchemyDatabase
import AlchemyMigrate
import AlchemySQL
import AlchemyTestSupport
import Testing

/// A plain Alembic database keeps its revisions in `alembic_version`, where
/// alchemy looks for Advanced Alchemy's `alembic_versions`: `current`, `check` and
/// `upgrade` say so and name `version_table:`, and `upgrade` changes nothing.
@Suite("Alembic's alembic_version beside the configured version table")
struct AlembicVersionTableTests {
    static let models = """
        tables:
          note:
            columns:
              id: {type: Integer, primary_key: true}
              body: Text?
        """

    @Test("current warns, check and upgrade refuse, naming version_table", arguments: TestDatabases.dialects)
    func namesTheSetting(dialect: DialectName) throws {
        try TestDatabases.withScratchDatabase(dialect) { url in
            let project = try AutogenerateProject(url: url, models: Self.models)
            defer { project.remove() }
            _ = try project.autogenerate("notes")
            try project.succeed("upgrade")
            let connection = try openConnection(url)
            defer { connection.close() }
            // What Alembic's own project would have: the same rows under Alembic's default name.
            try connection.execute("ALTER TABLE alembic_versions RENAME TO alembic_version")

            let current = try project.succeed("current")
            #expect(current.stderr.contains("warning: the version table `alembic_versions` does not exist, but Alembic's `alembic_version` does"))
            #expect(current.stderr.contains("version_table: alembic_version"))

            let check = try project.alchemy("check")
            #expect(check.status == 2, "\(check.stderr)")
            #expect(check.stderr.contains("version_table: alembic_version"), "\(check.stderr)")

            let upgrade = try project.alchemy("upgrade")
            #expect(upgrade.status == 2, "\(upgrade.stderr)")
            #expect(upgrade.stderr.hasPrefix("error: the version table `alembic_versions` does not exist"), "\(upgrade.stderr)")
            #expect(upgrade.stderr.contains("version_table: alembic_version"))
            #expect(try !VersionTable(name: "alembic_versions").exists(on: connection), "upgrade created a second version table")
        }
    }
}
