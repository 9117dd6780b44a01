import AlchemySchema
import Testing
@testable import AlchemySQL

@Suite("PostgreSQL")
struct PostgreSQLTests {
    let pg = PostgreSQLDialect()
    let kind = ColumnType.enumeration(values: ["a", "b"], name: "kind")

    func table(_ name: String, _ columns: Column...) -> Table {
        Table(name: name, columns: columns)
    }

    @Test("an enum type is created once and dropped after its last table")
    func enumLifecycle() throws {
        let first = table("first", Column(name: "k", type: kind))
        let second = table("second", Column(name: "k2", type: kind))
        let statements = sql(try replay([
            .createTable(first), .createTable(second), .dropTable(first), .dropTable(second),
        ], on: pg))
        #expect(statements == [
            #"CREATE TYPE "kind" AS ENUM ('a', 'b')"#,
            "CREATE TABLE \"first\" (\n  \"k\" \"kind\"\n)",
            "CREATE TABLE \"second\" (\n  \"k2\" \"kind\"\n)",
            #"DROP TABLE "first""#,
            #"DROP TABLE "second""#,
            #"DROP TYPE "kind""#,
        ])
    }

    @Test("add, alter and drop of an enum column manage its type")
    func enumColumns() throws {
        let ref = TableReference(name: "t")
        let column = Column(name: "k", type: kind)
        let statements = sql(try replay([
            .addColumn(ref, column),
            .alterColumn(AlterColumn(table: ref, existing: column,
                                     type: .enumeration(values: ["a", "c", "b", "d"], name: "kind"))),
            .dropColumn(ref, Column(name: "k", type: .enumeration(values: ["a", "c", "b", "d"], name: "kind"))),
        ], on: pg, from: Schema(tables: [table("t", Column(name: "id", type: .integer))])))
        #expect(statements == [
            #"CREATE TYPE "kind" AS ENUM ('a', 'b')"#,
            #"ALTER TABLE "t" ADD COLUMN "k" "kind""#,
            #"ALTER TYPE "kind" ADD VALUE 'c' AFTER 'a'"#,
            #"ALTER TYPE "kind" ADD VALUE 'd' AFTER 'b'"#,
            #"ALTER TABLE "t" DROP COLUMN "k""#,
            #"DROP TYPE "kind""#,
        ])
    }

    @Test("removing an enum value makes the type again and converts its columns through text")
    func enumRemoval() throws {
        let ref = TableReference(name: "t")
        let column = Column(name: "k", type: kind, serverDefault: .literal("b"))
        let context = Schema(tables: [table("t", column)])
        let change = AlterColumn(table: ref, existing: column, type: .enumeration(values: ["b"], name: "kind"))
        #expect(sql(try pg.render(.alterColumn(change), in: context)) == [
            #"ALTER TYPE "kind" RENAME TO "kind_old""#,
            #"CREATE TYPE "kind" AS ENUM ('b')"#,
            #"ALTER TABLE "t" ALTER COLUMN "k" DROP DEFAULT"#,
            #"ALTER TABLE "t" ALTER COLUMN "k" TYPE "kind" USING "k"::text::"kind""#,
            #"ALTER TABLE "t" ALTER COLUMN "k" SET DEFAULT 'b'"#,
            #"DROP TYPE "kind_old""#,
        ])
    }

    @Test("CREATE INDEX CONCURRENTLY runs outside the transaction")
    func concurrently() throws {
        let statements = try pg.render(.createIndex(TableReference(name: "t", schema: "app"),
                                                    Index(name: "ix_t_a", columns: ["a"]), concurrently: true),
                                       in: Schema())
        #expect(statements == [Statement(#"CREATE INDEX CONCURRENTLY "ix_t_a" ON "app"."t" ("a")"#, transactional: false)])
        #expect(sql(try SQLiteDialect().render(.createIndex(TableReference(name: "t"), Index(name: "ix_t_a", columns: ["a"]),
                                                            concurrently: true), in: Schema()))
            == [#"CREATE INDEX "ix_t_a" ON "t" ("a")"#])
    }

    @Test("an index is dropped in its table's schema")
    func dropIndex() throws {
        #expect(sql(try pg.render(.dropIndex(TableReference(name: "t", schema: "app"), Index(name: "ix", columns: ["a"])),
                                  in: Schema())) == [#"DROP INDEX "app"."ix""#])
    }

    @Test("alter_column: each change a statement, the rename last")
    func alterEverything() throws {
        let existing = Column(name: "n", type: .integer, comment: "old")
        let change = AlterColumn(table: TableReference(name: "t"), existing: existing, type: .bigInteger, nullable: false,
                                 serverDefault: .some(.literal("1")), comment: .some(nil), newName: "count")
        #expect(sql(try pg.render(.alterColumn(change), in: Schema())) == [
            #"ALTER TABLE "t" ALTER COLUMN "n" TYPE BIGINT"#,
            #"ALTER TABLE "t" ALTER COLUMN "n" SET NOT NULL"#,
            #"ALTER TABLE "t" ALTER COLUMN "n" SET DEFAULT '1'"#,
            #"COMMENT ON COLUMN "t"."n" IS NULL"#,
            #"ALTER TABLE "t" RENAME COLUMN "n" TO "count""#,
        ])
        let dropDefault = AlterColumn(table: TableReference(name: "t"),
                                      existing: Column(name: "n", type: .integer, serverDefault: .literal("1")),
                                      serverDefault: .some(nil))
        #expect(sql(try pg.render(.alterColumn(dropDefault), in: Schema())) == [#"ALTER TABLE "t" ALTER COLUMN "n" DROP DEFAULT"#])
        let noChange = AlterColumn(table: TableReference(name: "t"), existing: existing, type: .integer)
        #expect(try pg.render(.alterColumn(noChange), in: Schema()).isEmpty)
    }

    @Test("execute keeps its transactional flag")
    func execute() throws {
        let op = MigrateOperation.execute(Execute(sql: "VACUUM", transactional: false))
        #expect(try pg.render(op, in: Schema()) == [Statement("VACUUM", transactional: false)])
    }

    @Test("dropping an unnamed constraint is an error naming the fix")
    func unnamed() {
        #expect(throws: RenderError.unnamedConstraint(table: TableReference(name: "t"), kind: "unique", dialect: .postgresql)) {
            try pg.render(.dropConstraint(TableReference(name: "t"), .unique(UniqueConstraint(columns: ["a"]))), in: Schema())
        }
    }
}
