@testable import AlchemyDatabase
import AlchemySchema
import Testing

/// The pure parts of introspection: SQLite's CREATE TABLE reader, table filters,
/// and the mapping of reported types to portable ones.
@Suite("Introspection parsing")
struct IntrospectionParsingTests {
    @Test("SQLite quoting: bracket identifiers, doubled quotes, comments left out")
    func tokens() {
        let text = SQLiteSchemaSQL.tokens(#"a "b ""c""" [d e] `f` 'g''h' x'00' 1.5 -- c, (x"#
            + "\n/* ) , */ (,)")
        #expect(text.tokens.map(\.kind) == [.word, .quotedIdentifier, .quotedIdentifier, .quotedIdentifier, .string,
                                           .word, .string, .number, .symbol, .symbol, .symbol])
        #expect(text.content(text[1]) == #"b "c""#)
        #expect(text.content(text[2]) == "d e")
        #expect(text.content(text[3]) == "f")
        #expect(text.text(text[4]) == "'g''h'")
        #expect(text.content(text[4]) == "g'h")
    }

    @Test("CREATE TABLE: named constraints at table and column level")
    func createTable() {
        let definition = SQLiteSchemaSQL.createTable(#"""
            CREATE TABLE "t" (
              id INTEGER NOT NULL CONSTRAINT "pk t" PRIMARY KEY AUTOINCREMENT,
              a VARCHAR(10) DEFAULT ('x,(y)') CONSTRAINT ck_a CHECK (length(a) > 0) UNIQUE,
              b DOUBLE PRECISION REFERENCES other (id) ON DELETE CASCADE,
              c INTEGER GENERATED ALWAYS AS (id * 2) VIRTUAL,
              CONSTRAINT uq_ab UNIQUE (a, "b"),
              CONSTRAINT "ck, odd" CHECK (a <> ',' AND (b > 1 OR b < -1)),
              CHECK (c IS NOT NULL),
              CONSTRAINT fk_b FOREIGN KEY(b, c) REFERENCES "Other" ("x", y) ON UPDATE SET NULL
            ) WITHOUT ROWID
            """#)
        #expect(definition.primaryKey == .init(name: "pk t", columns: ["id"]))
        #expect(definition.autoincrementColumns == ["id"])
        #expect(definition.uniques == [.init(name: nil, columns: ["a"]), .init(name: "uq_ab", columns: ["a", "b"])])
        #expect(definition.checks == [
            .init(name: "ck_a", sqltext: "length(a) > 0"),
            .init(name: "ck, odd", sqltext: "a <> ',' AND (b > 1 OR b < -1)"),
            .init(name: nil, sqltext: "c IS NOT NULL"),
        ])
        #expect(definition.foreignKeys == [
            .init(name: nil, columns: ["b"], referredTable: "other", referredColumns: ["id"]),
            .init(name: "fk_b", columns: ["b", "c"], referredTable: "Other", referredColumns: ["x", "y"]),
        ])
        #expect(definition.withoutRowid)
    }

    @Test("CREATE TABLE as alchemy's SQLite dialect writes it")
    func alchemyDDL() {
        let definition = SQLiteSchemaSQL.createTable("""
            CREATE TABLE "user_account" (
              "id" BINARY(16) NOT NULL,
              "email" VARCHAR(320) NOT NULL,
              "status" VARCHAR(8) DEFAULT 'active' NOT NULL,
              CONSTRAINT "pk_user_account" PRIMARY KEY ("id"),
              CONSTRAINT "uq_user_account_email" UNIQUE ("email"),
              CONSTRAINT "ck_user_account_email_has_at" CHECK (email LIKE '%@%'),
              CONSTRAINT "fk_x" FOREIGN KEY("id") REFERENCES "other" ("id") ON DELETE CASCADE
            )
            """)
        #expect(definition.primaryKey?.name == "pk_user_account")
        #expect(definition.uniques == [.init(name: "uq_user_account_email", columns: ["email"])])
        #expect(definition.checks == [.init(name: "ck_user_account_email_has_at", sqltext: "email LIKE '%@%'")])
        #expect(definition.foreignKeys.map(\.name) == ["fk_x"])
        #expect(!definition.withoutRowid)
    }

    @Test("CREATE INDEX keys as written")
    func indexKeys() {
        #expect(SQLiteSchemaSQL.createIndex(#"CREATE INDEX "main"."ix" ON "t" (lower("a, b"), c DESC, (d + 1)) WHERE c > 0"#)
            == .init(keys: [#"lower("a, b")"#, "c DESC", "(d + 1)"], predicate: "c > 0"))
        #expect(SQLiteSchemaSQL.createIndex(#"CREATE UNIQUE INDEX ix ON t (a)"#) == .init(keys: ["a"], predicate: nil))
    }

    @Test("Glob patterns and their LIKE translation")
    func globs() {
        #expect(Glob.matches("tmp_*", "tmp_x"))
        #expect(Glob.matches("tmp_*", "tmp_"))
        #expect(!Glob.matches("tmp_*", "TMP_x"))
        #expect(Glob.matches("a?c", "abc"))
        #expect(!Glob.matches("a?c", "ac"))
        #expect(Glob.matches("*_log_*", "app_log_2024"))
        #expect(Glob.matches("t[0-9]", "t7"))
        #expect(!Glob.matches("t[!0-9]", "t7"))
        #expect(Glob.matches("spatial_ref_sys", "spatial_ref_sys"))
        #expect(!Glob.matches("spatial_ref_sys", "spatial_ref_sys2"))
        let filter = TableFilter(versionTable: "alembic_versions", excludePatterns: ["tmp_*", "a%b?", "x[12]"])
        #expect(filter.likePatterns() == [#"tmp\_%"#, #"a\%b_"#])
        #expect(filter.likePatterns(singleCharacterWildcard: false) == [#"tmp\_%"#])
        #expect(!filter.includes(name: "alembic_versions", schema: nil))
        #expect(filter.includes(name: "alembic_versions", schema: "other"))
        #expect(!filter.includes(name: "x1", schema: nil))
        #expect(filter.includes(name: "post", schema: nil))
        // A version-table schema spelled out is the default schema once its name is known.
        var spelled = TableFilter(versionTable: "alembic_versions", versionTableSchema: "public")
        spelled.defaultSchema = "public"
        #expect(!spelled.includes(name: "alembic_versions", schema: nil))
        #expect(spelled.includes(name: "alembic_versions", schema: "audit"))
    }

    @Test("PostgreSQL's format_type spellings")
    func postgresqlTypes() {
        let cases: [(String, ColumnType)] = [
            ("character varying(255)", .string(length: 255)), ("character varying", .string(length: nil)),
            ("numeric(10,2)", .numeric(precision: 10, scale: 2)), ("numeric", .numeric(precision: nil, scale: nil)),
            ("timestamp(3) with time zone", .dateTimeUTC), ("timestamp without time zone", .dateTime(timezone: false)),
            ("time with time zone", .time), ("interval day to second", .interval), ("uuid", .guid(binary: nil)),
            ("jsonb", .jsonb), ("json", .json), ("bytea", .largeBinary), ("real", .float),
            ("double precision", .double), ("integer[]", .text), ("inet", .text),
        ]
        for (native, type) in cases { #expect(PostgreSQLIntrospector.portableType(native) == type, "\(native)") }
        #expect(PostgreSQLIntrospector.checkCondition("CHECK (a > 0) NOT VALID") == "a > 0")
        #expect(PostgreSQLIntrospector.checkCondition("CHECK ((a > 0) OR (b < 1))") == "(a > 0) OR (b < 1)")
    }

    @Test("MySQL/MariaDB COLUMN_TYPE spellings")
    func mariadbTypes() {
        let cases: [(String, ColumnType)] = [
            ("tinyint(1)", .boolean), ("tinyint(4)", .smallInteger), ("int(10) unsigned", .integer),
            ("bigint(20)", .bigInteger), ("int", .integer), ("decimal(10,2)", .numeric(precision: 10, scale: 2)),
            ("char(32)", .uuid), ("char(3)", .string(length: 3)), ("binary(16)", .guid(binary: nil)),
            ("varbinary(20)", .largeBinary), ("longtext", .text), ("json", .json), ("datetime(6)", .dateTime(timezone: false)),
            ("enum('a','it''s')", .enumeration(values: ["a", "it's"], name: nil)), ("set('a')", .text),
        ]
        for (native, type) in cases { #expect(MariaDBIntrospector.portableType(native) == type, "\(native)") }
        #expect(MariaDBIntrospector.isJSONCheck(CheckConstraint(name: "doc", sqltext: "json_valid(`doc`)"), column: "doc"))
        #expect(!MariaDBIntrospector.isJSONCheck(CheckConstraint(name: "doc", sqltext: "`doc` > 0"), column: "doc"))
        #expect(MariaDBIntrospector.mysqlDefault("0", dataType: "int", isExpression: false) == "0")
        #expect(MariaDBIntrospector.mysqlDefault("it's", dataType: "varchar", isExpression: false) == "'it''s'")
        #expect(MariaDBIntrospector.mysqlDefault("CURRENT_TIMESTAMP", dataType: "datetime", isExpression: true)
            == "CURRENT_TIMESTAMP")
    }

    @Test("SQLite declared types, then affinity")
    func sqliteTypes() {
        let cases: [(String, ColumnType)] = [
            ("INTEGER", .integer), ("BIGINT", .bigInteger), ("VARCHAR(255)", .string(length: 255)),
            ("VARCHAR", .string(length: nil)), ("NUMERIC(10, 2)", .numeric(precision: 10, scale: 2)),
            ("BINARY(16)", .guid(binary: nil)), ("CHAR(32)", .uuid), ("DATETIME", .dateTime(timezone: false)),
            ("JSON", .json), ("", .largeBinary), ("UNSIGNED BIG INT", .integer), ("NATIVE CHARACTER(70)", .text),
            ("MONEY", .numeric(precision: nil, scale: nil)),
        ]
        for (native, type) in cases { #expect(SQLiteIntrospector.portableType(native) == type, "\(native)") }
    }
}
