import AlchemySchema
import AlchemyTestSupport
import Testing
@testable import AlchemySQL

@Suite("SQLite table rebuild")
struct SQLiteRebuildTests {
    let sqlite = SQLiteDialect()
    let ref = TableReference(name: "item")

    /// A table with everything a rebuild must keep: GUID types, a self-reference,
    /// a foreign key, unique and check constraints, an index and a server default.
    var item: Table {
        Table(
            name: "item",
            columns: [
                Column(name: "id", type: .guid(binary: nil), nullable: false),
                Column(name: "ext", type: .guid(binary: false)),
                Column(name: "parent_id", type: .guid(binary: nil)),
                Column(name: "post_id", type: .bigIntIdentity, nullable: false),
                Column(name: "qty", type: .integer, nullable: false, serverDefault: .literal("1")),
                Column(name: "note", type: .text),
            ],
            primaryKey: PrimaryKey(name: "pk_item", columns: ["id"]),
            foreignKeys: [
                ForeignKey(name: "fk_item_parent_id_item", columns: ["parent_id"], referredTable: "item", referredColumns: ["id"],
                           onDelete: .cascade),
                ForeignKey(name: "fk_item_post_id_post", columns: ["post_id"], referredTable: "post", referredColumns: ["id"]),
            ],
            uniqueConstraints: [UniqueConstraint(name: "uq_item_ext", columns: ["ext"])],
            checkConstraints: [CheckConstraint(name: "ck_item_qty", sqltext: "qty > 0")],
            indexes: [Index(name: "ix_item_post_id", columns: ["post_id"]), Index(name: "ix_item_qty_note", columns: ["qty", "note"])])
    }

    var context: Schema { Schema(tables: [item]) }

    func render(_ operation: MigrateOperation) throws -> [Statement] {
        try sqlite.render(operation, in: context)
    }

