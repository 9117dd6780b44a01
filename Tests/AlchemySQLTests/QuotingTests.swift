import AlchemySchema
import Testing
@testable import AlchemySQL

@Suite("Quoting and literals")
struct QuotingTests {
    @Test("identifiers are quoted with embedded quotes doubled", arguments: [
        (DialectName.sqlite, "order", #""order""#),
        (.sqlite, "MixedCase", #""MixedCase""#),
        (.sqlite, #"say "hi""#, #""say ""hi""""#),
        (.sqlite, "back`tick", #""back`tick""#),
        (.postgresql, "user", #""user""#),
        (.postgresql, "CamelCase", #""CamelCase""#),
        (.postgresql, #"a"b"#, #""a""b""#),
        (.mysql, "select", "`select`"),
        (.mysql, "MixedCase", "`MixedCase`"),
        (.mysql, "back`tick", "`back``tick`"),
        (.mysql, #"dq"x"#, #"`dq"x`"#),
        (.mariadb, "group", "`group`"),
        (.mariadb, "a`b", "`a``b`"),
    ])
    func quote(_ dialect: DialectName, _ identifier: String, _ expected: String) {
        #expect(dialect.dialect.quote(identifier) == expected)
    }

    @Test("schema-qualified names")
    func qualified() {
        let table = TableReference(name: "Order", schema: "Sales")
        #expect(PostgreSQLDialect().qualified(table) == #""Sales"."Order""#)
        #expect(MariaDBDialect().qualified(table) == "`Sales`.`Order`")
        #expect(SQLiteDialect().qualified(TableReference(name: "t")) == #""t""#)
    }

    @Test("reserved words and mixed case in a whole create_table")
    func reservedTable() throws {
        let table = Table(
            name: "order",
            columns: [
                Column(name: "select", type: .integer, nullable: false),
                Column(name: "Group", type: .string(length: 10), serverDefault: .literal("it's")),
            ],
            primaryKey: PrimaryKey(name: "pk_order", columns: ["select"]),
            indexes: [Index(name: "ix_order_Group", columns: ["Group"])])
        #expect(sql(try PostgreSQLDialect().render(.createTable(table), in: Schema())) == [
            "CREATE TABLE \"order\" (\n  \"select\" INTEGER NOT NULL,\n  \"Group\" VARCHAR(10) DEFAULT 'it''s',\n"
                + "  CONSTRAINT \"pk_order\" PRIMARY KEY (\"select\")\n)",
            #"CREATE INDEX "ix_order_Group" ON "order" ("Group")"#,
        ])
        #expect(sql(try MySQLDialect().render(.createTable(table), in: Schema())) == [
            "CREATE TABLE `order` (\n  `select` INTEGER NOT NULL,\n  `Group` VARCHAR(10) DEFAULT 'it''s',\n"
                + "  CONSTRAINT `pk_order` PRIMARY KEY (`select`),\n  INDEX `ix_order_Group` (`Group`)\n)",
        ])
    }

    @Test("string literals: quotes doubled everywhere, backslashes doubled on MySQL/MariaDB")
    func strings() {
        let text = #"it's C:\dir"#
        #expect(SQLiteDialect().stringLiteral(text) == #"'it''s C:\dir'"#)
        #expect(PostgreSQLDialect().stringLiteral(text) == #"'it''s C:\dir'"#)
        #expect(MySQLDialect().stringLiteral(text) == #"'it''s C:\\dir'"#)
        #expect(MariaDBDialect().stringLiteral(text) == #"'it''s C:\\dir'"#)
    }

    @Test("literal values per dialect", arguments: [
        (DialectName.sqlite, LiteralValue.bool(true), "1"),
        (.sqlite, .bool(false), "0"),
        (.postgresql, .bool(true), "TRUE"),
        (.postgresql, .bool(false), "FALSE"),
        (.mysql, .bool(true), "TRUE"),
        (.mariadb, .bool(false), "FALSE"),
        (.sqlite, .null, "NULL"),
        (.postgresql, .int(-42), "-42"),
        (.mysql, .double(2.5), "2.5"),
        (.mariadb, .string(#"a\'b"#), #"'a\\''b'"#),
        (.sqlite, .string("ünï"), "'ünï'"),
    ])
    func literal(_ dialect: DialectName, _ value: LiteralValue, _ expected: String) throws {
        #expect(try dialect.dialect.literal(value) == expected)
    }

    @Test("non-finite numbers have no literal")
    func nonFinite() {
        #expect(throws: RenderError.self) { try PostgreSQLDialect().literal(.double(.infinity)) }
    }

    @Test("server defaults: literal quoted, expression as written")
    func defaults() throws {
        let literal = Column(name: "state", type: .string(length: 8), nullable: false, serverDefault: .literal("new"))
        let expression = Column(name: "at", type: .dateTimeUTC, nullable: false, serverDefault: .expression("CURRENT_TIMESTAMP"))
        #expect(try SQLiteDialect().columnDefinition(literal) == #""state" VARCHAR(8) DEFAULT 'new' NOT NULL"#)
        #expect(try PostgreSQLDialect().columnDefinition(expression)
            == #""at" TIMESTAMP WITH TIME ZONE DEFAULT CURRENT_TIMESTAMP NOT NULL"#)
        #expect(try MariaDBDialect().columnDefinition(expression) == "`at` DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP")
    }

    @Test("dialects by name")
    func names() {
        for name in DialectName.allCases {
            #expect(name.dialect.name == name)
            #expect(DialectName(rawValue: name.rawValue) == name)
        }
        #expect(DialectName(rawValue: "oracle") == nil)
    }
}

@Suite("Literals per session escape setting")
struct SessionLiteralTests {
    @Test("MySQL family: backslash doubled only where it escapes", arguments: [true, false])
    func mySQLFamily(_ backslashEscapes: Bool) {
        let text = #"x\'; DROP TABLE victim; --"#
        let expected = backslashEscapes ? #"'x\\''; DROP TABLE victim; --'"# : #"'x\''; DROP TABLE victim; --'"#
        #expect(MariaDBDialect(backslashEscapes: backslashEscapes).stringLiteral(text) == expected)
        #expect(MySQLDialect(backslashEscapes: backslashEscapes).stringLiteral(text) == expected)
        let enumDDL = try? MariaDBDialect(backslashEscapes: backslashEscapes).typeDDL(.enumeration(values: [#"a\b"#], name: nil))
        #expect(enumDDL == (backslashEscapes ? #"ENUM('a\\b')"# : #"ENUM('a\b')"#))
    }

    @Test("the server default escapes backslashes; only PostgreSQL pins a setting")
    func defaults() {
        #expect(MariaDBDialect().backslashEscapes)
        #expect(MySQLDialect().backslashEscapes)
        #expect(PostgreSQLDialect().literalSettings == ["SET standard_conforming_strings = on"])
        #expect(PostgreSQLDialect().stringLiteral(#"x\'"#) == #"'x\'''"#)
        #expect(SQLiteDialect().literalSettings.isEmpty)
        #expect(MariaDBDialect().literalSettings.isEmpty)
    }
}
