import AlchemyMigrate
import AlchemySchema
import Testing

@Suite("Revision files")
struct RevisionFileTests {
    /// The revision template `init` writes.
    static let template = ProjectTemplate.defaultRevisionTemplate

    static let post = TableReference(name: "post")

    /// One of every operation, with awkward names and values.
    static var everyOperation: [MigrateOperation] {
        let account = Table(
            name: "user_account",
            columns: [
                Column(name: "id", type: .guid(binary: nil), nullable: false),
                Column(name: "email", type: .string(length: 320), nullable: false),
                Column(name: "status", type: .enumeration(values: ["active", "disabled"], name: "user_status"), nullable: false,
                       serverDefault: .literal("active")),
                Column(name: "created_at", type: .dateTimeUTC, nullable: false, serverDefault: .expression("CURRENT_TIMESTAMP")),
                Column(name: "amount", type: .numeric(precision: 10, scale: 2), nullable: true, comment: "in cents: \"exact\""),
                Column(name: "order", type: .bigIntIdentity, nullable: false, identity: Identity(start: 1, increment: 1)),
            ],
            primaryKey: PrimaryKey(name: "pk_user_account", columns: ["id"]),
            foreignKeys: [ForeignKey(name: "fk_user_account_id_post", columns: ["id"], referredTable: "post", referredColumns: ["id"], onDelete: .cascade)],
            uniqueConstraints: [UniqueConstraint(name: "uq_user_account_email", columns: ["email"])],
            checkConstraints: [CheckConstraint(name: "ck_user_account_email_has_at", sqltext: "email LIKE '%@%'")],
            indexes: [Index(name: "ix_user_account_created_at", columns: ["created_at"])],
            comment: "people: who log in"
        )
        let title = Column(name: "title", type: .string(length: 255), nullable: false)
        return [
            .createTable(account),
            .dropTable(account),
            .renameTable(post, newName: "article"),
            .addColumn(post, Column(name: "published", type: .boolean, nullable: true, serverDefault: .literal("0"))),
            .dropColumn(post, title),
            .alterColumn(AlterColumn(table: post, existing: title, type: .text, nullable: true, serverDefault: .some(nil), comment: .some("headline"), newName: "headline")),
            .alterColumn(AlterColumn(table: post, existing: Column(name: "Code", type: .string(length: 10), nullable: false),
                                     type: .integer, using: #""Code"::integer"#)),
            // Hand-written forms: nothing known about the column before, or only its nullability.
            .alterColumn(AlterColumn(table: post, existing: Column(name: "code", type: .integer), existingKnown: [], type: .integer, using: "code::integer")),
            .alterColumn(AlterColumn(table: post, existing: Column(name: "code", type: .text, nullable: false), existingKnown: [.nullable, .serverDefault, .comment],
                                     nullable: true)),
            .createIndex(post, Index(name: "ix_post_title", columns: ["title", "id"], unique: true), concurrently: true),
            .createIndex(post, Index(name: "ix_post_live", columns: ["title"], where: "status = 'live' AND NOT hidden")),
            .createIndex(post, Index(name: "ix_post_lower_title", columns: [], expressions: ["lower(title)"])),
            .dropIndex(post, Index(name: "ix_post_title", columns: ["title"])),
            .createUniqueConstraint(post, UniqueConstraint(name: "uq_post_title", columns: ["title"])),
            .createForeignKey(post, ForeignKey(name: "fk_post_author_id_user", columns: ["author_id"], referredSchema: "auth", referredTable: "user", referredColumns: ["id"], onDelete: .setNull, onUpdate: .cascade)),
            .createCheckConstraint(post, CheckConstraint(name: "ck_post_positive", sqltext: "id > 0")),
            .createPrimaryKey(post, PrimaryKey(name: "pk_post", columns: ["id"])),
            .dropConstraint(post, .unique(UniqueConstraint(name: "uq_post_title", columns: ["title"]))),
            .dropConstraint(post, .foreignKey(ForeignKey(name: "fk_x", columns: ["a"], referredTable: "b", referredColumns: ["id"]))),
            .dropConstraint(post, .check(CheckConstraint(name: "ck_post_positive", sqltext: "id > 0"))),
            .dropConstraint(post, .primaryKey(PrimaryKey(name: "pk_post", columns: ["id"]))),
            .createTableComment(post, comment: "Blog posts", existing: nil),
            .dropTableComment(post, existing: "Blog posts"),
            .execute(Execute(sql: "UPDATE post SET published = FALSE WHERE published IS NULL")),
            .execute(Execute(sql: nil, perDialect: ["postgresql": "CREATE EXTENSION IF NOT EXISTS pgcrypto"])),
            .execute(Execute(sql: "VACUUM", transactional: false)),
            .bulkInsert(post, rows: [["id": .int(1), "title": .string("Hello: \"world\""), "score": .double(1.5), "draft": .bool(true), "body": .null]]),
        ]
    }

    static func file() -> RevisionFile {
        RevisionFile(revision: "1234e5abcdef", downRevisions: ["9b0c4d2e7f10", "000000000001"], branchLabels: ["blog"], dependsOn: ["aaaaaaaaaaaa"],
                     message: "add user accounts: the \"first\" cut", created: "2026-11-23T09:30:12Z",
                     upgrade: everyOperation, downgrade: [.dropTable(Table(name: "user_account"))])
    }

    @Test("The round trip below covers every operation kind, and each is written under its own name")
    func everyKindIsCovered() {
        #expect(Set(Self.everyOperation.map(\.kind)) == Set(OperationKind.allCases))
        for operation in Self.everyOperation {
            guard case .mapping(let pairs) = OperationEncoder.encode(operation) else {
                Issue.record("\(operation.name) is not written as a mapping")
                continue
            }
            #expect(pairs.map(\.0) == [operation.kind.name])
        }
    }

    @Test("Every operation survives write then read, and the bytes are stable")
    func roundTrip() throws {
        let writer = RevisionFileWriter(template: Self.template)
        let text = try writer.render(Self.file())
        let read = try RevisionFileReader.read(text, path: "x.yaml")
        #expect(read.revision == "1234e5abcdef")
        #expect(read.downRevisions == ["9b0c4d2e7f10", "000000000001"])
        #expect(read.branchLabels == ["blog"])
        #expect(read.dependsOn == ["aaaaaaaaaaaa"])
        #expect(read.message == "add user accounts: the \"first\" cut")
        #expect(read.created == "2026-11-23T09:30:12Z")
        for (written, reread) in zip(Self.everyOperation, read.upgrade) {
            #expect(written == reread)
        }
        #expect(read.upgrade.count == Self.everyOperation.count)
        #expect(try writer.render(read) == text)
    }

    @Test("An expression index needs no columns; where: is read as SQL text")
    func expressionAndPartialIndexes() throws {
        let text = """
            revision: "3f2a1b9c0d1e"
            down_revision: null
            message: indexes
            upgrade:
              - create_index: {name: ix_lower_email, table: account, expressions: ["lower(email)"]}
              - create_index: {name: ix_paid, table: orders, columns: [status], where: "status = 'paid'"}
            downgrade: []
            """
        let file = try RevisionFileReader.read(text, path: "x.yaml")
        #expect(file.upgrade == [
            .createIndex(TableReference(name: "account"), Index(name: "ix_lower_email", columns: [], expressions: ["lower(email)"])),
            .createIndex(TableReference(name: "orders"), Index(name: "ix_paid", columns: ["status"], where: "status = 'paid'")),
        ])
    }