    @Test("drop_column keeps types, keys, constraints and indexes")
    func dropColumn() throws {
        #expect(sql(try render(.dropColumn(ref, Column(name: "note", type: .text)))) == sqliteRebuild(
            "item",
            create: """
            CREATE TABLE "_alchemy_tmp_item" (
              "id" BINARY(16) NOT NULL,
              "ext" CHAR(32),
              "parent_id" BINARY(16),
              "post_id" INTEGER NOT NULL,
              "qty" INTEGER DEFAULT '1' NOT NULL,
              CONSTRAINT "pk_item" PRIMARY KEY ("id"),
              CONSTRAINT "uq_item_ext" UNIQUE ("ext"),
              CONSTRAINT "ck_item_qty" CHECK (qty > 0),
              CONSTRAINT "fk_item_parent_id_item" FOREIGN KEY("parent_id") REFERENCES "item" ("id") ON DELETE CASCADE,
              CONSTRAINT "fk_item_post_id_post" FOREIGN KEY("post_id") REFERENCES "post" ("id")
            )
            """,
            insert: #"INSERT INTO "_alchemy_tmp_item" ("id", "ext", "parent_id", "post_id", "qty") "#
                + #"SELECT "id", "ext", "parent_id", "post_id", "qty" FROM "item""#,
            // The index on the dropped column goes with it, as on PostgreSQL.
            indexes: [#"CREATE INDEX "ix_item_post_id" ON "item" ("post_id")"#]))
    }

    @Test("the pragmas are marked for the runner")
    func statementKinds() throws {
        let statements = try render(.dropColumn(ref, Column(name: "note", type: .text)))
        #expect(statements.first == Statement("PRAGMA foreign_keys=OFF", transactional: false,
                                              kind: .foreignKeyEnforcement(enabled: false)))
        #expect(statements.last == Statement("PRAGMA foreign_keys=ON", transactional: false,
                                             kind: .foreignKeyEnforcement(enabled: true)))
        #expect(statements.dropLast().last == Statement(#"PRAGMA foreign_key_check("item")"#, kind: .foreignKeyCheck(ref)))
        let inner = statements.dropFirst().dropLast().filter { !$0.transactional }
        #expect(inner.isEmpty)
    }

    @Test("rename with a type change: RENAME COLUMN in place, then the rebuild")
    func renameAndRetype() throws {
        let change = AlterColumn(table: ref, existing: Column(name: "qty", type: .integer, nullable: false, serverDefault: .literal("1")),
                                 type: .bigInteger, newName: "quantity")
        let statements = sql(try render(.alterColumn(change)))
        // SQLite's own rename rewrites views, triggers and other tables' foreign keys.
        #expect(statements[0] == #"ALTER TABLE "item" RENAME COLUMN "qty" TO "quantity""#)
        #expect(statements[1] == "PRAGMA foreign_keys=OFF")
        #expect(statements[2].contains(#""quantity" BIGINT DEFAULT '1' NOT NULL"#))
        #expect(statements[2].contains(#"CONSTRAINT "ck_item_qty" CHECK (quantity > 0)"#))
        #expect(statements.contains(#"INSERT INTO "_alchemy_tmp_item" ("id", "ext", "parent_id", "post_id", "quantity", "note") "#
            + #"SELECT "id", "ext", "parent_id", "post_id", "quantity", "note" FROM "item""#))
        #expect(statements.contains(#"CREATE INDEX "ix_item_qty_note" ON "item" ("quantity", "note")"#))
    }

    @Test("a pure rename is ALTER TABLE RENAME COLUMN; a comment alone is nothing")
    func inPlaceAlter() throws {
        let note = Column(name: "note", type: .text)
        #expect(sql(try render(.alterColumn(AlterColumn(table: ref, existing: note, newName: "remark"))))
            == [#"ALTER TABLE "item" RENAME COLUMN "note" TO "remark""#])
        #expect(try render(.alterColumn(AlterColumn(table: ref, existing: note, comment: .some("why")))).isEmpty)
    }

    @Test("add_column: in place when SQLite allows it, rebuilt otherwise")
    func addColumn() throws {
        let nullable = Column(name: "tag", type: .string(length: 20))
        #expect(sql(try render(.addColumn(ref, nullable))) == [#"ALTER TABLE "item" ADD COLUMN "tag" VARCHAR(20)"#])

        let required = Column(name: "tag", type: .string(length: 20), nullable: false)
        let rebuilt = sql(try render(.addColumn(ref, required)))
        #expect(rebuilt.first == "PRAGMA foreign_keys=OFF")
        #expect(rebuilt[1].contains(#""tag" VARCHAR(20) NOT NULL"#))
        // The new column is not copied: rows get its default (or fail NOT NULL, as they should).
        #expect(rebuilt[2] == #"INSERT INTO "_alchemy_tmp_item" ("id", "ext", "parent_id", "post_id", "qty", "note") "#
            + #"SELECT "id", "ext", "parent_id", "post_id", "qty", "note" FROM "item""#)

        let computed = Column(name: "at", type: .dateTime(timezone: false), nullable: false,
                              serverDefault: .expression("CURRENT_TIMESTAMP"))
        #expect(sql(try render(.addColumn(ref, computed)))[1].contains(#""at" DATETIME DEFAULT CURRENT_TIMESTAMP NOT NULL"#))
    }

    @Test("a table in an attached schema")
    func schemaQualified() throws {
        var table = Table(name: "t", schema: "aux", columns: [Column(name: "a", type: .integer), Column(name: "b", type: .integer)],
                          indexes: [Index(name: "ix_t_a", columns: ["a"])])
        table.comment = nil
        let statements = sql(try sqlite.render(.dropColumn(table.reference, Column(name: "b", type: .integer)),
                                               in: Schema(tables: [table])))
        #expect(statements == [
            "PRAGMA foreign_keys=OFF",
            "CREATE TABLE \"aux\".\"_alchemy_tmp_t\" (\n  \"a\" INTEGER\n)",
            #"INSERT INTO "aux"."_alchemy_tmp_t" ("a") SELECT "a" FROM "aux"."t""#,
            #"DROP TABLE "aux"."t""#,
            "PRAGMA legacy_alter_table=ON",
            #"ALTER TABLE "aux"."_alchemy_tmp_t" RENAME TO "t""#,
            "PRAGMA legacy_alter_table=OFF",
            #"CREATE INDEX "aux"."ix_t_a" ON "t" ("a")"#,
            #"PRAGMA "aux".foreign_key_check("t")"#,
            "PRAGMA foreign_keys=ON",
        ])
    }

    @Test("a rebuild needs the table's definition")
    func unknownTable() {
        #expect(throws: RenderError.unknownTable(TableReference(name: "ghost"), operation: "drop_column")) {
            try sqlite.render(.dropColumn(TableReference(name: "ghost"), Column(name: "a", type: .integer)), in: Schema())
        }
    }

    @Test("constraints added and dropped by rebuild", arguments: [
        MigrateOperation.dropConstraint(TableReference(name: "item"), .check(CheckConstraint(name: "ck_item_qty", sqltext: "qty > 0"))),
        .dropConstraint(TableReference(name: "item"), .foreignKey(ForeignKey(name: "fk_item_post_id_post", columns: ["post_id"],
                                                                             referredTable: "post", referredColumns: ["id"]))),
        .dropConstraint(TableReference(name: "item"), .primaryKey(PrimaryKey(name: "pk_item", columns: ["id"]))),
        .createUniqueConstraint(TableReference(name: "item"), UniqueConstraint(name: "uq_item_note", columns: ["note"])),
    ])
    func constraints(_ operation: MigrateOperation) throws {
        let statements = sql(try render(operation))
        let create = statements[1]
        switch operation {
        case .dropConstraint(_, let constraint):
            let name = try #require(constraint.name)
            #expect(!create.contains(name))
        case .createUniqueConstraint:
            #expect(create.contains(#"CONSTRAINT "uq_item_note" UNIQUE ("note")"#))
        default:
            Issue.record("unexpected operation")
        }
        // OFF, CREATE, INSERT, DROP, legacy ON, RENAME, legacy OFF, two indexes, check, ON.
        #expect(statements.count == 11)
    }
}

