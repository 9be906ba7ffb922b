"""Benchmark: casegraph's Neo4j build against a hand-written best-practice load and a naive one.

    eval "$(scripts/neo4j-local start)"     # or any Neo4j 5: NEO4J_URI, NEO4J_USER, NEO4J_PASSWORD
    python -m benchmarks.neo4j_load --cases 100000 --seed 7

1. generates the dataset (`benchmarks.generate`; not timed, reused when the
   same arguments and generator made it before) and loads it once into a
   Dataset (`load(files)`, not timed: the same for every contender);
2. times, each on an emptied database (all data, constraints and indexes
   dropped before each run), best of `--repeat`, the two alternating in order:
   - casegraph: `Neo4jStore(...).build(dataset, checksum)`, everything the
     user waits for (columns from the Dataset, constraints, staged build in
     `UNWIND` batches of `BATCH_SIZE`, the staged-count check, the switch);
   - hand-written best practice: the same rows (`graph/rows.py`, made before
     the clock starts), the same constraints and indexes (`neo4j_constraints()`)
     created first, then `UNWIND $rows ... CREATE ... SET` batches of 10,000 rows,
     one managed write transaction each;
3. times the naive load, one `execute_write` per record (`MERGE` one node or
   one relationship, as object mappers do), on a deterministic SAMPLE (every
   k-th node row and every k-th relationship row, in the graph's proportions),
   since the whole graph that way would take hours: its rows/s is what counts;
4. times casegraph again at each of `--batch-sizes` (by setting
   `casegraph.graph.neo4j_store.BATCH_SIZE`), to choose the batch size;
5. prints rows/s, the ratios casegraph / hand-written (target >= 0.8) and
   casegraph / naive (target >= 20), casegraph's phase breakdown, and the
   Python-only cost of preparing the rows (`--format json` for programs).

The database is emptied in place (never dropped or restarted), so point it
at a server you own: it deletes EVERYTHING in that database.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable

import neo4j

from benchmarks.build import _dataset  # the same generated-data cache as the embedded benchmark

__all__ = ["main", "measure", "TARGET_VS_HANDWRITTEN", "TARGET_VS_NAIVE", "BASELINE_BATCH"]

ROOT = Path(__file__).resolve().parent.parent
TARGET_VS_HANDWRITTEN = 0.8
TARGET_VS_NAIVE = 20.0
BASELINE_BATCH = 10_000
CLEAN_BATCH = 50_000
DEFAULT_BATCH_SIZES = [2_000, 5_000, 10_000, 20_000, 50_000]


def _say(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


# -- the database ------------------------------------------------------------


class Server:
    """The benchmark's own connection: emptying, counting, the version."""

    def __init__(self, uri: str, user: str, password: str, database: str | None):
        self.uri, self.user, self.password, self.database = uri, user, password, database
        self.driver = neo4j.GraphDatabase.driver(uri, auth=(user, password), notifications_min_severity="OFF")
        self.driver.verify_connectivity()

    def session(self):
        return self.driver.session(database=self.database)

    def close(self) -> None:
        self.driver.close()

    def version(self) -> str:
        with self.session() as session:
            record = session.run("CALL dbms.components() YIELD name, versions, edition "
                                 "RETURN name, versions[0] AS version, edition").single()
            return f"{record['name']} {record['version']} {record['edition']}"

    def empty(self) -> None:
        """Drop all data, constraints and indexes (token lookup indexes stay, as in a new database)."""
        with self.session() as session:
            session.run("MATCH ()-[r]->() CALL { WITH r DELETE r } "
                        f"IN TRANSACTIONS OF {CLEAN_BATCH} ROWS").consume()
            session.run("MATCH (n) CALL { WITH n DETACH DELETE n } "
                        f"IN TRANSACTIONS OF {CLEAN_BATCH} ROWS").consume()
            drops = [f"DROP CONSTRAINT `{r['name']}` IF EXISTS" for r in session.run("SHOW CONSTRAINTS YIELD name")]
            for statement in drops:  # managed transactions: retried on a transient deadlock with index jobs
                session.execute_write(lambda tx: tx.run(statement).consume())
            drops = [f"DROP INDEX `{r['name']}` IF EXISTS"
                     for r in session.run("SHOW INDEXES YIELD name, type WHERE type <> 'LOOKUP'")]
            for statement in drops:
                session.execute_write(lambda tx: tx.run(statement).consume())
            try:  # start each run from a checkpointed store, not mid-way through someone's log
                session.run("CALL db.checkpoint()").consume()
            except neo4j.exceptions.Neo4jError:
                pass
        left = self.counts()
        if left["nodes"] or left["relationships"] or left["schema"]:
            raise SystemExit(f"could not empty the database: {left}")

    def counts(self) -> dict[str, Any]:
        with self.session() as session:
            nodes = session.run("MATCH (n) RETURN count(n) AS c").single()["c"]
            rels = session.run("MATCH ()-[r]->() RETURN count(r) AS c").single()["c"]
            schema = len(list(session.run("SHOW CONSTRAINTS YIELD name"))) + len(list(session.run(
                "SHOW INDEXES YIELD name, type WHERE type <> 'LOOKUP'")))
            return {"nodes": nodes, "relationships": rels, "schema": schema}

    def label_counts(self, labels: list[str], types: list[str]) -> tuple[dict[str, int], dict[str, int]]:
        """Per-label and per-type counts from the count store (constant time)."""
        with self.session() as session:
            by_label = {label: session.run(f"MATCH (n:`{label}`) RETURN count(n) AS c").single()["c"]
                        for label in labels}
            by_type = {rtype: session.run(f"MATCH ()-[r:`{rtype}`]->() RETURN count(r) AS c").single()["c"]
                       for rtype in types}
        return by_label, by_type


