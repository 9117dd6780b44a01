import AlchemySchema
import Testing
@testable import AlchemySQL

/// `alter_column`'s `using:` conversion, PostgreSQL's default conversions, and
/// an `alter_column` that does not say what the column was.
@Suite("AlterColumn: using and unknown existing columns")
struct AlterColumnUsingTests {
    static let post = TableReference(name: "post")
    static let postgresql = PostgreSQLDialect()

    @Test("PostgreSQL converts by explicit cast only where no assignment cast exists", arguments: [
        (Column(name: "code", type: .string(length: 10)), ColumnType.integer, "code::integer"),
        (Column(name: "code", type: .text), .bigInteger, "code::bigint"),
        (Column(name: "price", type: .string(length: 10)), .numeric(precision: 10, scale: 2), "price::numeric(10, 2)"),
        (Column(name: "flag", type: .string(length: 5)), .boolean, "flag::boolean"),
        (Column(name: "ref", type: .text), .uuid, "ref::uuid"),
        (Column(name: "day", type: .string(length: 10)), .date, "day::date"),
        (Column(name: "at", type: .text), .dateTime(timezone: false), "at::timestamp without time zone"),
        (Column(name: "doc", type: .text), .jsonb, "doc::jsonb"),
        (Column(name: "doc", type: .text), .json, "doc::json"),
        (Column(name: "state", type: .text), .enumeration(values: ["a", "b"], name: "state_kind"), #"state::"state_kind""#),
        (Column(name: "flag", type: .integer), .boolean, "flag::boolean"),
        (Column(name: "flag", type: .bigInteger), .boolean, "flag::integer::boolean"),
        (Column(name: "flag", type: .boolean), .integer, "flag::integer"),
        (Column(name: "flag", type: .boolean), .smallInteger, "flag::integer::smallint"),
        (Column(name: "n", type: .jsonb), .integer, "n::integer"),
        // Names PostgreSQL would not read back bare are quoted.
        (Column(name: "Code", type: .string(length: 10)), .integer, #""Code"::integer"#),
        (Column(name: "order", type: .string(length: 10)), .integer, #""order"::integer"#),
        (Column(name: "a b", type: .string(length: 10)), .integer, #""a b"::integer"#),
        (Column(name: "1st", type: .string(length: 10)), .integer, #""1st"::integer"#),
    ])
    func conversions(column: Column, to type: ColumnType, expected: String) {
        #expect(Self.postgresql.typeConversion(of: column, to: type) == expected)
    }

    @Test("Changes PostgreSQL makes by itself, or that no cast makes, get no conversion", arguments: [
        (Column(name: "c", type: .integer), ColumnType.string(length: 10)),
        (Column(name: "c", type: .integer), .bigInteger),
        (Column(name: "c", type: .bigInteger), .integer),
        (Column(name: "c", type: .integer), .numeric(precision: 10, scale: 2)),
        (Column(name: "c", type: .json), .jsonb),
        (Column(name: "c", type: .jsonb), .json),
        (Column(name: "c", type: .string(length: 10)), .string(length: 20)),
        (Column(name: "c", type: .string(length: 10)), .text),
        (Column(name: "c", type: .date), .dateTime(timezone: true)),
        (Column(name: "c", type: .uuid), .integer),
        (Column(name: "c", type: .guid(binary: nil)), .uuid),
        // As the server reports it: `character varying(10)` is String(10).
        (Column(name: "c", type: .string(length: 10), nativeType: "character varying(10)"), .text),
    ])
    func noConversion(column: Column, to type: ColumnType) {
        #expect(Self.postgresql.typeConversion(of: column, to: type) == nil)
    }

    @Test("The other dialects need no conversion", arguments: [DialectName.sqlite, .mysql, .mariadb])
    func otherDialects(dialect: DialectName) {
        #expect(dialect.dialect.typeConversion(of: Column(name: "code", type: .string(length: 10)), to: .integer) == nil)
        #expect(!dialect.dialect.takesUsingExpression)
    }

    @Test("using goes through the SQL expression guard where it is written, and is ignored elsewhere")
    func guarded() throws {
        let change = AlterColumn(table: Self.post, existing: Column(name: "code", type: .string(length: 10)),
                                 type: .integer, using: "code::integer; DROP TABLE post")
        #expect(throws: RenderError.unsafeExpression("code::integer; DROP TABLE post", .statementSeparator)) {
            try Self.postgresql.render(.alterColumn(change), in: Schema())
        }
        #expect(try sql(MySQLDialect().render(.alterColumn(change), in: Schema())) == ["ALTER TABLE `post` MODIFY COLUMN `code` INTEGER"])
    }

    @Test("Without existing_type: PostgreSQL writes the change, MySQL restates a new type")
    func unknownTypeWithNewType() throws {
        let change = AlterColumn(table: Self.post, existing: Column(name: "code", type: .integer), existingKnown: [],
                                 type: .integer, using: "code::integer", nullable: false)
        #expect(try sql(Self.postgresql.render(.alterColumn(change), in: Schema())) == [
            #"ALTER TABLE "post" ALTER COLUMN "code" TYPE INTEGER USING code::integer"#,
            #"ALTER TABLE "post" ALTER COLUMN "code" SET NOT NULL"#,
        ])
        #expect(try sql(MySQLDialect().render(.alterColumn(change), in: Schema())) == ["ALTER TABLE `post` MODIFY COLUMN `code` INTEGER NOT NULL"])
    }

    @Test("Without existing_type and a column the context does not know, MySQL names existing_type", arguments: [DialectName.mysql, .mariadb])
    func unknownTypeRefused(dialect: DialectName) throws {
        let change = AlterColumn(table: Self.post, existing: Column(name: "code", type: .text), existingKnown: [], nullable: false)
        do {
            _ = try dialect.dialect.render(.alterColumn(change), in: Schema())
            Issue.record("rendered without the column's type")
        } catch {
            #expect("\(error)".contains("add `existing_type:`"), "\(error)")
            #expect(!"\(error)".contains("\n"))
        }
        // PostgreSQL needs nothing it does not have.
        #expect(try sql(Self.postgresql.render(.alterColumn(change), in: Schema())) == [#"ALTER TABLE "post" ALTER COLUMN "code" SET NOT NULL"#])
    }

    @Test("A nullability change against an unknown earlier nullability is written, not guessed away")
    func unknownNullability() throws {
        let change = AlterColumn(table: Self.post, existing: Column(name: "code", type: .integer), existingKnown: [.type], nullable: true)
        #expect(try sql(Self.postgresql.render(.alterColumn(change), in: Schema())) == [#"ALTER TABLE "post" ALTER COLUMN "code" DROP NOT NULL"#])
    }

    @Test("Applying a change that leaves facts out keeps the context's column")
    func applyingKeepsFacts() throws {
        let table = Table(name: "post", columns: [Column(name: "title", type: .string(length: 255), nullable: false, comment: "headline")])
        let change = AlterColumn(table: Self.post, existing: Column(name: "title", type: .text), existingKnown: [], nullable: true)
        let after = try Schema(tables: [table]).applying(.alterColumn(change))
        #expect(after.tables.first?.columns == [Column(name: "title", type: .string(length: 255), nullable: true, comment: "headline")])
    }
}

/// A default typed by the old type would stop PostgreSQL's conversion.
@Suite("AlterColumn: using with a server default")
struct AlterColumnUsingDefaultTests {
    static let post = TableReference(name: "post")

    @Test("PostgreSQL drops the default for the conversion and sets the column's default after it")
    func defaultAroundConversion() throws {
        let existing = Column(name: "code", type: .string(length: 10), nullable: false, serverDefault: .literal("0"))
        let kept = AlterColumn(table: Self.post, existing: existing, type: .integer, using: "code::integer")
        #expect(try sql(PostgreSQLDialect().render(.alterColumn(kept), in: Schema())) == [
            #"ALTER TABLE "post" ALTER COLUMN "code" DROP DEFAULT"#,
            #"ALTER TABLE "post" ALTER COLUMN "code" TYPE INTEGER USING code::integer"#,
            #"ALTER TABLE "post" ALTER COLUMN "code" SET DEFAULT '0'"#,
        ])
        var dropped = kept
        dropped.serverDefault = .some(nil)
        #expect(try sql(PostgreSQLDialect().render(.alterColumn(dropped), in: Schema())) == [
            #"ALTER TABLE "post" ALTER COLUMN "code" DROP DEFAULT"#,
            #"ALTER TABLE "post" ALTER COLUMN "code" TYPE INTEGER USING code::integer"#,
        ])
        var changed = kept
        changed.serverDefault = .some(.literal("1"))
        #expect(try sql(PostgreSQLDialect().render(.alterColumn(changed), in: Schema())).last == #"ALTER TABLE "post" ALTER COLUMN "code" SET DEFAULT '1'"#)
    }
}
