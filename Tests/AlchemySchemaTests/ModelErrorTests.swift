import Testing
@testable import AlchemySchema

@Suite("Model file errors point at the node")
struct ModelErrorTests {
    /// Expects `text` to fail with `kind` at `line`:`column` with a message containing every fragment.
    func expectError(
        _ text: String, _ kind: ModelError.Kind, line: Int, column: Int, _ fragments: String...,
        sourceLocation: SourceLocation = #_sourceLocation
    ) {
        guard let error = modelError(text, sourceLocation: sourceLocation) else { return }
        #expect(error.kind == kind, "\(error)", sourceLocation: sourceLocation)
        #expect(error.file == "models/test.yaml", sourceLocation: sourceLocation)
        #expect(error.line == line && error.column == column, "\(error)", sourceLocation: sourceLocation)
        for fragment in fragments {
            #expect(error.message.contains(fragment), "\(error.message)", sourceLocation: sourceLocation)
        }
    }

    @Test func descriptionIsCompilerStyle() {
        let error = ModelError(kind: .unknownType, file: "models/blog.yaml", line: 12, column: 7, message: "unknown type 'Strng'")
        #expect(error.description == "models/blog.yaml:12:7: error: unknown type 'Strng'")
    }

    @Test func invalidYAML() {
        expectError("tables:\n  post: {columns: [\n", .yaml, line: 3, column: 1, "invalid YAML")
        expectError("tables:\n  post:\n    base: 'open\n", .yaml, line: 4, column: 1, "invalid YAML", "quoted scalar")
        expectError("tables:\n\tpost: {}\n", .yaml, line: 2, column: 1, "invalid YAML")
        expectError("tables:\n  é: {base: Big\u{7}}\n", .yaml, line: 2, column: 16, "control characters are not allowed")
        expectError("tables: {}\n---\ntables: {}\n", .yaml, line: 2, column: 1, "expected a single document")
        expectError("tables: &a\n  x: *b\n", .yaml, line: 2, column: 6, "undefined alias")
    }

    @Test func duplicateKeysPointAtTheSecondOccurrence() {
        expectError("""
            tables:
              post:
                base: BigIntBase
              post:
                base: UUIDBase
            """, .yaml, line: 4, column: 3, "duplicate key 'post'", "first at line 2")
        expectError("""
            tables:
              post:
                columns:
                  title: Text
                  title: String
            """, .yaml, line: 5, column: 7, "duplicate key 'title'")
    }

    @Test func unknownType() {
        expectError("""
            tables:
              post:
                columns:
                  title: Strng(255)
            """, .unknownType, line: 4, column: 14, "unknown type 'Strng' (did you mean String?)", "expected one of: Integer")
        expectError("""
            tables:
              post:
                columns:
                  title: {type: "Numeric(10", nullable: true}
            """, .unknownType, line: 4, column: 21, "missing ')'")
        expectError("""
            tables:
              post:
                columns:
                  amount: {type: Numeric(10, 2)}
            """, .unknownType, line: 4, column: 22, "missing ')' at the end of 'Numeric(10'", "quote the expression")
        expectError("""
            tables:
              post:
                columns:
                  status: Enum(a, b, name: kind)
            """, .yaml, line: 4, column: 30, "mapping values are not allowed", "quote a value that contains ': '")
    }

    @Test func unknownBaseAndMixin() {
        expectError("tables:\n  post:\n    base: BigIntAuditbase\n", .unknownBase, line: 3, column: 11,
                    "unknown base 'BigIntAuditbase' (did you mean BigIntAuditBase?)", "expected one of: DefaultBase, BigIntBase")
        expectError("tables:\n  post:\n    base: BigIntBase\n    mixins: [AuditColumns, Slug]\n", .unknownMixin,
                    line: 4, column: 28, "unknown mixin 'Slug'", "SlugKey")
        expectError("tables:\n  post:\n    base: SlugKey\n", .unknownBase, line: 3, column: 11,
                    "SlugKey is a mixin, not a base; put it under mixins:")
        expectError("tables:\n  post:\n    mixins: [UUIDBase]\n", .unknownMixin, line: 3, column: 14, "UUIDBase is a base")
    }

