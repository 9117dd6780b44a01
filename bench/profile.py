"""Profile alchemy's no-op `upgrade head` on the R-revision chain (normally R = 1,000).

    python3 bench/profile.py --alchemy BIN --chain WORK/chainR --out OUT/profile [--dbs ...]

Decomposes the run into start-up (`alchemy --version`), reading the revision
files and building the graph (`heads`: no connection) and connecting plus the
version check (`upgrade head` at head minus `heads`), with

* wall times under hyperfine,
* instruction counts under valgrind's callgrind (repeatable on a loaded machine)
  and the top functions by inclusive cost,
* syscall counts from `strace -c -f`, files opened, and the dynamic loader's
  statistics (LD_DEBUG=statistics), the shared objects `ldd` lists (linked, loaded
  before `main`) and those each step maps at run time (LD_DEBUG=files: libpq and
  libmariadb are opened with dlopen on first connect).

Writes OUT/profile.json plus the raw tool outputs beside it.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shlex
import subprocess
import sys


def sh(cmd: str, env: dict | None = None, timeout: float = 600) -> subprocess.CompletedProcess:
    return subprocess.run(cmd, shell=True, capture_output=True, text=True, env=env, timeout=timeout)


def hyperfine(cmd: str, out: str, runs: int) -> float | None:
    p = sh(f"hyperfine -N --style none --warmup 3 --runs {runs} --export-json {shlex.quote(out)} {shlex.quote(cmd)}")
    if p.returncode != 0:
        return None
    return json.load(open(out))["results"][0]["median"]


def callgrind(cmd: str, out: str) -> dict:
    p = sh(f"valgrind --tool=callgrind --callgrind-out-file={shlex.quote(out)} {cmd}", timeout=900)
    m = re.search(r"Collected : (\d+)", p.stderr)
    total = int(m.group(1)) if m else None
    ann = sh(f"callgrind_annotate --inclusive=yes --threshold=99 {shlex.quote(out)}")
    with open(out + ".txt", "w") as f:
        f.write(ann.stdout)
    top = []
    for line in ann.stdout.splitlines():
        m = re.match(r"\s*([\d,]+)\s+\(\s*([\d.]+)%\)\s+(.*)$", line)
        if m and len(top) < 40:
            fn = m.group(3)
            fn = re.sub(r"\s+\[[^\]]*\]$", "", fn)
            top.append(dict(ir=int(m.group(1).replace(",", "")), pct=float(m.group(2)), fn=fn[:160]))
    # Self cost grouped by shared object: whose code the instructions ran in.
    excl = sh(f"callgrind_annotate --inclusive=no --threshold=100 {shlex.quote(out)}")
    by_object: dict[str, int] = {}
    for line in excl.stdout.splitlines():
        m = re.match(r"\s*([\d,]+)\s+\(\s*[\d.]+%\)\s+.*\[([^\]]+)\]\s*$", line)
        if m:
            obj = os.path.basename(m.group(2))
            obj = "alchemy (executable)" if obj.startswith("alchemy") else re.sub(r"\.so.*$", "", obj)
            by_object[obj] = by_object.get(obj, 0) + int(m.group(1).replace(",", ""))
    return dict(total_ir=total, top=top, by_object=sorted(by_object.items(), key=lambda kv: -kv[1])[:10])


def demangle_names(items: list[dict]) -> None:
    names = [t["fn"] for t in items]
    p = subprocess.run(["swift", "demangle", "--simplified", "--compact"], input="\n".join(names),
                       capture_output=True, text=True)
    if p.returncode == 0:
        for t, d in zip(items, p.stdout.splitlines()):
            t["fn"] = d.strip()[:160]


def strace_summary(cmd: str, out: str) -> dict:
    p = sh(f"strace -f -c -o {shlex.quote(out)} {cmd}")
    text = open(out).read() if os.path.exists(out) else p.stderr
    calls = {}
    for line in text.splitlines():
        parts = line.split()
        if len(parts) >= 5 and parts[0][0].isdigit() and parts[-1] not in ("total",):
            try:
                calls[parts[-1]] = int(parts[3])
            except ValueError:
                pass
    total = re.search(r"^100\.00\s+\S+\s+\S+\s+(\d+)", text, re.M)
    t = sh(f"strace -f -e trace=openat,open -o {shlex.quote(out)}.open {cmd}")
    opened = open(out + ".open").read().splitlines() if os.path.exists(out + ".open") else []
    ok = [line for line in opened if "= -1" not in line and "openat(" in line]
    libs = [line for line in ok if ".so" in line and "/ld.so.cache" not in line]
    yaml = [line for line in ok if ".yaml" in line]
    return dict(total_calls=int(total.group(1)) if total else sum(calls.values()), top=sorted(
        calls.items(), key=lambda kv: -kv[1])[:12], opened=len(ok), opened_so=len(libs), opened_yaml=len(yaml),
        failed_opens=len(opened) - len(ok), _rc=t.returncode)


def loaded_objects(cmd: str) -> dict:
    """Shared objects the dynamic loader maps for CMD (LD_DEBUG=files): before `main`, and
    afterwards (dlopen, with what the opened library needs)."""
    p = subprocess.run(shlex.split(cmd), env=dict(os.environ, LD_DEBUG="files"), capture_output=True, text=True)
    before, later, started = [], [], False
    for line in p.stderr.splitlines():
        started = started or "transferring control:" in line
        m = re.search(r"file=(\S+) \[\d+\];\s+generating link map", line)
        if m:
            (later if started else before).append(m.group(1))
    return dict(at_start=len(before), later=len(later), later_names=later)


def ld_statistics(binary: str) -> dict:
    env = dict(os.environ, LD_DEBUG="statistics")
    # Run the binary itself (not through sh, whose own statistics would come first).
    p = subprocess.run([binary, "--version"], env=env, capture_output=True, text=True)
    stats = {}
    for key, pat in (("total_startup_cycles", r"total startup time in dynamic loader: ([\d,]+)"),
                     ("relocation_pct", r"time needed for relocation: [\d,]+ cycles \(([\d.]+)%\)"),
                     ("relocations", r"final number of relocations: (\d+)"),
                     ("relative_relocations", r"number of relative relocations: (\d+)"),
                     ("load_objects_pct", r"time needed to load objects: [\d,]+ cycles \(([\d.]+)%\)"),
                     ("relocation_cache", r"number of relocations from cache: (\d+)")):
        m = re.search(pat, p.stderr)
        if m:
            stats[key] = m.group(1)
    ldd = sh(f"ldd {shlex.quote(binary)}").stdout.splitlines()
    stats["ldd_libraries"] = len([line for line in ldd if "=>" in line or line.strip().startswith("/")])
    stats["ldd"] = [line.split()[0] for line in ldd if line.strip()]
    stats["binary_mb"] = round(os.path.getsize(binary) / 1e6, 1)
    return stats


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--alchemy", required=True)
    ap.add_argument("--chain", required=True, help="the chain workload folder (WORK/chainR)")
    ap.add_argument("--out", required=True)
    ap.add_argument("--dbs", default="sqlite,postgresql,mariadb")
    ap.add_argument("--runs", type=int, default=30)
    args = ap.parse_args()
    sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
    import dbctl

    os.makedirs(args.out, exist_ok=True)
    b = shlex.quote(os.path.abspath(args.alchemy))
    chain = os.path.abspath(args.chain)
    result: dict = dict(chain=os.path.basename(chain), runs=args.runs, steps={}, callgrind={}, strace={}, by_object={},
                          objects={})
    cfg = lambda db: shlex.quote(os.path.join(chain, db, "alchemy", "alchemy.yaml"))  # noqa: E731
    steps = {"startup (--version)": f"{b} --version", "heads (read + graph)": f"{b} --config {cfg('sqlite')} database heads"}
    targets = {}
    for db in args.dbs.split(","):
        if not os.path.exists(os.path.join(chain, db, "alchemy", "alchemy.yaml")):
            continue
        project = os.path.join(chain, db, "alchemy")
        target = os.path.join(project, "bench.db") if db == "sqlite" else f"bench_{os.path.basename(chain)}_alchemy"
        dbctl.reset(db, target)
        up = f"{b} --config {cfg(db)} database upgrade head"
        if sh(up).returncode != 0:
            continue
        targets[db] = target
        steps[f"upgrade head no-op ({db})"] = up
    # valgrind 3.19 gives up on the DWARF of Swift release binaries ("Possibly corrupted
    # debuginfo file"): profile a copy without debug info (the symbol table stays).
    nodebug = os.path.join(args.out, "alchemy-nodebug")
    sh(f"strip --strip-debug -o {shlex.quote(nodebug)} {b}")
    for name, cmd in steps.items():
        slug = re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")
        med = hyperfine(cmd, os.path.join(args.out, f"hf-{slug}.json"), args.runs)
        cg = callgrind(cmd.replace(b, shlex.quote(nodebug), 1), os.path.join(args.out, f"callgrind-{slug}.out"))
        demangle_names(cg["top"])
        result["steps"][name] = dict(median=med, total_ir=cg["total_ir"])
        if "no-op" in name or "heads" in name or "startup" in name:
            result["callgrind"][name] = cg["top"][:25]
        result["strace"][name] = strace_summary(cmd, os.path.join(args.out, f"strace-{slug}.txt"))
        result["by_object"][name] = cg["by_object"]
        result["objects"][name] = loaded_objects(cmd)
    # Applying every revision: instructions only (the state changes, so no repeated timing).
    for db, target in targets.items():
        if db == "mariadb":
            continue
        name = f"upgrade head from empty ({db})"
        slug = re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")
        dbctl.reset(db, target)
        cmd = f"{shlex.quote(nodebug)} --config {cfg(db)} database upgrade head"
        cg = callgrind(cmd, os.path.join(args.out, f"callgrind-{slug}.out"))
        result["steps"][name] = dict(median=None, total_ir=cg["total_ir"])
        result["by_object"][name] = cg["by_object"]
    result["ld"] = ld_statistics(os.path.abspath(args.alchemy))
    true_med = hyperfine("/bin/true", os.path.join(args.out, "hf-true.json"), args.runs)
    result["steps"]["/bin/true"] = dict(median=true_med, total_ir=None)
    for db, target in targets.items():
        dbctl.drop(db, target)
    os.remove(nodebug)
    with open(os.path.join(args.out, "profile.json"), "w") as f:
        json.dump(result, f, indent=1)


if __name__ == "__main__":
    main()
