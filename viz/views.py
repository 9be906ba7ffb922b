"""The views casegraph draws, and the one way to build any of them.

Each view lives in its own module with a `build(graph, options, ...)`;
`figure_for` does what every view needs first: leave restricted data out
unless asked, then cut the graph to the editor's selection
(`casegraph.graph.selection.Selection`, the one selection model that
exports, analytics and reports use too).
"""

from __future__ import annotations

import importlib

import networkx as nx

from casegraph.graph.selection import Selection, public_subgraph, select
from casegraph.viz.compose import Options
from casegraph.viz.figure import Figure

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
               selection: Selection | None = None, *, store_view=None, **params) -> Figure:
    """Build `view` of `graph`: its public subgraph unless `options.include_restricted`, then `selection` of it.

    `store_view` (a store View) is needed only for a selection by catalog query;
    `params` are the view's own (`node`, `hops` for ego). Raises `KeyError` for an
    unknown view and `SelectionError` for a selection naming nothing in the graph."""
    if view not in _MODULES:
        raise KeyError(f"no view {view!r}: expected one of {', '.join(VIEWS)}")
    options = options or Options()
    if not options.include_restricted:
        graph = public_subgraph(graph)
    full = graph
    if selection and not selection.is_empty:
        options.filters = selection.caption(graph)
        graph = select(graph, selection, store_view)
    module = importlib.import_module(f"casegraph.viz.{_MODULES[view]}")
    return module.build(graph, options, sources_graph=full, **params)