    @Test("The DESIGN §3 example reads as written")
    func designExample() throws {
        let text = """
            revision: "3f2a1b9c0d1e"
            down_revision: "9b0c4d2e7f10"        # null for a base; a list for a merge point
            branch_labels: []
            depends_on: []
            message: add user accounts
            created: 2026-11-23T09:30:12Z
            upgrade:
              - create_table:
                  name: user_account
                  columns:
                    - {name: id, type: GUID, primary_key: true}
                    - {name: email, type: String(320)}
                    - {name: created_at, type: DateTimeUTC}
                  constraints:
                    - {primary_key: [id], name: pk_user_account}
                    - {unique: [email], name: uq_user_account_email}
              - create_index: {name: ix_user_account_created_at, table: user_account, columns: [created_at]}
              - execute: {sql: "UPDATE post SET published = FALSE WHERE published IS NULL"}
              - execute: {postgresql: "CREATE EXTENSION IF NOT EXISTS pgcrypto", default: null}
            downgrade:
              - drop_index: {name: ix_user_account_created_at, table: user_account}
              - drop_table: {name: user_account}
            """
        let file = try RevisionFileReader.read(text, path: "migrations/versions/x.yaml")
        #expect(file.revision == "3f2a1b9c0d1e")
        #expect(file.downRevisions == ["9b0c4d2e7f10"])
        #expect(file.upgrade.count == 4)
        guard case .createTable(let table) = file.upgrade[0] else {
            Issue.record("first operation is not create_table")
            return
        }
        #expect(table.primaryKey == PrimaryKey(name: "pk_user_account", columns: ["id"]))
        #expect(table.columns.map(\.nullable) == [false, false, false])
        #expect(table.uniqueConstraints == [UniqueConstraint(name: "uq_user_account_email", columns: ["email"])])
        guard case .execute(let perDialect) = file.upgrade[3] else {
            Issue.record("fourth operation is not execute")
            return
        }
        #expect(perDialect.sql(forKeys: ["postgresql"]) == "CREATE EXTENSION IF NOT EXISTS pgcrypto")
        #expect(perDialect.sql(forKeys: ["sqlite"]) == nil)
        #expect(file.downgrade.count == 2)
    }

