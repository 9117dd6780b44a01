#!/usr/bin/env python3
"""Differential test: alchemy against Alembic on random revision graphs.

For each seed this script

1. generates a random revision graph (linear chains, branches, merges, second
   bases, branch labels, cross-branch ``depends_on``), deterministically;
2. writes it twice: as an Alembic script directory (``env.py`` plus Python
   revision files) and as an alchemy project (``alchemy.yaml`` plus YAML
   revision files), with the same file names so both tools see the revisions
   in the same order;
3. generates a random command sequence (upgrade, downgrade, stamp; some of them
   meant to fail) and runs each command against two fresh SQLite databases:
   Alembic in-process through ``alembic.command``, alchemy as a subprocess;
4. after each command compares success/failure, the ``(revision, direction)``
   rows the command appended to the ``ran`` table (every revision inserts one
   row on upgrade and one on downgrade) and the rows of ``alembic_versions``.

The first disagreement of a seed is recorded (seed, graph, commands so far,
both outcomes) and the run moves on to the next seed. The last line printed is
``N passed, M failed``; the exit status is 1 when M > 0.

Cases deliberately excluded from the generator (Alembic behaviour we do not
copy) are listed in EXCLUDED below, with the reason.

Relative targets counted from the current state (``-N``, ``+N``, ``label@-N``,
``label@+N``) move at most N revisions on any branch in alchemy, which refuses
them otherwise (and always from several heads). Such a refusal, with nothing
changed, counts as agreement when Alembic refused too, warned that the usage
is ambiguous (``downgrade -1 from multiple heads is ambiguous``), or moved more
than N revisions along one line of descent; the Alembic database is then put
back as it was before the command, so that both tools go on from the same
state. These are counted as "agreed on ambiguity".

Stdlib + alembic/sqlalchemy only. Usage:

    python3 Tests/Differential/alembic_differential.py --alchemy .build/debug/alchemy --seeds 250
    python3 Tests/Differential/alembic_differential.py --alchemy ... --seed 17 --verbose --keep
"""

from __future__ import annotations

import argparse
import contextlib
import io
import json
import logging
import multiprocessing
import os
import random
import re
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
import warnings
from dataclasses import dataclass, field

sys.dont_write_bytecode = True  # revision modules of different seeds share file names

VERSION_TABLE = "alembic_versions"

# Deliberate exclusions: cases the generator never produces (or that the runner
# skips, as they depend on the state a command meets), because Alembic's answer
# is a bug we do not copy. Each entry: (short name, why).
EXCLUDED: list[tuple[str, str]] = [
    ("merge revisions with a parent that another parent, or the merge itself, depends on",
     "e.g. m <- (a, b, c) where a (or m) has depends_on: [c]: c is never a row of its own, and "
     "Alembic's HeadMaintainer crashes with KeyError when it deletes c's row at the merge, "
     "after committing the revisions before the merge (with only two parents it answers, "
     "and alchemy agrees). alchemy runs the merge and leaves one row. The generator gives "
     "no depends_on that makes a merge parent implied (a little broader than the crash)."),
    ("`stamp A B` where one target lies below the other (down_revision or depends_on)",
     "Alembic moves the same row twice and crashes with KeyError half-way (leaving the "
     "first move written), or writes a row that another row already implies, a state on "
     "which its later stamps fail with AssertionError. alchemy refuses the first kind "
     "before writing anything (DifferentialRegressionTests); the Alembic oracle tests "
     "cover the overlapping stamps Alembic does answer. The generator stamps several "
     "targets only when none is below another."),
    ("`stamp A B` while one version row lies above both A and B",
     "both targets move that row down; Alembic's second move finds it gone and crashes "
     "with KeyError after writing the first move. alchemy refuses before writing anything "
     "(the same check as above). The runner skips such a stamp in such a state."),
]


def excluded(command: list[str], rows: list[str], revs: list[Rev]) -> bool:
    """Whether a command, in the state given by the version-table rows, is one of EXCLUDED."""
    if command[0] == "stamp" and "--purge" not in command and len(command) > 2:
        graph = {r.id: r for r in revs}
        label_owner = {label: r.id for r in revs for label in r.labels}
        targets = [t for t in command[1:] if t in graph]
        for row in rows:
            below = ancestors_resolved(graph, row, label_owner) if row in graph else set()
            if sum(1 for t in targets if t != row and t in below) > 1:
                return True
    return False


