import AlchemySchema
import AlchemyTestSupport
import Testing

/// The check of each golden cell, by its label (the operation's name, or name and case). Every
/// operation of `operationCells` must have one (`ExecutedGoldenTests.coverage`).
enum GoldenChecks {
    private typealias F = OperationFixtures

    static let all: [String: GoldenCheck] = [
        "create_table": GoldenCheck { s in
            let tag = try s.catalog("tag")
            #expect(tag.columnNames == ["id", "name", "post_id"])
            #expect(tag.primaryKey?.columns == ["id"])
            #expect(tag.unique("uq_tag_name")?.columns == ["name"])
            #expect(tag.check("ck_tag_name_nonempty")?.normalized == lengthCall(s) + "name>0")
            let key = try #require(tag.foreignKey("fk_tag_post_id_post"))
            #expect(key.referredTable == "post" && key.referredColumns == ["id"] && key.onDelete == "CASCADE")
            #expect(tag.index("ix_tag_post_id")?.columns == ["post_id"])
            if s.dialect != .sqlite {
                #expect(tag.comment == "Tags")
                #expect(tag.column("name")?.comment == "Tag's name")
            }
        },
        "drop_table": GoldenCheck { s in
            let names = try Catalog.tableNames(s.connection)
            #expect(!names.contains("post"))
        },
        "rename_table": GoldenCheck { s in
            let names = try Catalog.tableNames(s.connection)
            #expect(names.contains("article") && !names.contains("post"))
        },
        "add_column": GoldenCheck { s in
            let views = try #require(try s.catalog("post").column("views"))
            #expect(!views.nullable)
            #expect(views.defaultSQL.map(Catalog.literalValue) == "0")
        },
        "drop_column": GoldenCheck { s in
            let post = try s.catalog("post")
            #expect(post.columnNames == ["id", "title", "author_id"])
            #expect(post.index("ix_post_author_id") != nil, "the rebuild re-creates the index")
        },
        "alter_column": GoldenCheck { s in
            let title = try #require(try s.catalog("post").column("title"))
            #expect(title.nullable)
            #expect(title.type.lowercased().contains("300"))
        },
        "alter_column using": GoldenCheck { s in
            let authorID = try #require(try s.catalog("post").column("author_id"))
            #expect(authorID.type.lowercased().contains("int"), "\(authorID.type)")
        },
        "alter_column from context": GoldenCheck { s in
            let title = try #require(try s.catalog("post").column("title"))
            #expect(title.nullable)
            #expect(title.type.lowercased().contains("255"), "the type is restated, not changed: \(title.type)")
        },
        "create_index": GoldenCheck { s in
            let index = try s.catalog("post").index("ix_post_title_id")
            #expect(index?.columns == ["title", "id"] && index?.unique == true)
        },
        "drop_index": GoldenCheck { s in
            let post = try s.catalog("post")
            #expect(post.index("ix_post_author_id") == nil)
        },
        "create_unique_constraint": GoldenCheck { s in
            let post = try s.catalog("post")
            #expect(post.unique("uq_post_author_id_title")?.columns == ["author_id", "title"])
        },
        "create_foreign_key": GoldenCheck { s in
            let key = try #require(try s.catalog("post").foreignKey("fk_post_author_id_author"))
            #expect(key.columns == ["author_id"] && key.referredTable == "author" && key.referredColumns == ["id"])
            #expect(key.onDelete == "SET NULL")
        },
        "create_check_constraint": GoldenCheck { s in
            let post = try s.catalog("post")
            #expect(post.check("ck_post_title_long")?.normalized == lengthCall(s) + "title>2")
        },
        "create_primary_key": GoldenCheck { s in
            let event = try s.catalog("event")
            #expect(event.primaryKey?.columns == ["id"])
        },
        "drop_constraint": GoldenCheck { s in
            let post = try s.catalog("post")
            #expect(post.unique("uq_post_title") == nil)
            #expect(post.primaryKey?.columns == ["id"])
        },
        "create_table_comment": GoldenCheck { s in
            // SQLite has no comments: the golden renders nothing there.
            let post = try s.catalog("post")
            #expect(post.comment == (s.dialect == .sqlite ? nil : "Blog's posts"))
        },
        "drop_table_comment": GoldenCheck(
            setup: [.createTableComment(F.postRef, comment: "Blog's posts", existing: nil)]
        ) { s in
            let post = try s.catalog("post")
            #expect(post.comment == nil)
        },
        "execute": GoldenCheck(
            setup: [.bulkInsert(F.postRef, rows: [["id": .int(1), "title": .string("hello world")]])]
        ) { s in
            // SQLite runs the default SQL, PostgreSQL its own, MySQL/MariaDB nothing.
            let expected = switch s.dialect {
            case .sqlite: "HELLO WORLD"
            case .postgresql: "Hello World"
            case .mysql, .mariadb: "hello world"
            }
            let titles = try s.values("post", ["title"], orderBy: "id").map { $0[0].stringValue }
            #expect(titles == [expected])
        },
        // The golden's second row is empty (`DEFAULT VALUES`, `() VALUES ()`), which
        // `post` only takes once `title` has a default; and its first row sets id 1
        // explicitly, which PostgreSQL's identity does not see (as under Alembic), so
        // one row is inserted and deleted first to use id 1 up everywhere.
        "bulk_insert": GoldenCheck(
            setup: [
                .alterColumn(AlterColumn(table: F.postRef, existing: F.title, serverDefault: .literal("untitled"))),
                .bulkInsert(F.postRef, rows: [[:]]),
                .execute(Execute(sql: "DELETE FROM post")),
            ]
        ) { s in
            let rows = try s.values("post", ["id", "title", "body"], orderBy: "id")
            #expect(rows.map { $0[0].int64Value } == [1, 2])
            #expect(rows.map { $0[1].stringValue } == ["it's", "untitled"])
            #expect(rows.allSatisfy { $0[2].isNull })
        },
    ]

    /// `length(...)` as the catalog echoes it: MariaDB stores its synonym `octet_length`.
    private static func lengthCall(_ s: ExecutedSession) -> String {
        s.dialect == .mariadb || s.dialect == .mysql ? "octet_length" : "length"
    }
}
