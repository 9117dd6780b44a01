import AlchemyDatabase
import AlchemySchema
import AlchemySQL
import AlchemyTestSupport
import Testing

/// Schemas written by hand (or by other tools): what alchemy's own DDL never produces.
@Suite("Introspection edge cases")
struct IntrospectionEdgeCaseTests {
    @Test("SQLite: constraint names from CREATE TABLE text with quotes, commas and nested parentheses")
    func sqliteConstraintNames() throws {
        let live = try IntrospectionSupport.withDatabase(.sqlite) { connection in
            try connection.execute(#"""
                CREATE TABLE "Parent" ("Key" INTEGER PRIMARY KEY AUTOINCREMENT, code TEXT);
                CREATE TABLE "odd ""name""" (
                  -- a comment, with a comma (and a parenthesis
                  "a,b" INTEGER CONSTRAINT "pk odd" PRIMARY KEY ASC,
                  [bracket col] VARCHAR(10) NOT NULL CONSTRAINT uq_inline UNIQUE DEFAULT 'x,y',
                  `tick` NUMERIC(10, 2) CHECK (`tick` > (1 + 2)) DEFAULT (1.5),
                  parent INTEGER CONSTRAINT fk_inline REFERENCES "Parent" ON DELETE CASCADE,
                  other INTEGER, other2 INTEGER,
                  CONSTRAINT "ck ""quoted"" name" CHECK ("a,b" <> 0 AND length('it''s, (x)') > 0),
                  CONSTRAINT uq_pair UNIQUE (other, other2),
                  UNIQUE (other2),
                  CONSTRAINT fk_table FOREIGN KEY (other) REFERENCES "Parent" ("Key") ON UPDATE SET NULL
                );
                CREATE INDEX ix_expr ON "odd ""name""" (lower("bracket col"), other DESC);
                CREATE UNIQUE INDEX ix_plain ON "odd ""name""" (other, "a,b");
                CREATE TABLE plain_no_rowid (k TEXT PRIMARY KEY, v INTEGER) WITHOUT ROWID;
                CREATE TABLE big_key (id BIGINT PRIMARY KEY, v INTEGER);
                """#)
            return try connection.introspect()
        }
        #expect(live.tables.map(\.name) == ["Parent", "big_key", "odd \"name\"", "plain_no_rowid"])
        let odd = try live.require("odd \"name\"")
        #expect(odd.columns.map(\.name) == ["a,b", "bracket col", "tick", "parent", "other", "other2"])
        #expect(odd.primaryKey == PrimaryKey(name: "pk odd", columns: ["a,b"]))
        let key = try odd.require("a,b")
        #expect(key.autoincrement && !key.nullable)
        #expect(try odd.require("bracket col").serverDefault == .literal("x,y"))
        #expect(try odd.require("tick").serverDefault == .expression("1.5"))
        #expect(try odd.require("tick").nativeType == "NUMERIC(10, 2)")
        #expect(odd.uniqueConstraints == [
            UniqueConstraint(name: "uq_inline", columns: ["bracket col"]),
            UniqueConstraint(name: "uq_pair", columns: ["other", "other2"]),
            UniqueConstraint(name: nil, columns: ["other2"]),
        ])
        #expect(odd.checkConstraints == [
            CheckConstraint(name: "ck \"quoted\" name", sqltext: "\"a,b\" <> 0 AND length('it''s, (x)') > 0"),
            CheckConstraint(name: nil, sqltext: "`tick` > (1 + 2)"),
        ])
        #expect(odd.foreignKeys == [
            ForeignKey(name: "fk_inline", columns: ["parent"], referredTable: "Parent", referredColumns: ["Key"],
                       onDelete: .cascade),
            ForeignKey(name: "fk_table", columns: ["other"], referredTable: "Parent", referredColumns: ["Key"],
                       onUpdate: .setNull),
        ])
        #expect(odd.indexes == [
            Index(name: "ix_expr", columns: [], expressions: ["lower(\"bracket col\")", "other DESC"]),
            Index(name: "ix_plain", columns: ["other", "a,b"], unique: true),
        ])
        let parent = try live.require("Parent")
        #expect(try parent.require("Key").autoincrement)
        // Neither a WITHOUT ROWID key nor a BIGINT key aliases the rowid.
        #expect(try !live.require("plain_no_rowid").require("k").autoincrement)
        #expect(try !live.require("big_key").require("id").autoincrement)
        #expect(try live.require("plain_no_rowid").primaryKey == PrimaryKey(columns: ["k"]))
    }

    @Test("PostgreSQL: expression and multi-column indexes, identity options, other schemas, sequences")
    func postgresql() throws {
        guard TestDatabases.dialects.contains(.postgresql) else { return }
        try IntrospectionSupport.withDatabase(.postgresql) { connection in
            try connection.execute("""
                CREATE SCHEMA other;
                CREATE TYPE other.mood AS ENUM ('sad', 'ok', 'happy');
                CREATE TABLE other.remote (id INTEGER GENERATED ALWAYS AS IDENTITY (START WITH 10 INCREMENT BY 5) PRIMARY KEY,
                                           mood other.mood DEFAULT 'ok');
                CREATE SEQUENCE shared_seq;
                CREATE TABLE local (
                  id BIGINT NOT NULL DEFAULT nextval('shared_seq'),
                  name VARCHAR(40),
                  small SMALLSERIAL,
                  at TIMESTAMP(3) WITH TIME ZONE DEFAULT now(),
                  tags TEXT[],
                  remote_id INTEGER REFERENCES other.remote (id) ON DELETE SET NULL ON UPDATE RESTRICT,
                  CONSTRAINT pk_local PRIMARY KEY (id),
                  CONSTRAINT ck_local_name CHECK (char_length(name) > 2) NOT VALID
                );
                CREATE INDEX ix_local_lower ON local (lower(name), id);
                CREATE INDEX ix_local_multi ON local (name, id) INCLUDE (at);
                CREATE TABLE tmp_a (x INTEGER); CREATE TABLE tmp_b (x INTEGER); CREATE TABLE keep_c (x INTEGER);
                """)
            let introspector = makeIntrospector(connection)
            let live = try introspector.schema(IntrospectionOptions(excludeTables: ["tmp_?", "keep_[c]"]))
            #expect(live.tables.map(\.name) == ["local"])
            let local = try live.require("local")
            // A default on a sequence the column does not own is a plain default.
            #expect(try local.require("id").serverDefault == .expression("nextval('shared_seq'::regclass)"))
            #expect(try !local.require("id").autoincrement)
            let small = try local.require("small")
            #expect(small.autoincrement && small.serverDefault == nil && small.nativeType == "smallint")
            #expect(try local.require("at").nativeType == "timestamp(3) with time zone")
            #expect(try local.require("at").type == .dateTimeUTC)
            #expect(try local.require("at").serverDefault == .expression("CURRENT_TIMESTAMP"))
            #expect(try local.require("tags").nativeType == "text[]")
            #expect(local.indexes == [
                Index(name: "ix_local_lower", columns: [], expressions: ["lower(name::text)", "id"]),
                Index(name: "ix_local_multi", columns: ["name", "id"]),
            ])
            #expect(local.checkConstraints == [CheckConstraint(name: "ck_local_name", sqltext: "char_length(name::text) > 2")])
            #expect(local.foreignKeys == [
                ForeignKey(name: "local_remote_id_fkey", columns: ["remote_id"], referredSchema: "other",
                           referredTable: "remote", referredColumns: ["id"], onDelete: .setNull, onUpdate: .restrict),
            ])

            let other = try introspector.schema(IntrospectionOptions(schemas: ["other"]))
            #expect(introspector.lastQueryCount == 5)
            let remote = try other.require("remote", schema: "other")
            #expect(try remote.require("id").identity == Identity(always: true, start: 10, increment: 5))
            #expect(try remote.require("mood").type == .enumeration(values: ["sad", "ok", "happy"], name: "mood"))
            #expect(try remote.require("mood").serverDefault == .literal("ok"))

            let both = try introspector.schema(IntrospectionOptions(schemas: ["public", "other"], excludeTables: ["tmp_*"]))
            #expect(both.tables.map(\.reference.description) == ["keep_c", "local", "other.remote"])
        }
    }

    @Test("MariaDB: explicit indexes on foreign-key columns, rules, unsigned and other types")
    func mariadb() throws {
        guard TestDatabases.dialects.contains(.mariadb) else { return }
        try IntrospectionSupport.withDatabase(.mariadb) { connection in
            try connection.execute("""
                CREATE TABLE parent (id INT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY, code CHAR(3) NOT NULL) COMMENT '';
                CREATE TABLE kid (
                  id BIGINT NOT NULL AUTO_INCREMENT,
                  parent_id INT UNSIGNED,
                  other_id INT UNSIGNED,
                  flag BIT(1),
                  at DATETIME(6) DEFAULT CURRENT_TIMESTAMP(6) ON UPDATE CURRENT_TIMESTAMP(6),
                  body MEDIUMTEXT,
                  note VARCHAR(20) DEFAULT NULL,
                  qty INT NOT NULL DEFAULT 1,
                  PRIMARY KEY (id),
                  KEY ix_kid_parent (parent_id),
                  CONSTRAINT fk_kid_parent FOREIGN KEY (parent_id) REFERENCES parent (id) ON DELETE SET NULL ON UPDATE CASCADE,
                  CONSTRAINT fk_kid_other FOREIGN KEY (other_id) REFERENCES parent (id) ON DELETE NO ACTION,
                  CONSTRAINT positive CHECK (qty > 0)
                );
                CREATE TABLE `Tmp_upper` (x INT); CREATE TABLE tmp_lower (x INT);
                """)
            let live = try connection.introspect(IntrospectionOptions(excludeTables: ["tmp_*"]))
            // Exclusion is case-sensitive, as MariaDB table names are on Linux.
            #expect(live.tables.map(\.name) == ["Tmp_upper", "kid", "parent"])
            let kid = try live.require("kid")
            #expect(kid.indexes == [Index(name: "ix_kid_parent", columns: ["parent_id"])])
            #expect(kid.foreignKeys == [
                ForeignKey(name: "fk_kid_other", columns: ["other_id"], referredTable: "parent", referredColumns: ["id"]),
                ForeignKey(name: "fk_kid_parent", columns: ["parent_id"], referredTable: "parent",
                           referredColumns: ["id"], onDelete: .setNull, onUpdate: .cascade),
            ])
            #expect(kid.checkConstraints == [CheckConstraint(name: "positive", sqltext: "`qty` > 0")])
            #expect(try kid.require("flag").type == .boolean)
            #expect(try kid.require("at").serverDefault == .expression("current_timestamp(6)"))
            #expect(try kid.require("at").nativeType == "datetime(6)")
            #expect(try kid.require("body").type == .text)
            #expect(try kid.require("note").serverDefault == nil)
            #expect(try kid.require("id").autoincrement)
            let parent = try live.require("parent")
            #expect(try parent.require("id").nativeType == "int(10) unsigned")
            #expect(try parent.require("id").type == .integer)
            #expect(try parent.require("code").type == .string(length: 3))
            #expect(parent.comment == nil)
        }
    }
}

extension Schema {
    func require(_ name: String, schema: String, sourceLocation: SourceLocation = #_sourceLocation) throws -> Table {
        try #require(table(TableReference(name: name, schema: schema)), "no table \(schema).\(name)",
                     sourceLocation: sourceLocation)
    }
}
