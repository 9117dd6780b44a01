-- alchemy downgrade (sqlite): f0b3e8257a6d -> base

PRAGMA foreign_keys = OFF;

-- Running downgrade f0b3e8257a6d -> c47d09e1a3f2: backfill publication dates
BEGIN IMMEDIATE;
UPDATE alembic_versions SET version_num='c47d09e1a3f2' WHERE alembic_versions.version_num = 'f0b3e8257a6d';
COMMIT;

-- Running downgrade c47d09e1a3f2 -> 8a2f6d3c9b11: index posts by publication date
BEGIN IMMEDIATE;
DROP INDEX "ix_post_published_at";
UPDATE alembic_versions SET version_num='8a2f6d3c9b11' WHERE alembic_versions.version_num = 'c47d09e1a3f2';
COMMIT;

-- Running downgrade 8a2f6d3c9b11 -> 5e1c0a7b2d40: add view count to post
BEGIN IMMEDIATE;
-- rebuilds "post" from the schema the revision files describe: columns, indexes and triggers made outside them are not carried over (an online upgrade reads the live table)
CREATE TABLE "_alchemy_tmp_post" (
  "id" INTEGER NOT NULL,
  "title" VARCHAR(255) NOT NULL,
  "content" TEXT NOT NULL,
  "published" BOOLEAN NOT NULL,
  "published_at" DATETIME,
  "created_at" DATETIME NOT NULL,
  "updated_at" DATETIME NOT NULL,
  CONSTRAINT "pk_post" PRIMARY KEY ("id")
);
INSERT INTO "_alchemy_tmp_post" ("id", "title", "content", "published", "published_at", "created_at", "updated_at") SELECT "id", "title", "content", "published", "published_at", "created_at", "updated_at" FROM "post";
DROP TABLE "post";
PRAGMA legacy_alter_table=ON;
ALTER TABLE "_alchemy_tmp_post" RENAME TO "post";
PRAGMA legacy_alter_table=OFF;
CREATE INDEX "ix_post_title" ON "post" ("title");
-- must return no rows:
PRAGMA foreign_key_check("post");
UPDATE alembic_versions SET version_num='5e1c0a7b2d40' WHERE alembic_versions.version_num = '8a2f6d3c9b11';
COMMIT;

-- Running downgrade 5e1c0a7b2d40 -> <base>: create blog tables
BEGIN IMMEDIATE;
DROP TABLE "user_account";
DROP TABLE "post_tag";
DROP TABLE "tag";
DROP TABLE "post";
DELETE FROM alembic_versions WHERE alembic_versions.version_num = '5e1c0a7b2d40';
COMMIT;

PRAGMA foreign_keys = ON;
