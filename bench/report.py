"""Render BENCHMARKS.md from a run's results.json (and profile.json, if any).

    python3 bench/report.py OUT_DIR [--output BENCHMARKS.md]

The machine and version facts are collected when this runs (right after the
harness, from bench/run). bench/profile-notes.md, written by hand from the
profile, is copied in under "Profile".
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import platform
import re
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(HERE)
sys.path.insert(0, HERE)

DBS = ("sqlite", "postgresql", "mariadb")
DB_NAMES = {"sqlite": "SQLite", "postgresql": "PostgreSQL", "mariadb": "MariaDB", "any": "(none)"}


def sh(cmd: str) -> str:
    try:
        return subprocess.run(cmd, shell=True, capture_output=True, text=True, timeout=60).stdout.strip()
    except Exception:
        return ""


def machine() -> dict:
    cpu = ""
    try:
        for line in open("/proc/cpuinfo"):
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    mem = ""
    try:
        for line in open("/proc/meminfo"):
            if line.startswith("MemTotal"):
                mem = f"{int(line.split()[1]) / 1024 / 1024:.1f} GiB"
    except OSError:
        pass
    return dict(nproc=os.cpu_count(), cpu=cpu, memory=mem, kernel=platform.release(),
                os=sh(". /etc/os-release && echo $PRETTY_NAME"))


def versions() -> dict:
    v: dict = {}
    rev = sh(f"git -C {REPO} rev-parse --short=12 HEAD")
    dirty = sh(f"git -C {REPO} status --porcelain -- Sources Package.swift Package.resolved")
    v["alchemy"] = rev + (" + uncommitted changes in Sources/" if dirty else "") + " (HEAD when the report was rendered)"
    v["swift"] = sh("swift --version 2>&1 | head -1")
    try:
        import alembic
        import sqlalchemy

        v["alembic"] = alembic.__version__
        v["sqlalchemy"] = sqlalchemy.__version__
    except ImportError:
        pass
    try:
        from importlib.metadata import version

        v["advanced_alchemy"] = version("advanced_alchemy")
        v["psycopg"] = version("psycopg")
        v["pymysql"] = version("pymysql")
    except Exception:
        pass
    v["python"] = platform.python_version()
    try:
        import dbctl

        with dbctl.connect("postgresql") as c:
            v["postgresql"] = c.execute("SHOW server_version").fetchone()[0]
        with dbctl.connect("mariadb") as c:
            cur = c.cursor()
            cur.execute("SELECT VERSION()")
            v["mariadb"] = cur.fetchone()[0]
    except Exception as e:  # servers may be down when re-rendering
        v.setdefault("postgresql", f"? ({e.__class__.__name__})")
    v["sqlite"] = sh("pkg-config --modversion sqlite3") or sh("sqlite3 --version | cut -d' ' -f1")
    v["hyperfine"] = sh("hyperfine --version")
    return v


def fmt(t: float | None) -> str:
    if t is None:
        return "–"
    if t < 1:
        return f"{t * 1000:.1f} ms" if t < 0.1 else f"{t * 1000:.0f} ms"
    return f"{t:.2f} s"


def ratio(a: dict | None, b: dict | None) -> float | None:
    if a and b and a.get("status") == "ok" and b.get("status") == "ok" and a["median"] > 0:
        return b["median"] / a["median"]
    return None


def cell(r: dict | None) -> str:
    if r is None:
        return "–"
    if r["status"] == "ok":
        return fmt(r["median"])
    if r["status"] == "n/a":
        return "not yet available"
    return "failed"


def pct(x: float | None) -> str:
    return "–" if x is None else f"{x:.1%}"


def own_share(r: dict | None) -> float | None:
    """alchemy's own time over the wall time (see own_time in harness.py), if it was measured."""
    return r["own"] / r["median"] if r and r.get("status") == "ok" and r.get("own") is not None else None


def cpu_share(r: dict | None) -> float | None:
    """User + system CPU time over the wall time: an upper bound for the own time."""
    return (r["user"] + r["system"]) / r["median"] if r and r.get("status") == "ok" else None


