-- alchemy upgrade (sqlite): base -> head

PRAGMA foreign_keys = OFF;

CREATE TABLE alembic_versions (
	version_num VARCHAR(32) NOT NULL, 
	CONSTRAINT alembic_versions_pkc PRIMARY KEY (version_num)
);

-- Running upgrade <base> -> 5e1c0a7b2d40: create blog tables
BEGIN IMMEDIATE;
CREATE TABLE "post" (
  "id" INTEGER NOT NULL,
  "title" VARCHAR(255) NOT NULL,
  "content" TEXT NOT NULL,
  "published" BOOLEAN NOT NULL,
  "published_at" DATETIME,
  "created_at" DATETIME NOT NULL,
  "updated_at" DATETIME NOT NULL,
  CONSTRAINT "pk_post" PRIMARY KEY ("id")
);
CREATE INDEX "ix_post_title" ON "post" ("title");
CREATE TABLE "tag" (
  "id" INTEGER NOT NULL,
  "name" VARCHAR(100) NOT NULL,
  "created_at" DATETIME NOT NULL,
  "updated_at" DATETIME NOT NULL,
  "slug" VARCHAR(100) NOT NULL,
  CONSTRAINT "pk_tag" PRIMARY KEY ("id"),
  CONSTRAINT "uq_tag_slug" UNIQUE ("slug")
);
CREATE UNIQUE INDEX "ix_tag_name" ON "tag" ("name");
CREATE TABLE "post_tag" (
  "post_id" INTEGER NOT NULL,
  "tag_id" INTEGER NOT NULL,
  CONSTRAINT "pk_post_tag" PRIMARY KEY ("post_id", "tag_id"),
  CONSTRAINT "fk_post_tag_post_id_post" FOREIGN KEY("post_id") REFERENCES "post" ("id") ON DELETE CASCADE,
  CONSTRAINT "fk_post_tag_tag_id_tag" FOREIGN KEY("tag_id") REFERENCES "tag" ("id") ON DELETE CASCADE
);
CREATE TABLE "user_account" (
  "id" BINARY(16) NOT NULL,
  "email" VARCHAR(320) NOT NULL,
  "secret" VARCHAR NOT NULL,
  "preferences" JSON,
  "avatar" JSON,
  "status" VARCHAR(8) DEFAULT 'active' NOT NULL,
  "sa_orm_sentinel" INTEGER,
  "created_at" DATETIME NOT NULL,
  "updated_at" DATETIME NOT NULL,
  CONSTRAINT "pk_user_account" PRIMARY KEY ("id"),
  CONSTRAINT "uq_user_account_email" UNIQUE ("email"),
  CONSTRAINT "uq_user_account_email_status" UNIQUE ("email", "status"),
  CONSTRAINT "ck_user_account_email_has_at" CHECK (email LIKE '%@%')
);
CREATE INDEX "ix_user_account_email" ON "user_account" ("email", "created_at");
INSERT INTO alembic_versions (version_num) VALUES ('5e1c0a7b2d40');
COMMIT;

-- Running upgrade 5e1c0a7b2d40 -> 8a2f6d3c9b11: add view count to post
BEGIN IMMEDIATE;
ALTER TABLE "post" ADD COLUMN "view_count" INTEGER DEFAULT '0' NOT NULL;
UPDATE alembic_versions SET version_num='8a2f6d3c9b11' WHERE alembic_versions.version_num = '5e1c0a7b2d40';
COMMIT;

-- Running upgrade 8a2f6d3c9b11 -> c47d09e1a3f2: index posts by publication date
BEGIN IMMEDIATE;
CREATE INDEX "ix_post_published_at" ON "post" ("published_at");
UPDATE alembic_versions SET version_num='c47d09e1a3f2' WHERE alembic_versions.version_num = '8a2f6d3c9b11';
COMMIT;

-- Running upgrade c47d09e1a3f2 -> f0b3e8257a6d: backfill publication dates
BEGIN IMMEDIATE;
UPDATE post SET published_at = created_at WHERE published = TRUE AND published_at IS NULL;
UPDATE alembic_versions SET version_num='f0b3e8257a6d' WHERE alembic_versions.version_num = 'c47d09e1a3f2';
COMMIT;

PRAGMA foreign_keys = ON;