# --------------------------------------------------------------------------
# Graph generation
# --------------------------------------------------------------------------

@dataclass
class Rev:
    id: str
    down: list[str]
    labels: list[str] = field(default_factory=list)
    depends: list[str] = field(default_factory=list)
    kind: str = "linear"  # base, linear, branch, merge, second-base

    def as_dict(self) -> dict:
        return {"id": self.id, "down": self.down, "labels": self.labels, "depends_on": self.depends, "kind": self.kind}


def ancestors(graph: dict[str, Rev], rid: str) -> set[str]:
    """rid and everything below it through down_revision."""
    seen: set[str] = set()
    todo = [rid]
    while todo:
        r = todo.pop()
        if r in seen:
            continue
        seen.add(r)
        todo.extend(graph[r].down)
    return seen


def generate_graph(rng: random.Random) -> list[Rev]:
    n = rng.randint(3, 12)
    revs: list[Rev] = []
    ids: set[str] = set()
    label_pool = ["labp", "labq", "labr", "labs", "labt", "labu"]
    labels_used = 0

    def new_id() -> str:
        while True:
            rid = "%012x" % rng.getrandbits(48)
            if revs and rng.random() < 0.12:
                # share a 5-character prefix with an existing id, so that some
                # partial ids are ambiguous
                rid = rng.choice(revs).id[:5] + rid[5:]
            if rid not in ids and not rid.isdigit():
                ids.add(rid)
                return rid

    def heads() -> list[str]:
        parents = {p for r in revs for p in r.down}
        return [r.id for r in revs if r.id not in parents]

    def has_child(rid: str) -> bool:
        return any(rid in r.down for r in revs)

    bases = 0
    for i in range(n):
        rid = new_id()
        if i == 0:
            rev = Rev(rid, [], kind="base")
            bases += 1
        else:
            hs = heads()
            roll = rng.random()
            branchable = [r.id for r in revs if has_child(r.id)]
            if roll < 0.18 and len(hs) >= 2:
                k = min(len(hs), rng.choice([2, 2, 3]))
                rev = Rev(rid, rng.sample(hs, k), kind="merge")
            elif roll < 0.40 and branchable:
                rev = Rev(rid, [rng.choice(branchable)], kind="branch")
            elif roll < 0.48 and bases < 3:
                rev = Rev(rid, [], kind="second-base")
                bases += 1
            else:
                rev = Rev(rid, [rng.choice(hs)], kind="linear")
        # branch labels on some branch roots (a fork child or a new base)
        if rev.kind in ("base", "branch", "second-base") and labels_used < len(label_pool) and rng.random() < 0.55:
            rev.labels = [label_pool[labels_used]]
            labels_used += 1
        revs.append(rev)

    # depends_on across branches: on an earlier revision that is not already
    # an ancestor (sometimes named by its branch label)
    graph = {r.id: r for r in revs}
    label_owner = {label: r.id for r in revs for label in r.labels}
    for idx, rev in enumerate(revs):
        if idx == 0 or rng.random() >= 0.25:
            continue
        anc = ancestors(graph, rev.id)
        candidates = [r for r in revs[:idx] if r.id not in anc]
        if not candidates:
            continue
        target = rng.choice(candidates)
        if target.labels and rng.random() < 0.3:
            rev.depends = [target.labels[0]]
        else:
            rev.depends = [target.id]
        if merge_parent_implied(revs, graph, label_owner):
            rev.depends = []  # excluded: see EXCLUDED
    return revs


def merge_parent_implied(revs: list[Rev], graph: dict[str, Rev], label_owner: dict[str, str]) -> bool:
    """Whether some merge has a parent lying below another of its parents or
    below one of its own dependencies (through down_revision or depends_on)."""
    for rev in revs:
        if len(rev.down) < 2:
            continue
        others = rev.down + [label_owner.get(d, d) for d in rev.depends]
        for parent in rev.down:
            for other in others:
                if other != parent and parent in ancestors_resolved(graph, other, label_owner):
                    return True
    return False


