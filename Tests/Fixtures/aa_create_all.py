"""Creates a database the way an Advanced Alchemy user does without migrations:
the models of `aa_models.py`, then `metadata.create_all`.

Usage: aa_create_all.py URL
"""
from sqlalchemy import create_engine

from aa_models import URL, orm_registry, sqlalchemy_url


def main() -> None:
    engine = create_engine(sqlalchemy_url(URL))
    orm_registry.metadata.create_all(engine)
    engine.dispose()


if __name__ == "__main__":
    main()
