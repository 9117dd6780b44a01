import AlchemySchema
import AlchemySQL
import Testing
@testable import AlchemyMigrate

/// Each kind of change gives exactly the expected operations, and their reverse.
@Suite("Autogenerate: changes")
struct AutogenerateChangeTests {
    typealias F = ComparisonFixtures
    let post = TableReference(name: "post")

    func compare(_ declared: Schema, _ live: Schema, on dialect: DialectName = .postgresql) -> Comparison {
        SchemaComparator.on(dialect).compare(declared: declared, live: live)
    }

    @Test("add and drop a table, with indexes inside and the full definition on drop")
    func tables() {
        let live = Schema(tables: [F.u4])
        let declared = Schema(tables: [F.u4, F.post])
        #expect(compare(declared, live).upgrade == [.createTable(F.post)])
        #expect(compare(declared, live).downgrade == [.dropTable(F.post)])
        #expect(compare(live, declared).upgrade == [.dropTable(F.post)])
        #expect(compare(live, declared).downgrade == [.createTable(F.post)])
    }

    @Test("add and drop a column")
    func columns() {
        let published = Column(name: "published", type: .boolean, nullable: false, serverDefault: .literal("0"))
        let declared = F.declared.with("post") { $0.columns.append(published) }
        let comparison = compare(declared, F.declared)
        #expect(comparison.upgrade == [.addColumn(post, published)])
        #expect(comparison.downgrade == [.dropColumn(post, published)])
        let back = compare(F.declared, declared)
        #expect(back.upgrade == [.dropColumn(post, published)])
        #expect(back.downgrade == [.addColumn(post, published)])
    }

    @Test("nullability")
    func nullability() {
        let live = F.declared.with("post") { $0 = $0.with(column: "title") { $0.nullable = true } }
        let existing = live.table(post)!.column(named: "title")!
        let comparison = compare(F.declared, live)
        #expect(comparison.upgrade == [.alterColumn(AlterColumn(table: post, existing: existing, nullable: false))])
        var after = existing
        after.nullable = false
        #expect(comparison.downgrade == [.alterColumn(AlterColumn(table: post, existing: after, nullable: true))])
    }