@Suite("SQLite table rebuild from the live table")
struct SQLiteLiveRebuildRenderTests {
    let sqlite = SQLiteDialect()
    let ref = TableReference(name: "t")
    var context: Schema {
        Schema(tables: [Table(name: "t", columns: [Column(name: "a", type: .integer), Column(name: "b", type: .text)])])
    }

    func live(view: String? = nil) -> SQLiteLiveTable {
        SQLiteLiveTable(
            columns: [
                .init(name: "a", definition: "a INTEGER", generated: false, mentions: ["integer"]),
                .init(name: "hand", definition: "hand TEXT DEFAULT 'x'", generated: false, mentions: ["text", "default"]),
                .init(name: "b", definition: "b TEXT", generated: false, mentions: ["text"]),
                .init(name: "g", definition: "g INTEGER AS (a * 2)", generated: true, mentions: ["integer", "as", "a"]),
            ],
            indexes: [.init(kind: "index", name: "ix_hand", sql: "CREATE INDEX ix_hand ON t (hand) WHERE hand > ''", mentions: ["hand", "t", "ix_hand"])],
            triggers: [.init(kind: "trigger", name: "tr", sql: "CREATE TRIGGER tr AFTER INSERT ON t BEGIN SELECT 1; END", mentions: ["tr", "t"])],
            dependents: view.map { [.init(kind: "view", name: "v", sql: $0, mentions: ["v", "t", "b"])] } ?? [])
    }

    @Test("hand-made columns keep their place and text, generated ones are not copied, indexes and triggers come back")
    func carriesOver() throws {
        let statements = try sqlite.render(.dropColumn(ref, Column(name: "b", type: .text)), in: context, live: live()).map(\.sql)
        #expect(statements[1] == "CREATE TABLE \"_alchemy_tmp_t\" (\n  \"a\" INTEGER,\n  hand TEXT DEFAULT 'x',\n  g INTEGER AS (a * 2)\n)")
        #expect(statements[2] == "INSERT INTO \"_alchemy_tmp_t\" (\"a\", \"hand\") SELECT \"a\", \"hand\" FROM \"t\"")
        #expect(statements.contains("CREATE INDEX ix_hand ON t (hand) WHERE hand > ''"))
        #expect(statements.contains("CREATE TRIGGER tr AFTER INSERT ON t BEGIN SELECT 1; END"))
    }

    @Test("a view that uses the dropped column stops the rebuild, named")
    func refuses() {
        #expect(throws: SQLiteRebuildRefusal(table: "t", droppedColumns: ["b"], objects: ["view \"v\""])) {
            try sqlite.render(.dropColumn(ref, Column(name: "b", type: .text)), in: context, live: live(view: "CREATE VIEW v AS SELECT b FROM t"))
        }
    }

    @Test("offline, a rebuild is announced by a comment line")
    func offlineNote() {
        #expect(sqlite.offlineRebuildNote(for: .dropColumn(ref, Column(name: "b", type: .text)))?.hasPrefix("-- rebuilds \"t\"") == true)
        #expect(sqlite.offlineRebuildNote(for: .addColumn(ref, Column(name: "c", type: .text))) == nil)
    }
}
