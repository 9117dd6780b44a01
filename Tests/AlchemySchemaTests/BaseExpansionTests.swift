import Testing
@testable import AlchemySchema

/// The tables of reference/advanced-alchemy-ddl.md, declared as model files.
@Suite("Bases and mixins expand as Advanced Alchemy defines them")
struct BaseExpansionTests {
    static let reference = """
        tables:
          ident: {base: IdentityAuditBase}
          nano: {base: NanoIDAuditBase}
          post:
            base: BigIntAuditBase
            columns:
              title: {type: String(255), index: true}
          slugged: {base: BigIntBase, mixins: [SlugKey]}
          types:
            base: BigIntBase
            columns:
              c_int: Integer?
              c_guid: GUID?
              c_guid_bin: "GUID(binary: true)?"
              c_enum: "Enum(a, b, name: kind)?"
              c_srv: {type: Integer, server_default: "0"}
          u4: {base: UUIDAuditBase}
          u6: {base: UUIDv6Base}
          u7: {base: UUIDv7AuditBase}
          child:
            base: UUIDBase
            columns:
              post_id: {foreign_key: post.id, ondelete: CASCADE}
              u4_id: {foreign_key: u4.id, nullable: true}
        """

    let schema: Schema

    init() throws {
        schema = try loadModel(Self.reference)
    }

    @Test func tablesInDeclarationOrder() {
        #expect(schema.tables.map(\.name) == ["ident", "nano", "post", "slugged", "types", "u4", "u6", "u7", "child"])
    }

    @Test func columnOrderMatchesTheReferenceDDL() throws {
        let expected: [String: [String]] = [
            "ident": ["id", "created_at", "updated_at"],
            "nano": ["id", "sa_orm_sentinel", "created_at", "updated_at"],
            "post": ["id", "title", "created_at", "updated_at"],
            "slugged": ["id", "slug"],
            "u4": ["id", "sa_orm_sentinel", "created_at", "updated_at"],
            "u6": ["id", "sa_orm_sentinel"],
            "u7": ["id", "sa_orm_sentinel", "created_at", "updated_at"],
            "child": ["id", "post_id", "u4_id", "sa_orm_sentinel"],
        ]
        for (table, columns) in expected {
            #expect(try schema.require(table).columnNames == columns, "\(table)")
        }
    }

    @Test func mixinColumnsComeBeforeSentinelAndAuditColumns() throws {
        let schema = try loadModel("tables:\n  tagged: {base: UUIDAuditBase, mixins: [SlugKey]}\n")
        #expect(try schema.require("tagged").columnNames == ["id", "slug", "sa_orm_sentinel", "created_at", "updated_at"])
    }

    @Test func bigIntPrimaryKeyIsAutoincrement() throws {
        let post = try schema.require("post")
        #expect(try post.require(column: "id") == Column(name: "id", type: .bigIntIdentity, nullable: false, autoincrement: true))
        #expect(post.primaryKey == PrimaryKey(name: "pk_post", columns: ["id"]))
        #expect(post.indexes == [Index(name: "ix_post_title", columns: ["title"])])
        #expect(try post.require(column: "title") == Column(name: "title", type: .string(length: 255), nullable: false))
    }

    @Test func auditColumns() throws {
        for table in ["ident", "nano", "post", "u4", "u7"] {
            let t = try schema.require(table)
            #expect(try t.require(column: "created_at") == Column(name: "created_at", type: .dateTimeUTC, nullable: false))
            #expect(try t.require(column: "updated_at") == Column(name: "updated_at", type: .dateTimeUTC, nullable: false))
        }
    }

    @Test func identityPrimaryKey() throws {
        let id = try schema.require("ident").require(column: "id")
        #expect(id == Column(name: "id", type: .bigIntIdentity, nullable: false, identity: Identity(start: 1, increment: 1)))
        #expect(!id.autoincrement)
        #expect(try schema.require("ident").primaryKey?.name == "pk_ident")
    }

    @Test(arguments: ["u4", "u6", "u7", "child"])
    func uuidPrimaryKeyWithSentinel(_ table: String) throws {
        let t = try schema.require(table)
        #expect(try t.require(column: "id") == Column(name: "id", type: .guid(binary: nil), nullable: false))
        #expect(try t.require(column: "sa_orm_sentinel") == Column(name: "sa_orm_sentinel", type: .integer, nullable: true))
        #expect(t.primaryKey == PrimaryKey(name: "pk_\(table)", columns: ["id"]))
    }

    @Test func nanoIDPrimaryKeyIsANanoIDColumn() throws {
        let nano = try schema.require("nano")
        #expect(try nano.require(column: "id") == Column(name: "id", type: .nanoID, nullable: false))
        #expect(try nano.require(column: "sa_orm_sentinel").nullable)
    }

    @Test func slugKey() throws {
        let slugged = try schema.require("slugged")
        #expect(try slugged.require(column: "slug") == Column(name: "slug", type: .string(length: 100), nullable: false))
        #expect(slugged.uniqueConstraints == [UniqueConstraint(name: "uq_slugged_slug", columns: ["slug"])])
        #expect(slugged.indexes.isEmpty)
    }