    @Test func foreignKeys() {
        expectError("""
            tables:
              post: {base: BigIntBase}
              comment:
                base: BigIntBase
                columns:
                  post_id: {foreign_key: posts.id}
            """, .foreignKey, line: 6, column: 30, "foreign key to posts.id: no table 'posts' (did you mean post?)")
        expectError("""
            tables:
              post: {base: BigIntBase}
              comment:
                base: BigIntBase
                columns:
                  post_id: {foreign_key: post.ident}
            """, .foreignKey, line: 6, column: 30, "table 'post' has no column 'ident'", "columns: id")
        expectError("""
            tables:
              a: {columns: {x: {foreign_key: b.y, primary_key: true}}}
              b: {columns: {y: {foreign_key: a.x, primary_key: true}}}
            """, .foreignKey, line: 2, column: 34, "form a cycle")
        expectError("tables:\n  a:\n    columns:\n      x: {foreign_key: nodot}\n", .invalidValue, line: 4, column: 24,
                    "must be table.column")
        expectError("""
            tables:
              a: {base: BigIntBase}
              b:
                base: BigIntBase
                columns:
                  a_id: {foreign_key: a.id, autoincrement: true}
            """, .invalidValue, line: 6, column: 48, "cannot be autoincrement")
    }

    @Test func duplicateNames() {
        expectError("""
            tables:
              post:
                base: BigIntBase
                columns:
                  id: Integer
            """, .duplicateName, line: 5, column: 7, "column 'id' of table 'post' is already defined by BigIntPrimaryKey")
        expectError("""
            tables:
              post:
                base: BigIntBase
                mixins: [UUIDPrimaryKey]
            """, .duplicateName, line: 4, column: 14, "UUIDPrimaryKey adds column 'id'")
        expectError("""
            tables:
              post:
                base: BigIntBase
                columns:
                  title: {type: Text, index: true}
                indexes:
                  - {columns: [title]}
            """, .duplicateName, line: 7, column: 9, "duplicate name 'ix_post_title'", "at models/test.yaml:5:")
        expectError("""
            tables:
              a:
                base: BigIntBase
                check_constraints:
                  - {name: positive, sqltext: id > 0}
                  - {name: positive, sqltext: id > 1}
            """, .duplicateName, line: 6, column: 9, "duplicate name 'ck_a_positive'")
    }

    @Test func duplicateTablesAcrossFiles() {
        do {
            _ = try ModelLoader().load([
                (path: "models/a.yaml", contents: "tables:\n  post: {base: BigIntBase}\n"),
                (path: "models/b.yaml", contents: "\n\ntables:\n  post: {base: UUIDBase}\n"),
            ])
            Issue.record("loaded")
        } catch {
            #expect(error.kind == .duplicateName)
            #expect(error.description.hasPrefix("models/b.yaml:4:3: error: table 'post' is already defined at models/a.yaml:2:3"))
        }
    }

    @Test func clientDefault() {
        expectError("""
            tables:
              post:
                base: BigIntBase
                columns:
                  views: {type: Integer, default: 0}
            """, .clientDefault, line: 5, column: 30, "server_default")
    }

    @Test func unknownKeys() {
        expectError("tables:\n  post:\n    base: BigIntBase\n    colums: {}\n", .unknownKey, line: 4, column: 5,
                    "unknown key 'colums' in table 'post' (did you mean columns?)", "expected one of: base, mixins, columns")
        expectError("tables:\n  post:\n    columns:\n      id: {type: Integer, primary: true}\n", .unknownKey,
                    line: 4, column: 27, "unknown key 'primary'", "primary_key")
        expectError("table:\n  post: {}\n", .unknownKey, line: 1, column: 1, "unknown key 'table' in a model file (did you mean tables?)")
        expectError("tables:\n  t:\n    base: BigIntBase\n    indexes:\n      - {columns: [id], uniq: true}\n", .unknownKey,
                    line: 5, column: 25, "expected one of: name, columns, expressions, unique")
        expectError("naming_convention: {xx: abc}\n", .unknownKey, line: 1, column: 21, "expected one of: ix, uq, ck, fk, pk")
    }

