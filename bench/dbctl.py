"""Database chores for the benchmark: fresh databases, snapshots, statement logs.

    python3 bench/dbctl.py reset KIND TARGET              empty it: PostgreSQL drops and re-creates schema
                                                          public, MariaDB the database, SQLite deletes the file
    python3 bench/dbctl.py snapshot KIND TARGET           keep a copy of the current state
    python3 bench/dbctl.py restore KIND TARGET            replace the database by its snapshot
    python3 bench/dbctl.py drop KIND TARGET               drop the database and its snapshot

KIND is sqlite, postgresql or mariadb; TARGET is the file (sqlite) or the database
name (servers, reached through ALCHEMY_TEST_POSTGRES_URL / ALCHEMY_TEST_MARIADB_URL).
Snapshots use CREATE DATABASE ... TEMPLATE on PostgreSQL and a file copy on
SQLite; MariaDB has no cheap snapshot (the harness re-runs the upgrade instead).

StatementLog (used by harness.py) counts the statements a command sends to one
database, from PostgreSQL's log (log_statement=all set on that database only)
or MariaDB's general log written to mysql.general_log (filtered by the
connections that opened that database).
"""

from __future__ import annotations

import os
import re
import shutil
import sys
import time
from urllib.parse import unquote, urlsplit


def server(kind: str) -> dict:
    env = "ALCHEMY_TEST_POSTGRES_URL" if kind == "postgresql" else "ALCHEMY_TEST_MARIADB_URL"
    url = os.environ.get(env)
    if not url:
        sys.exit(f"dbctl: {env} is not set (eval \"$(scripts/test-servers)\")")
    u = urlsplit(url)
    return {
        "user": unquote(u.username or ""),
        "password": unquote(u.password or ""),
        "host": u.hostname or "127.0.0.1",
        "port": u.port or (5432 if kind == "postgresql" else 3306),
    }


def connect(kind: str, dbname: str | None = None):
    s = server(kind)
    if kind == "postgresql":
        import psycopg

        return psycopg.connect(
            host=s["host"], port=s["port"], user=s["user"], password=s["password"],
            dbname=dbname or "postgres", autocommit=True,
        )
    import pymysql

    return pymysql.connect(
        host=s["host"], port=s["port"], user=s["user"], password=s["password"],
        database=dbname, autocommit=True,
    )


def url(kind: str, target: str, tool: str) -> str:
    """The URL each tool takes for TARGET."""
    if kind == "sqlite":
        return f"sqlite:///{os.path.abspath(target)}"
    s = server(kind)
    auth = f"{s['user']}:{s['password']}@{s['host']}:{s['port']}/{target}"
    if kind == "postgresql":
        return ("postgresql+psycopg://" if tool == "alembic" else "postgresql://") + auth
    return ("mysql+pymysql://" if tool == "alembic" else "mariadb://") + auth


def _pg_drop(cur, name: str) -> None:
    cur.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def reset(kind: str, target: str) -> None:
    if kind == "sqlite":
        for suffix in ("", "-journal", "-wal", "-shm"):
            try:
                os.remove(target + suffix)
            except FileNotFoundError:
                pass
        return
    with connect(kind) as conn:
        cur = conn.cursor()
        if kind == "postgresql":
            cur.execute("SELECT 1 FROM pg_database WHERE datname = %s", (target,))
            if cur.fetchone() is None:
                cur.execute(f'CREATE DATABASE "{target}"')
                return
        else:
            cur.execute(f"DROP DATABASE IF EXISTS `{target}`")
            cur.execute(f"CREATE DATABASE `{target}` CHARACTER SET utf8mb4")
    if kind == "postgresql":
        # Emptying the schema is much cheaper than CREATE DATABASE (which copies
        # template1 and checkpoints); it drops tables, sequences and enum types alike.
        with connect(kind, target) as conn:
            conn.execute("DROP SCHEMA IF EXISTS public CASCADE")
            conn.execute("CREATE SCHEMA public")


def snapshot(kind: str, target: str) -> None:
    if kind == "sqlite":
        shutil.copyfile(target, target + ".snapshot")
        return
    if kind != "postgresql":
        raise SystemExit("dbctl: snapshots are for sqlite and postgresql")
    with connect(kind) as conn:
        cur = conn.cursor()
        _pg_drop(cur, target + "_snap")
        cur.execute(f'CREATE DATABASE "{target}_snap" TEMPLATE "{target}"')


def restore(kind: str, target: str) -> None:
    if kind == "sqlite":
        reset(kind, target)
        shutil.copyfile(target + ".snapshot", target)
        return
    with connect(kind) as conn:
        cur = conn.cursor()
        _pg_drop(cur, target)
        cur.execute(f'CREATE DATABASE "{target}" TEMPLATE "{target}_snap"')