def ancestors_resolved(graph: dict[str, Rev], rid: str, label_owner: dict[str, str]) -> set[str]:
    """rid and everything below it through down_revision and depends_on (labels resolved)."""
    seen: set[str] = set()
    todo = [rid]
    while todo:
        r = todo.pop()
        if r in seen:
            continue
        seen.add(r)
        todo.extend(graph[r].down)
        todo.extend(label_owner.get(d, d) for d in graph[r].depends)
    return seen


# --------------------------------------------------------------------------
# Command generation
# --------------------------------------------------------------------------

UNKNOWN_ID = "fedcba987654"


def generate_commands(rng: random.Random, revs: list[Rev]) -> list[list[str]]:
    ids = [r.id for r in revs]
    graph = {r.id: r for r in revs}
    label_owner = {label: r.id for r in revs for label in r.labels}

    def two_targets() -> list[str]:
        a, b = rid(), rid()
        if a == b or a in ancestors_resolved(graph, b, label_owner) or b in ancestors_resolved(graph, a, label_owner):
            return [a]  # excluded: see EXCLUDED
        return sorted([a, b])
    labels = [label for r in revs for label in r.labels]

    def rid() -> str:
        return rng.choice(ids)

    def partial() -> str:
        return rid()[: rng.randint(4, 8)]

    def label() -> str:
        return rng.choice(labels) if labels else rid()

    def upgrade_target() -> str:
        options = [
            (8, lambda: "heads"), (5, lambda: "head"), (6, rid), (3, partial),
            (4, lambda: "+1"), (2, lambda: "+2"), (1, lambda: "+3"), (2, lambda: f"{rid()}+1"),
            (1, lambda: "base"), (1, lambda: UNKNOWN_ID),
        ]
        if labels:
            options += [(4, lambda: f"{label()}@head"), (2, lambda: f"{label()}@+1"), (1, lambda: f"{label()}@+2"),
                        (1, lambda: f"{label()}@heads"), (1, label)]
        return weighted(rng, options)

    def downgrade_target() -> str:
        options = [
            (5, lambda: "base"), (6, lambda: "-1"), (3, lambda: "-2"), (1, lambda: "-3"), (6, rid), (2, partial),
            (1, lambda: f"{rid()}-1"), (1, lambda: f"{rid()}+1"), (1, lambda: "head"), (1, lambda: UNKNOWN_ID),
        ]
        if labels:
            options += [(3, lambda: f"{label()}@base"), (3, lambda: f"{label()}@-1"), (1, lambda: f"{label()}@-2"),
                        (1, lambda: f"{label()}@{rid()}")]
        return weighted(rng, options)

    def stamp_args() -> list[str]:
        options = [
            (5, lambda: [rid()]), (2, lambda: ["heads"]), (1, lambda: ["head"]), (2, lambda: ["base"]),
            (3, lambda: ["--purge", "heads"]), (1, lambda: ["--purge", rid()]),
            (2, two_targets), (1, lambda: [UNKNOWN_ID]),
        ]
        if labels:
            options += [(1, lambda: [f"{label()}@head"]), (1, lambda: [f"{label()}@base"])]
        return weighted(rng, options)

    commands: list[list[str]] = []
    for i in range(rng.randint(5, 12)):
        roll = rng.random()
        if i == 0 or roll < 0.45:
            commands.append(["upgrade", upgrade_target()])
        elif roll < 0.85:
            commands.append(["downgrade", downgrade_target()])
        else:
            commands.append(["stamp"] + stamp_args())
    return commands


def weighted(rng: random.Random, options):
    total = sum(w for w, _ in options)
    pick = rng.uniform(0, total)
    for w, fn in options:
        pick -= w
        if pick <= 0:
            return fn()
    return options[-1][1]()


# --------------------------------------------------------------------------
# Writing the two projects
# --------------------------------------------------------------------------

ENV_PY = '''\
from alembic import context
from sqlalchemy import create_engine, pool

config = context.config
engine = create_engine(config.get_main_option("sqlalchemy.url"), poolclass=pool.NullPool)
with engine.connect() as connection:
    context.configure(
        connection=connection,
        target_metadata=None,
        version_table="alembic_versions",
        transaction_per_migration=True,
    )
    with context.begin_transaction():
        context.run_migrations()
engine.dispose()
'''


def py_literal(values: list[str], single_as_str: bool) -> str:
    if not values:
        return "None"
    if single_as_str and len(values) == 1:
        return repr(values[0])
    return "(" + ", ".join(repr(v) for v in values) + ",)"


