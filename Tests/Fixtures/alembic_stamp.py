"""Stamps a database with real Alembic, so tests can check that alchemy reads
what Alembic wrote. Usage: alembic_stamp.py URL REVISION [REVISION...]"""
import sys

from alembic.migration import MigrationContext
from sqlalchemy import create_engine


def sqlalchemy_url(url: str) -> str:
    # alchemy URLs name the database; SQLAlchemy also wants the driver.
    for prefix, driver in (("postgresql://", "postgresql+psycopg://"), ("mariadb://", "mysql+pymysql://"), ("mysql://", "mysql+pymysql://")):
        if url.startswith(prefix):
            return driver + url[len(prefix):]
    return url


def main() -> None:
    url, revisions = sys.argv[1], sys.argv[2:]
    engine = create_engine(sqlalchemy_url(url))
    with engine.begin() as connection:
        # Advanced Alchemy names the table alembic_versions (Alembic's own default is alembic_version).
        context = MigrationContext.configure(connection, opts={"version_table": "alembic_versions"})
        context._ensure_version_table()
        for revision in revisions:
            context.impl._exec(context._version.insert().values(version_num=revision))


if __name__ == "__main__":
    main()