    @Test("alter_column without existing_type reads, with using, as what it states")
    func alterColumnWithoutExistingType() throws {
        let text = """
            revision: "a1"
            upgrade:
              - alter_column: {table: t, column: code, type: Integer, using: "code::integer"}
              - alter_column: {table: t, column: code, nullable: false, existing_nullable: true}
            """
        let file = try RevisionFileReader.read(text, path: "x.yaml")
        let t = TableReference(name: "t")
        #expect(file.upgrade == [
            .alterColumn(AlterColumn(table: t, existing: Column(name: "code", type: .integer), existingKnown: [], type: .integer, using: "code::integer")),
            .alterColumn(AlterColumn(table: t, existing: Column(name: "code", type: .text), existingKnown: [.nullable], nullable: false)),
        ])
        // What check and -v print: nothing is claimed about what the file does not say.
        #expect(file.upgrade.map(\.summary) == [
            "alter_column t.code: type -> Integer using code::integer",
            "alter_column t.code: nullable -> NOT NULL",
        ])
    }

    @Test("Numeric-looking ids stay strings")
    func numericIds() throws {
        let file = try RevisionFileReader.read("revision: 1234e5\ndown_revision: 000123\nupgrade: []\ndowngrade: []\n", path: "n.yaml")
        #expect(file.revision == "1234e5")
        #expect(file.downRevisions == ["000123"])
    }

    @Test(arguments: [
        ("revision: \"a1\"\nupgrade:\n  - craete_table: {name: t}\n", "r.yaml:3:5: unknown operation 'craete_table' (did you mean create_table?)"),
        ("revision: \"a1\"\nupgrade:\n  - add_column: {table: t, column: {name: c, type: Strng(3)}}\n", "r.yaml:3:52: unknown type 'Strng' (did you mean String?)"),
        ("revision: \"a1\"\nupgrade:\n  - drop_constraint: {name: x, table: t}\n", "r.yaml:3:22: drop_constraint needs the constraint's kind"),
        ("revision: \"a1\"\nupgrade:\n  - alter_column: {table: t, column: c, using: \"c::integer\"}\n", "r.yaml:3:48: `using` converts the values to a new `type`"),
        ("revision: \"a1\"\nupgrad: []\n", "r.yaml:2:1: unknown key `upgrad`"),
        ("down_revision: null\n", "r.yaml:1:1: the revision file has no `revision:` id"),
        ("revision: \"a b\"\n", "r.yaml:1:11: `revision` 'a b' is not a revision id"),
        ("revision: [\n", "r.yaml:2:1: invalid YAML"),
    ])
    func errors(text: String, expected: String) {
        do {
            _ = try RevisionFileReader.read(text, path: "r.yaml")
            Issue.record("read: \(text)")
        } catch {
            #expect(error.description.hasPrefix(expected), "got: \(error.description)")
        }
    }

    @Test("Scalars that YAML would misread are quoted")
    func quoting() {
        let text = YAMLText.sequence(["true", "1234", "a: b", "x #y", "plain_name", "Numeric(10, 2)", "", "-1"].map(YAMLText.scalar)).flow()
        #expect(text == #"["true", "1234", "a: b", "x #y", plain_name, "Numeric(10, 2)", "", "-1"]"#)
    }
}
