"""Benchmark: `casegraph analyze all` at national scale, step by step.

    python -m benchmarks.analytics --cases 100000

Uses the generated dataset and the LadybugDB store that `benchmarks.queries`
builds under `--work` (building them if needed), reads the public profile's
graph as `casegraph analyze` does (its outline with `ANALYSED_FIELDS`, through
`Casegraph.select`), then times each analysis as
`analyze all` runs it: similarity, communities, connectors, bridges,
centrality (computed once: the later calls reuse it). Prints seconds per
step, the total, the peak RSS of this process, and the approximations in
force (sampled betweenness, candidate pairs from shared features). Target:
the whole `analyze all` within a few minutes.
"""

from __future__ import annotations

import argparse
import importlib
import json
import resource
import sys
import time
from pathlib import Path

from benchmarks.queries import ROOT, _stores
from benchmarks.build import _dataset

__all__ = ["main", "measure"]


def _say(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def measure(cases: int, seed: int, authorities: int, work: Path, top: int = 10) -> dict:
    """Seconds per step of `analyze all` on the public projection of the generated graph."""
    connectors_module = importlib.import_module("casegraph.analysis.connectors")  # not the function of that name
    similarity_module = importlib.import_module("casegraph.analysis.similarity")
    from casegraph.analysis import ANALYSED_FIELDS
    from casegraph.api import Casegraph
    from casegraph.cli.analyze import RUNNERS

    data, _ = _dataset(work, cases, seed, authorities)
    store = _stores(data, work, ["ladybug"])["ladybug"]
    steps = {}
    started = time.perf_counter()
    graph = Casegraph(store).select("public", fields=ANALYSED_FIELDS)  # what `casegraph analyze` reads
    steps["projection"] = time.perf_counter() - started
    _say(f"projected {graph.number_of_nodes():,} nodes, {graph.number_of_edges():,} relationships "
         f"in {steps['projection']:.1f} s")
    rows = {}
    for name, runner in RUNNERS.items():
        begun = time.perf_counter()
        _, found = runner(graph, top, None)
        steps[name] = time.perf_counter() - begun
        rows[name] = len(found)
        _say(f"{name}: {steps[name]:.1f} s")
    analyses = sum(seconds for step, seconds in steps.items() if step != "projection")
    return {
        "command": f"python -m benchmarks.analytics --cases {cases}" + (f" --seed {seed}" if seed != 7 else ""),
        "cases": cases, "nodes": graph.number_of_nodes(), "relationships": graph.number_of_edges(),
        "seconds": steps, "analyses_seconds": analyses, "total_seconds": analyses + steps["projection"],
        "rows": rows, "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        "approximations": {
            "betweenness_sampled_above_nodes": connectors_module.EXACT_BETWEENNESS,
            "betweenness_sample_sources": connectors_module.SAMPLE_SOURCES,
            "similarity_hub_cases": similarity_module.HUB_CASES,
        },
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.analytics", description=__doc__.split("\n\n")[0])
    parser.add_argument("--cases", type=int, default=100_000, help="how many cases (default 100000)")
    parser.add_argument("--seed", type=int, default=7, help="generator seed (default 7)")
    parser.add_argument("--authorities", type=int, default=350, help="local authorities (default 350)")
    parser.add_argument("--work", type=Path, default=ROOT / "benchmarks" / "out",
                        help="where generated data and the LadybugDB store go")
    parser.add_argument("--format", choices=("text", "json"), default="text")
    args = parser.parse_args(argv)
    report = measure(args.cases, args.seed, args.authorities, args.work)
    if args.format == "json":
        print(json.dumps(report, indent=2))
        return 0
    print(report["command"])
    print(f"  graph (public profile) {report['nodes']:,} nodes, {report['relationships']:,} relationships")
    for step, seconds in report["seconds"].items():
        print(f"  {step:<12}{seconds:>9.1f} s  ({report['rows'].get(step, '')} rows)" if step in report["rows"]
              else f"  {step:<12}{seconds:>9.1f} s")
    print(f"  analyses    {report['analyses_seconds']:>9.1f} s; with the projection {report['total_seconds']:.1f} s; "
          f"peak RSS {report['peak_rss_mb']:,.0f} MB")
    print(f"  approximations: {report['approximations']}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