def insert_sql(rid: str, direction: str) -> str:
    return f"INSERT INTO ran (rev, dir) VALUES ('{rid}', '{direction}')"


def yaml_str(value: str) -> str:
    return json.dumps(value)  # a JSON string is a valid double-quoted YAML scalar


def yaml_list(values: list[str]) -> str:
    return "[" + ", ".join(yaml_str(v) for v in values) + "]"


def write_projects(root: str, revs: list[Rev]) -> tuple[str, str, str, str]:
    alembic_dir = os.path.join(root, "alembic")
    alembic_versions = os.path.join(alembic_dir, "versions")
    alchemy_dir = os.path.join(root, "alchemy")
    alchemy_versions = os.path.join(alchemy_dir, "migrations", "versions")
    os.makedirs(alembic_versions)
    os.makedirs(alchemy_versions)
    alembic_db = os.path.join(root, "alembic.db")
    alchemy_db = os.path.join(root, "alchemy.db")

    with open(os.path.join(alembic_dir, "env.py"), "w") as f:
        f.write(ENV_PY)
    with open(os.path.join(alchemy_dir, "alchemy.yaml"), "w") as f:
        f.write(f"database:\n  url: sqlite:///{alchemy_db}\nscript_location: migrations\n"
                f"version_table: {VERSION_TABLE}\ntransaction_per_migration: true\n")

    for position, rev in enumerate(revs):
        stem = f"{position:02d}_{rev.id}"  # same order for both loaders (sorted file names)
        with open(os.path.join(alembic_versions, stem + ".py"), "w") as f:
            f.write(
                f'"""revision {position}"""\n'
                "from alembic import op\n\n"
                f"revision = {rev.id!r}\n"
                f"down_revision = {py_literal(rev.down, True)}\n"
                f"branch_labels = {py_literal(rev.labels, False)}\n"
                f"depends_on = {py_literal(rev.depends, False)}\n\n\n"
                f"def upgrade():\n    op.execute({insert_sql(rev.id, 'up')!r})\n\n\n"
                f"def downgrade():\n    op.execute({insert_sql(rev.id, 'down')!r})\n"
            )
        if not rev.down:
            down = "null"
        elif len(rev.down) == 1:
            down = yaml_str(rev.down[0])
        else:
            down = yaml_list(rev.down)
        with open(os.path.join(alchemy_versions, stem + ".yaml"), "w") as f:
            f.write(
                f"revision: {yaml_str(rev.id)}\n"
                f"down_revision: {down}\n"
                f"branch_labels: {yaml_list(rev.labels)}\n"
                f"depends_on: {yaml_list(rev.depends)}\n"
                f"message: revision {position}\n"
                f"upgrade:\n  - execute: {{sql: {yaml_str(insert_sql(rev.id, 'up'))}}}\n"
                f"downgrade:\n  - execute: {{sql: {yaml_str(insert_sql(rev.id, 'down'))}}}\n"
            )

    for db in (alembic_db, alchemy_db):
        with contextlib.closing(sqlite3.connect(db)) as conn:
            conn.execute("CREATE TABLE ran (seq INTEGER PRIMARY KEY AUTOINCREMENT, rev TEXT NOT NULL, dir TEXT NOT NULL)")
            conn.commit()
    return alembic_dir, alembic_db, alchemy_dir, alchemy_db


# --------------------------------------------------------------------------
# Running one command with each tool
# --------------------------------------------------------------------------

def read_state(db: str) -> tuple[list[tuple[str, str]], list[str]]:
    with contextlib.closing(sqlite3.connect(db)) as conn:
        ran = [tuple(row) for row in conn.execute("SELECT rev, dir FROM ran ORDER BY seq")]
        try:
            rows = sorted(r[0] for r in conn.execute(f"SELECT version_num FROM {VERSION_TABLE}"))
        except sqlite3.OperationalError:
            rows = []
    return ran, rows


def split_stamp(args: list[str]) -> tuple[list[str], bool]:
    purge = "--purge" in args
    return [a for a in args if a != "--purge"], purge


