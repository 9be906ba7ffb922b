"""Benchmark: every kind of explorer page against the same question through the library.

    python -m benchmarks.serve --cases 100000 --seed 7

1. generates the dataset (`benchmarks.generate`, reused as `benchmarks.build`
   reuses it) and builds it into an embedded store under `--work` (reused
   while its input checksum is unchanged);
2. starts the server in its own process, as `casegraph serve` runs it
   (`Explorer.open`, `settle`, `create_app`, uvicorn on 127.0.0.1), and opens
   a second explorer in this process for the library calls, the way a script
   or the CLI reads the store beside a running explorer: what those calls read
   (a source's or an indicator's neighbourhood of 45,000 cases) then never
   sits in the server's heap. The server's open time and peak RSS are its
   own (the kernel's `ru_maxrss` of the child);
3. for every kind of page, requests `--samples` different pages over one
   keep-alive HTTP connection, timing each whole response (the first, which
   warms a template or the PNG stills' browser, reported apart); between them
   it runs the same question through the library call a script or the CLI
   makes (the catalog query, the search, the view's figure, the export
   writer, ...), timed the same way. Pages of one selection come one after
   another, as an investigator asks for them (a borough's overview, then its
   patterns, a still, an export), and the explorer keeps what it made for one
   page for the next (`Explorer.kept`); `--cold` makes the server forget it
   before every request;
4. prints p50 and p95 per page kind, the library call's p50 and the ratio.
   Target: every page p50 <= 200 ms at 100,000 cases.
"""

from __future__ import annotations

import argparse
import http.client
import json
import math
import random
import resource
import os
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Callable
from urllib.parse import urlencode

from benchmarks.build import ROOT, _dataset
from benchmarks.queries import parameter_sets

__all__ = ["main", "measure", "TARGET_MS"]

TARGET_MS = 200.0


def _say(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def _store(data: Path, work: Path, cases: int, seed: int, authorities: int):
    from casegraph.graph.embedded import EmbeddedStore
    from casegraph.graph.store import input_checksum
    from casegraph.loaders import data_files

    store = EmbeddedStore(work / f"store-{cases}-{seed}-{authorities}")
    files = data_files([data])
    checksum = input_checksum(files)
    if (store.manifest() or {}).get("checksum") != checksum:
        _say(f"building {store.describe()}")
        store.build_files(files, checksum)
    return store


class _Server:
    """The explorer served by a child process (`_serve`), as `casegraph serve` runs it, and one keep-alive
    connection to it."""

    def __init__(self, store: Path, cold: bool):
        self.child = subprocess.Popen([sys.executable, "-m", "benchmarks.serve", "--serve-store", str(store)]
                                      + (["--cold"] if cold else []), cwd=ROOT, stdout=subprocess.PIPE, text=True)
        self.opened: dict = {}
        self.connection = None

    def listening(self) -> dict:
        """Wait until the child listens; what it said of its explorer (`_serve`). Raises RuntimeError when
        it exits before."""
        line = self.child.stdout.readline()
        if not line:
            raise RuntimeError(f"the server process exited ({self.child.wait()}) before it listened")
        self.opened = json.loads(line)
        self.connection = self._connect()
        return self.opened

    def _connect(self) -> http.client.HTTPConnection:
        return http.client.HTTPConnection("127.0.0.1", self.opened["port"], timeout=600)

    def get(self, url: str) -> tuple[int, int]:
        try:
            self.connection.request("GET", url)
            response = self.connection.getresponse()
        except (http.client.RemoteDisconnected, ConnectionError):  # a closed keep-alive: once more, anew
            self.connection.close()
            self.connection = self._connect()
            self.connection.request("GET", url)
            response = self.connection.getresponse()
        body = response.read()
        return response.status, len(body)

    def stop(self) -> float:
        """Stop the server; its peak RSS in MB, as the kernel counted it (`ru_maxrss` of the child)."""
        if self.connection is not None:
            self.connection.close()
        self.child.send_signal(signal.SIGTERM)  # uvicorn's graceful shutdown; the explorer is closed after it
        _, _, usage = os.wait4(self.child.pid, 0)
        self.child.stdout.close()
        return usage.ru_maxrss / 1024


def _serve(store: Path, cold: bool) -> None:
    """The child's side of `_Server`: open the explorer on `store` as `casegraph serve` does, print one
    JSON line (port, open seconds, peak RSS MB, nodes, relationships), serve until SIGTERM."""
    import uvicorn

    from casegraph.explorer.app import create_app
    from casegraph.explorer.state import Explorer, settle
    from casegraph.graph.embedded import EmbeddedStore

    explorer = Explorer.open(EmbeddedStore(store), include_restricted=False)
    settle()
    app = create_app(explorer)
    if cold:  # nothing kept from an earlier page (`Explorer.kept`): each made from the outline
        served = app

        async def app(scope, receive, send):
            if scope["type"] == "http":
                explorer.forget()
            await served(scope, receive, send)
    sock = socket.socket()
    sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)  # as `casegraph serve` does
    sock.bind(("127.0.0.1", 0))
    sock.listen(16)
    print(json.dumps({"port": sock.getsockname()[1], "seconds": round(explorer.loaded_seconds, 1),
                      "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
                      "nodes": explorer.graph.number_of_nodes(),
                      "relationships": explorer.graph.number_of_edges()}), flush=True)
    # keep-alive longer than the slowest library call between two requests
    config = uvicorn.Config(app, log_level="warning", access_log=False, timeout_keep_alive=600)
    try:
        uvicorn.Server(config).run(sockets=[sock])
    finally:
        explorer.close()


