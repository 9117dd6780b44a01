import AlchemyDatabase
import AlchemySQL
import AlchemyTestSupport
import Foundation
import Testing

/// DESIGN §5: autogenerate against a database that already matches the models
/// produces no operation, on every dialect.
@Suite("Autogenerate: zero spurious differences")
struct AutogenerateZeroDiffTests {
    /// Every column type of DESIGN §3, nullable and not, server defaults of each
    /// kind, comments, every base class and mixin, foreign keys with actions,
    /// unique and check constraints, single, multi-column and unique indexes.
    static func everythingModels(_ dialect: DialectName) -> String {
        // MySQL/MariaDB need a VARCHAR length.
        let plainString = dialect == .mariadb || dialect == .mysql ? "String(40)" : "String"
        return """
            tables:
              kitchen_sink:
                base: BigIntAuditBase
                comment: "Every type; the author's table"
                columns:
                  c_int: Integer
                  c_int_null: Integer?
                  c_big: BigInteger
                  c_big_null: BigInteger?
                  c_small: SmallInteger
                  c_small_null: SmallInteger?
                  c_bool: Boolean
                  c_bool_null: Boolean?
                  c_str: {type: String(255), comment: "a 'quoted' comment"}
                  c_str_null: String(20)?
                  c_str_plain: \(plainString)
                  c_str_plain_null: \(plainString)?
                  c_text: Text
                  c_text_null: Text?
                  c_float: Float
                  c_float_null: Float?
                  c_double: Double
                  c_double_null: Double?
                  c_num: "Numeric(10, 2)"
                  c_num_null: "Numeric(12, 4)?"
                  c_date: Date
                  c_date_null: Date?
                  c_time: Time
                  c_time_null: Time?
                  c_dt: DateTime
                  c_dt_null: DateTime?
                  c_dttz: "DateTime(timezone: true)"
                  c_dttz_null: "DateTime(timezone: true)?"
                  c_interval: Interval
                  c_interval_null: Interval?
                  c_bin: LargeBinary
                  c_bin_null: LargeBinary?
                  c_json: JSON
                  c_json_null: JSON?
                  c_uuid: Uuid
                  c_uuid_null: Uuid?
                  c_enum: "Enum(draft, published, archived, name: article_state)"
                  c_enum_null: "Enum(low, high, name: priority_level)?"
                  c_guid: GUID
                  c_guid_null: GUID?
                  c_guid_bin: "GUID(binary: true)"
                  c_guid_char: "GUID(binary: false)?"
                  c_dtutc: DateTimeUTC
                  c_dtutc_null: DateTimeUTC?
                  c_jsonb: JsonB
                  c_jsonb_null: JsonB?
                  c_enc: EncryptedString(255)
                  c_enc_null: EncryptedString(100)?
                  c_enctext: EncryptedText
                  c_enctext_null: EncryptedText?
                  c_file: "StoredObject(backend: s3)"
                  c_file_null: "StoredObject(backend: s3)?"
                  c_files: "StoredObject(backend: s3, multiple: true)"
                  c_files_null: "StoredObject(backend: s3, multiple: true)?"
                  c_password: PasswordHash(128)
                  c_password_null: PasswordHash(128)?
                  c_identity: BigIntIdentity
              defaults:
                base: IdentityAuditBase
                comment: Server defaults of every kind
                columns:
                  d_zero: {type: Integer, server_default: "0"}
                  d_negative: {type: Integer, server_default: "-1", nullable: true}
                  d_expression: {type: Integer, server_default: {sql: "42"}}
                  d_big: {type: BigInteger, server_default: "9000000000"}
                  d_numeric: {type: "Numeric(10, 2)", server_default: "1.50"}
                  d_float: {type: Float, server_default: "0.5"}
                  d_text: {type: String(60), server_default: "it's \\"quoted\\"", comment: d'quoted}
                  d_empty: {type: String(10), server_default: ""}
                  d_true: {type: Boolean, server_default: "1"}
                  d_false: {type: Boolean, server_default: {sql: "false"}}
                  d_true_sql: {type: Boolean, server_default: {sql: "true"}, nullable: true}
                  d_now: {type: DateTime, server_default: {sql: CURRENT_TIMESTAMP}}
                  d_now_utc: {type: DateTimeUTC, server_default: {sql: CURRENT_TIMESTAMP}, nullable: true}
                  d_state: {type: "Enum(draft, published, archived, name: article_state)", server_default: draft}
              plain_default:
                base: DefaultBase
                columns:
                  code: {type: String(10), primary_key: true}
                  label: String(50)
              bigint_base:
                base: BigIntBase
                columns:
                  name: String(50)
              identity_base:
                base: IdentityBase
                columns:
                  name: String(50)
              uuid_base:
                base: UUIDBase
                columns:
                  name: String(50)
              uuid_audit:
                base: UUIDAuditBase
                columns:
                  name: String(50)
              uuid6_base:
                base: UUIDv6Base
                columns:
                  name: String(50)
              uuid6_audit:
                base: UUIDv6AuditBase
                columns:
                  name: String(50)
              uuid7_base:
                base: UUIDv7Base
                columns:
                  name: String(50)
              uuid7_audit:
                base: UUIDv7AuditBase
                mixins: [SlugKey]
                columns:
                  name: String(50)
              nano_base:
                base: NanoIDBase
                columns:
                  name: String(50)
              nano_audit:
                base: NanoIDAuditBase
                columns:
                  name: String(50)
              mixed_bigint:
                mixins: [BigIntPrimaryKey, AuditColumns, SlugKey]
                columns:
                  name: String(50)
              mixed_identity:
                mixins: [IdentityPrimaryKey, SentinelMixin]
                columns:
                  name: String(50)
              mixed_uuid:
                mixins: [UUIDPrimaryKey, AuditColumns]
                columns:
                  name: String(50)
              mixed_uuid6:
                mixins: [UUIDv6PrimaryKey]
                columns:
                  name: String(50)
              mixed_uuid7:
                mixins: [UUIDv7PrimaryKey, SlugKey]
                columns:
                  name: String(50)
              mixed_nano:
                mixins: [NanoIDPrimaryKey, AuditColumns]
                columns:
                  name: String(50)
              article:
                base: UUIDv7AuditBase
                comment: Foreign keys, constraints and indexes
                columns:
                  sink_id: {foreign_key: kitchen_sink.id, ondelete: CASCADE, onupdate: CASCADE}
                  editor_id: {type: GUID, foreign_key: uuid_base.id, ondelete: SET NULL, nullable: true}
                  code_ref: {foreign_key: plain_default.code, ondelete: RESTRICT, nullable: true}
                  nano_id: {foreign_key: nano_base.id, nullable: true}
                  title: {type: String(200), index: true}
                  slug: {type: String(100), unique: true}
                  handle: {type: String(100), unique: true, index: true}
                  rank: {type: Integer, server_default: "0", comment: position in lists}
                  score: Float?
                indexes:
                  - {name: ix_article_title_created, columns: [title, created_at]}
                  - {name: ix_article_rank_score, columns: [rank, score], unique: true}
                unique_constraints:
                  - {name: uq_article_sink_title, columns: [sink_id, title]}
                check_constraints:
                  - {name: rank_not_negative, sqltext: "rank >= 0"}
                  - {name: title_not_blank, sqltext: "title <> ''"}
              article_link:
                columns:
                  article_id: {primary_key: true, foreign_key: article.id, ondelete: CASCADE}
                  sink_id: {primary_key: true, foreign_key: kitchen_sink.id, ondelete: CASCADE, onupdate: CASCADE}
                  note: Text?

            """
    }

