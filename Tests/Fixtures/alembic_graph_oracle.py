#!/usr/bin/env python3
"""Derive expected revision-graph behaviour from the installed Alembic.

Builds small in-memory revision graphs, asks Alembic's own RevisionMap,
ScriptDirectory planning and HeadMaintainer what `upgrade`, `downgrade`,
`stamp`, `history` and identifier resolution do on them, and writes the
answers as JSON embedded in a Swift source file that the Graph tests read.

Regenerate after changing the graphs below (or to check a new Alembic):

    python3 Tests/Fixtures/alembic_graph_oracle.py \
        > Tests/AlchemyMigrateTests/Graph/AlembicOracleData.swift

Alembic keeps some collections in hash-ordered sets, so a few answers depend
on PYTHONHASHSEED. Each case is computed under several seeds; where the order
of the plan differs between seeds the case is marked `unordered` and the tests
compare the set of revisions and the resulting rows only.
"""
import json
import os
import subprocess
import sys

import alembic
from alembic import util
from alembic.runtime.migration import HeadMaintainer
from alembic.script.base import ScriptDirectory
from alembic.script.revision import Revision, RevisionMap

# name -> [(id, down_revisions, depends_on, branch_labels)]
GRAPHS = {
    "linear": [
        ("aaa111", [], [], []),
        ("bbb222", ["aaa111"], [], []),
        ("ccc333", ["bbb222"], [], []),
        ("ddd444", ["ccc333"], [], []),
    ],
    "two_bases": [
        ("x1a1a1", [], [], ["xbranch"]),
        ("x2b2b2", ["x1a1a1"], [], []),
        ("y1c1c1", [], [], ["ybranch"]),
        ("y2d2d2", ["y1c1c1"], [], []),
    ],
    "branch_merge": [
        ("r00000", [], [], []),
        ("la1111", ["r00000"], [], []),
        ("la2222", ["la1111"], [], []),
        ("rb1111", ["r00000"], [], []),
        ("mm0000", ["la2222", "rb1111"], [], []),
        ("after1", ["mm0000"], [], []),
    ],
    "labelled_branches": [
        ("root00", [], [], []),
        ("left01", ["root00"], [], ["left"]),
        ("left02", ["left01"], [], []),
        ("rght01", ["root00"], [], ["right"]),
        ("rght02", ["rght01"], [], []),
    ],
    "depends_on": [
        ("a10000", [], [], ["alpha"]),
        ("a20000", ["a10000"], [], []),
        ("a30000", ["a20000"], [], []),
        ("b10000", [], [], ["beta"]),
        ("b20000", ["b10000"], ["a20000"], []),
        ("b30000", ["b20000"], [], []),
    ],
    "depends_on_head": [
        ("c10000", [], [], ["core"]),
        ("c20000", ["c10000"], [], []),
        ("p10000", [], ["core"], ["plugin"]),
        ("p20000", ["p10000"], [], []),
    ],
    "diamond": [
        ("d00000", [], [], []),
        ("d11111", ["d00000"], [], []),
        ("d22222", ["d00000"], [], []),
        ("d33333", ["d11111", "d22222"], [], []),
        ("d44444", ["d33333"], [], []),
    ],
    "prefixes": [
        ("abcd11", [], [], []),
        ("abcd22", ["abcd11"], [], []),
        ("abce33", ["abcd22"], [], []),
    ],
    "label_mid_branch": [
        ("p00001", [], [], []),
        ("p00002", ["p00001"], [], []),
        ("p00003", ["p00002"], [], ["feature"]),
        ("p00004", ["p00003"], [], []),
        ("q00003", ["p00002"], [], []),
    ],
}

SYMBOLIC = ["head", "heads", "base", "+1", "+2", "+5", "-1", "-2", "-9", "current"]


def build(graph):
    revs = []
    for rid, down, deps, labels in graph:
        rev = Revision(rid, tuple(down) or None, dependencies=tuple(deps) or None,
                       branch_labels=tuple(labels) or None)
        rev.module = type("M", (), {"upgrade": staticmethod(lambda: None),
                                    "downgrade": staticmethod(lambda: None)})
        rev.doc = ""
        revs.append(rev)
    script = ScriptDirectory.__new__(ScriptDirectory)
    script.revision_map = RevisionMap(lambda: revs)
    return script


class Rows(HeadMaintainer):
    """HeadMaintainer without a database: only the set of rows."""

    def __init__(self, heads):
        self.heads = set(heads)

    def _insert_version(self, version):
        assert version not in self.heads
        self.heads.add(version)

    def _delete_version(self, version):
        self.heads.remove(version)

    def _update_version(self, from_, to_):
        assert to_ not in self.heads
        self.heads.remove(from_)
        self.heads.add(to_)


def error_of(exc):
    cause = exc.__cause__
    if isinstance(exc, util.CommandError):
        return {"error": str(exc), "detail": str(cause) if cause else str(exc)}
    return {"crash": type(exc).__name__}


