"""The views casegraph draws, and the one way to build any of them.

Each view lives in its own module with a `build(graph, options, ...)`;
`figure_for` does what every view needs first: leave restricted data out
unless asked, then apply the editor's filters.
"""

from __future__ import annotations

import importlib

import networkx as nx

from casegraph.exports.base import refuse_unfit_graph
from casegraph.graph.selection import public_subgraph
from casegraph.viz.compose import Options
from casegraph.viz.figure import Figure
from casegraph.viz.filters import Filters

__all__ = ["VIEWS", "figure_for"]

VIEWS: dict[str, str] = {
    "overview": "the whole graph",
    "ego": "one node and its neighbourhood to k hops (--node, --hops)",
    "patterns": "cases, indicators and boroughs: which patterns recur where",
    "decades": "cases along time: what recurs across decades",
    "map": "schematic London: boroughs at their real relative positions, cases and cross-borough links",
    "responses": "institutions, their statements, the reviews they commissioned, who declined to comment",
}

_MODULES = {"overview": "overview", "ego": "ego", "patterns": "patterns", "decades": "decades",
            "map": "geomap", "responses": "responses"}


def figure_for(view: str, graph: nx.MultiDiGraph, options: Options | None = None,
               filters: Filters | None = None, **params) -> Figure:
    """Build `view` of `graph`: its public subgraph unless `options.include_restricted`, then filtered."""
    if view not in _MODULES:
        raise KeyError(f"no view {view!r}: expected one of {', '.join(VIEWS)}")
    refuse_unfit_graph(graph)  # text no page or still can hold (the loaders refuse it too)
    options = options or Options()
    if not options.include_restricted:
        graph = public_subgraph(graph)
    full = graph
    if filters:
        graph = filters.apply(graph)
        options.filters = list(filters.described)
    module = importlib.import_module(f"casegraph.viz.{_MODULES[view]}")
    return module.build(graph, options, sources_graph=full, **params)