def drop(kind: str, target: str) -> None:
    if kind == "sqlite":
        reset(kind, target)
        try:
            os.remove(target + ".snapshot")
        except FileNotFoundError:
            pass
        return
    with connect(kind) as conn:
        cur = conn.cursor()
        if kind == "postgresql":
            _pg_drop(cur, target)
            _pg_drop(cur, target + "_snap")
        else:
            cur.execute(f"DROP DATABASE IF EXISTS `{target}`")


# --------------------------------------------------------------------------- statement logs

PG_LOG_DEFAULT = "/var/tmp/alchemy-test/pg/postgres.log"
# A log entry starts with log_line_prefix ('%m [%p] ': timestamp, pid).
PG_ENTRY = re.compile(r"^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d(?:\.\d+)? \S+ \[(\d+)\] ")
PG_STATEMENT = re.compile(r"LOG:\s+(?:statement|execute [^:]*): (.*)$")


def is_catalog(kind: str, sql: str) -> bool:
    s = sql.lower()
    if kind == "postgresql":
        return "pg_catalog" in s or re.search(r"\bpg_\w+", s) is not None or "information_schema" in s
    return "information_schema" in s or s.lstrip().startswith("show ") or s.lstrip().startswith("describe ")


class StatementLog:
    """Count the statements sent to one server database while a block runs."""

    def __init__(self, kind: str, dbname: str, pg_log: str = PG_LOG_DEFAULT):
        self.kind, self.dbname, self.pg_log = kind, dbname, pg_log
        self.statements: list[str] = []

    def __enter__(self):
        if self.kind == "postgresql":
            with connect(self.kind) as conn:
                conn.execute(f"ALTER DATABASE \"{self.dbname}\" SET log_statement = 'all'")
            self.offset = os.path.getsize(self.pg_log)
        else:
            with connect(self.kind) as conn:
                cur = conn.cursor()
                cur.execute("SELECT @@global.general_log, @@global.log_output")
                self.saved = cur.fetchone()
                cur.execute("SET GLOBAL log_output = 'TABLE'")
                cur.execute("SET GLOBAL general_log = 1")
                cur.execute("SELECT NOW(6)")
                self.start = cur.fetchone()[0]
        return self

    def __exit__(self, *exc):
        if self.kind == "postgresql":
            time.sleep(0.3)  # let the server flush its log
            with connect(self.kind) as conn:
                conn.execute(f'ALTER DATABASE "{self.dbname}" RESET log_statement')
            with open(self.pg_log, "rb") as f:
                f.seek(self.offset)
                text = f.read().decode("utf-8", "replace")
            current: list[str] | None = None
            for line in text.splitlines():
                if PG_ENTRY.match(line):
                    if current is not None:
                        self.statements.append("\n".join(current))
                    m = PG_STATEMENT.search(line)
                    current = [m.group(1)] if m else None
                elif current is not None and line.startswith("\t"):
                    current.append(line.strip())
            if current is not None:
                self.statements.append("\n".join(current))
        else:
            with connect(self.kind) as conn:
                cur = conn.cursor()
                cur.execute("SET GLOBAL general_log = 0")
                cur.execute(
                    "SELECT thread_id, command_type, CONVERT(argument USING utf8mb4) FROM mysql.general_log "
                    "WHERE event_time >= %s ORDER BY event_time",
                    (self.start,),
                )
                rows = cur.fetchall()
                cur.execute(f"SET GLOBAL log_output = '{self.saved[1]}'")
                cur.execute(f"SET GLOBAL general_log = {int(self.saved[0])}")
                if not self.saved[0]:
                    cur.execute("TRUNCATE TABLE mysql.general_log")
            mine = set()
            for thread, command, argument in rows:
                if command == "Connect" and f" on {self.dbname} " in f"{argument} ":
                    mine.add(thread)
                elif command == "Init DB" and argument == self.dbname:
                    mine.add(thread)
            self.statements = [a for t, c, a in rows if t in mine and c in ("Query", "Execute")]
        return False

    @property
    def total(self) -> int:
        return len(self.statements)

    @property
    def catalog(self) -> int:
        return sum(1 for s in self.statements if is_catalog(self.kind, s))


if __name__ == "__main__":
    if len(sys.argv) != 4:
        sys.exit(__doc__)
    action, kind, target = sys.argv[1:]
    {"reset": reset, "snapshot": snapshot, "restore": restore, "drop": drop}[action](kind, target)
