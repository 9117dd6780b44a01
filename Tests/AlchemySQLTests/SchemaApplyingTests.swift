import AlchemySchema
import AlchemyTestSupport
import Testing
@testable import AlchemySQL

@Suite("Schema.applying")
struct SchemaApplyingTests {
    let post = OperationFixtures.post
    let ref = OperationFixtures.postRef
    let context = OperationFixtures.context

    @Test("create and drop tables; a duplicate is an error")
    func tables() throws {
        let created = try Schema().applying(.createTable(post))
        #expect(created.table(ref) == post)
        #expect(try created.applying(.dropTable(post)).tables.isEmpty)
        #expect(throws: SchemaChangeError.tableExists(ref)) { try created.applying(.createTable(post)) }
    }

    @Test("rename_table retargets foreign keys that refer to the table")
    func renameTable() throws {
        let child = Table(name: "child", columns: [Column(name: "post_id", type: .bigIntIdentity)],
                          foreignKeys: [ForeignKey(name: "fk", columns: ["post_id"], referredTable: "post", referredColumns: ["id"])])
        let schema = try Schema(tables: [post, child]).applying(.renameTable(ref, newName: "article"))
        #expect(schema.table(ref) == nil)
        #expect(schema.table(TableReference(name: "article"))?.columns == post.columns)
        #expect(schema.table(TableReference(name: "child"))?.foreignKeys.first?.referredTable == "article")
    }

    @Test("columns: add, drop (with the indexes and keys that use it), alter with rename")
    func columns() throws {
        let added = try context.applying(.addColumn(ref, Column(name: "views", type: .integer)))
        #expect(added.table(ref)?.column(named: "views") != nil)
        #expect(throws: SchemaChangeError.columnExists(table: ref, column: "views")) {
            try added.applying(.addColumn(ref, Column(name: "views", type: .integer)))
        }

        let dropped = try context.applying(.dropColumn(ref, Column(name: "author_id", type: .integer)))
        #expect(dropped.table(ref)?.indexes.isEmpty == true)
        #expect(dropped.table(ref)?.columns.map(\.name) == ["id", "title", "body"])

        let change = AlterColumn(table: ref, existing: OperationFixtures.title, type: .text, newName: "headline")
        let altered = try context.applying(.alterColumn(change))
        #expect(altered.table(ref)?.column(named: "headline")?.type == .text)
        #expect(altered.table(ref)?.uniqueConstraints.first?.columns == ["headline"])
    }

    @Test("a renamed column is renamed in foreign keys that refer to it")
    func renameReferredColumn() throws {
        let child = Table(name: "child", columns: [Column(name: "post_id", type: .bigIntIdentity)],
                          foreignKeys: [ForeignKey(name: "fk", columns: ["post_id"], referredTable: "post", referredColumns: ["id"])])
        let change = AlterColumn(table: ref, existing: post.columns[0], newName: "post_key")
        let schema = try Schema(tables: [post, child]).applying(.alterColumn(change))
        #expect(schema.table(TableReference(name: "child"))?.foreignKeys.first?.referredColumns == ["post_key"])
        #expect(schema.table(ref)?.primaryKey?.columns == ["post_key"])
    }

    @Test("indexes, constraints and comments")
    func constraintsAndComments() throws {
        var schema = context
        try schema.apply(.createIndex(ref, Index(name: "ix_post_title", columns: ["title"])))
        try schema.apply(.dropIndex(ref, Index(name: "ix_post_author_id", columns: ["author_id"])))
        #expect(schema.table(ref)?.indexes.map(\.name) == ["ix_post_title"])
        try schema.apply(.createCheckConstraint(ref, CheckConstraint(name: "ck", sqltext: "1 = 1")))
        try schema.apply(.dropConstraint(ref, .unique(UniqueConstraint(name: "uq_post_title", columns: ["title"]))))
        try schema.apply(.dropConstraint(ref, .primaryKey(PrimaryKey(name: "pk_post", columns: ["id"]))))
        try schema.apply(.createForeignKey(ref, ForeignKey(name: "fk", columns: ["author_id"], referredTable: "author",
                                                          referredColumns: ["id"])))
        try schema.apply(.createTableComment(ref, comment: "c", existing: nil))
        let table = try #require(schema.table(ref))
        #expect(table.checkConstraints.map(\.name) == ["ck"])
        #expect(table.uniqueConstraints.isEmpty && table.primaryKey == nil)
        #expect(table.foreignKeys.count == 1 && table.comment == "c")
        try schema.apply(.dropTableComment(ref, existing: "c"))
        try schema.apply(.createPrimaryKey(ref, PrimaryKey(name: "pk_post", columns: ["id"])))
        #expect(schema.table(ref)?.comment == nil && schema.table(ref)?.primaryKey?.columns == ["id"])
    }

    @Test("changes to tables the schema does not know are left alone")
    func unknownTables() throws {
        let unknown = TableReference(name: "made_by_raw_sql")
        #expect(try context.applying(.addColumn(unknown, Column(name: "a", type: .integer))) == context)
        #expect(try context.applying(.execute(Execute(sql: "CREATE TABLE made_by_raw_sql (a INT)"))) == context)
    }
}
