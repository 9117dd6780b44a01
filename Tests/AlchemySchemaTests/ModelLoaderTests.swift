import Testing
@testable import AlchemySchema

@Suite("Model loader")
struct ModelLoaderTests {
    @Test func tablesComeInFileOrderThenDeclarationOrderAndReferAcrossFiles() throws {
        let schema = try ModelLoader().load([
            (path: "models/b.yaml", contents: "tables:\n  z_comment:\n    base: BigIntBase\n    columns:\n      post_id: {foreign_key: post.id}\n  a_note: {base: BigIntBase}\n"),
            (path: "models/a.yaml", contents: "tables:\n  post: {base: UUIDBase}\n"),
        ])
        #expect(schema.tables.map(\.name) == ["z_comment", "a_note", "post"])
        #expect(try schema.require("z_comment").require(column: "post_id").type == .guid(binary: nil))
    }

    @Test func schemaQualifiedForeignKeys() throws {
        let schema = try loadModel("""
            tables:
              user_account:
                base: UUIDBase
                schema: auth
              session:
                base: BigIntBase
                columns:
                  user_id: {foreign_key: auth.user_account.id, ondelete: set_null, nullable: true}
            """)
        let session = try schema.require("session")
        #expect(session.foreignKeys == [ForeignKey(
            name: "fk_session_user_id_user_account", columns: ["user_id"], referredSchema: "auth",
            referredTable: "user_account", referredColumns: ["id"], onDelete: .setNull)])
        #expect(schema.column(ColumnReference(parsing: "auth.user_account.id")!)?.type == .guid(binary: nil))
        #expect(schema.table(TableReference(name: "user_account", schema: "auth"))?.schema == "auth")

        let error = try #require(modelError("""
            tables:
              user_account: {base: UUIDBase, schema: auth}
              session:
                base: BigIntBase
                columns:
                  user_id: {foreign_key: user_account.id}
            """))
        #expect(error.kind == .foreignKey)
        #expect(error.message.contains("did you mean auth.user_account.id?"))
    }

    @Test func foreignKeyChainsTakeTheFinalType() throws {
        let schema = try loadModel("""
            tables:
              c: {columns: {b_id: {foreign_key: b.a_id, primary_key: true}}}
              b: {columns: {a_id: {foreign_key: a.code, primary_key: true}}}
              a: {columns: {code: {type: String(8), primary_key: true}}}
            """)
        #expect(try schema.require("c").require(column: "b_id").type == .string(length: 8))
        #expect(try !schema.require("c").require(column: "b_id").autoincrement)
    }

    @Test func columnDetails() throws {
        let schema = try loadModel("""
            tables:
              post:
                base: BigIntBase
                comment: Blog posts
                columns:
                  created: {type: DateTimeUTC, server_default: {sql: CURRENT_TIMESTAMP}, comment: when}
                  views: {type: Integer, server_default: 0}
                  flag: {type: Boolean, nullable: false, server_default: "false"}
                  maybe: {type: Text?}
                  counter: {type: BigInteger, autoincrement: auto}
            """)
        let post = try schema.require("post")
        #expect(post.comment == "Blog posts")
        #expect(try post.require(column: "created") == Column(
            name: "created", type: .dateTimeUTC, nullable: false, serverDefault: .expression("CURRENT_TIMESTAMP"), comment: "when"))
        #expect(try post.require(column: "views").serverDefault == .expression("0"))
        #expect(try post.require(column: "flag").serverDefault == .literal("false"))
        #expect(try post.require(column: "maybe").nullable)
        #expect(try !post.require(column: "counter").autoincrement)
    }

    @Test func autoincrementOnlyOnIntegers() throws {
        let error = try #require(modelError("tables:\n  t:\n    columns:\n      id: {type: Text, primary_key: true, autoincrement: true}\n"))
        #expect(error.kind == .invalidValue)
        #expect(error.message.contains("only an integer column can be autoincrement"))
    }

    @Test func columnFlagsAndTableLists() throws {
        let schema = try loadModel("""
            tables:
              t:
                base: BigIntBase
                columns:
                  a: {type: Text, unique: true}
                  b: {type: Text, index: true, unique: true}
                  c: {type: Text, index: true}
                indexes:
                  - {name: my_index, columns: [a, c], unique: true}
                unique_constraints:
                  - {name: my_unique, columns: [b, c]}
            """)
        let t = try schema.require("t")
        #expect(t.uniqueConstraints == [
            UniqueConstraint(name: "uq_t_a", columns: ["a"]),
            UniqueConstraint(name: "my_unique", columns: ["b", "c"]),
        ])
        #expect(t.indexes == [
            Index(name: "ix_t_b", columns: ["b"], unique: true),
            Index(name: "ix_t_c", columns: ["c"]),
            Index(name: "my_index", columns: ["a", "c"], unique: true),
        ])

        // An unnamed index is named after its first column, which column c's own index already took.
        let error = try #require(modelError("""
            tables:
              t:
                base: BigIntBase
                columns:
                  c: {type: Text, index: true}
                indexes:
                  - {columns: [c, id]}
            """))
        #expect(error.kind == .duplicateName)
        #expect(error.message.contains("duplicate name 'ix_t_c'"))
    }
}
