import AlchemySchema
import Testing
@testable import AlchemySQL

@Suite("MySQL and MariaDB")
struct MySQLTests {
    let ref = TableReference(name: "t")
    let column = Column(name: "n", type: .integer, nullable: false, serverDefault: .literal("0"), comment: "count")

    func alter(_ change: AlterColumn, on dialect: any Dialect = MariaDBDialect()) throws -> [String] {
        sql(try dialect.render(.alterColumn(change), in: Schema()))
    }

    @Test("alter_column: the smallest statement for each kind of change")
    func alterColumn() throws {
        #expect(try alter(AlterColumn(table: ref, existing: column, newName: "total"))
            == ["ALTER TABLE `t` RENAME COLUMN `n` TO `total`"])
        #expect(try alter(AlterColumn(table: ref, existing: column, serverDefault: .some(.literal("5"))))
            == ["ALTER TABLE `t` ALTER COLUMN `n` SET DEFAULT '5'"])
        #expect(try alter(AlterColumn(table: ref, existing: column, serverDefault: .some(nil)))
            == ["ALTER TABLE `t` ALTER COLUMN `n` DROP DEFAULT"])
        // MODIFY restates the whole column, so the comment and default survive the type change.
        #expect(try alter(AlterColumn(table: ref, existing: column, type: .bigInteger))
            == ["ALTER TABLE `t` MODIFY COLUMN `n` BIGINT NOT NULL DEFAULT '0' COMMENT 'count'"])
        #expect(try alter(AlterColumn(table: ref, existing: column, nullable: true, newName: "total"))
            == ["ALTER TABLE `t` CHANGE COLUMN `n` `total` INTEGER DEFAULT '0' COMMENT 'count'"])
        #expect(try alter(AlterColumn(table: ref, existing: column, comment: .some("sum")), on: MySQLDialect())
            == ["ALTER TABLE `t` MODIFY COLUMN `n` INTEGER NOT NULL DEFAULT '0' COMMENT 'sum'"])
        #expect(try alter(AlterColumn(table: ref, existing: column, nullable: false)).isEmpty)
    }

    @Test("drop_constraint per kind, and MariaDB's own DROP CONSTRAINT for checks", arguments: [
        (DialectName.mysql, Constraint.primaryKey(PrimaryKey(name: "pk_t", columns: ["id"])), "ALTER TABLE `t` DROP PRIMARY KEY"),
        (.mariadb, .primaryKey(PrimaryKey(columns: ["id"])), "ALTER TABLE `t` DROP PRIMARY KEY"),
        (.mysql, .unique(UniqueConstraint(name: "uq_t_a", columns: ["a"])), "ALTER TABLE `t` DROP INDEX `uq_t_a`"),
        (.mysql, .foreignKey(ForeignKey(name: "fk_t_a_u", columns: ["a"], referredTable: "u", referredColumns: ["id"])),
         "ALTER TABLE `t` DROP FOREIGN KEY `fk_t_a_u`"),
        (.mysql, .check(CheckConstraint(name: "ck_t_a", sqltext: "a > 0")), "ALTER TABLE `t` DROP CHECK `ck_t_a`"),
        (.mariadb, .check(CheckConstraint(name: "ck_t_a", sqltext: "a > 0")), "ALTER TABLE `t` DROP CONSTRAINT `ck_t_a`"),
    ])
    func dropConstraint(_ dialect: DialectName, _ constraint: Constraint, _ expected: String) throws {
        #expect(sql(try dialect.dialect.render(.dropConstraint(ref, constraint), in: Schema())) == [expected])
    }

    @Test("the index behind a foreign key: kept when its key goes, dropped with the foreign key")
    func foreignKeyIndexes() throws {
        let key = ForeignKey(name: "fk_t_a_u", columns: ["a"], referredTable: "u", referredColumns: ["id"])
        let unique = UniqueConstraint(name: "uq_t_a_b", columns: ["a", "b"])
        let served = Schema(tables: [Table(name: "t", columns: [Column(name: "a", type: .integer), Column(name: "b", type: .integer)],
                                           foreignKeys: [key], uniqueConstraints: [unique])])
        // The unique key serves the foreign key: the key gets its own index first.
        #expect(sql(try MariaDBDialect().render(.dropConstraint(ref, .unique(unique)), in: served))
            == ["ALTER TABLE `t` ADD INDEX IF NOT EXISTS `fk_t_a_u` (`a`), DROP INDEX `uq_t_a_b`"])
        var indexed = served
        indexed.tables[0].uniqueConstraints = []
        indexed.tables[0].indexes = [Index(name: "ix_t_a_b", columns: ["a", "b"])]
        #expect(sql(try MySQLDialect().render(.dropIndex(ref, Index(name: "ix_t_a_b", columns: ["a", "b"])), in: indexed))
            == ["ALTER TABLE `t` ADD INDEX `fk_t_a_u` (`a`), DROP INDEX `ix_t_a_b`"])
        // While a declared key serves it, the foreign key goes alone.
        #expect(sql(try MariaDBDialect().render(.dropConstraint(ref, .foreignKey(key)), in: served))
            == ["ALTER TABLE `t` DROP FOREIGN KEY `fk_t_a_u`"])
        // Otherwise the server made an index for it, which goes too.
        indexed.tables[0].indexes = []
        #expect(sql(try MariaDBDialect().render(.dropConstraint(ref, .foreignKey(key)), in: indexed))
            == ["ALTER TABLE `t` DROP FOREIGN KEY `fk_t_a_u`, DROP INDEX IF EXISTS `fk_t_a_u`"])
    }

    @Test("rename_table keeps the table in its schema")
    func renameInSchema() throws {
        #expect(sql(try MySQLDialect().render(.renameTable(TableReference(name: "t", schema: "app"), newName: "u"), in: Schema()))
            == ["ALTER TABLE `app`.`t` RENAME TO `app`.`u`"])
    }

    @Test("execute: a mysql entry serves MariaDB unless it has its own")
    func execute() throws {
        let op = MigrateOperation.execute(Execute(sql: nil, perDialect: ["mysql": "SET @a = 1", "postgresql": "SELECT 1"]))
        #expect(sql(try MariaDBDialect().render(op, in: Schema())) == ["SET @a = 1"])
        #expect(try SQLiteDialect().render(op, in: Schema()).isEmpty)
    }
}