def run_alembic(script_dir: str, db: str, command: list[str]) -> tuple[bool, str, bool]:
    """Runs one command; returns (succeeded, message, warned that it is ambiguous)."""
    from alembic import command as alembic_command
    from alembic.config import Config

    cfg = Config(stdout=io.StringIO())
    cfg.set_main_option("script_location", script_dir)
    cfg.set_main_option("sqlalchemy.url", f"sqlite:///{db}")
    caught: list[warnings.WarningMessage] = []
    try:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            if command[0] == "upgrade":
                alembic_command.upgrade(cfg, command[1])
            elif command[0] == "downgrade":
                alembic_command.downgrade(cfg, command[1])
            else:
                targets, purge = split_stamp(command[1:])
                alembic_command.stamp(cfg, targets if len(targets) > 1 else targets[0], purge=purge)
    except Exception as error:  # noqa: BLE001 - any exception is a failed command
        from alembic.util import CommandError
        # CommandError (RevisionError is one) is Alembic refusing a command;
        # anything else (KeyError, AssertionError) is Alembic crashing.
        kind = "" if isinstance(error, CommandError) else "ALEMBIC INTERNAL ERROR "
        return False, f"{kind}{type(error).__name__}: {error}", ambiguous_warning(caught)
    return True, "", ambiguous_warning(caught)


def ambiguous_warning(caught) -> bool:
    return any("ambiguous" in str(w.message).lower() for w in caught or [])


RELATIVE_FROM_CURRENT = re.compile(r"^(?:(.+?)@)?([+-]\d+)")


def relative_steps(target: str) -> int | None:
    """N for a target counted from the current state (`-N`, `+N`, `label@-N`), else None."""
    match = RELATIVE_FROM_CURRENT.match(target)
    if not match:
        return None
    return abs(int(match.group(2)))


def longest_chain(moved: set[str], graph: dict[str, Rev]) -> int:
    """Revisions on the longest line of descent (down_revision) inside `moved`."""
    memo: dict[str, int] = {}

    def depth(rid: str) -> int:
        if rid not in memo:
            memo[rid] = 1 + max((depth(d) for d in graph[rid].down if d in moved), default=0)
        return memo[rid]
    return max((depth(r) for r in moved), default=0)


def ambiguity_agrees(command: list[str], graph: dict[str, Rev], alembic: tuple[bool, bool, list],
                     alchemy: tuple[bool, str, list, list[str]], rows_before: list[str]) -> str | None:
    """alchemy refused a relative step as ambiguous, changed nothing, and
    Alembic refused it, warned that it is ambiguous, or moved more than N
    revisions on one branch. Returns which of the three, or None."""
    ok_a, warned_a, ran_a = alembic
    ok_b, msg_b, ran_b, rows_b = alchemy
    if command[0] not in ("upgrade", "downgrade") or ok_b or "is ambiguous" not in msg_b:
        return None
    steps = relative_steps(command[1])
    if steps is None or ran_b or rows_b != rows_before:
        return None
    if not ok_a:
        return "alembic refused"
    if warned_a:
        return "alembic warned"
    if longest_chain({r for r, _ in ran_a}, graph) > steps:
        return "alembic moved more than N on a branch"
    return None


def run_alchemy(binary: str, project: str, command: list[str]) -> tuple[bool, str]:
    argv = [binary, "--no-color", "database"] + command
    proc = subprocess.run(argv, cwd=project, capture_output=True, text=True, timeout=60,
                          env={**os.environ, "NO_COLOR": "1", "CI": "true"})
    if proc.returncode < 0:
        return False, f"CRASH (signal {-proc.returncode}): {proc.stderr.strip()[-300:]}"
    message = (proc.stderr.strip() or proc.stdout.strip()).splitlines()
    return proc.returncode == 0, (message[-1] if message else "")


# --------------------------------------------------------------------------
# One seed
# --------------------------------------------------------------------------