    @Test("Every type, base, mixin, default and constraint: autogenerate, upgrade, then nothing to do",
          arguments: TestDatabases.dialects)
    func everything(dialect: DialectName) throws {
        try TestDatabases.withScratchDatabase(dialect) { url in
            let project = try AutogenerateProject(url: url, models: Self.everythingModels(dialect))
            defer { project.remove() }
            let revision = try project.autogenerate("everything")
            #expect(!revision.isEmpty)
            try project.succeed("upgrade")
            try Self.expectNoChanges(project)
            let advanced = try project.alchemy("make-migrations", "-m", "nothing either")
            #expect(advanced.status == 0, "\(advanced.stderr)")
            #expect(advanced.stderr.contains("no changes"), "\(advanced.stderr)")
        }
    }

    /// `check` exits 0 with nothing listed, `revision --autogenerate` writes nothing.
    static func expectNoChanges(_ project: AutogenerateProject, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let check = try project.check()
        #expect(check.status == 0, "check on \(project.url.dialect.rawValue) found: \(check.output)", sourceLocation: sourceLocation)
        #expect(check.operations.isEmpty, sourceLocation: sourceLocation)
        let before = try project.revisionFiles()
        let again = try project.alchemy("revision", "--autogenerate", "-m", "nothing")
        #expect(again.status == 0, "\(again.stderr)", sourceLocation: sourceLocation)
        #expect(again.stderr.contains("no changes"), "\(again.stderr)", sourceLocation: sourceLocation)
        #expect(try project.revisionFiles() == before, sourceLocation: sourceLocation)
    }

    @Test("The example project: upgrade, then check passes", arguments: TestDatabases.dialects)
    func exampleProject(dialect: DialectName) throws {
        try TestDatabases.withScratchDatabase(dialect) { url in
            let folder = try ExampleProjectRunTests.copy(url: try VersionTableCommandTests.urlText(url))
            defer { try? FileManager.default.removeItem(atPath: folder) }
            let up = try CommandRunner.run(["database", "upgrade"], in: folder)
            #expect(up.status == 0, "\(up.stderr)")
            let check = try CommandRunner.run(["database", "check"], in: folder)
            #expect(check.status == 0, "check on \(dialect.rawValue): \(check.stdout)\(check.stderr)")
            let again = try CommandRunner.run(["database", "revision", "--autogenerate", "-m", "nothing"], in: folder)
            #expect(again.status == 0)
            #expect(again.stderr.contains("no changes"), "\(again.stderr)")
        }
    }
}