def _check(server: Server, dataset, what: str) -> None:
    """The run wrote exactly the graph: every label and type count, and nothing staged left."""
    from casegraph.graph.neo4j_store import STAGING, staging_labels

    node_counts, rel_counts = dataset.node_counts(), dataset.rel_counts()
    staged = [*staging_labels(), STAGING]
    by_label, by_type = server.label_counts([*node_counts, *staged], list(rel_counts))
    wrong = {k: (by_label.get(k), v) for k, v in node_counts.items() if by_label.get(k) != v}
    wrong |= {k: (by_type.get(k), v) for k, v in rel_counts.items() if by_type.get(k) != v}
    wrong |= {k: (by_label[k], 0) for k in staged if by_label.get(k)}
    if wrong:
        raise SystemExit(f"{what} wrote the wrong graph (label/type: (found, expected)): {wrong}")


# -- the contenders ----------------------------------------------------------


@contextmanager
def _casegraph_phases(phases: dict[str, float], store_class: type | None = None):
    """Time Neo4jStore's build phases (four wrapped method calls: no per-row cost)."""
    from casegraph.graph.neo4j_store import Neo4jStore

    store_class = store_class or Neo4jStore
    saved = {name: getattr(store_class, name) for name in ("_prepare", "_stage", "_verify", "_switch")}

    def timed(name: str, method: Callable):
        def wrapper(*args, **kwargs):
            started = time.perf_counter()
            try:
                return method(*args, **kwargs)
            finally:
                phases[name.lstrip("_")] = phases.get(name.lstrip("_"), 0.0) + time.perf_counter() - started
        return wrapper

    for name, method in saved.items():
        setattr(store_class, name, timed(name, method))
    try:
        yield
    finally:
        for name, method in saved.items():
            setattr(store_class, name, method)


def run_casegraph(server: Server, dataset, checksum: str, batch_size: int | None = None) -> dict:
    """casegraph's whole Neo4j build, on the emptied database."""
    import casegraph.graph.neo4j_store as store_module
    from casegraph.graph.neo4j_store import Neo4jStore

    saved = store_module.BATCH_SIZE
    if batch_size is not None:
        store_module.BATCH_SIZE = batch_size
    phases: dict[str, float] = {}
    tables: list[tuple[float, str]] = []
    try:
        with _casegraph_phases(phases):
            started = time.perf_counter()
            store = Neo4jStore(server.uri, server.user, server.password, server.database)
            try:
                store.build(dataset, checksum, progress=lambda message: tables.append((time.perf_counter(), message)))
            finally:
                store.close()
            seconds = time.perf_counter() - started
    finally:
        store_module.BATCH_SIZE = saved
    # Per-table staging times from the progress messages' timestamps ("loading N X nodes" to the next message).
    staged: dict[str, float] = {}
    for (t, message), (later, _) in zip(tables, tables[1:]):
        if message.startswith("loading "):
            what = message.split(" ", 2)[2]
            staged[what] = staged.get(what, 0.0) + later - t
    return {"seconds": seconds, "batch_size": batch_size or saved, "phases": phases, "tables": staged}