def run_case(script, case):
    kind, current, target = case["kind"], case["current"], case["target"]
    try:
        if kind in ("upgrade", "downgrade"):
            steps = (script._upgrade_revs(target, tuple(current)) if kind == "upgrade"
                     else script._downgrade_revs(target, tuple(current)))
            rows = Rows(current)
            out = []
            for step in steps:
                rows.update_to_step(step)
                out.append([step.revision.revision, sorted(rows.heads)])
            return {"steps": out}
        if kind == "stamp":
            steps = script._stamp_revs(tuple(target), tuple(current))
            rows = Rows(current)
            for step in steps:
                rows.update_to_step(step)
            return {"rows": sorted(rows.heads)}
        if kind == "history":
            base, head = target.split(":")
            base, head = base or "base", head or "heads"
            if base == "current":
                base = tuple(current)
            if head == "current":
                head = tuple(current)
            return {"revisions": [r.revision for r in script.walk_revisions(base=base, head=head)]}
        if kind == "resolve":
            with script._catch_revision_errors():
                rev = script.revision_map.get_revision(target)
            return {"revision": rev.revision if rev else None}
    except Exception as exc:  # noqa: BLE001 - every outcome is data here
        return error_of(exc)
    raise ValueError(kind)


def cases_for(name, graph):
    script = build(graph)
    ids = [g[0] for g in graph]
    labels = [label for g in graph for label in g[3]]
    # Reachable version-table states: Alembic's own rows after upgrading to
    # each revision from an empty table, and after `upgrade heads`.
    currents = [[]]
    for target in ids + ["heads"]:
        result = run_case(script, {"kind": "upgrade", "current": [], "target": target})
        if "steps" in result and result["steps"]:
            rows = result["steps"][-1][1]
            if rows not in currents:
                currents.append(rows)
    targets = [t for t in SYMBOLIC if t != "current"] + ids
    targets += [ids[0][:4], ids[-1][:5], "zzzz", ids[1] + "+1", ids[-1] + "-1", ids[0] + "-1", ids[1] + "+9"]
    for label in labels:
        targets += [label, f"{label}@head", f"{label}@heads", f"{label}@base", f"{label}@+1",
                    f"{label}@-1", f"{label}@{ids[0]}", f"{label}@{ids[-1]}"]
    cases = []
    for current in currents:
        for target in targets:
            cases.append({"graph": name, "kind": "upgrade", "current": current, "target": target})
            cases.append({"graph": name, "kind": "downgrade", "current": current, "target": target})
        for target in [[t] for t in ["heads", "base"] + ids + labels] + [[ids[0], ids[-1]], [ids[1], ids[2]]]:
            cases.append({"graph": name, "kind": "stamp", "current": current, "target": target})
        for rng in [":", "base:heads", "base:", ":heads", "-2:", ":" + ids[1], ids[1] + ":",
                    ids[0] + ":" + ids[-1], ids[-1] + ":" + ids[0], "current:", ":current", "current:heads"]:
            cases.append({"graph": name, "kind": "history", "current": current, "target": rng})
    for target in targets + [ids[0][:3], ids[0][:2]]:
        cases.append({"graph": name, "kind": "resolve", "current": [], "target": target})
    return script, cases


def compute():
    results = []
    for name, graph in GRAPHS.items():
        script, cases = cases_for(name, graph)
        for case in cases:
            script = build(graph)  # fresh map per case: Alembic memoizes
            results.append(run_case(script, case))
    return results


def main():
    if os.environ.get("ORACLE_WORKER"):
        json.dump(compute(), sys.stdout)
        return
    runs = []
    for seed in ["0", "1", "2", "3", "4", "5"]:
        env = dict(os.environ, ORACLE_WORKER="1", PYTHONHASHSEED=seed)
        out = subprocess.run([sys.executable, __file__], env=env, check=True,
                             capture_output=True, text=True).stdout
        runs.append(json.loads(out))
    cases = []
    for name, graph in GRAPHS.items():
        cases += cases_for(name, graph)[1]
    for index, case in enumerate(cases):
        answers = [run[index] for run in runs]
        case["expected"] = answers[0]
        if any(a != answers[0] for a in answers):
            ordered = [json.dumps(normalise(a), sort_keys=True) for a in answers]
            case["unordered"] = True
            if len(set(ordered)) > 1:
                case["expected"] = {"unstable": True}
    data = {
        "alembic": alembic.__version__,
        "graphs": {name: [{"id": r, "down": d, "depends": p, "labels": l} for r, d, p, l in g]
                   for name, g in GRAPHS.items()},
        "cases": cases,
    }
    text = json.dumps(data, separators=(",", ":"))
    print("// Generated by Tests/Fixtures/alembic_graph_oracle.py from Alembic "
          f"{alembic.__version__}; do not edit by hand.")
    print("// Expected behaviour of the revision graph, as Alembic computes it.")
    print()
    print("let alembicOracleJSON = #\"\"\"")
    # Split the one-line JSON so that diffs and editors stay usable.
    chunks = [text[start:start + 160] for start in range(0, len(text), 160)]
    print("\\#\n".join(chunks))
    print("\"\"\"#")


def normalise(answer):
    """The answer without the order of its steps."""
    if "steps" in answer:
        return {"revisions": sorted(s[0] for s in answer["steps"]),
                "rows": answer["steps"][-1][1] if answer["steps"] else None}
    return answer


if __name__ == "__main__":
    main()
