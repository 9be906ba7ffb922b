"""Benchmark: `casegraph analyze all` at national scale, step by step.

    python -m benchmarks.analytics --cases 100000

Uses the generated dataset and the LadybugDB store that `benchmarks.queries`
builds under `--work` (building them if needed), reads the profile's graph
(public by default) as `casegraph analyze` does (its outline with
`ANALYSED_FIELDS`, through `Casegraph.select`), then times each analysis as
`analyze all` runs it: similarity, communities, connectors, bridges,
centrality (computed once: the later calls reuse it). Prints seconds per
step, the total, the peak RSS of this process (after reading, and at the
end), the load average, and the approximations in force (sampled
betweenness, candidate pairs from shared features, igraph's Louvain).

The baseline, measured in the same run: networkx's own shortest-path count
from `--baseline-sources` of the sampled sources (what `centrality` did
before igraph counted them), scaled to every sampled source and set against
the whole betweenness as computed now. Target: the whole `analyze all`
within a few minutes.
"""

from __future__ import annotations

import argparse
import importlib
import json
import os
import random
import resource
import sys
import time
from pathlib import Path

from benchmarks.queries import ROOT, _stores
from benchmarks.build import _dataset

__all__ = ["main", "measure"]


def _say(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def _rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _networkx_per_source(graph, sources: int) -> float:
    """Seconds networkx takes per betweenness source (BFS and accumulation) on this graph, from the
    first `sources` of the sources `centrality` samples (seed 7)."""
    from networkx.algorithms.centrality.betweenness import _accumulate_basic, _single_source_shortest_path_basic

    undirected = graph.to_undirected(as_view=True)
    nodes = [n for n, a in graph.nodes(data=True) if a.get("label") != "Source"]
    chosen = random.Random(7).sample(nodes, min(sources, len(nodes)))
    begun = time.perf_counter()
    between = dict.fromkeys(graph, 0.0)
    for source in chosen:
        order, paths, sigma, _ = _single_source_shortest_path_basic(undirected, source)
        between, _ = _accumulate_basic(between, order, paths, sigma, source)
    return (time.perf_counter() - begun) / max(len(chosen), 1)


def measure(cases: int, seed: int, authorities: int, work: Path, top: int = 10, baseline_sources: int = 2,
            profile: str = "public", reuse: bool = False) -> dict:
    """Seconds per step of `analyze all` on the profile's graph of the generated data (`reuse`: a
    store under `work` holding a graph built by other code, as `benchmarks.queries --reuse`)."""
    connectors_module = importlib.import_module("casegraph.analysis.connectors")  # not the function of that name
    similarity_module = importlib.import_module("casegraph.analysis.similarity")
    communities_module = importlib.import_module("casegraph.analysis.communities")
    from casegraph.analysis import ANALYSED_FIELDS
    from casegraph.api import Casegraph
    from casegraph.cli.analyze import RUNNERS

    data, _ = _dataset(work, cases, seed, authorities)
    store = _stores(data, work, ["ladybug"], reuse)["ladybug"]
    steps = {}
    load_before = os.getloadavg()
    started = time.perf_counter()
    graph = Casegraph(store).select(profile, fields=ANALYSED_FIELDS)  # what `casegraph analyze` reads
    steps["projection"] = time.perf_counter() - started
    _say(f"projected {graph.number_of_nodes():,} nodes, {graph.number_of_edges():,} relationships "
         f"in {steps['projection']:.1f} s")
    rss_read = _rss_mb()
    rows = {}
    for name, runner in RUNNERS.items():
        begun = time.perf_counter()
        _, found = runner(graph, top, None)
        steps[name] = time.perf_counter() - begun
        rows[name] = len(found)
        _say(f"{name}: {steps[name]:.1f} s")
    analyses = sum(seconds for step, seconds in steps.items() if step != "projection")
    betweenness = time.perf_counter()
    connectors_module._betweenness(graph)  # the one computation connectors and centrality share, again
    betweenness = time.perf_counter() - betweenness
    per_source = _networkx_per_source(graph, baseline_sources) if baseline_sources else None
    sampled = graph.number_of_nodes() > connectors_module.EXACT_BETWEENNESS
    return {
        "command": f"python -m benchmarks.analytics --cases {cases}" + (f" --seed {seed}" if seed != 7 else "")
                   + (f" --profile {profile}" if profile != "public" else "") + (" --reuse" if reuse else ""),
        "cases": cases, "profile": profile, "nodes": graph.number_of_nodes(), "relationships": graph.number_of_edges(),
        "seconds": steps, "analyses_seconds": analyses, "total_seconds": analyses + steps["projection"],
        "rows": rows, "rss_after_read_mb": rss_read, "peak_rss_mb": _rss_mb(),
        "load_average": {"before": load_before, "after": os.getloadavg()},
        "betweenness": {"seconds": betweenness, "sampled": sampled,
                        "networkx_seconds_per_source": per_source,
                        "networkx_seconds_estimated": None if per_source is None else
                        per_source * (connectors_module.SAMPLE_SOURCES if sampled else graph.number_of_nodes())},
        "approximations": {
            "betweenness_sampled_above_nodes": connectors_module.EXACT_BETWEENNESS,
            "betweenness_sample_sources": connectors_module.SAMPLE_SOURCES,
            "similarity_hub_cases": similarity_module.HUB_CASES,
            "igraph_louvain_above_cases": communities_module.NETWORKX_LOUVAIN_CASES,
        },
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.analytics", description=__doc__.split("\n\n")[0])
    parser.add_argument("--cases", type=int, default=100_000, help="how many cases (default 100000)")
    parser.add_argument("--seed", type=int, default=7, help="generator seed (default 7)")
    parser.add_argument("--authorities", type=int, default=350, help="local authorities (default 350)")
    parser.add_argument("--work", type=Path, default=ROOT / "benchmarks" / "out",
                        help="where generated data and the LadybugDB store go")
    parser.add_argument("--baseline-sources", type=int, default=2,
                        help="sources networkx counts for the baseline (default 2; 0: no baseline)")
    parser.add_argument("--profile", choices=("public", "restricted"), default="public",
                        help="whose graph to analyse (default public, as `casegraph analyze`)")
    parser.add_argument("--reuse", action="store_true",
                        help="use the store under --work even if other code built it (a different input checksum)")
    parser.add_argument("--format", choices=("text", "json"), default="text")
    args = parser.parse_args(argv)
    report = measure(args.cases, args.seed, args.authorities, args.work, baseline_sources=args.baseline_sources,
                     profile=args.profile, reuse=args.reuse)
    if args.format == "json":
        print(json.dumps(report, indent=2))
        return 0
    print(report["command"])
    print(f"  graph ({report['profile']} profile) {report['nodes']:,} nodes, {report['relationships']:,} relationships")
    for step, seconds in report["seconds"].items():
        print(f"  {step:<12}{seconds:>9.1f} s  ({report['rows'].get(step, '')} rows)" if step in report["rows"]
              else f"  {step:<12}{seconds:>9.1f} s")
    print(f"  analyses    {report['analyses_seconds']:>9.1f} s ({report['analyses_seconds'] / report['seconds']['projection']:.1f}x "
          f"the read); with the projection {report['total_seconds']:.1f} s")
    print(f"  peak RSS {report['rss_after_read_mb']:,.0f} MB after the read, {report['peak_rss_mb']:,.0f} MB at the end")
    between = report["betweenness"]
    if between["networkx_seconds_per_source"] is not None:
        print(f"  betweenness {between['seconds']:.1f} s (igraph); networkx, the baseline: "
              f"{between['networkx_seconds_per_source']:.2f} s per source, ~{between['networkx_seconds_estimated']:.0f} s "
              f"for the same {'sample' if between['sampled'] else 'exact count'} "
              f"({between['networkx_seconds_estimated'] / max(between['seconds'], 1e-9):.0f}x)")
    print("  load average before {:.1f} {:.1f} {:.1f}, after {:.1f} {:.1f} {:.1f}".format(
        *report["load_average"]["before"], *report["load_average"]["after"]))
    print(f"  approximations: {report['approximations']}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