def _rel_params(batch: list[dict]) -> list[dict]:
    return [{"from": r["from"], "to": r["to"], "props": {k: v for k, v in r.items() if k not in ("from", "to")}}
            for r in batch]


def run_handwritten(server: Server, nodes: list, rels: list, batch: int = BASELINE_BATCH) -> dict:
    """The hand-written best practice: constraints first, UNWIND ... CREATE in batches, one transaction each."""
    from casegraph.schemas.ddl import neo4j_constraints

    def write(tx, statement: str, rows: list[dict]) -> None:
        tx.run(statement, rows=rows).consume()

    started = time.perf_counter()
    with server.session() as session:
        for statement in neo4j_constraints():
            session.execute_write(lambda tx: tx.run(statement).consume())
        constrained = time.perf_counter()
        for table in nodes:
            statement = f"UNWIND $rows AS row CREATE (n:{table.name}) SET n = row"
            for start in range(0, len(table.rows), batch):
                session.execute_write(write, statement, table.rows[start:start + batch])
        noded = time.perf_counter()
        for table in rels:
            statement = (f"UNWIND $rows AS row MATCH (a:{table.from_label} {{id: row.from}}), "
                         f"(b:{table.to_label} {{id: row.to}}) CREATE (a)-[r:{table.name}]->(b) SET r = row.props")
            for start in range(0, len(table.rows), batch):
                session.execute_write(write, statement, _rel_params(table.rows[start:start + batch]))
    done = time.perf_counter()
    return {"seconds": done - started, "batch_size": batch,
            "phases": {"constraints": constrained - started, "nodes": noded - constrained, "relationships": done - noded}}


@dataclass
class Rows:
    """A table's rows made once, before any clock starts (`Table.rows` makes them anew on each access)."""

    name: str
    rows: list[dict[str, Any]]
    from_label: str | None = None
    to_label: str | None = None


def _materialized(tables) -> list[Rows]:
    return [Rows(t.name, t.rows, t.from_label, t.to_label) for t in tables]


def _every(items: list, count: int) -> list:
    """A deterministic sample of `count` items spread evenly over `items` (every k-th)."""
    if count >= len(items):
        return list(items)
    step = len(items) / count
    return [items[int(i * step)] for i in range(count)]


def run_naive(server: Server, nodes: list, rels: list, sample: int) -> dict:
    """One managed transaction per record (MERGE), on a sample in the graph's node/relationship proportions.

    Constraints are in place (as an object mapper's schema would have them) and
    not timed. The sampled nodes are written first, one transaction each; then
    every other node in batches, NOT timed, so that the sampled relationships
    find their endpoints; then the sampled relationships, one transaction each.
    """
    from casegraph.schemas.ddl import neo4j_constraints

    all_nodes = [(table, row) for table in nodes for row in table.rows]
    all_rels = [(table, row) for table in rels for row in table.rows]
    node_sample = round(sample * len(all_nodes) / (len(all_nodes) + len(all_rels)))
    nodes_picked = _every(all_nodes, node_sample)
    rels_picked = _every(all_rels, sample - node_sample)

    def merge_node(tx, label: str, row: dict) -> None:
        tx.run(f"MERGE (n:{label} {{id: $id}}) SET n += $props", id=row["id"], props=row).consume()

    def merge_rel(tx, table, row: dict) -> None:
        props = {k: v for k, v in row.items() if k not in ("from", "to")}
        tx.run(f"MATCH (a:{table.from_label} {{id: $from}}), (b:{table.to_label} {{id: $to}}) "
               f"MERGE (a)-[r:{table.name} {{id: $id}}]->(b) SET r += $props",
               {"from": row["from"], "to": row["to"], "id": row["id"], "props": props}).consume()

    with server.session() as session:
        for statement in neo4j_constraints():
            session.execute_write(lambda tx: tx.run(statement).consume())
        started = time.perf_counter()
        for table, row in nodes_picked:
            session.execute_write(merge_node, table.name, row)
        node_seconds = time.perf_counter() - started
        for table in nodes:  # the rest of the nodes, untimed: endpoints for the sampled relationships
            statement = f"UNWIND $rows AS row MERGE (n:{table.name} {{id: row.id}}) SET n += row"
            for start in range(0, len(table.rows), BASELINE_BATCH):
                session.execute_write(lambda tx: tx.run(statement, rows=table.rows[start:start + BASELINE_BATCH]).consume())
        started = time.perf_counter()
        for table, row in rels_picked:
            session.execute_write(merge_rel, table, row)
        rel_seconds = time.perf_counter() - started
    with server.session() as session:
        written = session.run("MATCH ()-[r]->() RETURN count(r) AS c").single()["c"]
    if written != len(rels_picked):
        raise SystemExit(f"naive load wrote {written:,} relationships, expected {len(rels_picked):,}")
    seconds = node_seconds + rel_seconds
    return {"rows": len(nodes_picked) + len(rels_picked), "nodes": len(nodes_picked), "relationships": len(rels_picked),
            "seconds": seconds, "node_seconds": node_seconds, "rel_seconds": rel_seconds,
            "rows_per_s": (len(nodes_picked) + len(rels_picked)) / seconds,
            "nodes_per_s": len(nodes_picked) / node_seconds, "rels_per_s": len(rels_picked) / rel_seconds}