CRYPTO_OBJECTS = ("libcrypto", "libssl", "libgnutls", "libnettle", "libhogweed", "libgmp", "libz")
OWN_WORKLOADS = (("upgrade head from empty", "`upgrade head` from empty"), ("downgrade base", "`downgrade base`"))


def own_time_section(idx: dict, sizes: list[str], w) -> None:
    rows = [(wl, label, size, db, idx.get((wl, size, db, "alchemy"))) for wl, label in OWN_WORKLOADS
            for size in sizes for db in DBS]
    rows = [row for row in rows if row[4] and row[4]["status"] == "ok"]
    if not rows:
        return
    w("### alchemy's own time (`upgrade head` from empty, `downgrade base`)")
    w("")
    w("Wall = hyperfine median of the whole command (process start included). Database + connect = median, "
      "over extra `--format json` runs after the same reset, of the `connect_seconds + database_seconds` alchemy "
      "reports. Own = wall − (database + connect). CPU = user + system time of the process over the wall time, "
      "an upper bound. \"Within the JSON runs\" is a cross-check: the median over those runs of 1 − (database + "
      "connect) / that run's own wall time (timed by the harness). On SQLite the engine runs inside alchemy's "
      "process: there \"database\" is the time spent inside SQLite calls. See [How alchemy's own time is measured](#how-alchemys-own-time-is-measured).")
    w("")
    w("| Workload | Size | Database | Wall | Database + connect | Own | Own % | Own % within the JSON runs | "
      "CPU / wall (upper bound) | Statements |")
    w("|---|---|---|---:|---:|---:|---:|---:|---:|---:|")
    for wl, label, size, db, r in rows:
        has = r.get("own") is not None
        own = ("< 0 (noise)" if r["own"] < 0 else fmt(r["own"])) if has else "–"
        share = "–" if not has or r["own"] < 0 else pct(own_share(r))
        w(f"| {label} | {size} | {DB_NAMES[db]} | {fmt(r['median'])} | {fmt(r.get('waiting')) if has else '–'} | "
          f"{own} | {share} | {pct(r.get('own_share_same_runs'))} | "
          f"{pct(cpu_share(r))} | {r.get('statements') or '–'} |")
    w("")


def own_verdict(own: float | None, same_runs: float | None, verdict) -> str:
    """Met / not met when the own-time measure and its same-run cross-check agree."""
    if own is None or own < 0:
        return "not measured" + (" (noise: the extra runs were slower than the timed ones)" if own is not None else "")
    if same_runs is not None and (own < 0.05) != (same_runs < 0.05):
        return f"unclear (the same-run cross-check gives {pct(same_runs)})"
    return verdict(own < 0.05)


def own_time_targets(idx: dict, w, verdict) -> None:
    for wl, label in OWN_WORKLOADS:
        for db in DBS:
            r = idx.get((wl, "R=1000", db, "alchemy"))
            size, small = "R=1000", idx.get((wl, "R=100", db, "alchemy"))
            if not (r and r["status"] == "ok") and small and small["status"] == "ok":
                r, size = small, "R=100"  # a quick run: show R=100, the target stays unmeasured
            if not r or r["status"] != "ok":
                continue
            own, cpu = own_share(r), cpu_share(r)
            inside = "time inside SQLite calls" if db == "sqlite" else "database"
            if own is None:
                meas = f"CPU / wall {pct(cpu)} at {size} (no timing reported: upper bound only)"
            else:
                noise = own < 0
                meas = (f"{'< 0 (noise)' if noise else pct(own)} at {size} ({'–' if noise else fmt(r['own'])} of "
                        f"{fmt(r['median'])}; {inside} + connect {fmt(r['waiting'])}); same-run cross-check "
                        f"{pct(r.get('own_share_same_runs'))}; CPU / wall {pct(cpu)}")
            met = own_verdict(own, r.get("own_share_same_runs"), verdict) if size == "R=1000" else \
                "not measured (no R=1000 in this run)"
            w(f"| {label} over 1,000 revisions: alchemy's own time under 5% | {DB_NAMES[db]} | {meas} | {met} |")


