import AlchemySchema
import AlchemySQL

/// One operation on one dialect, and the exact SQL it must render.
public struct OperationCell: Sendable, CustomStringConvertible {
    public let operation: String
    /// Which of the operation's cases this is (`alter_column using`); the operation's name for the first.
    public let label: String
    public let dialect: DialectName
    public let value: MigrateOperation
    public let expected: [String]
    public var description: String { "\(label) on \(dialect)" }
}

private typealias F = OperationFixtures

/// Goldens for an operation: SQLite, PostgreSQL, MySQL (and MariaDB, the same unless given).
private func cells(
    _ name: String, case label: String? = nil, _ operation: MigrateOperation,
    sqlite: [String], postgresql: [String], mysql: [String], mariadb: [String]? = nil
) -> [OperationCell] {
    let label = label.map { name + " " + $0 } ?? name
    return [
        OperationCell(operation: name, label: label, dialect: .sqlite, value: operation, expected: sqlite),
        OperationCell(operation: name, label: label, dialect: .postgresql, value: operation, expected: postgresql),
        OperationCell(operation: name, label: label, dialect: .mysql, value: operation, expected: mysql),
        OperationCell(operation: name, label: label, dialect: .mariadb, value: operation, expected: mariadb ?? mysql),
    ]
}

private let createTable = cells(
    "create_table", .createTable(F.tag),
    sqlite: [
        """
        CREATE TABLE "tag" (
          "id" INTEGER NOT NULL,
          "name" VARCHAR(50) DEFAULT 'x' NOT NULL,
          "post_id" INTEGER,
          CONSTRAINT "pk_tag" PRIMARY KEY ("id"),
          CONSTRAINT "uq_tag_name" UNIQUE ("name"),
          CONSTRAINT "ck_tag_name_nonempty" CHECK (length(name) > 0),
          CONSTRAINT "fk_tag_post_id_post" FOREIGN KEY("post_id") REFERENCES "post" ("id") ON DELETE CASCADE
        )
        """,
        #"CREATE INDEX "ix_tag_post_id" ON "tag" ("post_id")"#,
    ],
    postgresql: [
        """
        CREATE TABLE "tag" (
          "id" SERIAL NOT NULL,
          "name" VARCHAR(50) DEFAULT 'x' NOT NULL,
          "post_id" BIGINT,
          CONSTRAINT "pk_tag" PRIMARY KEY ("id"),
          CONSTRAINT "uq_tag_name" UNIQUE ("name"),
          CONSTRAINT "ck_tag_name_nonempty" CHECK (length(name) > 0),
          CONSTRAINT "fk_tag_post_id_post" FOREIGN KEY("post_id") REFERENCES "post" ("id") ON DELETE CASCADE
        )
        """,
        #"CREATE INDEX "ix_tag_post_id" ON "tag" ("post_id")"#,
        #"COMMENT ON TABLE "tag" IS 'Tags'"#,
        #"COMMENT ON COLUMN "tag"."name" IS 'Tag''s name'"#,
    ],
    mysql: [
        """
        CREATE TABLE `tag` (
          `id` INTEGER NOT NULL AUTO_INCREMENT,
          `name` VARCHAR(50) NOT NULL DEFAULT 'x' COMMENT 'Tag''s name',
          `post_id` BIGINT,
          CONSTRAINT `pk_tag` PRIMARY KEY (`id`),
          CONSTRAINT `uq_tag_name` UNIQUE (`name`),
          CONSTRAINT `ck_tag_name_nonempty` CHECK (length(name) > 0),
          CONSTRAINT `fk_tag_post_id_post` FOREIGN KEY(`post_id`) REFERENCES `post` (`id`) ON DELETE CASCADE,
          INDEX `ix_tag_post_id` (`post_id`)
        ) COMMENT='Tags'
        """,
    ])