def run_seed(seed: int, binary: str, keep: bool = False, verbose: bool = False) -> dict:
    rng = random.Random(seed)
    revs = generate_graph(rng)
    commands = generate_commands(rng, revs)
    # On a RAM disk where there is one: each migration commits, and fsync on a
    # real disk costs more than everything else the test does.
    scratch = os.environ.get("DIFFERENTIAL_TMP") or ("/dev/shm" if os.path.isdir("/dev/shm") and os.access("/dev/shm", os.W_OK) else None)
    root = tempfile.mkdtemp(prefix=f"alchemy-diff-{seed}-", dir=scratch)
    result = {"seed": seed, "ok": True, "commands": len(commands)}
    log: list[str] = []
    try:
        alembic_dir, alembic_db, alchemy_dir, alchemy_db = write_projects(root, revs)
        seen_alembic = seen_alchemy = 0
        for step, command in enumerate(commands):
            rows_before = read_state(alembic_db)[1]
            if excluded(command, rows_before, revs):
                result["skipped"] = result.get("skipped", 0) + 1
                if verbose:
                    log.append(f"  {' '.join(command)}: skipped (excluded case)")
                continue
            shutil.copyfile(alembic_db, alembic_db + ".before")
            ok_a, msg_a, warned_a = run_alembic(alembic_dir, alembic_db, command)
            ok_b, msg_b = run_alchemy(binary, alchemy_dir, command)
            ran_a, rows_a = read_state(alembic_db)
            ran_b, rows_b = read_state(alchemy_db)
            new_a, new_b = ran_a[seen_alembic:], ran_b[seen_alchemy:]
            seen_alembic, seen_alchemy = len(ran_a), len(ran_b)
            line = f"  {' '.join(command)}: alembic {'ok' if ok_a else 'FAIL'} ran={fmt_ran(new_a)} rows={rows_a}"
            if verbose:
                log.append(line + (f" ({msg_a})" if msg_a else ""))
                log.append(f"  {' ' * len(' '.join(command))}  alchemy {'ok' if ok_b else 'FAIL'} ran={fmt_ran(new_b)} rows={rows_b}"
                           + (f" ({msg_b})" if msg_b else ""))
            reason = ambiguity_agrees(command, {r.id: r for r in revs}, (ok_a, warned_a, new_a),
                                      (ok_b, msg_b, new_b, rows_b), rows_before)
            if reason:
                # Both go on from the state before the command.
                shutil.copyfile(alembic_db + ".before", alembic_db)
                seen_alembic = len(read_state(alembic_db)[0])
                result["ambiguous"] = result.get("ambiguous", 0) + 1
                result.setdefault("ambiguous_reasons", {})[reason] = result.get("ambiguous_reasons", {}).get(reason, 0) + 1
                if verbose:
                    log.append(f"  {' ' * len(' '.join(command))}  agreed on ambiguity ({reason}); alembic state restored")
                continue
            problems = []
            if msg_b.startswith("CRASH"):
                problems.append("alchemy crashed")
            if problems and msg_a.startswith("ALEMBIC INTERNAL ERROR"):
                # both refusing agrees, however Alembic refuses; a crash that
                # changes the outcome is not a reference answer
                problems.append("alembic crashed (not a reference answer: exclude or explain)")
            if ok_a != ok_b:
                problems.append("success differs")
            if new_a != new_b:
                problems.append("ran differs")
            if rows_a != rows_b:
                problems.append("version table differs")
            if not problems:
                key = "both_ok" if ok_a else "both_refused"
                result[key] = result.get(key, 0) + 1
            if problems:
                result.update(
                    ok=False, step=step, command=command, problems=problems,
                    history=[" ".join(c) for c in commands[:step]],
                    graph=[r.as_dict() for r in revs],
                    alembic={"ok": ok_a, "ran": new_a, "rows": rows_a, "message": msg_a},
                    alchemy={"ok": ok_b, "ran": new_b, "rows": rows_b, "message": msg_b},
                    root=root if keep else None,
                )
                break
    except Exception as error:  # noqa: BLE001 - a harness error fails the seed
        result.update(ok=False, problems=[f"harness error: {type(error).__name__}: {error}"],
                      graph=[r.as_dict() for r in revs], command=None)
    finally:
        if not (keep and not result["ok"]):
            shutil.rmtree(root, ignore_errors=True)
    if verbose:
        result["log"] = log
    return result


def fmt_ran(ran: list[tuple[str, str]]) -> str:
    return "[" + " ".join(f"{r[:6]}{'+' if d == 'up' else '-'}" for r, d in ran) + "]"


def fmt_graph(graph: list[dict]) -> str:
    parts = []
    for r in graph:
        text = r["id"] + "<" + (",".join(d for d in r["down"]) or "base")
        if r["labels"]:
            text += " @" + ",".join(r["labels"])
        if r["depends_on"]:
            text += " dep:" + ",".join(r["depends_on"])
        parts.append(text)
    return "; ".join(parts)