def python_costs(dataset) -> dict:
    """The Python-only part of each contender, no server: rows from the Dataset, then parameters."""
    from casegraph.graph.neo4j_store import _column_batches, _present_columns
    from casegraph.graph.rows import node_tables, rel_tables

    clock = time.perf_counter
    started = clock()
    nodes, rels = _materialized(node_tables(dataset)), _materialized(rel_tables(dataset))
    rows = clock() - started
    started = clock()
    for table in [*node_tables(dataset), *rel_tables(dataset)]:  # column batches from the Arrow tables
        for _ in _column_batches(table, _present_columns(table)):
            pass
    casegraph_params = clock() - started
    started = clock()
    for table in rels:
        _rel_params(table.rows)
    baseline_params = clock() - started
    return {"rows": rows, "casegraph_params": casegraph_params, "handwritten_params": baseline_params}


# -- the benchmark -----------------------------------------------------------


def measure(server: Server, cases: int, seed: int, authorities: int, repeat: int, naive_sample: int,
            batch_sizes: list[int], work: Path) -> dict:
    import casegraph.graph.neo4j_store as store_module
    from casegraph.graph.rows import node_tables, rel_tables
    from casegraph.graph.store import input_checksum
    from casegraph.loaders import data_files, load

    work.mkdir(parents=True, exist_ok=True)
    data, generated = _dataset(work, cases, seed, authorities)
    _say(f"loading {data} into a Dataset (not timed)")
    started = time.perf_counter()
    files = data_files([data])
    dataset = load(files)
    checksum = input_checksum(files)
    load_seconds = time.perf_counter() - started
    _say(f"  loaded in {load_seconds:.1f} s; timing the Python-only row preparation")
    python = python_costs(dataset)
    nodes, rels = _materialized(node_tables(dataset)), _materialized(rel_tables(dataset))
    node_rows = sum(len(t.rows) for t in nodes)
    rel_rows = sum(len(t.rows) for t in rels)
    total = node_rows + rel_rows
    version = server.version()
    _say(f"{version}; {node_rows:,} nodes + {rel_rows:,} relationships = {total:,} rows per load")

    casegraph_runs, handwritten_runs = [], []
    for number in range(1, repeat + 1):
        order = ("casegraph", "handwritten") if number % 2 else ("handwritten", "casegraph")
        for who in order:
            server.empty()
            if who == "casegraph":
                run = run_casegraph(server, dataset, checksum)
                _check(server, dataset, "casegraph")
                casegraph_runs.append(run)
            else:
                run = run_handwritten(server, nodes, rels)
                _check(server, dataset, "the hand-written baseline")
                handwritten_runs.append(run)
            _say(f"{who} {number}/{repeat}: {run['seconds']:.1f} s ({total / run['seconds']:,.0f} rows/s) "
                 + ", ".join(f"{k} {v:.1f} s" for k, v in run["phases"].items()))

    naive = None
    if naive_sample > 0:
        server.empty()
        _say(f"naive: one transaction per record, a sample of {naive_sample:,} rows")
        naive = run_naive(server, nodes, rels, naive_sample)
        _say(f"naive: {naive['seconds']:.1f} s for {naive['rows']:,} rows ({naive['rows_per_s']:,.0f} rows/s)")

    sweep = []
    for size in batch_sizes:
        server.empty()
        run = run_casegraph(server, dataset, checksum, size)
        _check(server, dataset, f"casegraph at batch size {size}")
        sweep.append(run)
        _say(f"casegraph at BATCH_SIZE {size:,}: {run['seconds']:.1f} s ({total / run['seconds']:,.0f} rows/s) "
             + ", ".join(f"{k} {v:.1f} s" for k, v in run["phases"].items()))
    server.empty()

    best = min(casegraph_runs, key=lambda r: r["seconds"])
    base = min(handwritten_runs, key=lambda r: r["seconds"])
    casegraph_rate, base_rate = total / best["seconds"], total / base["seconds"]
    report = {
        "command": f"python -m benchmarks.neo4j_load --cases {cases} --seed {seed}"
                   + (f" --authorities {authorities}" if authorities != 350 else "")
                   + (f" --repeat {repeat}" if repeat != 3 else "")
                   + (f" --naive-sample {naive_sample}" if naive_sample != 20_000 else "")
                   + (f" --batch-sizes {','.join(map(str, batch_sizes))}" if batch_sizes != DEFAULT_BATCH_SIZES else ""),
        "neo4j": version, "uri": server.uri, "machine": {"cpus": os.cpu_count(), "load_average": os.getloadavg()},
        "cases": cases, "seed": seed, "authorities": authorities, "repeat": repeat,
        "input": {"files": str(data), "records": generated["records"], "bytes": generated["bytes"],
                  "load_seconds": load_seconds},
        "nodes": node_rows, "relationships": rel_rows, "rows": total,
        "casegraph": {"seconds": best["seconds"], "rows_per_s": casegraph_rate, "batch_size": best["batch_size"],
                      "phases": best["phases"], "tables": best["tables"],
                      "runs": [round(r["seconds"], 2) for r in casegraph_runs]},
        "handwritten": {"seconds": base["seconds"], "rows_per_s": base_rate, "batch_size": BASELINE_BATCH,
                        "phases": base["phases"], "runs": [round(r["seconds"], 2) for r in handwritten_runs]},
        "naive": naive,
        "ratio_handwritten": casegraph_rate / base_rate,
        "ratio_naive": casegraph_rate / naive["rows_per_s"] if naive else None,
        "python": python,
        "batch_sizes": [{"batch_size": r["batch_size"], "seconds": r["seconds"], "rows_per_s": total / r["seconds"],
                         "phases": r["phases"]} for r in sweep],
        "best_batch_size": min(sweep, key=lambda r: r["seconds"])["batch_size"] if sweep else None,
        "default_batch_size": store_module.BATCH_SIZE,
    }
    report["targets"] = {"vs_handwritten": TARGET_VS_HANDWRITTEN, "vs_naive": TARGET_VS_NAIVE,
                         "handwritten_met": report["ratio_handwritten"] >= TARGET_VS_HANDWRITTEN,
                         "naive_met": report["ratio_naive"] >= TARGET_VS_NAIVE if naive else None}
    return report