ORDER = [
    ("1", "upgrade head (no-op)", "`upgrade head` at head"),
    ("2", "autogenerate (empty db)", "autogenerate, empty database"),
    ("3", "upgrade head (models)", "`upgrade head` applying it, empty database"),
    ("4", "autogenerate (db matches)", "autogenerate, database matches"),
    ("5", "history", "`history`"),
    ("5", "heads", "`heads`"),
    ("5", "floor: cat files", "floor: `cat versions/*.yaml`"),
    ("5", "upgrade head from empty", "`upgrade head` from empty"),
    ("5", "downgrade base", "`downgrade base`"),
    ("6", "check", "`check`"),
]


def size_key(s: str) -> tuple:
    k, n = s.split("=")
    return (k, int(n))


def bytecode_note(meta: dict, idx: dict) -> str:
    """The method note on Alembic's bytecode, with what the harness checked."""
    lib = meta.get("bytecode") or {}
    cached = [r["bytecode"] for r in idx.values() if r.get("bytecode")]
    gaps = [b for b in cached if b.split("/")[0] != b.split("/")[1]]
    text = ("- Alembic runs with Python's bytecode cache, as its users have it: this machine's environment sets "
            "`PYTHONDONTWRITEBYTECODE=1`, so `bench/run` compiles the venv once (`python -m compileall -q`) and "
            "`bench/harness.py` runs every command without that variable; each timing's warm-up (the calibration "
            "run) writes the project's `versions/__pycache__`, which the timed runs then read.")
    if lib.get("modules"):
        text += (f" Checked before timing: {lib['modules'] - lib['stale']} of the {lib['modules']} standard-library "
                 "and venv modules an Alembic run imports had up-to-date bytecode")
        text += "." if not lib["stale"] else f" ({lib['stale']} did not, e.g. `{lib['stale_examples'][0]}`)."
    if cached:
        text += (f" After the warm-ups, all revision files had bytecode in {len(cached) - len(gaps)} of the "
                 f"{len(cached)} Alembic timings" + (f" (not in: {', '.join(gaps[:3])})." if gaps else "."))
    pairs = []
    for size in sorted({k[1] for k in idx if k[0] == "heads (no bytecode cache)"}, key=size_key):
        a, b = idx.get(("heads", size, "any", "alembic")), idx.get(("heads (no bytecode cache)", size, "any", "alembic"))
        if a and b and a["status"] == b["status"] == "ok":
            pairs.append(f"{fmt(b['median'])} instead of {fmt(a['median'])} at {size} "
                         f"({b['runs']} and {a['runs']} runs)")
    if pairs:
        text += (" Without it (`PYTHONDONTWRITEBYTECODE=1` and no `versions/__pycache__`, so every revision file is "
                 f"compiled on every run) Alembic's `heads` takes {' and '.join(pairs)}.")
    return text


