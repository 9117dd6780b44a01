-- alchemy downgrade (postgresql): f0b3e8257a6d -> base

SET standard_conforming_strings = on;

-- Running downgrade f0b3e8257a6d -> f0b3e8257a6d: backfill publication dates
BEGIN;
UPDATE alembic_versions SET version_num='c47d09e1a3f2' WHERE alembic_versions.version_num = 'f0b3e8257a6d';
COMMIT;

-- Running downgrade c47d09e1a3f2 -> c47d09e1a3f2: index posts by publication date
BEGIN;
DROP INDEX "ix_post_published_at";
UPDATE alembic_versions SET version_num='8a2f6d3c9b11' WHERE alembic_versions.version_num = 'c47d09e1a3f2';
COMMIT;

-- Running downgrade 8a2f6d3c9b11 -> 8a2f6d3c9b11: add view count to post
BEGIN;
ALTER TABLE "post" DROP COLUMN "view_count";
UPDATE alembic_versions SET version_num='5e1c0a7b2d40' WHERE alembic_versions.version_num = '8a2f6d3c9b11';
COMMIT;

-- Running downgrade 5e1c0a7b2d40 -> 5e1c0a7b2d40: create blog tables
BEGIN;
DROP TABLE "user_account";
DROP TYPE "user_status";
DROP TABLE "post_tag";
DROP TABLE "tag";
DROP TABLE "post";
DELETE FROM alembic_versions WHERE alembic_versions.version_num = '5e1c0a7b2d40';
COMMIT;

