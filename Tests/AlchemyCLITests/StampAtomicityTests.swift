import AlchemyDatabase
import AlchemySQL
import AlchemyTestSupport
import Foundation
import Testing

/// `stamp` changes the version table in one transaction: when one of its row
/// changes fails, none stays.
@Suite("stamp is whole or not at all")
struct StampAtomicityTests {
    /// A trigger that refuses one revision id, created the way each database spells it.
    static func refuse(_ id: String, on connection: any Connection) throws {
        switch connection.dialect {
        case .sqlite:
            try connection.execute("""
                CREATE TRIGGER refuse_stamp BEFORE INSERT ON alembic_versions
                WHEN NEW.version_num = '\(id)' BEGIN SELECT RAISE(ABORT, 'refused'); END
                """)
        case .postgresql:
            try connection.execute("""
                CREATE FUNCTION refuse_stamp() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN IF NEW.version_num = '\(id)' THEN RAISE EXCEPTION 'refused'; END IF; RETURN NEW; END $$
                """)
            try connection.execute("CREATE TRIGGER refuse_stamp BEFORE INSERT ON alembic_versions FOR EACH ROW EXECUTE FUNCTION refuse_stamp()")
        case .mysql, .mariadb:
            try connection.execute("""
                CREATE TRIGGER refuse_stamp BEFORE INSERT ON alembic_versions FOR EACH ROW
                BEGIN IF NEW.version_num = '\(id)' THEN SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'refused'; END IF; END
                """)
        }
    }

    @Test("A stamp of two branches whose second row fails leaves the table as it was", arguments: TestDatabases.dialects)
    func wholeOrNothing(dialect: DialectName) throws {
        try TestDatabases.withScratchDatabase(dialect) { url in
            let folder = try RevisionCommandTests.project()
            defer { try? FileManager.default.removeItem(atPath: folder) }
            let urlText = try VersionTableCommandTests.urlText(url)
            func alchemy(_ arguments: String...) throws -> CommandRunner.Result {
                try CommandRunner.run(["database"] + arguments, in: folder, environment: ["DATABASE_URL": urlText])
            }
            // Two branches from one base: stamping both heads inserts two rows.
            #expect(try alchemy("revision", "-m", "base", "--rev-id", "e00000000001").status == 0)
            #expect(try alchemy("revision", "-m", "left", "--rev-id", "e00000000002").status == 0)
            #expect(try alchemy("revision", "-m", "right", "--rev-id", "e00000000003", "--head", "e00000000001", "--splice").status == 0)
            #expect(try alchemy("ensure-version").status == 0)
            let connection = try openConnection(url)
            defer { connection.close() }
            try Self.refuse("e00000000003", on: connection)

            let stamp = try alchemy("stamp", "e00000000002", "e00000000003")
            #expect(stamp.status != 0, "\(stamp.stdout)")
            #expect(stamp.stderr.contains("refused"), "\(stamp.stderr)")
            let rows = try connection.query("SELECT version_num FROM alembic_versions").compactMap { $0[0].stringValue }
            #expect(rows.isEmpty, "a half-made stamp stayed: \(rows)")
        }
    }
}
