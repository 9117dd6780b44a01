import AlchemyDatabase
import AlchemySQL
import AlchemySchema
import AlchemyTestSupport
import Foundation
import Testing

/// Databases that Advanced Alchemy itself created from the models of
/// `Tests/Fixtures/aa_models.py` (every base, mixin and type): by `metadata.create_all`
/// (`aa_create_all.py`) and by its own Alembic migrations (`aa_migrate.py`). After
/// `stamp head`, `check` finds nothing to change, and the same models migrated by
/// alchemy give the same catalog, column order included. create_all differs from
/// the migration path (sequence-backed BigInt ids with no default on PostgreSQL
/// and MariaDB, no redundant slug index), and alchemy accepts both.
@Suite("Autogenerate: databases made by Advanced Alchemy")
struct AutogenerateAdvancedAlchemyTests {
    /// The YAML twin of the models in `aa_create_all.py`.
    static func models(_ dialect: DialectName) -> String {
        let isMySQL = dialect == .mariadb || dialect == .mysql
        let plainString = isMySQL ? "String(40)" : "String"
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
              note:
                base: UUIDv7Base
                columns:
                  body: Text
              setting:
                columns:
                  key: {type: String(50), primary_key: true}
                  value: String(200)?
              m_audit: {mixins: [BigIntPrimaryKey, AuditColumns]}
              m_slug: {base: BigIntBase, mixins: [SlugKey]}
              m_sentinel: {mixins: [IdentityPrimaryKey, SentinelMixin]}
              m_uuid_pk: {mixins: [UUIDPrimaryKey]}
              m_uuid6_pk: {mixins: [UUIDv6PrimaryKey]}
              m_uuid7_pk: {mixins: [UUIDv7PrimaryKey]}
            \(isMySQL ? "" : nanoIDTables)
            """
    }

    /// Advanced Alchemy's NanoID keys fail on MySQL/MariaDB ("VARCHAR requires a
    /// length"), so `aa_models.py` declares these tables on the other databases only.
    static let nanoIDTables = """
          short_link:
            base: NanoIDBase
            columns:
              target: String(200)
          short_link_audit:
            base: NanoIDAuditBase
            columns:
              target: String(200)
          m_nano_pk: {mixins: [NanoIDPrimaryKey]}
        """

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
            // create_all backs BigInt ids with a separate sequence the ORM reads; alchemy's
            // revisions make them BIGSERIAL / AUTO_INCREMENT, as Advanced Alchemy's migrations do.
            try Self.expectSameCatalog(as: try project.introspect(), revisionsOf: project, dialect: dialect) { line in
                (line.contains(": column id bigint") && line.contains("bigInteger") != line.contains("bigIntIdentity"))
                    || Self.isNativeUUID(line)
            }

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

    /// Where Advanced Alchemy's migration path makes what its models do not say
    /// (reference/advanced-alchemy-ddl.md), alchemy makes what they say, and `check`
    /// accepts both:
    /// - SlugKey's redundant `ix_<t>_slug_unique` (autogenerate ignores its Spanner-only condition);
    /// - `GUID(binary=False)` rendered as BINARY(16): the flag is lost in the revision;
    /// - a CHECK's `%` doubled to `%%` (Alembic renders the text escaped for the driver;
    ///   `check` reads LIKE patterns as what they match, so this is no change);
    /// - SQLAlchemy 2.1's native `uuid` for `Uuid` on MariaDB (alchemy renders 2.0's CHAR(32),
    ///   which every MariaDB version has).
    static func isAdvancedAlchemyBug(_ difference: String) -> Bool {
        difference.contains("_slug_unique")
            || difference.contains("column legacy_id ")
            || difference.contains("check ck_user_account_email_has_at")
            || isNativeUUID(difference)
    }

    static func isNativeUUID(_ difference: String) -> Bool {
        difference.contains("column c_uuid ") && (difference.contains(" uuid uuid ") || difference.contains(" char(32) uuid "))
    }

    @Test("Advanced Alchemy's own migrations, stamp head, then check passes; alchemy makes the same catalog",
          arguments: TestDatabases.dialects)
    func migrationsThenCheck(dialect: DialectName) throws {
        try TestDatabases.withScratchDatabase(dialect) { url in
            let project = try AutogenerateProject(url: url, models: Self.models(dialect))
            defer { project.remove() }
            _ = try project.autogenerate("create everything")

            let migrated = try PythonFixtures.run("aa_migrate.py", [project.urlText, project.folder + "/advanced_alchemy"])
            if PythonFixtures.isMissingPackage(migrated) && !TestDatabases.isCI { return }
            #expect(migrated.status == 0, "aa_migrate.py failed: \(migrated.stderr)")
            guard migrated.status == 0 else { return }

            // The database is at Advanced Alchemy's revision, which alchemy's files lack.
            try project.succeed("stamp", "--purge", "head")
            if dialect == .postgresql {
                try AutogenerateZeroDiffTests.expectNoChanges(project)
            } else {
                // The migration path made `legacy_id` BINARY(16) for `GUID(binary=False)`, whose
                // 32-character hex values do not fit: the one difference alchemy must report.
                let check = try project.check()
                #expect(check.operations == ["alter_column user_account.legacy_id: type GUID -> GUID(binary: false)"],
                        "\(check.output)")
            }
            let theirs = try project.introspect()

            try Self.expectSameCatalog(as: theirs, revisionsOf: project, dialect: dialect) { Self.isAdvancedAlchemyBug($0) }
        }
    }

    /// The same models, migrated by alchemy on an empty database, give the catalog
    /// Advanced Alchemy made, column order included, but for the `known` differences.
    static func expectSameCatalog(as theirs: Schema, revisionsOf project: AutogenerateProject, dialect: DialectName,
                                  known: (String) -> Bool, sourceLocation: SourceLocation = #_sourceLocation) throws {
        try TestDatabases.withScratchDatabase(dialect) { freshURL in
            let twin = try AutogenerateProject(url: freshURL, models: models(dialect))
            defer { twin.remove() }
            try PortableRevisionTests.copyRevisions(from: project, to: twin)
            try twin.succeed("upgrade", "head")
            let differences = SchemaShape.differences(theirs, try twin.introspect(), dialect: dialect, columnOrder: true)
                .filter { !known($0) }
            let listed = differences.joined(separator: "\n")
            #expect(differences.isEmpty, "Advanced Alchemy's (-) and alchemy's (+) catalogs on \(dialect.rawValue):\n\(listed)",
                    sourceLocation: sourceLocation)
        }
    }
}