def report_failure(r: dict) -> str:
    out = [f"seed {r['seed']}: {', '.join(r['problems'])}"]
    if r.get("graph"):
        out.append(f"  graph: {fmt_graph(r['graph'])}")
    if r.get("command"):
        out.append(f"  before: {' | '.join(r['history']) or '(fresh database)'}")
        out.append(f"  command: {' '.join(r['command'])}")
        for tool in ("alembic", "alchemy"):
            o = r[tool]
            out.append(f"  {tool}: {'ok' if o['ok'] else 'FAIL'} ran={fmt_ran(o['ran'])} rows={o['rows']}"
                       + (f" -- {o['message'][:200]}" if o["message"] else ""))
    if r.get("root"):
        out.append(f"  kept: {r['root']}")
    return "\n".join(out)


def _worker(args):
    seed, binary, keep, verbose = args
    return run_seed(seed, binary, keep, verbose)


def _init_worker():
    logging.getLogger("alembic").setLevel(logging.ERROR)
    warnings.simplefilter("ignore")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--alchemy", default=os.environ.get("ALCHEMY_BIN", ".build/debug/alchemy"),
                        help="alchemy binary (default: $ALCHEMY_BIN or .build/debug/alchemy)")
    parser.add_argument("--seeds", type=int, default=250, help="number of seeds (default 250)")
    parser.add_argument("--start", type=int, default=0, help="first seed (default 0)")
    parser.add_argument("--seed", type=int, action="append", help="run only this seed (repeatable)")
    parser.add_argument("--jobs", type=int, default=min(2, os.cpu_count() or 1), help="parallel workers")
    parser.add_argument("--keep", action="store_true", help="keep the folders of failing seeds")
    parser.add_argument("--verbose", action="store_true", help="print every command of every seed")
    parser.add_argument("--json", action="store_true", help="print failures as JSON")
    args = parser.parse_args()

    binary = os.path.abspath(args.alchemy)
    if not os.access(binary, os.X_OK):
        print(f"error: alchemy binary not found at {binary} (set ALCHEMY_BIN or --alchemy)", file=sys.stderr)
        return 2
    seeds = args.seed or list(range(args.start, args.start + args.seeds))
    _init_worker()
    started = time.monotonic()
    work = [(s, binary, args.keep, args.verbose) for s in seeds]
    if args.jobs > 1 and len(seeds) > 1:
        with multiprocessing.get_context("fork").Pool(args.jobs, initializer=_init_worker) as pool:
            results = list(pool.imap(_worker, work, chunksize=4))
    else:
        results = [_worker(w) for w in work]

    failed = [r for r in results if not r["ok"]]
    commands = sum(r["commands"] for r in results)
    for r in results:
        if args.verbose:
            print(f"seed {r['seed']}: {'ok' if r['ok'] else 'FAILED'}")
            print("\n".join(r.get("log", [])))
    if failed:
        print(f"\n{len(failed)} seed(s) disagree with Alembic:")
        for r in failed:
            print(json.dumps(r) if args.json else report_failure(r))
    if EXCLUDED:
        print("\nexcluded (Alembic behaviour not copied; reasons in EXCLUDED of this script):")
        for name, _ in EXCLUDED:
            print(f"  - {name}")
    skipped = sum(r.get("skipped", 0) for r in results)
    both_ok = sum(r.get("both_ok", 0) for r in results)
    both_refused = sum(r.get("both_refused", 0) for r in results)
    ambiguous = sum(r.get("ambiguous", 0) for r in results)
    reasons: dict[str, int] = {}
    for r in results:
        for reason, count in r.get("ambiguous_reasons", {}).items():
            reasons[reason] = reasons.get(reason, 0) + count
    print(f"\n{len(seeds)} seeds, {commands} commands: {both_ok} agreed and ran, {both_refused} agreed and refused, "
          f"{ambiguous} agreed on ambiguity (alchemy refused a relative step, nothing changed: "
          f"{', '.join(f'{n} {why}' for why, n in sorted(reasons.items())) or 'none'}), "
          f"{skipped} skipped as excluded; {time.monotonic() - started:.1f}s")
    print(f"{len(results) - len(failed)} passed, {len(failed)} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
