import AlchemySchema
import Testing
@testable import AlchemySQL

@Suite("Column DDL")
struct ColumnDDLTests {
    let bigIntKey = Column(name: "id", type: .bigInteger, nullable: false, autoincrement: true)
    let intKey = Column(name: "id", type: .integer, nullable: false, autoincrement: true)
    let identity = Column(name: "id", type: .bigIntIdentity, nullable: false, identity: Identity(always: true, start: 100, increment: 5))

    @Test("generated keys per dialect")
    func generatedKeys() throws {
        #expect(try SQLiteDialect().columnDefinition(bigIntKey) == #""id" INTEGER NOT NULL"#)
        #expect(try PostgreSQLDialect().columnDefinition(bigIntKey) == #""id" BIGSERIAL NOT NULL"#)
        #expect(try PostgreSQLDialect().columnDefinition(intKey) == #""id" SERIAL NOT NULL"#)
        #expect(try MariaDBDialect().columnDefinition(bigIntKey) == "`id` BIGINT NOT NULL AUTO_INCREMENT")
        #expect(try MySQLDialect().columnDefinition(intKey) == "`id` INTEGER NOT NULL AUTO_INCREMENT")
    }

    @Test("identity columns per dialect")
    func identityColumns() throws {
        #expect(try PostgreSQLDialect().columnDefinition(identity)
            == #""id" BIGINT GENERATED ALWAYS AS IDENTITY (INCREMENT BY 5 START WITH 100)"#)
        #expect(try SQLiteDialect().columnDefinition(identity) == #""id" INTEGER NOT NULL"#)
        #expect(try MariaDBDialect().columnDefinition(identity) == "`id` BIGINT NOT NULL AUTO_INCREMENT")
    }

    @Test("column comments: inline on MariaDB, separate on PostgreSQL, ignored on SQLite")
    func comments() throws {
        let column = Column(name: "note", type: .text, comment: "free text")
        #expect(try MariaDBDialect().columnDefinition(column) == "`note` TEXT COMMENT 'free text'")
        #expect(try SQLiteDialect().columnDefinition(column) == #""note" TEXT"#)
        let add = MigrateOperation.addColumn(TableReference(name: "t", schema: "app"), column)
        #expect(sql(try PostgreSQLDialect().render(add, in: Schema())) == [
            #"ALTER TABLE "app"."t" ADD COLUMN "note" TEXT"#,
            #"COMMENT ON COLUMN "app"."t"."note" IS 'free text'"#,
        ])
        #expect(sql(try SQLiteDialect().render(add, in: Schema())) == [#"ALTER TABLE "app"."t" ADD COLUMN "note" TEXT"#])
    }

    @Test("a table comment is a table option on MySQL/MariaDB")
    func tableOption() throws {
        let table = Table(name: "t", columns: [Column(name: "a", type: .integer)], comment: "it's")
        #expect(sql(try MySQLDialect().render(.createTable(table), in: Schema()))
            == ["CREATE TABLE `t` (\n  `a` INTEGER\n) COMMENT='it''s'"])
        #expect(sql(try SQLiteDialect().render(.createTable(table), in: Schema())) == ["CREATE TABLE \"t\" (\n  \"a\" INTEGER\n)"])
    }
}