def render(out_dir: str) -> str:
    data = json.load(open(os.path.join(out_dir, "results.json")))
    meta, results = data["meta"], data["results"]
    prof_path = os.path.join(out_dir, "profile", "profile.json")
    profile = json.load(open(prof_path)) if os.path.exists(prof_path) else None
    idx = {(r["workload"], r["size"], r["db"], r["tool"]): r for r in results}
    m, v = machine(), versions()
    if meta.get("alchemy_rev"):
        v["alchemy"] = meta["alchemy_rev"]
    L: list[str] = []
    w = L.append
    date = meta.get("started", datetime.datetime.now().isoformat(timespec="seconds"))
    w("# Benchmarks: alchemy vs Alembic + Advanced Alchemy")
    w("")
    w(f"Generated by `bench/run{' --quick' if meta.get('quick') else ''}` on {date} "
      f"(the run took {meta.get('duration_s', 0) / 60:.1f} min). Re-run it to refresh this file; "
      "see [How to reproduce](#how-to-reproduce).")
    w("")
    load = meta.get("load", {})
    loaded = load.get("max", 0) > (m["nproc"] or 1) * 0.75
    if loaded:
        w(f"> **Measured under load.** The 1-minute load average was {load.get('start', 0):.1f} at the start, "
          f"{load.get('end', 0):.1f} at the end and up to {load.get('max', 0):.1f} during the run, on "
          f"{m['nproc']} cores (other builds and test suites were running). Absolute times are inflated "
          "and noisy, Alembic's (multi-second Python runs) and alchemy's alike; the ratios are indicative. "
          "The callgrind instruction counts under Profile do not depend on load.")
        w("")
    if meta.get("quick"):
        w("> **Quick run** (`--quick`): a check of the harness, not a measurement: 1 or 2 runs of slow "
          "commands, N = 10 and 100 only, R = 100 only.")
        w("")
    w("## Machine and versions")
    w("")
    w(f"- Machine: {m['nproc']} CPUs ({m['cpu']}), {m['memory']} RAM, {m['os']}, Linux {m['kernel']}")
    w(f"- alchemy: git `{v.get('alchemy')}`, release build "
      "(`swift build -c release --static-swift-stdlib --product alchemy`), " + v.get("swift", ""))
    w(f"- Alembic {v.get('alembic')}, SQLAlchemy {v.get('sqlalchemy')}, Advanced Alchemy "
      f"{v.get('advanced_alchemy')}, Python {v.get('python')}, psycopg {v.get('psycopg')}, PyMySQL {v.get('pymysql')}")
    w(f"- PostgreSQL {v.get('postgresql')}, MariaDB {v.get('mariadb')}, SQLite {v.get('sqlite')} "
      "(all on this machine, over TCP to 127.0.0.1 for the servers)")
    w(f"- Timer: {v.get('hyperfine')}; medians (every run is in `bench/out/<date>/results.json` and `hyperfine/*.json`, not committed) "
      "(commands under 1 s: 2 warm-ups and at least 10 runs; slower ones: 1 or 2 warm-ups and 3 to 10 runs, "
      "2 for commands over 5 s)")
    w("")
    w("## Results")
    w("")
    w("Median wall time of one command, process start included for both tools. Ratio = Alembic time / "
      "alchemy time (higher is better for alchemy). R = revisions in a linear chain, N = model tables. "
      "`history`, `heads` and the floor read files only and connect to no database.")
    w("")
    w("| # | Workload | Size | Database | alchemy | Alembic | Ratio | Notes |")
    w("|---|---|---|---|---:|---:|---:|---|")
    sizes = sorted({r["size"] for r in results}, key=size_key)
    for num, wl, label in ORDER:
        for size in sizes:
            for db in ("any",) + DBS:
                a, b = idx.get((wl, size, db, "alchemy")), idx.get((wl, size, db, "alembic"))
                if wl.startswith("floor"):
                    c = idx.get((wl, size, db, "cat"))
                    if c:
                        w(f"| {num} | {label} | {size} | {DB_NAMES[db]} | {cell(c)} | | | the floor for history/heads |")
                    continue
                if a is None and b is None:
                    continue
                rt = ratio(a, b)
                notes = []
                for r in (a, b):
                    if r and r.get("note"):
                        notes.append(r["note"])
                    if r and r["status"] == "failed":
                        notes.append(f"{r['tool']} failed: {r.get('error', '')[:120]}".replace("|", "/").replace("\n", " "))
                if wl.startswith("autogenerate"):
                    ops = [f"{r['tool']}: {r['ops']} ops in the file" for r in (a, b) if r and r.get("ops") is not None]
                    if ops:
                        notes.append("; ".join(ops))
                if wl == "check":
                    notes += [f"{r['tool']} check exit {r['exit_code']}" for r in (a, b) if r and r.get("exit_code") is not None]
                w(f"| {num} | {label} | {size} | {DB_NAMES[db]} | {cell(a)} | {cell(b)} | "
                  f"{f'{rt:.1f}x' if rt else '–'} | {'; '.join(notes)} |")
    w("")
    # ---- operations emitted when the database matches
    again = [r for r in results if r["workload"] == "autogenerate (db matches)" and r["status"] == "ok"]
    if again:
        w("### Operations emitted by autogenerate when the database already matches the models")
        w("")
        w("Counted from the generated revision file (Alembic: `op.*`/`batch_op.*` calls in `schema_upgrades`). "
          "A correct tool emits 0.")
        w("")
        w("| Size | Database | alchemy ops | Alembic ops | Alembic's operations |")
        w("|---|---|---:|---:|---|")
        for size in sizes:
            for db in DBS:
                a, b = idx.get(("autogenerate (db matches)", size, db, "alchemy")), idx.get(("autogenerate (db matches)", size, db, "alembic"))
                if not b:
                    continue
                aops = a.get("ops") if a and a["status"] == "ok" else ("n/a" if a else "–")
                w(f"| {size} | {DB_NAMES[db]} | {aops} | {b.get('ops', '–')} | {b.get('ops_detail') or ''} |")
        w("")
    # ---- catalog queries
    cat = data.get("catalog", [])
    if cat:
        w("### Catalog queries of autogenerate")
        w("")
        w("Statements the tool sent to its database during one `revision --autogenerate`, from the server's "
          "statement log (PostgreSQL: `log_statement = 'all'` set on the benchmark database only, parsed from the "
          "server log; MariaDB: `general_log` to `mysql.general_log`, filtered to the connections that opened the "
          "benchmark database). \"catalog\" = statements on pg_catalog / information_schema / SHOW; \"all\" = every "
          "statement (including the version table and transaction control).")
        w("")
        w("| Database | State | Size | alchemy catalog / all | Alembic catalog / all |")
        w("|---|---|---|---:|---:|")
        cidx = {(c["db"], c["state"], c["size"], c["tool"]): c for c in cat}
        for db in DBS:
            for state in ("empty db", "db matches"):
                for size in sizes:
                    a, b = cidx.get((db, state, size, "alchemy")), cidx.get((db, state, size, "alembic"))
                    if not a and not b:
                        continue

                    def cc(c):
                        if not c:
                            return "not yet available" if not meta.get("autogenerate_available") else "–"
                        return f"{c['catalog']} / {c['total']}" if c.get("ok") else f"failed ({c.get('error', 'exit != 0')[:60]})"

                    w(f"| {DB_NAMES[db]} | {state} | {size} | {cc(a)} | {cc(b)} |")
        w("")
    # ---- floor
    if data.get("floors"):
        w("### The floor for `history` / `heads`")
        w("")
        w("| Revisions | Files | Bytes | `cat` all files (hyperfine, process included) | read in-process (best of 20) | alchemy `history` | alchemy `heads` |")
        w("|---|---:|---:|---:|---:|---:|---:|")
        for f in data["floors"]:
            h, hd = idx.get(("history", f["size"], "any", "alchemy")), idx.get(("heads", f["size"], "any", "alchemy"))
            w(f"| {f['size']} | {f['files']} | {f['bytes']:,} | {fmt(f.get('cat_median'))} | {fmt(f['in_process_read'])} "
              f"| {cell(h)} | {cell(hd)} |")
        w("")
    own_time_section(idx, sizes, w)
    # ---- targets
    w("## Targets (issue 6)")
    w("")
    w("| Target | Database | Measured | Met? |")
    w("|---|---|---|---|")

    def verdict(ok):
        return "met" if ok is True else ("**not met**" if ok is False else "not measured")

    for size, need in (("R=100", 50), ("R=1000", 20)):
        for db in DBS:
            a, b = idx.get(("upgrade head (no-op)", size, db, "alchemy")), idx.get(("upgrade head (no-op)", size, db, "alembic"))
            if a is None and b is None:
                continue
            rt = ratio(a, b)
            w(f"| no-op `upgrade` at least {need}x faster, {size} | {DB_NAMES[db]} | "
              f"{f'{rt:.1f}x' if rt else '–'} | {verdict(rt >= need if rt else None)} |")
    for cmd in ("history", "heads"):
        a, b = idx.get((cmd, "R=1000", "any", "alchemy")), idx.get((cmd, "R=1000", "any", "alembic"))
        floor = idx.get(("floor: cat files", "R=1000", "any", "cat"))
        if a is None:
            continue
        rt = ratio(a, b)
        w(f"| `{cmd}` at least 20x faster, R=1000 | (none) | {f'{rt:.1f}x' if rt else '–'} | {verdict(rt >= 20 if rt else None)} |")
        if floor and floor["status"] == "ok" and a["status"] == "ok":
            f = a["median"] / floor["median"]
            w(f"| `{cmd}` within 2x of the floor, R=1000 | (none) | {fmt(a['median'])} = {f:.1f}x the floor "
              f"({fmt(floor['median'])}) | {verdict(f <= 2)} |")
    for db in DBS:
        for state in ("empty db", "db matches"):
            wl = f"autogenerate ({state})"
            a, b = idx.get((wl, "N=500", db, "alchemy")), idx.get((wl, "N=500", db, "alembic"))
            if a is None and b is None:
                continue
            rt = ratio(a, b)
            meas = f"{rt:.1f}x" if rt else ("alchemy: not yet available" if a and a["status"] == "n/a" else "–")
            w(f"| autogenerate at least 10x faster, N=500, {state} | {DB_NAMES[db]} | {meas} | {verdict(rt >= 10 if rt else None)} |")
    for db in ("postgresql", "mariadb"):
        counts = {c["size"]: c for c in cat if c["db"] == db and c["tool"] == "alchemy" and c["state"] == "db matches" and c.get("ok")}
        if len(counts) >= 2:
            ns = sorted(counts, key=size_key)
            lo_, hi_ = counts[ns[0]], counts[ns[-1]]
            ok = hi_["catalog"] <= lo_["catalog"]
            w(f"| catalog-query count does not grow with N (database matches) | {DB_NAMES[db]} | "
              + ", ".join(f"{counts[n]['catalog']} at {n}" for n in ns) + f" | {verdict(ok)} |")
        elif any(c["db"] == db for c in cat):
            w(f"| catalog-query count does not grow with N | {DB_NAMES[db]} | alchemy: not yet available | not measured |")
    own_time_targets(idx, w, verdict)
    w("")
    w("#### How alchemy's own time is measured")
    w("")
    w("alchemy times itself: with `--format json` the output of `upgrade` and `downgrade` has a `timing` member "
      "with `connect_seconds` (opening the connection: TCP, TLS where used, the authentication handshake), "
      "`run_seconds` (the migration run after connecting) and `database_seconds` (wall time spent inside the "
      "database driver's calls, i.e. waiting for statements). For each of these workloads the harness runs the "
      "same command with `--format json` a few extra times (3 in a quick run, 5 otherwise), each after the same "
      "reset as the timed runs, and takes the median of `connect_seconds + database_seconds`; alchemy's own time "
      "is the hyperfine median wall time of the whole command minus that median: process start-up, reading the "
      "configuration and the revision files, building the graph, parsing each revision body, rendering SQL and "
      "the output. On PostgreSQL and MariaDB the statements' work happens in the server; on SQLite the engine "
      "runs in alchemy's process, so there the subtracted time is the time inside SQLite calls (the engine's "
      "own work, done on alchemy's CPU). The CPU column (user + system time of the process, as hyperfine reports "
      "it, over the wall time) is kept as a second figure: it counts the kernel's socket I/O and, on SQLite, the "
      "engine as alchemy's, so it is an upper bound of the time alchemy's own code runs. Own time is a wall time: on "
      "a loaded machine it also holds the time the process waits for a CPU, and, being the difference of two "
      "separately measured medians, the noise of both; where it exceeds the CPU figure, that is why (the "
      "cross-check column, from single runs, is less exposed to the second).")
    w("")
    # ---- profile
    w("## Profile")
    w("")
    if profile:
        w(f"Measured by `bench/profile.py` on the {profile['chain']} chain: wall times are hyperfine medians "
          f"({profile.get('runs', 30)} runs); "
          "instruction counts are from `valgrind --tool=callgrind` (independent of load).")
        w("")
        w("| Step | Wall (median) | Instructions |")
        w("|---|---:|---:|")
        for name, s in profile["steps"].items():
            ir = f"{s['total_ir'] / 1e6:.1f} M" if s.get("total_ir") else "–"
            w(f"| {name} | {fmt(s.get('median'))} | {ir} |")
        w("")
        ld = profile.get("ld", {})
        w(f"Binary: {ld.get('binary_mb')} MB; `ldd` lists {ld.get('ldd_libraries')} shared objects (the ones it is "
          "linked against, loaded before `main`; libpq and libmariadb are not among them: alchemy opens them with "
          f"`dlopen` on first connect); LD_DEBUG=statistics (`--version`): {ld.get('relocations')} symbol relocations "
          f"and {ld.get('relative_relocations')} relative relocations, {ld.get('relocation_pct')}% of the loader's "
          "time in relocation.")
        w("")
        objects = profile.get("objects", {})
        if objects:
            w("Shared objects each step maps (LD_DEBUG=files; the loader itself and the vDSO not counted):")
            w("")
            w("| Step | before `main` | later (dlopen and what it needs) |")
            w("|---|---:|---|")
            for name, o in objects.items():
                later = f"{o['later']}" + (f" ({', '.join(o['later_names'][:3])}, ...)" if o["later"] > 3 else
                                           (f" ({', '.join(o['later_names'])})" if o["later"] else ""))
                w(f"| {name} | {o['at_start']} | {later} |")
            w("")
        st = profile.get("strace", {})
        if st:
            w("| Step | syscalls | files opened (of which .so / .yaml) | top syscalls |")
            w("|---|---:|---:|---|")
            for name, s in st.items():
                top = ", ".join(f"{k} {n}" for k, n in s["top"][:6])
                w(f"| {name} | {s['total_calls']} | {s['opened']} ({s['opened_so']} / {s['opened_yaml']}) | {top} |")
            w("")
        bo = profile.get("by_object", {})
        if bo:
            w("Instructions by the code they ran in (callgrind self cost grouped by shared object; "
              "\"alchemy (executable)\" includes the statically linked Swift runtime, Foundation and Yams):")
            w("")
            names = ["alchemy (executable)", "libc", "libsqlite3", "libpq", "libmariadb", "TLS/crypto", "ld.so", "other"]
            w("| Step | Total | " + " | ".join(names) + " |")
            w("|---|---:|" + "---:|" * len(names))
            for name, items in bo.items():
                d = dict(items)
                total = profile["steps"].get(name, {}).get("total_ir") or sum(d.values())
                groups = {
                    "alchemy (executable)": d.get("alchemy (executable)", 0),
                    "libc": d.get("libc", 0) + d.get("libm", 0) + d.get("libstdc++", 0) + d.get("libgcc_s", 0),
                    "libsqlite3": d.get("libsqlite3", 0),
                    "libpq": d.get("libpq", 0),
                    "libmariadb": d.get("libmariadb", 0),
                    # Whichever client the step connects with (libpq and libmariadb both use OpenSSL).
                    "TLS/crypto": sum(v for k, v in d.items() if k in CRYPTO_OBJECTS),
                    "ld.so": sum(v for k, v in d.items() if k.startswith("ld-linux")),
                }
                groups["other"] = max(0, total - sum(groups.values()))
                w(f"| {name} | {total / 1e6:.1f} M | " + " | ".join(f"{v / total:.0%}" for v in groups.values()) + " |")
            w("")
        for name, top in profile.get("callgrind", {}).items():
            w(f"<details><summary>callgrind, inclusive cost: {name}</summary>")
            w("")
            w("| Ir | % | Function |")
            w("|---:|---:|---|")
            for t in top[:25]:
                fn = t["fn"].replace("|", "\\|")
                w(f"| {t['ir']:,} | {t['pct']:.1f} | `{fn}` |")
            w("")
            w("</details>")
            w("")
    notes = os.path.join(HERE, "profile-notes.md")
    if os.path.exists(notes):
        w(open(notes).read().strip())
        w("")
    # ---- reproduce
    w("## How to reproduce")
    w("")
    w("```sh")
    w("bench/run            # full run (about 20-30 min on this 2-core machine): builds, generates, times, writes BENCHMARKS.md")
    w("bench/run --quick    # a few minutes (longer under load): 1-2 runs of slow commands, N = 10/100, R = 100")
    w("```")
    w("")
    w("`bench/run` builds the release binary into `.build-bench/` (reused when up to date), starts the "
      "PostgreSQL and MariaDB test servers (`scripts/test-servers`), makes a Python venv with Alembic, "
      "Advanced Alchemy, psycopg and PyMySQL (`/var/tmp/alchemy-bench/venv`; SQLAlchemy is held below 2.1 "
      "because Advanced Alchemy's `JsonB` calls `sqlalchemy.util.portable_instancemethod`, which 2.1 removed), "
      "generates the workloads into a temporary directory (never into the repository), runs "
      "`bench/harness.py` (hyperfine, `--export-json` into `bench/out/<date>/hyperfine/`), profiles with "
      "`bench/profile.py` and renders this file with `bench/report.py`. Options: `--dbs sqlite,postgresql`, "
      "`--no-profile`, `--keep` (keep the generated workloads), `--output FILE`.")
    w("")
    w("What is compared, per workload and database:")
    w("")
    w("- Alembic is driven the way Advanced Alchemy users drive it: the `alembic` console script of the venv "
      "(`alembic -c alembic.ini upgrade head`, ...; not through a pyenv shim), an `env.py` that is Advanced "
      "Alchemy's sync template with its defaults written in (`metadata_registry` / `orm_registry.metadata`, "
      "`version_table=\"alembic_versions\"`, `compare_type=True`, `render_as_batch=True`, "
      "`user_module_prefix=\"sa.\"`) and revisions rendered from Advanced Alchemy's `script.py.mako` "
      "(so each revision runs in its `autocommit_block()`).")
    w(bytecode_note(meta, idx))
    w("- alchemy is the release binary with `--config alchemy.yaml`; both tools get their own fresh database "
      "per workload (SQLite file, PostgreSQL/MariaDB database). State is reset between runs with hyperfine's "
      "`--prepare`: drop and re-create the database before `upgrade head` from empty, restore a snapshot "
      "(PostgreSQL `CREATE DATABASE ... TEMPLATE`, SQLite file copy) or re-run the tool's own upgrade (MariaDB) "
      "before `downgrade base`, delete the generated file before each autogenerate.")
    w("- Models: N tables cycling through BigIntAuditBase, UUIDAuditBase and UUIDv7AuditBase, every fifth with "
      "SlugKey, columns String(n) (indexed), Text, Boolean, DateTimeUTC, JsonB, GUID, Numeric(12, 2), an Enum on "
      "every fourth, one or two foreign keys to earlier tables (one indexed) and a two-column index "
      "(`bench/workload.py` writes both `models/schema.yaml` and the equivalent `models.py`).")
    w("- Chains: R revisions with the same ids for both tools; every 50th creates a table, the others alternately "
      "add a nullable column or execute an INSERT, each with its downgrade.")
    if not meta.get("autogenerate_available"):
        w("- alchemy's autogenerate (`revision --autogenerate`, `check`) is not in this build yet: those rows say "
          "\"not yet available\" and fill in by themselves once `alchemy database check --help` works. Until then "
          "workload 3 applies the create_table revision `bench/workload.py` writes for the same models (what "
          "autogenerate should produce).")
    w("")
    return "\n".join(L)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("out_dir")
    ap.add_argument("--output", default=os.path.join(REPO, "BENCHMARKS.md"))
    args = ap.parse_args()
    text = render(args.out_dir)
    with open(args.output, "w") as f:
        f.write(text)
    print(f"wrote {args.output}", file=sys.stderr)


if __name__ == "__main__":
    main()
