"""Benchmark: every catalog query at national scale, on LadybugDB and Neo4j side by side.

    eval "$(scripts/neo4j-local start)"     # or any Neo4j 5: NEO4J_URI, NEO4J_USER, NEO4J_PASSWORD
    python -m benchmarks.queries --cases 100000

1. generates the dataset (`benchmarks.generate`; reused when the same
   arguments and generator made it before) and builds it into a LadybugDB
   store under `--work` and, when NEO4J_URI is set, into that Neo4j (which it
   REPLACES); a store already holding the same input (same checksum) is
   reused, so repeated runs skip the build;
2. draws parameters from the built graph with a seeded random generator:
   cases for `case_id` (every 997th case in id order, shuffled), for a query
   about any cited node (`status-history`) cases and public people in turn
   (every 997th person likewise), pairs of
   cases for `paths-between-cases` (half share a person, half are random),
   and for paged queries also a second page (`offset` = the page size);
3. runs every catalog query through `casegraph.queries.run.run_query`, as
   every caller does: one warm-up, then `--repeat` timed runs cycling through
   its parameter sets, on each engine in turn;
4. prints p50 and p95 per engine, each p50 as a multiple of `case-detail`'s
   (a point lookup) in the same run on the same engine, the rows returned and
   the answer's total, and whether both engines gave the same rows for every
   parameter set. Targets: p50 <= 200 ms (paths-between-cases <= 1 s).
   `--only NAME` (repeatable) times those queries and `case-detail` only.

A benchmark measures; it asserts nothing. The machine may be shared: ratios
to case-detail in the same run count more than absolute times.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import sys
import time
from pathlib import Path
from typing import Any

from benchmarks.build import _dataset
from casegraph.graph.embedded import EmbeddedStore
from casegraph.graph.store import input_checksum
from casegraph.loaders import data_files, load
from casegraph.queries import QueryError, catalog, get_query, run_query

__all__ = ["main", "measure", "parameter_sets", "TARGET_MS", "PATHS_TARGET_MS"]

ROOT = Path(__file__).resolve().parent.parent
TARGET_MS = 200.0
PATHS_TARGET_MS = 1000.0
BASELINE = "case-detail"


def _say(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


# -- stores ------------------------------------------------------------------


def _built(store, checksum: str, stored: str | None, dataset, reuse: bool = False) -> None:
    """Build `store` unless it already holds this input (the load takes a minute at 100k cases),
    or, with `reuse`, unless it holds a complete graph at all. `dataset()` loads the input (once)."""
    if stored == checksum or (reuse and stored):
        _say(f"{store.describe()}: " + ("already holds this input" if stored == checksum
                                         else "reusing the graph it holds (--reuse; built by other code)"))
        return
    data = dataset()
    _say(f"{store.describe()}: building")
    started = time.perf_counter()
    store.build(data, checksum, progress=_say)
    _say(f"{store.describe()}: built in {time.perf_counter() - started:.1f} s")


def _stores(data: Path, work: Path, engines: list[str], reuse: bool = False) -> dict[str, Any]:
    files = data_files([data])
    checksum = input_checksum(files)
    loaded: list = []

    def dataset():  # loaded at most once, for every store that needs a build
        if not loaded:
            _say(f"loading {data}")
            loaded.append(load(files))
        return loaded[0]

    stores: dict[str, Any] = {}
    if "ladybug" in engines:
        embedded = EmbeddedStore(work / f"store-{data.name.removeprefix('data-')}")
        _built(embedded, checksum, (embedded.manifest() or {}).get("checksum"), dataset, reuse)
        stores["ladybug"] = embedded
    if "neo4j" in engines:
        if not os.environ.get("NEO4J_URI"):
            raise SystemExit("--engines neo4j needs NEO4J_URI (and NEO4J_USER, NEO4J_PASSWORD): "
                             'eval "$(scripts/neo4j-local start)"')
        from casegraph.graph.neo4j_store import Neo4jStore

        server = Neo4jStore.from_environment()
        _built(server, checksum, (server.meta() or {}).get("checksum"), dataset, reuse)
        stores["neo4j"] = server
    return stores


# -- parameters --------------------------------------------------------------


def parameter_sets(view, seed: int, count: int) -> dict[str, list[dict[str, Any]]]:
    """Parameters for every catalog query, drawn from the graph in `view` with `seed`.

    Returns query name -> `count` parameter sets (fewer when the query takes
    none); deterministic for a given graph and seed."""
    rng = random.Random(seed)
    case_ids = [row[0] for row in view.run("MATCH (c:CaseFile) RETURN c.id ORDER BY c.id").rows]
    cases = case_ids[::997] or case_ids
    rng.shuffle(cases)
    people = [row[0] for row in view.run(
        "MATCH (p:Person) WHERE p.sensitivity = 'public' RETURN p.id ORDER BY p.id").rows][::997]
    rng.shuffle(people)
    linked = view.run(
        "MATCH (a:CaseFile)-[:INVOLVES]->(p:Person)<-[:INVOLVES]-(b:CaseFile) "
        "WHERE a.id < b.id AND p.sensitivity = 'public' "
        "RETURN a.id, b.id ORDER BY a.id, b.id LIMIT 2000").rows
    rng.shuffle(linked)
    pairs = []
    for number in range(count):
        if number % 2 == 0 and linked:
            pairs.append(tuple(linked[number % len(linked)]))
        else:
            pairs.append(tuple(rng.sample(case_ids, 2)))
    sets: dict[str, list[dict[str, Any]]] = {}
    for name, query in catalog().items():
        declared = query.header.parameters
        found = []
        for number in range(count):
            params: dict[str, Any] = {}
            for key in ("case_id", "id"):
                if key in declared and declared[key].required:
                    params[key] = cases[number % len(cases)]
                    if declared[key].node == "cited" and number % 2 == 1 and people:  # a person every other call
                        params[key] = people[number % len(people)]
            if "from" in declared:
                params["from"], params["to"] = pairs[number]
            if query.header.page and number % 2 == 1:
                params["offset"] = query.header.page.limit  # the second page
            if params not in found:
                found.append(params)
        sets[name] = found
    return sets


# -- measuring ---------------------------------------------------------------


def _canonical(result) -> list[str]:
    return sorted(json.dumps(row, sort_keys=True, default=str) for row in result.rows)


def _percentile(values: list[float], share: float) -> float:
    """Nearest-rank percentile (p50 of [1, 2, 3, 4] is 2, p95 of 20 values the 19th)."""
    ordered = sorted(values)
    rank = max(1, -(-len(ordered) * share // 1))
    return ordered[int(rank) - 1]


def _time_query(view, query, sets: list[dict[str, Any]], repeat: int) -> dict[str, Any]:
    run_query(view, query, sets[0])  # warm-up: caches, plans
    times, rows, totals, answers = [], [], [], {}
    for number in range(repeat):
        params = sets[number % len(sets)]
        started = time.perf_counter()
        result = run_query(view, query, params)
        times.append((time.perf_counter() - started) * 1000)
        rows.append(len(result.rows))
        totals.append(result.total)
        answers.setdefault(json.dumps(params, sort_keys=True), _canonical(result))
    return {"p50_ms": _percentile(times, 0.5), "p95_ms": _percentile(times, 0.95), "runs_ms": times,
            "rows": max(rows), "total": max((t for t in totals if t is not None), default=None),
            "answers": answers}


def measure(cases: int, seed: int, authorities: int, repeat: int, engines: list[str], work: Path,
            reuse: bool = False, only: list[str] | None = None) -> dict:
    """Build (or reuse) the stores, then time every catalog query (or `only` those, and the baseline) on each
    engine (see the module docstring)."""
    work.mkdir(parents=True, exist_ok=True)
    data, generated = _dataset(work, cases, seed, authorities)
    stores = _stores(data, work, engines, reuse)
    names = [name for name in catalog() if not only or name in only or name == BASELINE]
    results: dict[str, dict[str, dict[str, Any]]] = {name: {} for name in names}
    sets = None
    for engine, store in stores.items():
        with store.view() as view:
            if sets is None:
                sets = parameter_sets(view, seed, repeat)
            for name in names:
                query = get_query(name)
                _say(f"{engine}: {name}")
                try:
                    results[name][engine] = _time_query(view, query, sets[name], repeat)
                except QueryError as error:  # reported, not fatal: the other queries still count
                    _say(f"{engine}: {name} failed: {error}")
                    results[name][engine] = {"error": str(error), "p50_ms": float("inf"), "p95_ms": float("inf"),
                                             "runs_ms": [], "rows": 0, "total": None, "answers": {}}
    report_rows = []
    for name in names:
        row: dict[str, Any] = {"query": name, "parameter_sets": sets[name]}
        for engine in stores:
            measured = results[name][engine]
            baseline = results[BASELINE][engine]["p50_ms"]
            row[engine] = {k: measured[k] for k in ("p50_ms", "p95_ms", "runs_ms", "rows", "total")}
            row[engine]["x_case_detail"] = measured["p50_ms"] / baseline if baseline else None
            if "error" in measured:
                row[engine]["error"] = measured["error"]
        target = PATHS_TARGET_MS if name == "paths-between-cases" else TARGET_MS
        row["target_ms"] = target
        row["target_met"] = all(row[engine]["p50_ms"] <= target for engine in stores)
        if len(stores) == 2:
            answers = [results[name][engine]["answers"] for engine in stores]
            row["same_answers"] = bool(answers[0]) and answers[0] == answers[1]
        report_rows.append(row)
    return {
        "command": f"python -m benchmarks.queries --cases {cases}"
                   + (f" --seed {seed}" if seed != 7 else "") + (f" --repeat {repeat}" if repeat != 9 else "")
                   + "".join(f" --only {name}" for name in only or []),
        "cases": cases, "seed": seed, "authorities": authorities, "repeat": repeat, "engines": list(stores),
        "input": {"files": str(data), "records": generated["records"]},
        "queries": report_rows,
    }


def _print(report: dict) -> None:
    engines = report["engines"]
    print(report["command"])
    head = "| query |" + "".join(f" {e} p50 ms | {e} p95 ms | {e} x case-detail |" for e in engines)
    head += " rows (total) | target | same answers |" if len(engines) == 2 else " rows (total) | target |"
    print(head)
    print("|" + " --- |" * (head.count("|") - 1))
    for row in report["queries"]:
        cells = [row["query"]]
        for engine in engines:
            measured = row[engine]
            cells += [f"{measured['p50_ms']:,.1f}", f"{measured['p95_ms']:,.1f}", f"{measured['x_case_detail']:,.1f}x"]
        first = row[engines[0]]
        total = "" if first["total"] is None else f" ({first['total']:,})"
        cells.append(f"{first['rows']:,}{total}")
        cells.append(f"{'met' if row['target_met'] else 'NOT met'} (<= {row['target_ms']:,.0f} ms)")
        if len(engines) == 2:
            cells.append("yes" if row["same_answers"] else "NO")
        print("| " + " | ".join(cells) + " |")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.queries", description=__doc__.split("\n\n")[0])
    parser.add_argument("--cases", type=int, default=100_000, help="how many cases (default 100000)")
    parser.add_argument("--seed", type=int, default=7, help="generator and parameter seed (default 7)")
    parser.add_argument("--authorities", type=int, default=350, help="local authorities (default 350)")
    parser.add_argument("--repeat", type=int, default=9, help="timed runs per query and engine (default 9)")
    parser.add_argument("--engines", default="ladybug,neo4j",
                        help="comma-separated: ladybug, neo4j (default both; neo4j needs NEO4J_URI)")
    parser.add_argument("--work", type=Path, default=ROOT / "benchmarks" / "out",
                        help="where generated data and the LadybugDB store go")
    parser.add_argument("--reuse", action="store_true",
                        help="query the graphs the stores hold even if built by other casegraph code (no rebuild)")
    parser.add_argument("--format", choices=("text", "json"), default="text")
    parser.add_argument("--only", action="append", default=[], metavar="NAME",
                        help="time this catalog query (repeatable; case-detail, the baseline, always runs)")
    args = parser.parse_args(argv)
    unknown = sorted(set(args.only) - set(catalog()))
    if unknown:
        parser.error(f"no catalog query {', '.join(unknown)}")
    engines = [e.strip() for e in args.engines.split(",") if e.strip()]
    unknown = sorted(set(engines) - {"ladybug", "neo4j"})
    if unknown:
        parser.error(f"unknown engine {', '.join(unknown)}: expected ladybug, neo4j")
    report = measure(args.cases, args.seed, args.authorities, max(1, args.repeat), engines, args.work, args.reuse,
                     args.only)
    if args.format == "json":
        print(json.dumps(report, indent=2))
    else:
        _print(report)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
