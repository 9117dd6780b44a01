"""Creates a database the way an Advanced Alchemy user does with migrations: the
models of `aa_models.py`, Advanced Alchemy's Alembic commands (`init`, `revision
--autogenerate`, `upgrade head`), with its own templates and settings.

Usage: aa_migrate.py URL FOLDER   (FOLDER is made and holds the migrations)
"""
import os
import sys

from advanced_alchemy.alembic.commands import AlembicCommands
from advanced_alchemy.config import AlembicSyncConfig, SQLAlchemySyncConfig

import sqlalchemy
from aa_models import URL, NoHashing, sqlalchemy_url

# The revision names PasswordHash's backend as `sa.NoHashing()`, as Advanced
# Alchemy's template does for its own hashers (`sa.Argon2Hasher = Argon2Hasher`).
sqlalchemy.NoHashing = NoHashing  # type: ignore[attr-defined]


def main() -> None:
    folder = sys.argv[2]
    os.makedirs(folder, exist_ok=True)
    config = SQLAlchemySyncConfig(
        connection_string=sqlalchemy_url(URL),
        alembic_config=AlembicSyncConfig(
            script_location=os.path.join(folder, "migrations"),
            script_config=os.path.join(folder, "alembic.ini"),
        ),
    )
    commands = AlembicCommands(sqlalchemy_config=config)
    commands.init(directory=os.path.join(folder, "migrations"))
    commands.revision(message="create everything", autogenerate=True)
    commands.upgrade("head")
    config.get_engine().dispose()


if __name__ == "__main__":
    main()
