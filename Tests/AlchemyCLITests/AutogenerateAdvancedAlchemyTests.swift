import AlchemyDatabase
import AlchemySQL
import AlchemyTestSupport
import Foundation
import Testing

/// A database that Advanced Alchemy itself created (`metadata.create_all`, by
/// `Tests/Fixtures/aa_create_all.py`) from the same models: after `stamp head`,
/// `check` finds nothing to change. create_all differs from the migration path
/// (sequence-backed BigInt ids with no default on PostgreSQL and MariaDB, no
/// redundant slug index), and alchemy accepts both.
@Suite("Autogenerate: a database made by Advanced Alchemy's create_all")
struct AutogenerateAdvancedAlchemyTests {
    /// The YAML twin of the models in `aa_create_all.py`.
    static func models(_ dialect: DialectName) -> String {
        let plainString = dialect == .mariadb || dialect == .mysql ? "String(40)" : "String"
        return """
            tables:
              post:
                base: BigIntAuditBase
                comment: Blog posts
                columns:
                  title: {type: String(255), index: true}
                  content: Text
                  published: {type: Boolean, server_default: "0"}
                  view_count: {type: Integer, server_default: "0", comment: times read}
                  rating: "Numeric(5, 2)?"
                  published_at: {type: DateTimeUTC, nullable: true, index: true}
              tag:
                base: BigIntAuditBase
                mixins: [SlugKey]
                columns:
                  name: {type: String(100), unique: true, index: true}
              post_tag:
                columns:
                  post_id: {primary_key: true, foreign_key: post.id, ondelete: CASCADE}
                  tag_id: {primary_key: true, foreign_key: tag.id, ondelete: CASCADE}
              user_account:
                base: UUIDv7AuditBase
                comment: People who sign in
                columns:
                  email: {type: String(320), unique: true}
                  secret: EncryptedString(255)
                  notes: EncryptedText?
                  preferences: JsonB?
                  avatar: "StoredObject(backend: local_store)?"
                  photos: "StoredObject(backend: local_store, multiple: true)?"
                  password: PasswordHash(128)?
                  status: {type: "Enum(active, disabled, name: user_status)", server_default: active}
                  last_seen: DateTimeUTC?
                  external_id: GUID?
                  legacy_id: "GUID(binary: false)?"
                  raw_id: "GUID(binary: true)?"
                  motto: {type: String(100), server_default: "it's", nullable: true, comment: "the user's motto"}
                  joined: {type: DateTime, server_default: {sql: CURRENT_TIMESTAMP}}
                indexes:
                  - {name: ix_user_account_email_created, columns: [email, created_at]}
                unique_constraints:
                  - {name: uq_user_account_email_status, columns: [email, status]}
                check_constraints:
                  - {name: email_has_at, sqltext: "email LIKE '%@%'"}
              session:
                base: UUIDAuditBase
                columns:
                  user_id: {foreign_key: user_account.id, ondelete: CASCADE}
                  token: {type: String(64), unique: true, index: true}
              device:
                base: UUIDBase
                columns:
                  owner_id: {foreign_key: user_account.id, ondelete: SET NULL, nullable: true}
                  label: String(50)
              event:
                base: UUIDv6AuditBase
                columns:
                  kind: String(20)
                  payload: JSON?
              event_type:
                base: UUIDv6Base
                columns:
                  name: String(50)
              audit_entry:
                base: IdentityAuditBase
                columns:
                  action: String(50)
              counter:
                base: IdentityBase
                columns:
                  value: {type: BigInteger, server_default: "1"}
              legacy:
                base: BigIntBase
                columns:
                  code: {type: String(10), unique: true}
              every_type:
                base: BigIntBase
                columns:
                  c_int: Integer?
                  c_big: BigInteger?
                  c_small: SmallInteger?
                  c_bool: Boolean?
                  c_str: String(255)?
                  c_str_plain: \(plainString)?
                  c_text: Text?
                  c_float: Float?
                  c_double: Double?
                  c_num: "Numeric(10, 2)?"
                  c_date: Date?
                  c_time: Time?
                  c_dt: DateTime?
                  c_dttz: "DateTime(timezone: true)?"
                  c_interval: Interval?
                  c_bin: LargeBinary?
                  c_json: JSON?
                  c_uuid: Uuid?
                  c_enum: "Enum(a, b, name: kind)?"
                  c_flag: {type: Boolean, server_default: {sql: "false"}}
                  c_ratio: {type: Float, server_default: "0.5"}
                  c_label: {type: String(30), server_default: n/a}

            """
    }

    @Test("create_all, stamp head, then check passes", arguments: TestDatabases.dialects)
    func createAllThenCheck(dialect: DialectName) throws {
        try TestDatabases.withScratchDatabase(dialect) { url in
            let project = try AutogenerateProject(url: url, models: Self.models(dialect))
            defer { project.remove() }
            // The revision a team would have: written against the empty database.
            let revision = try project.autogenerate("create everything")
            #expect(!revision.isEmpty)

            let created = try PythonFixtures.run("aa_create_all.py", [project.urlText])
            if PythonFixtures.isMissingPackage(created) && !TestDatabases.isCI {
                return  // Advanced Alchemy is not installed here; CI installs it and runs this test.
            }
            #expect(created.status == 0, "aa_create_all.py failed: \(created.stderr)")
            guard created.status == 0 else { return }

            try project.succeed("stamp", "head")
            #expect(try project.alchemy("current").stdout == "\(revision) (head)\n")
            try AutogenerateZeroDiffTests.expectNoChanges(project)

            // Advanced Alchemy's migration path also makes a redundant unique slug
            // index beside `uq_tag_slug`: accepted as what SlugKey declares.
            let connection = try openConnection(url)
            defer { connection.close() }
            try connection.execute("CREATE UNIQUE INDEX ix_tag_slug_unique ON tag (slug)")
            let check = try project.check()
            #expect(check.status == 0, "with ix_tag_slug_unique on \(dialect.rawValue): \(check.output)")
            // Its checks are compared as the server spells them, not by name only.
            #expect(!check.output.contains("by name only"), "\(dialect.rawValue): \(check.output)")
        }
    }
}
