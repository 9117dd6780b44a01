import Foundation
import Testing
@testable import AlchemySchema

/// The example project's model file, `models/blog.yaml` (DESIGN.md §3).
@Suite("Example model file")
struct BlogModelTests {
    static let path = URL(fileURLWithPath: #filePath).resolvingSymlinksInPath()
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("models/blog.yaml").path

    let schema: Schema

    init() throws {
        let text = try String(contentsOfFile: Self.path, encoding: .utf8)
        schema = try ModelLoader().load([(path: "models/blog.yaml", contents: text)])
    }

    @Test func tables() {
        #expect(schema.tables.map(\.name) == ["post", "tag", "post_tag", "user_account"])
    }

    @Test func post() throws {
        let post = try schema.require("post")
        #expect(post.columns == [
            Column(name: "id", type: .bigIntIdentity, nullable: false, autoincrement: true),
            Column(name: "title", type: .string(length: 255), nullable: false),
            Column(name: "content", type: .text, nullable: false),
            Column(name: "published", type: .boolean, nullable: false),
            Column(name: "published_at", type: .dateTimeUTC, nullable: true),
            Column(name: "view_count", type: .integer, nullable: false, serverDefault: .literal("0")),
            Column(name: "created_at", type: .dateTimeUTC, nullable: false),
            Column(name: "updated_at", type: .dateTimeUTC, nullable: false),
        ])
        #expect(post.primaryKey == PrimaryKey(name: "pk_post", columns: ["id"]))
        #expect(post.indexes == [
            Index(name: "ix_post_title", columns: ["title"]),
            Index(name: "ix_post_published_at", columns: ["published_at"]),
        ])
        #expect(post.uniqueConstraints.isEmpty && post.foreignKeys.isEmpty && post.checkConstraints.isEmpty)
    }

    @Test func tag() throws {
        let tag = try schema.require("tag")
        #expect(tag.columnNames == ["id", "name", "slug", "created_at", "updated_at"])
        #expect(try tag.require(column: "slug") == Column(name: "slug", type: .string(length: 100), nullable: false))
        // unique + index on one column: one UNIQUE INDEX, no separate constraint.
        #expect(tag.indexes == [Index(name: "ix_tag_name", columns: ["name"], unique: true)])
        #expect(tag.uniqueConstraints == [UniqueConstraint(name: "uq_tag_slug", columns: ["slug"])])
    }

    @Test func postTag() throws {
        let postTag = try schema.require("post_tag")
        #expect(postTag.columns == [
            Column(name: "post_id", type: .bigIntIdentity, nullable: false),
            Column(name: "tag_id", type: .bigIntIdentity, nullable: false),
        ])
        #expect(postTag.primaryKey == PrimaryKey(name: "pk_post_tag", columns: ["post_id", "tag_id"]))
        #expect(postTag.foreignKeys == [
            ForeignKey(name: "fk_post_tag_post_id_post", columns: ["post_id"], referredTable: "post",
                       referredColumns: ["id"], onDelete: .cascade),
            ForeignKey(name: "fk_post_tag_tag_id_tag", columns: ["tag_id"], referredTable: "tag",
                       referredColumns: ["id"], onDelete: .cascade),
        ])
    }

    @Test func userAccount() throws {
        let user = try schema.require("user_account")
        #expect(user.columns == [
            Column(name: "id", type: .guid(binary: nil), nullable: false),
            Column(name: "email", type: .string(length: 320), nullable: false),
            Column(name: "secret", type: .encryptedString(length: 255), nullable: false),
            Column(name: "preferences", type: .jsonb, nullable: true),
            Column(name: "avatar", type: .storedObject(backend: "local_store", multiple: false), nullable: true),
            Column(name: "status", type: .enumeration(values: ["active", "disabled"], name: "user_status"),
                   nullable: false, serverDefault: .literal("active")),
            Column(name: "sa_orm_sentinel", type: .integer, nullable: true),
            Column(name: "created_at", type: .dateTimeUTC, nullable: false),
            Column(name: "updated_at", type: .dateTimeUTC, nullable: false),
        ])
        #expect(user.primaryKey == PrimaryKey(name: "pk_user_account", columns: ["id"]))
        #expect(user.uniqueConstraints == [
            UniqueConstraint(name: "uq_user_account_email", columns: ["email"]),
            UniqueConstraint(name: "uq_user_account_email_status", columns: ["email", "status"]),
        ])
        #expect(user.indexes == [Index(name: "ix_user_account_email", columns: ["email", "created_at"])])
        #expect(user.checkConstraints == [CheckConstraint(name: "ck_user_account_email_has_at", sqltext: "email LIKE '%@%'")])
    }

    /// DESIGN.md §3 as printed: its unnamed composite unique constraint gets
    /// `uq_user_account_email` by Advanced Alchemy's convention, the name that
    /// `email: {unique: true}` already has. The loader says so at the entry.
    @Test func designTextAsPrintedHasADuplicateConstraintName() throws {
        let text = try String(contentsOfFile: Self.path, encoding: .utf8)
            .replacingOccurrences(of: "{name: uq_user_account_email_status, columns: [email, status]}",
                                  with: "{columns: [email, status]}")
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        let line = try #require(lines.firstIndex { $0.contains("{columns: [email, status]}") }) + 1
        let error = try #require(modelError(text))
        #expect(error.kind == .duplicateName)
        #expect(error.line == line)
        #expect(error.column == 9)
        #expect(error.message.contains("duplicate name 'uq_user_account_email'"))
    }
}
