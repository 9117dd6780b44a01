import AlchemySchema

/// The schema the operation goldens start from: `author`, `post` (which refers to
/// it) and `event` (no primary key yet). Shared: the goldens are rendered from it
/// (AlchemySQLTests) and executed on real databases from it (AlchemyDatabaseTests).
public enum OperationFixtures {
    public static let postRef = TableReference(name: "post")
    public static let body = Column(name: "body", type: .text)
    public static let title = Column(name: "title", type: .string(length: 255), nullable: false)

    public static let author = Table(
        name: "author",
        columns: [Column(name: "id", type: .integer, nullable: false, autoincrement: true)],
        primaryKey: PrimaryKey(name: "pk_author", columns: ["id"]))

    public static let post = Table(
        name: "post",
        columns: [
            Column(name: "id", type: .bigIntIdentity, nullable: false, autoincrement: true),
            title,
            body,
            Column(name: "author_id", type: .integer),
        ],
        primaryKey: PrimaryKey(name: "pk_post", columns: ["id"]),
        uniqueConstraints: [UniqueConstraint(name: "uq_post_title", columns: ["title"])],
        indexes: [Index(name: "ix_post_author_id", columns: ["author_id"])])

    public static let event = Table(name: "event", columns: [Column(name: "id", type: .integer, nullable: false)])

    public static let context = Schema(tables: [author, post, event])

    public static let tag = Table(
        name: "tag",
        columns: [
            Column(name: "id", type: .integer, nullable: false, autoincrement: true),
            Column(name: "name", type: .string(length: 50), nullable: false, serverDefault: .literal("x"),
                   comment: "Tag's name"),
            Column(name: "post_id", type: .bigIntIdentity),
        ],
        primaryKey: PrimaryKey(name: "pk_tag", columns: ["id"]),
        foreignKeys: [ForeignKey(name: "fk_tag_post_id_post", columns: ["post_id"], referredTable: "post",
                                 referredColumns: ["id"], onDelete: .cascade)],
        uniqueConstraints: [UniqueConstraint(name: "uq_tag_name", columns: ["name"])],
        checkConstraints: [CheckConstraint(name: "ck_tag_name_nonempty", sqltext: "length(name) > 0")],
        indexes: [Index(name: "ix_tag_post_id", columns: ["post_id"])],
        comment: "Tags")

    /// The SQLite definition of `post` as a rebuild re-creates it, with `lines` as its body.
    public static func sqlitePost(_ lines: [String]) -> String {
        "CREATE TABLE \"_alchemy_tmp_post\" (\n" + lines.map { "  " + $0 }.joined(separator: ",\n") + "\n)"
    }

    public static let sqlitePostColumns = [
        #""id" INTEGER NOT NULL"#,
        #""title" VARCHAR(255) NOT NULL"#,
        #""body" TEXT"#,
        #""author_id" INTEGER"#,
    ]
    public static let sqlitePostConstraints = [
        #"CONSTRAINT "pk_post" PRIMARY KEY ("id")"#,
        #"CONSTRAINT "uq_post_title" UNIQUE ("title")"#,
    ]
    public static let sqlitePostIndex = #"CREATE INDEX "ix_post_author_id" ON "post" ("author_id")"#
    public static let sqliteCopyAll = #"INSERT INTO "_alchemy_tmp_post" ("id", "title", "body", "author_id") "#
        + #"SELECT "id", "title", "body", "author_id" FROM "post""#
}