def _print(report: dict) -> None:
    cg, hw, naive = report["casegraph"], report["handwritten"], report["naive"]
    ok = lambda met: "met" if met else "NOT met"  # noqa: E731
    print(report["command"])
    print(f"  server          {report['neo4j']} at {report['uri']}")
    print(f"  graph           {report['nodes']:>10,} nodes, {report['relationships']:,} relationships "
          f"({report['rows']:,} rows; {report['cases']:,} cases, seed {report['seed']})")
    print(f"  casegraph       {cg['seconds']:>10.1f} s  {cg['rows_per_s']:>9,.0f} rows/s  (BATCH_SIZE {cg['batch_size']:,}; "
          f"runs {cg['runs']}; " + ", ".join(f"{k} {v:.1f} s" for k, v in cg["phases"].items()) + ")")
    print(f"  hand-written    {hw['seconds']:>10.1f} s  {hw['rows_per_s']:>9,.0f} rows/s  (UNWIND CREATE, {hw['batch_size']:,} rows "
          f"per transaction; runs {hw['runs']}; " + ", ".join(f"{k} {v:.1f} s" for k, v in hw["phases"].items()) + ")")
    if naive:
        print(f"  naive (sample)  {naive['seconds']:>10.1f} s  {naive['rows_per_s']:>9,.0f} rows/s  (one transaction per "
              f"record, MERGE; a SAMPLE of {naive['rows']:,} rows: {naive['nodes']:,} nodes at {naive['nodes_per_s']:,.0f}/s, "
              f"{naive['relationships']:,} relationships at {naive['rels_per_s']:,.0f}/s; "
              f"the whole graph this way: ~{report['rows'] / naive['rows_per_s'] / 3600:.1f} h)")
    print(f"  casegraph / hand-written {report['ratio_handwritten']:>6.2f}x  (target >= {TARGET_VS_HANDWRITTEN}x: "
          f"{ok(report['targets']['handwritten_met'])})")
    if naive:
        print(f"  casegraph / naive        {report['ratio_naive']:>6.1f}x  (target >= {TARGET_VS_NAIVE:g}x: "
              f"{ok(report['targets']['naive_met'])})")
    py = report["python"]
    print(f"  Python only (no server): hand-written rows from the Dataset {py['rows']:.1f} s and parameters "
          f"{py['handwritten_params']:.1f} s; casegraph's columns and batches {py['casegraph_params']:.1f} s")
    if cg["tables"]:
        print("  casegraph staging by table (best run):")
        for what, seconds in cg["tables"].items():
            print(f"    {what:<40}{seconds:>8.1f} s")
    if report["batch_sizes"]:
        print("  casegraph by BATCH_SIZE (one run each):")
        for run in report["batch_sizes"]:
            mark = "  <- best" if run["batch_size"] == report["best_batch_size"] else ""
            print(f"    {run['batch_size']:>7,} {run['seconds']:>8.1f} s {run['rows_per_s']:>9,.0f} rows/s  ("
                  + ", ".join(f"{k} {v:.1f} s" for k, v in run["phases"].items()) + f"){mark}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.neo4j_load", description=__doc__.split("\n\n")[0])
    parser.add_argument("--cases", type=int, default=100_000, help="how many cases (default 100000)")
    parser.add_argument("--seed", type=int, default=7, help="generator seed (default 7)")
    parser.add_argument("--authorities", type=int, default=350, help="local authorities (default 350)")
    parser.add_argument("--repeat", type=int, default=3, help="runs of casegraph and hand-written; the best counts (default 3)")
    parser.add_argument("--naive-sample", type=int, default=20_000,
                        help="rows the naive load writes, one transaction each (default 20000; 0 skips it)")
    parser.add_argument("--batch-sizes", default=",".join(map(str, DEFAULT_BATCH_SIZES)),
                        help="casegraph BATCH_SIZE values to try, comma-separated ('' skips the sweep)")
    parser.add_argument("--work", type=Path, default=ROOT / "benchmarks" / "out", help="where generated data goes")
    parser.add_argument("--neo4j", default=os.environ.get("NEO4J_URI"),
                        help="Bolt URI (default $NEO4J_URI); its database is EMPTIED")
    parser.add_argument("--format", choices=("text", "json"), default="text")
    args = parser.parse_args(argv)
    if not args.neo4j:
        parser.error("no Neo4j: pass --neo4j bolt://host:port or set NEO4J_URI "
                     "(a server of your own: eval \"$(scripts/neo4j-local start)\")")
    sizes = [int(s) for s in args.batch_sizes.split(",") if s.strip()]
    server = Server(args.neo4j, os.environ.get("NEO4J_USER", "neo4j"), os.environ.get("NEO4J_PASSWORD", ""),
                    os.environ.get("NEO4J_DATABASE") or None)
    try:
        report = measure(server, args.cases, args.seed, args.authorities, max(1, args.repeat),
                         max(0, args.naive_sample), sizes, args.work)
    finally:
        server.close()
    if args.format == "json":
        print(json.dumps(report, indent=2))
    else:
        _print(report)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