def _timed(call: Callable[[], object]) -> float:
    started = time.perf_counter()
    call()
    return (time.perf_counter() - started) * 1000


def _samples(explorer, rng: random.Random, count: int) -> dict[str, list[tuple[str, Callable[[], object]]]]:
    """Page kind -> [(url, the same question through the library)]."""
    from casegraph.explorer.app import VIEW_NAMES
    from casegraph.exports import FORMATS, SUFFIXES, export
    from casegraph.viz.pages import write_figure
    from casegraph.graph.selection import Selection, ordered_subgraph, select
    from casegraph.queries import get_query, run_named
    from casegraph.reports import write_report
    from casegraph.viz.compose import Options
    from casegraph.viz.views import figure_for

    graph, view = explorer.graph, explorer.view
    by_label: dict[str, list[str]] = {}
    for node, attrs in graph.nodes(data=True):
        by_label.setdefault(attrs.get("label"), []).append(node)
    pick = lambda label, n=count: rng.sample(sorted(by_label[label]), min(n, len(by_label[label])))  # noqa: E731
    cases, boroughs = pick("CaseFile", 4 * count), pick("Borough", count)
    from casegraph.schemas.names import display_name

    names = [display_name(explorer.graph.nodes[c], c) for c in cases[:count]]
    typo = lambda text: text[:3] + text[4:] if len(text) > 6 else text  # noqa: E731
    tmp = Path(tempfile.mkdtemp(prefix="serve-bench-"))
    # views, exports, stills and dossiers need every property: the selection read whole from the store
    around = lambda node: explorer.hydrate(select(graph, Selection(around=((node, 1),))))  # noqa: E731
    kinds: dict[str, list[tuple[str, Callable[[], object]]]] = {
        "home": [("/", lambda: explorer.counts)] * count,
        "search (words, one typo)": [
            ("/search?" + urlencode({"q": typo(" ".join(n.split()[:3]))}),
             lambda n=n: explorer.search.search(typo(" ".join(n.split()[:3])), limit=25)) for n in names],
        "search (kind+borough+decade)": [
            (f"/search?kind=CaseFile&borough={b}&decade=2010",
             lambda b=b: explorer.search.search("", labels=["CaseFile"], borough=b, decade=2010, limit=25))
            for b in boroughs],
        "entity: case": [(f"/entity/{c}", lambda c=c: run_named(view, "case-detail", {"case_id": c}))
                         for c in cases[:count]],
    }
    for label in ("Borough", "Person", "Place", "Institution", "Investigation", "Review", "Statement",
                  "Indicator", "Recommendation", "Source"):
        if by_label.get(label):
            kinds[f"entity: {label}"] = [(f"/entity/{n}", lambda n=n: around(n)) for n in pick(label)]
    # expanding a person or place the case names (a hub, a borough of thousands, is refused: too big to draw)
    neighbour = {c: min(sorted(set(graph.successors(c)) | set(graph.predecessors(c))) or [c], key=graph.degree)
                 for c in cases[:count]}
    # an indicator with a second page of cases (in the public graph, one may have none: a health detail's)
    from casegraph.explorer.entity import SHOWN

    paged = sorted(n for n in by_label["Indicator"] if graph.in_degree(n) > SHOWN)
    kinds["entity: Indicator, page 2 of its cases"] = [
        (f"/entity/{n}?more=cases&page=2", lambda n=n: around(n)) for n in rng.sample(paged, min(count, len(paged)))]
    kinds["network (ego, 1 hop)"] = [
        (f"/network?around={c}", lambda c=c: figure_for("ego", around(c), Options(), node=c, hops=1))
        for c in cases[:count]]
    kinds["network (expanded: a case and a neighbour)"] = [
        (f"/network?around={c}&around={neighbour[c]}",
         lambda c=c: figure_for("ego", explorer.hydrate(select(graph, Selection(around=((c, 1), (neighbour[c], 1))))),
                                Options(), node=c, hops=2)) for c in cases[:count]]
    # a tooltip a network page asks for when it is opened: a case's, and its link to its first neighbour
    one = lambda *nodes: explorer.hydrate(ordered_subgraph(graph, nodes))  # noqa: E731
    kinds["tip: a node's facts and sources"] = [(f"/tip/node/{c}", lambda c=c: one(c)) for c in cases[:count]]
    linked = [(c, neighbour[c], next(iter(graph[c][neighbour[c]]))) for c in cases[:count]
              if neighbour[c] != c and graph.has_edge(c, neighbour[c])]
    kinds["tip: a relationship's facts and sources"] = [
        (f"/tip/relationship/{k}?" + urlencode({"from": c, "to": n}), lambda c=c, n=n: one(c, n)) for c, n, k in linked]
    kinds["connections (two cases)"] = [
        (f"/connections?from={a}&to={b}&max_hops=3",
         lambda a=a, b=b: run_named(view, "paths-between-cases", {"from": a, "to": b, "max_hops": 3}))
        for a, b in zip(cases[count:2 * count], cases[2 * count:3 * count])]
    for name, sets in parameter_sets(view, rng.randrange(1 << 30), count).items():
        kinds[f"query form: {name}"] = [(f"/queries/{name}", lambda name=name: get_query(name))] * count
        kinds[f"query answer: {name}"] = [
            (f"/queries/{name}?" + urlencode({"run": "1", **params}),
             lambda name=name, params=params: run_named(view, name, params)) for params in sets]
    kinds["query text"] = [("/queries/similar-cases/cypher", lambda: get_query("similar-cases").every_text())] * count
    of_borough = lambda b: explorer.hydrate(select(graph, Selection(boroughs=(b,))))  # noqa: E731
    kinds["views (selection form)"] = [(f"/views?borough={b}", lambda: None) for b in boroughs]
    for name in VIEW_NAMES:
        if name == "ego":
            continue  # the network pages above
        kinds[f"view: {name} of a borough"] = [
            (f"/views/{name}?borough={b}", lambda b=b, name=name: figure_for(name, of_borough(b), Options()))
            for b in boroughs]
    kinds["still: svg of a borough's patterns"] = [
        (f"/views/patterns/still?borough={b}&format=svg",
         lambda b=b: write_figure(figure_for("patterns", of_borough(b), Options()), tmp / "still.svg"))
        for b in boroughs]
    kinds["still: png of a case's network"] = [
        (f"/views/ego/still?around={c}&format=png",
         lambda c=c: write_figure(figure_for("ego", around(c), Options(), node=c, hops=1), tmp / "still.png"))
        for c in cases[:max(1, count // 4)]]
    for fmt in FORMATS:
        kinds[f"export: {fmt} of a borough"] = [
            (f"/export?borough={b}&format={fmt}",
             lambda b=b, fmt=fmt: export(of_borough(b), fmt, tmp / f"out{SUFFIXES[fmt] or '.csv'}")) for b in boroughs]
    kinds["export: the whole graph (refused above MAX_SELECTED)"] = [("/views/overview", lambda: None)] * count
    for kind in ("md", "html"):
        kinds[f"dossier: {kind} of a case"] = [
            (f"/entity/{c}/dossier?format={kind}", lambda c=c, kind=kind: write_report(around(c), tmp / f"d.{kind}"))
            for c in cases[:count]]
    return kinds


def measure(cases: int, seed: int, authorities: int, samples: int, work: Path, only: tuple[str, ...] = (),
            cold: bool = False) -> dict:
    """Measure every page kind (module docstring); the report `main` prints. Raises RuntimeError when the
    server process cannot start."""
    from casegraph.explorer.state import Explorer, settle

    work.mkdir(parents=True, exist_ok=True)
    data, generated = _dataset(work, cases, seed, authorities)
    store = _store(data, work, cases, seed, authorities)
    _say("opening the explorer in a server process, and one in this process for the library calls")
    server = _Server(store.directory, cold)  # reads while this process opens its own explorer
    try:
        explorer = Explorer.open(store, include_restricted=False)
        said = server.listening()
        opened = {key: said[key] for key in ("seconds", "peak_rss_mb", "nodes", "relationships")}
    except BaseException:
        server.stop()
        raise
    settle()  # the library calls under the same collector as the pages
    _say(f"server opened in {opened['seconds']} s, peak RSS {opened['peak_rss_mb']} MB")
    rows = []
    try:
        for kind, items in _samples(explorer, random.Random(seed), samples).items():
            if only and not any(word in kind for word in only):
                continue
            expected = 400 if "refused" in kind else 200
            started = time.perf_counter()
            status, _ = server.get(items[0][0])  # warm: first use of a template, of the PNG stills' browser
            first = (time.perf_counter() - started) * 1000
            if status != expected:  # e.g. a catalog query stopped by its timeout: say so, go on
                rows.append({"page": kind, "samples": 0, "failed": f"{items[0][0]}: HTTP {status}"})
                _say(f"{kind:32} FAILED: {items[0][0]}: HTTP {status}")
                continue
            pages, library = [], []
            for url, call in items:
                started = time.perf_counter()
                status, size = server.get(url)
                pages.append((time.perf_counter() - started) * 1000)
                if status != expected:
                    _say(f"  {url}: HTTP {status}")
                library.append(_timed(call))
            page_p50, lib_p50 = statistics.median(pages), statistics.median(library)
            rows.append({"page": kind, "samples": len(items), "first_ms": round(first, 1), "p50_ms": round(page_p50, 1),
                         "p95_ms": round(sorted(pages)[math.ceil(len(pages) * 0.95) - 1], 1),  # nearest rank
                         "library_p50_ms": round(lib_p50, 1),
                         "ratio": round(page_p50 / lib_p50, 2) if lib_p50 >= 0.05 else None,
                         "target_met": page_p50 <= TARGET_MS})
            _say(f"{kind:32} p50 {page_p50:8.1f} ms   library {lib_p50:8.1f} ms")
    finally:
        opened["peak_rss_mb_after_pages"] = round(server.stop())
        explorer.close()
    return {"cases": cases, "seed": seed, "authorities": authorities, "cold": cold, "open": opened, "pages": rows,
            "target_ms": TARGET_MS, "generated_records": generated.get("records")}


def _table(report: dict) -> str:
    lines = [f"{report['cases']:,} cases: {report['open']['nodes']:,} nodes, {report['open']['relationships']:,} "
             f"relationships; the server process opened the explorer in {report['open']['seconds']} s, its peak RSS "
             f"{report['open']['peak_rss_mb']:,} MB (after every page: {report['open']['peak_rss_mb_after_pages']:,} MB)"
             + ("; --cold: nothing kept between pages" if report["cold"] else ""),
             "",
             "| page | samples | first ms | p50 ms | p95 ms | library p50 ms | page / library | p50 <= 200 ms |",
             "| --- | ---: | ---: | ---: | ---: | ---: | ---: | --- |"]
    for row in report["pages"]:
        if row.get("failed"):
            lines.append(f"| {row['page']} | 0 | - | - | - | - | - | FAILED: {row['failed']} |")
            continue
        ratio = f"{row['ratio']:.2f}" if row["ratio"] is not None else "-"
        lines.append(f"| {row['page']} | {row['samples']} | {row['first_ms']:.1f} | {row['p50_ms']:.1f} | {row['p95_ms']:.1f} | "
                     f"{row['library_p50_ms']:.1f} | {ratio} | {'yes' if row['target_met'] else 'NO'} |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.serve", description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--authorities", type=int, default=350)
    parser.add_argument("--samples", type=int, default=20, help="pages requested per page kind")
    parser.add_argument("--work", type=Path, default=ROOT / "benchmarks" / "out")
    parser.add_argument("--format", choices=["table", "json"], default="table")
    parser.add_argument("--only", action="append", default=[], metavar="WORDS",
                        help="only the page kinds whose name holds WORDS (repeatable), e.g. 'view:'")
    parser.add_argument("--cold", action="store_true",
                        help="forget what the explorer kept from earlier pages before every request")
    parser.add_argument("--serve-store", type=Path, help=argparse.SUPPRESS)  # the server process's own run
    args = parser.parse_args(argv)
    if args.serve_store:
        _serve(args.serve_store, args.cold)
        return 0
    report = measure(args.cases, args.seed, args.authorities, max(1, args.samples), args.work, tuple(args.only),
                     args.cold)
    print(json.dumps(report, indent=2) if args.format == "json" else _table(report))
    return 0


if __name__ == "__main__":
    sys.exit(main())