private let dropTable = cells(
    "drop_table", .dropTable(F.post),
    sqlite: [#"DROP TABLE "post""#], postgresql: [#"DROP TABLE "post""#], mysql: ["DROP TABLE `post`"])

private let renameTable = cells(
    "rename_table", .renameTable(F.postRef, newName: "article"),
    sqlite: [#"ALTER TABLE "post" RENAME TO "article""#],
    postgresql: [#"ALTER TABLE "post" RENAME TO "article""#],
    mysql: ["ALTER TABLE `post` RENAME TO `article`"])

private let addColumn = cells(
    "add_column",
    .addColumn(F.postRef, Column(name: "views", type: .integer, nullable: false, serverDefault: .literal("0"))),
    sqlite: [#"ALTER TABLE "post" ADD COLUMN "views" INTEGER DEFAULT '0' NOT NULL"#],
    postgresql: [#"ALTER TABLE "post" ADD COLUMN "views" INTEGER DEFAULT '0' NOT NULL"#],
    mysql: ["ALTER TABLE `post` ADD COLUMN `views` INTEGER NOT NULL DEFAULT '0'"])

private let dropColumn = cells(
    "drop_column", .dropColumn(F.postRef, F.body),
    sqlite: sqliteRebuild(
        "post",
        create: F.sqlitePost([#""id" INTEGER NOT NULL"#, #""title" VARCHAR(255) NOT NULL"#, #""author_id" INTEGER"#]
            + F.sqlitePostConstraints),
        insert: #"INSERT INTO "_alchemy_tmp_post" ("id", "title", "author_id") SELECT "id", "title", "author_id" FROM "post""#,
        indexes: [F.sqlitePostIndex]),
    postgresql: [#"ALTER TABLE "post" DROP COLUMN "body""#],
    mysql: ["ALTER TABLE `post` DROP COLUMN `body`"])

private let alterColumn = cells(
    "alter_column",
    .alterColumn(AlterColumn(table: F.postRef, existing: F.title, type: .string(length: 300), nullable: true)),
    sqlite: sqliteRebuild(
        "post",
        create: F.sqlitePost([#""id" INTEGER NOT NULL"#, #""title" VARCHAR(300)"#, #""body" TEXT"#, #""author_id" INTEGER"#]
            + F.sqlitePostConstraints),
        insert: F.sqliteCopyAll, indexes: [F.sqlitePostIndex]),
    postgresql: [
        #"ALTER TABLE "post" ALTER COLUMN "title" TYPE VARCHAR(300)"#,
        #"ALTER TABLE "post" ALTER COLUMN "title" DROP NOT NULL"#,
    ],
    mysql: ["ALTER TABLE `post` MODIFY COLUMN `title` VARCHAR(300)"])

/// A type change with a conversion: PostgreSQL writes `USING`, the others convert by themselves.
private let alterColumnUsing = cells(
    "alter_column", case: "using",
    .alterColumn(AlterColumn(table: F.postRef, existing: Column(name: "author_id", type: .string(length: 10)),
                             type: .integer, using: "author_id::integer")),
    sqlite: sqliteRebuild(
        "post",
        create: F.sqlitePost(F.sqlitePostColumns + F.sqlitePostConstraints),
        insert: F.sqliteCopyAll, indexes: [F.sqlitePostIndex]),
    postgresql: [#"ALTER TABLE "post" ALTER COLUMN "author_id" TYPE INTEGER USING author_id::integer"#],
    mysql: ["ALTER TABLE `post` MODIFY COLUMN `author_id` INTEGER"])

/// No `existing_type` or `existing_nullable`: the column before comes from the context
/// (`title`, VARCHAR(255) NOT NULL), so MySQL can restate it.
private let alterColumnFromContext = cells(
    "alter_column", case: "from context",
    .alterColumn(AlterColumn(table: F.postRef, existing: Column(name: "title", type: .text), existingKnown: [], nullable: true)),
    sqlite: sqliteRebuild(
        "post",
        create: F.sqlitePost([#""id" INTEGER NOT NULL"#, #""title" VARCHAR(255)"#, #""body" TEXT"#, #""author_id" INTEGER"#]
            + F.sqlitePostConstraints),
        insert: F.sqliteCopyAll, indexes: [F.sqlitePostIndex]),
    postgresql: [#"ALTER TABLE "post" ALTER COLUMN "title" DROP NOT NULL"#],
    mysql: ["ALTER TABLE `post` MODIFY COLUMN `title` VARCHAR(255)"])

private let createIndex = cells(
    "create_index", .createIndex(F.postRef, Index(name: "ix_post_title_id", columns: ["title", "id"], unique: true)),
    sqlite: [#"CREATE UNIQUE INDEX "ix_post_title_id" ON "post" ("title", "id")"#],
    postgresql: [#"CREATE UNIQUE INDEX "ix_post_title_id" ON "post" ("title", "id")"#],
    mysql: ["CREATE UNIQUE INDEX `ix_post_title_id` ON `post` (`title`, `id`)"])

private let dropIndex = cells(
    "drop_index", .dropIndex(F.postRef, Index(name: "ix_post_author_id", columns: ["author_id"])),
    sqlite: [#"DROP INDEX "ix_post_author_id""#],
    postgresql: [#"DROP INDEX "ix_post_author_id""#],
    mysql: ["DROP INDEX `ix_post_author_id` ON `post`"])

private let createUnique = cells(
    "create_unique_constraint",
    .createUniqueConstraint(F.postRef, UniqueConstraint(name: "uq_post_author_id_title", columns: ["author_id", "title"])),
    sqlite: sqliteRebuild(
        "post",
        create: F.sqlitePost(F.sqlitePostColumns + F.sqlitePostConstraints
            + [#"CONSTRAINT "uq_post_author_id_title" UNIQUE ("author_id", "title")"#]),
        insert: F.sqliteCopyAll, indexes: [F.sqlitePostIndex]),
    postgresql: [#"ALTER TABLE "post" ADD CONSTRAINT "uq_post_author_id_title" UNIQUE ("author_id", "title")"#],
    mysql: ["ALTER TABLE `post` ADD CONSTRAINT `uq_post_author_id_title` UNIQUE (`author_id`, `title`)"])

private let foreignKey = ForeignKey(
    name: "fk_post_author_id_author", columns: ["author_id"], referredTable: "author", referredColumns: ["id"],
    onDelete: .setNull, onUpdate: .cascade)

private let createForeignKey = cells(
    "create_foreign_key", .createForeignKey(F.postRef, foreignKey),
    sqlite: sqliteRebuild(
        "post",
        create: F.sqlitePost(F.sqlitePostColumns + F.sqlitePostConstraints
            + [#"CONSTRAINT "fk_post_author_id_author" FOREIGN KEY("author_id") REFERENCES "author" ("id") ON DELETE SET NULL ON UPDATE CASCADE"#]),
        insert: F.sqliteCopyAll, indexes: [F.sqlitePostIndex]),
    postgresql: [#"ALTER TABLE "post" ADD CONSTRAINT "fk_post_author_id_author" FOREIGN KEY("author_id") REFERENCES "author" ("id") ON DELETE SET NULL ON UPDATE CASCADE"#],
    mysql: ["ALTER TABLE `post` ADD CONSTRAINT `fk_post_author_id_author` FOREIGN KEY(`author_id`) REFERENCES `author` (`id`) ON DELETE SET NULL ON UPDATE CASCADE"])

private let createCheck = cells(
    "create_check_constraint",
    .createCheckConstraint(F.postRef, CheckConstraint(name: "ck_post_title_long", sqltext: "length(title) > 2")),
    sqlite: sqliteRebuild(
        "post",
        create: F.sqlitePost(F.sqlitePostColumns + F.sqlitePostConstraints
            + [#"CONSTRAINT "ck_post_title_long" CHECK (length(title) > 2)"#]),
        insert: F.sqliteCopyAll, indexes: [F.sqlitePostIndex]),
    postgresql: [#"ALTER TABLE "post" ADD CONSTRAINT "ck_post_title_long" CHECK (length(title) > 2)"#],
    mysql: ["ALTER TABLE `post` ADD CONSTRAINT `ck_post_title_long` CHECK (length(title) > 2)"])

private let createPrimaryKey = cells(
    "create_primary_key",
    .createPrimaryKey(TableReference(name: "event"), PrimaryKey(name: "pk_event", columns: ["id"])),
    sqlite: sqliteRebuild(
        "event",
        create: "CREATE TABLE \"_alchemy_tmp_event\" (\n  \"id\" INTEGER NOT NULL,\n  CONSTRAINT \"pk_event\" PRIMARY KEY (\"id\")\n)",
        insert: #"INSERT INTO "_alchemy_tmp_event" ("id") SELECT "id" FROM "event""#),
    postgresql: [#"ALTER TABLE "event" ADD CONSTRAINT "pk_event" PRIMARY KEY ("id")"#],
    mysql: ["ALTER TABLE `event` ADD CONSTRAINT `pk_event` PRIMARY KEY (`id`)"])

private let dropConstraint = cells(
    "drop_constraint",
    .dropConstraint(F.postRef, .unique(UniqueConstraint(name: "uq_post_title", columns: ["title"]))),
    sqlite: sqliteRebuild(
        "post",
        create: F.sqlitePost(F.sqlitePostColumns + [#"CONSTRAINT "pk_post" PRIMARY KEY ("id")"#]),
        insert: F.sqliteCopyAll, indexes: [F.sqlitePostIndex]),
    postgresql: [#"ALTER TABLE "post" DROP CONSTRAINT "uq_post_title""#],
    mysql: ["ALTER TABLE `post` DROP INDEX `uq_post_title`"])

private let createTableComment = cells(
    "create_table_comment", .createTableComment(F.postRef, comment: "Blog's posts", existing: nil),
    sqlite: [],
    postgresql: [#"COMMENT ON TABLE "post" IS 'Blog''s posts'"#],
    mysql: ["ALTER TABLE `post` COMMENT 'Blog''s posts'"])

private let dropTableComment = cells(
    "drop_table_comment", .dropTableComment(F.postRef, existing: "Blog's posts"),
    sqlite: [],
    postgresql: [#"COMMENT ON TABLE "post" IS NULL"#],
    mysql: ["ALTER TABLE `post` COMMENT ''"])

private let execute = cells(
    "execute",
    .execute(Execute(sql: "UPDATE post SET title = upper(title)",
                     perDialect: ["postgresql": "UPDATE post SET title = initcap(title)", "mysql": nil])),
    sqlite: ["UPDATE post SET title = upper(title)"],
    postgresql: ["UPDATE post SET title = initcap(title)"],
    mysql: [])

private let bulkInsert = cells(
    "bulk_insert",
    .bulkInsert(F.postRef, rows: [["title": .string("it's"), "id": .int(1), "body": .null], [:]]),
    sqlite: [#"INSERT INTO "post" ("id", "title", "body") VALUES (1, 'it''s', NULL)"#, #"INSERT INTO "post" DEFAULT VALUES"#],
    postgresql: [#"INSERT INTO "post" ("id", "title", "body") VALUES (1, 'it''s', NULL)"#, #"INSERT INTO "post" DEFAULT VALUES"#],
    mysql: ["INSERT INTO `post` (`id`, `title`, `body`) VALUES (1, 'it''s', NULL)", "INSERT INTO `post` () VALUES ()"])

/// Every golden: the operation goldens compare the rendering with it, the executed
/// goldens run it on a database of its dialect.
public let operationCells: [OperationCell] = [
    createTable, dropTable, renameTable, addColumn, dropColumn, alterColumn, alterColumnUsing, alterColumnFromContext,
    createIndex, dropIndex,
    createUnique, createForeignKey, createCheck, createPrimaryKey, dropConstraint,
    createTableComment, dropTableComment, execute, bulkInsert,
].flatMap { $0 }