    @Test func wrongNodeKinds() {
        expectError("- post\n", .wrongNodeKind, line: 1, column: 1, "expected a map with tables:")
        expectError("tables: [post]\n", .wrongNodeKind, line: 1, column: 9, "expected a map for tables, found a list")
        expectError("tables:\n  post: [a]\n", .wrongNodeKind, line: 2, column: 9, "expected a map for table 'post'")
        expectError("tables:\n  post:\n    columns: [a, b]\n", .wrongNodeKind, line: 3, column: 14, "expected a map for columns of table 'post'")
        expectError("tables:\n  post:\n    base: [BigIntBase]\n", .wrongNodeKind, line: 3, column: 11, "expected a string")
        expectError("tables:\n  post:\n    columns:\n      a: [Text]\n", .wrongNodeKind, line: 4, column: 10, "expected a map")
        expectError("tables:\n  post:\n    columns:\n      a: {type: Text, nullable: maybe}\n", .wrongNodeKind,
                    line: 4, column: 33, "expected true or false for nullable")
        expectError("tables:\n  post:\n    base: BigIntBase\n    indexes: {columns: [id]}\n", .wrongNodeKind,
                    line: 4, column: 14, "expected a list")
    }

    @Test func missingPieces() {
        expectError("tables:\n  post:\n    columns:\n      content:\n", .missingKey, line: 4, column: 15, "has no type")
        expectError("tables:\n  post:\n    columns:\n      content: {nullable: true}\n", .missingKey, line: 4, column: 16, "needs type:")
        expectError("tables:\n  post: {}\n", .missingKey, line: 2, column: 3, "table 'post' has no columns")
        expectError("tables:\n  t:\n    base: BigIntBase\n    indexes:\n      - {name: ix}\n", .missingKey, line: 5, column: 9, "needs columns:")
        expectError("tables:\n  t:\n    base: BigIntBase\n    check_constraints:\n      - {name: c}\n", .missingKey, line: 5, column: 9, "needs sqltext:")
    }

    @Test func invalidValues() {
        expectError("tables:\n  t:\n    columns:\n      id: {type: Integer?, primary_key: true}\n", .invalidValue,
                    line: 4, column: 18, "primary key columns are NOT NULL")
        expectError("tables:\n  t:\n    columns:\n      a: {type: Text?, nullable: false}\n", .invalidValue,
                    line: 4, column: 34, "contradicts")
        expectError("tables:\n  a: {base: BigIntBase}\n  t:\n    base: BigIntBase\n    columns:\n      a_id: {foreign_key: a.id, ondelete: EXPLODE}\n",
                    .invalidValue, line: 6, column: 43, "invalid ondelete 'EXPLODE'", "CASCADE, SET NULL")
        expectError("tables:\n  t:\n    base: BigIntBase\n    columns:\n      a: {type: Text, ondelete: CASCADE}\n",
                    .invalidValue, line: 5, column: 23, "ondelete of column 't.a' needs foreign_key:")
        expectError("tables:\n  t:\n    base: BigIntBase\n    indexes:\n      - {columns: [id, ghost]}\n", .unknownColumn,
                    line: 5, column: 24, "table 't' has no column 'ghost'")
        expectError("tables:\n  a.b: {base: BigIntBase}\n", .invalidValue, line: 2, column: 3, "use schema:")
    }

    @Test func namingConventionProblems() {
        expectError("naming_convention:\n  pk: \"pk_%(tabel_name)s\"\n", .namingConvention, line: 2, column: 7, "unknown token")
        expectError("tables:\n  t:\n    base: BigIntBase\n    check_constraints:\n      - {sqltext: id > 0}\n", .namingConvention,
                    line: 5, column: 9, "uses %(constraint_name)s, so this constraint needs a name")
        do {
            _ = try ModelLoader().load([
                (path: "models/a.yaml", contents: "naming_convention: {pk: \"pk_%(table_name)s\"}\n"),
                (path: "models/b.yaml", contents: "naming_convention: {pk: \"%(table_name)s_pkey\"}\n"),
            ])
            Issue.record("loaded")
        } catch {
            #expect(error.kind == .namingConvention)
            #expect(error.file == "models/b.yaml")
            #expect(error.message.contains("models/a.yaml:1:20"))
        }
    }

    @Test func emptyAndCommentOnlyFilesAreEmptySchemas() throws {
        #expect(try loadModel("").tables.isEmpty)
        #expect(try loadModel("# nothing yet\n").tables.isEmpty)
        #expect(try loadModel("tables:\n").tables.isEmpty)
    }
}