    @Test("type, nullability and default of one column make one alter_column")
    func combined() {
        let live = F.declared.with("post") {
            $0 = $0.with(column: "title") {
                $0.type = .text
                $0.nativeType = "text"
                $0.nullable = true
                $0.serverDefault = .expression("'x'::text")
            }
        }
        let existing = live.table(post)!.column(named: "title")!
        let upgrade = compare(F.declared, live).upgrade
        #expect(upgrade == [.alterColumn(AlterColumn(table: post, existing: existing, type: .string(length: 255),
                                                     nullable: false, serverDefault: .some(nil)))])
    }

    @Test("add and drop an index")
    func indexes() {
        let index = Index(name: "ix_post_created_at", columns: ["created_at"])
        let declared = F.declared.with("post") { $0.indexes.append(index) }
        #expect(compare(declared, F.declared).upgrade == [.createIndex(post, index)])
        #expect(compare(declared, F.declared).downgrade == [.dropIndex(post, index)])
        #expect(compare(F.declared, declared).upgrade == [.dropIndex(post, index)])
        #expect(compare(F.declared, declared).downgrade == [.createIndex(post, index)])
    }

    @Test("an index whose columns changed is dropped and created again")
    func indexChanged() {
        let old = Index(name: "ix_post_title", columns: ["title", "created_at"])
        let live = F.declared.with("post") { $0.indexes = [old] }
        let new = F.post.indexes[0]
        #expect(compare(F.declared, live).upgrade == [.dropIndex(post, old), .createIndex(post, new)])
        #expect(compare(F.declared, live).downgrade == [.dropIndex(post, new), .createIndex(post, old)])
    }

    @Test("add and drop a unique constraint")
    func unique() {
        let unique = UniqueConstraint(name: "uq_post_title", columns: ["title"])
        let declared = F.declared.with("post") { $0.uniqueConstraints.append(unique) }
        #expect(compare(declared, F.declared).upgrade == [.createUniqueConstraint(post, unique)])
        #expect(compare(declared, F.declared).downgrade == [.dropConstraint(post, .unique(unique))])
        #expect(compare(F.declared, declared).upgrade == [.dropConstraint(post, .unique(unique))])
    }

    @Test("add and drop a foreign key; a changed action is drop and create")
    func foreignKeys() {
        let child = TableReference(name: "child")
        let key = F.child.foreignKeys[1]
        let live = F.declared.with("child") { $0.foreignKeys.removeLast() }
        #expect(compare(F.declared, live).upgrade == [.createForeignKey(child, key)])
        #expect(compare(F.declared, live).downgrade == [.dropConstraint(child, .foreignKey(key))])
        #expect(compare(live, F.declared).upgrade == [.dropConstraint(child, .foreignKey(key))])
        var changed = key
        changed.onDelete = .setNull
        let declared = F.declared.with("child") { $0.foreignKeys[1] = changed }
        #expect(compare(declared, F.declared).upgrade == [.dropConstraint(child, .foreignKey(key)), .createForeignKey(child, changed)])
    }

    @Test("add and drop a check constraint")
    func checks() {
        let check = CheckConstraint(name: "ck_post_title", sqltext: "length(title) > 0")
        let declared = F.declared.with("post") { $0.checkConstraints.append(check) }
        #expect(compare(declared, F.declared).upgrade == [.createCheckConstraint(post, check)])
        #expect(compare(declared, F.declared).downgrade == [.dropConstraint(post, .check(check))])
        #expect(compare(F.declared, declared).upgrade == [.dropConstraint(post, .check(check))])
    }

    @Test("primary key columns changed")
    func primaryKey() {
        let live = F.declared.with("post") { $0.primaryKey = PrimaryKey(name: "pk_post", columns: ["id", "title"]) }
        let upgrade = compare(F.declared, live).upgrade
        #expect(upgrade == [.dropConstraint(post, .primaryKey(live.table(post)!.primaryKey!)),
                            .createPrimaryKey(post, F.post.primaryKey!)])
    }

    @Test("table comment: create, change, drop", arguments: [DialectName.postgresql, .mariadb])
    func tableComment(dialect: DialectName) {
        let commented = F.declared.with("post") { $0.comment = "posts" }
        let recommented = F.declared.with("post") { $0.comment = "all posts" }
        #expect(compare(commented, F.declared, on: dialect).upgrade == [.createTableComment(post, comment: "posts", existing: nil)])
        #expect(compare(commented, F.declared, on: dialect).downgrade == [.dropTableComment(post, existing: "posts")])
        #expect(compare(recommented, commented, on: dialect).upgrade == [.createTableComment(post, comment: "all posts", existing: "posts")])
        #expect(compare(recommented, commented, on: dialect).downgrade == [.createTableComment(post, comment: "posts", existing: "all posts")])
        #expect(compare(F.declared, commented, on: dialect).upgrade == [.dropTableComment(post, existing: "posts")])
        // MySQL reports no comment as ''.
        let empty = F.declared.with("post") { $0.comment = "" }
        #expect(compare(F.declared, empty, on: dialect).isEmpty)
    }

    @Test("column comment")
    func columnComment() {
        let declared = F.declared.with("post") { $0 = $0.with(column: "title") { $0.comment = "headline" } }
        let existing = F.post.column(named: "title")!
        #expect(compare(declared, F.declared).upgrade == [.alterColumn(AlterColumn(table: post, existing: existing, comment: .some("headline")))])
        #expect(compare(F.declared, declared).upgrade == [.alterColumn(AlterColumn(table: post, existing: declared.table(post)!.column(named: "title")!, comment: .some(nil)))])
    }

    @Test("MySQL family: a live foreign key's own index goes with it")
    func mysqlForeignKeyIndex() {
        let child = TableReference(name: "child")
        let index = Index(name: "fk_child_u4_id_u4", columns: ["u4_id"])
        let declared = F.declared.with("child") { $0.foreignKeys.removeLast() }
        let live = F.declared.with("child") { $0.indexes.append(index) }
        let upgrade = compare(declared, live, on: .mariadb).upgrade
        #expect(upgrade == [.dropConstraint(child, .foreignKey(F.child.foreignKeys[1])), .dropIndex(child, index)])
    }
}
