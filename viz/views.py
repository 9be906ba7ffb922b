"""The views casegraph draws, and the one way to build any of them.

Each view lives in its own module with a `build(graph, options, ...)`
returning a `Figure` (networks) or a `Chart` (tile map, matrices, timeline);
`figure_for` does what every view needs first: leave restricted data out
unless asked, then apply the editor's filters.
"""

from __future__ import annotations

import importlib

import networkx as nx

from casegraph.exports.base import refuse_unfit_graph
from casegraph.graph.selection import public_subgraph
from casegraph.viz.charts import Chart
from casegraph.viz.compose import Options
from casegraph.viz.figure import Figure
from casegraph.viz.filters import Filters

__all__ = ["VIEWS", "CHARTS", "NETWORKS", "figure_for"]

VIEWS: dict[str, str] = {
    "overview": "cases, their boroughs and what links two or more cases (the rest one click away on the page)",
    "ego": "one node and its neighbourhood to k hops (--node, --hops)",
    "patterns": "matrices: pattern x decade and pattern x borough, distinct cases per cell",
    "tiles": "London tile map: each authority an equal square, coloured by a measure, small multiples by decade",
    "timeline": "cases on a time axis: a year as a band, a span as a bar, unknown periods in their own lane",
    "decades": "cases along time in borough lanes, and each pattern in every decade it appears",
    "map": "schematic London: boroughs at their real relative positions, cases and cross-borough links",
    "responses": "institutions, their statements, the reviews they commissioned, who declined to comment",
}
CHARTS = ("patterns", "tiles", "timeline")
"""Views drawn as charts (`charts.Chart`); the others are networks (`figure.Figure`)."""

_MODULES = {"overview": "overview", "ego": "ego", "patterns": "patterns", "decades": "decades",
            "map": "geomap", "responses": "responses", "tiles": "tiles", "timeline": "timeline"}


NETWORKS = tuple(v for v in VIEWS if v not in CHARTS)


def figure_for(view: str, graph: nx.MultiDiGraph, options: Options | None = None,
               filters: Filters | None = None, **params) -> Figure | Chart:
    """Build `view` of `graph`: its public subgraph unless `options.include_restricted`, then filtered.

    Returns a `Figure` for a network view, a `Chart` for the views in CHARTS.
    Raises KeyError for an unknown view, SelectionError for a filter or
    parameter that names nothing.
    """
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