    @Test func foreignKeyColumnsTakeTheReferencedTypeWithoutItsGenerator() throws {
        let child = try schema.require("child")
        #expect(try child.require(column: "post_id") == Column(name: "post_id", type: .bigIntIdentity, nullable: false))
        #expect(try child.require(column: "u4_id") == Column(name: "u4_id", type: .guid(binary: nil), nullable: true))
        #expect(child.foreignKeys == [
            ForeignKey(name: "fk_child_post_id_post", columns: ["post_id"], referredTable: "post",
                       referredColumns: ["id"], onDelete: .cascade),
            ForeignKey(name: "fk_child_u4_id_u4", columns: ["u4_id"], referredTable: "u4", referredColumns: ["id"]),
        ])
    }

    @Test func typesTable() throws {
        let types = try schema.require("types")
        #expect(try types.require(column: "c_int") == Column(name: "c_int", type: .integer, nullable: true))
        #expect(try types.require(column: "c_guid_bin").type == .guid(binary: true))
        #expect(try types.require(column: "c_enum").type == .enumeration(values: ["a", "b"], name: "kind"))
        #expect(try types.require(column: "c_srv") == Column(name: "c_srv", type: .integer, nullable: false, serverDefault: .literal("0")))
    }

    /// Each base, alone, with the columns and key it brings.
    @Test(arguments: [
        ("DefaultBase", [String]()),
        ("BigIntBase", ["id"]), ("BigIntAuditBase", ["id", "created_at", "updated_at"]),
        ("IdentityBase", ["id"]), ("IdentityAuditBase", ["id", "created_at", "updated_at"]),
        ("UUIDBase", ["id", "sa_orm_sentinel"]), ("UUIDAuditBase", ["id", "sa_orm_sentinel", "created_at", "updated_at"]),
        ("UUIDv6Base", ["id", "sa_orm_sentinel"]), ("UUIDv6AuditBase", ["id", "sa_orm_sentinel", "created_at", "updated_at"]),
        ("UUIDv7Base", ["id", "sa_orm_sentinel"]), ("UUIDv7AuditBase", ["id", "sa_orm_sentinel", "created_at", "updated_at"]),
        ("NanoIDBase", ["id", "sa_orm_sentinel"]), ("NanoIDAuditBase", ["id", "sa_orm_sentinel", "created_at", "updated_at"]),
    ])
    func eachBase(_ base: String, _ baseColumns: [String]) throws {
        let schema = try loadModel("""
            tables:
              t:
                base: \(base)
                columns:
                  name: String(50)
            """)
        let t = try schema.require("t")
        var expected = baseColumns
        expected.insert("name", at: baseColumns.isEmpty ? 0 : 1)
        #expect(t.columnNames == expected)
        #expect(t.primaryKey == (baseColumns.isEmpty ? nil : PrimaryKey(name: "pk_t", columns: ["id"])))
    }

    @Test(arguments: [
        ("AuditColumns", ["code", "created_at", "updated_at"], nil as ColumnType?),
        ("SentinelMixin", ["code", "sa_orm_sentinel"], nil),
        ("SlugKey", ["code", "slug"], nil),
        ("BigIntPrimaryKey", ["id", "code"], .bigIntIdentity),
        ("IdentityPrimaryKey", ["id", "code"], .bigIntIdentity),
        ("UUIDPrimaryKey", ["id", "code", "sa_orm_sentinel"], .guid(binary: nil)),
        ("UUIDv6PrimaryKey", ["id", "code", "sa_orm_sentinel"], .guid(binary: nil)),
        ("UUIDv7PrimaryKey", ["id", "code", "sa_orm_sentinel"], .guid(binary: nil)),
        ("NanoIDPrimaryKey", ["id", "code", "sa_orm_sentinel"], .nanoID),
    ])
    func eachMixin(_ mixin: String, _ columns: [String], _ idType: ColumnType?) throws {
        let schema = try loadModel("""
            tables:
              t:
                mixins: [\(mixin)]
                columns:
                  code: String(5)
            """)
        let t = try schema.require("t")
        #expect(t.columnNames == columns)
        if let idType {
            #expect(try t.require(column: "id").type == idType)
            #expect(t.primaryKey?.name == "pk_t")
        }
    }

    @Test func mixinsFollowTheBaseAndAreNotRepeated() throws {
        let schema = try loadModel("""
            tables:
              tag:
                base: UUIDAuditBase
                mixins: [SlugKey, SentinelMixin, AuditColumns]
                columns:
                  name: String(10)
            """)
        #expect(try schema.require("tag").columnNames
            == ["id", "name", "slug", "sa_orm_sentinel", "created_at", "updated_at"])
    }

    @Test func declaredIntegerPrimaryKeyIsAutoincrementLikeSQLAlchemysAuto() throws {
        let schema = try loadModel("""
            tables:
              a: {columns: {id: {type: Integer, primary_key: true}}}
              b: {columns: {id: {type: Integer, primary_key: true, autoincrement: false}}}
              c: {columns: {id: {type: String(5), primary_key: true}}}
              d: {columns: {x: {type: Integer, primary_key: true}, y: {type: Integer, primary_key: true}}}
              e: {columns: {id: {type: BigInteger, primary_key: true, server_default: "7"}}}
            """)
        #expect(try schema.require("a").require(column: "id").autoincrement)
        #expect(try !schema.require("b").require(column: "id").autoincrement)
        #expect(try !schema.require("c").require(column: "id").autoincrement)
        #expect(try !schema.require("d").require(column: "x").autoincrement)
        #expect(try !schema.require("e").require(column: "id").autoincrement)
    }
}
