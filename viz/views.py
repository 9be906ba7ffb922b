"""The views casegraph draws, and the one way to build any of them.

Each view lives in its own module with a `build(graph, options, ...)`
returning a `Figure` (networks) or a `Chart` (tile map, matrices, timeline);
`figure_for` does what every view needs first: leave restricted data out
unless asked, then cut the graph to the editor's selection
(`casegraph.graph.selection.Selection`, the one selection model that
exports, analytics and reports use too).
"""

from __future__ import annotations

import importlib

import networkx as nx

from casegraph.exports.base import conditional_citations, refuse_unfit_graph
from casegraph.graph.selection import Selection, public_subgraph, select
from casegraph.graph.values import conditional_of
from casegraph.viz.charts import Chart
from casegraph.viz.compose import Options
from casegraph.viz.figure import Figure

__all__ = ["VIEWS", "CHARTS", "NETWORKS", "figure_for", "prepare"]

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


def prepare(graph: nx.MultiDiGraph, options: Options, checked: bool = False) -> nx.MultiDiGraph:
    """What every view draws from: `graph`, refused (ExportError) if it holds text no page or
    still can hold (the loaders refuse it too; not again if `checked`: `refuse_unfit_graph(graph)`
    has passed, unchanged since), then its public subgraph unless `options.include_restricted`
    (a copy). A server drawing several views of one selection prepares it once and passes
    `prepared=True` to `figure_for`."""
    if not checked:
        refuse_unfit_graph(graph)
    return graph if options.include_restricted else public_subgraph(graph)


def figure_for(view: str, graph: nx.MultiDiGraph, options: Options | None = None,
               selection: Selection | None = None, *, store_view=None, prepared: bool = False,
               **params) -> Figure | Chart:
    """Build `view` of `graph`: `prepare`d (its public subgraph unless `options.include_restricted`;
    unless `prepared` says `graph` is already `prepare(graph, options)`), then `selection` of it.

    Returns a `Figure` for a network view, a `Chart` for the views in CHARTS.
    `store_view` (a store View) is needed only for a selection by catalog query;
    `params` are the view's own (`node`, `hops` for ego, `measure` for tiles).
    Raises KeyError for an unknown view, SelectionError for a selection or
    parameter that names nothing in the graph.
    """
    if view not in _MODULES:
        raise KeyError(f"no view {view!r}: expected one of {', '.join(VIEWS)}")
    options = options or Options()
    if not prepared:
        graph = prepare(graph, options)
    full = graph
    if selection and not selection.is_empty:
        options.filters = selection.caption(graph)
        graph = select(graph, selection, store_view)
    module = importlib.import_module(f"casegraph.viz.{_MODULES[view]}")
    figure = module.build(graph, options, sources_graph=full, **params)
    figure.conditional = _conditional(figure, graph)
    return figure


def _conditional(figure: Figure | Chart, graph: nx.MultiDiGraph) -> int:
    """Citations with handling code C behind a picture (`exports.base.conditional_citations`): those of the
    nodes a network draws and the relationships between them; of the whole selection for a chart, or a
    network that groups nodes (a group's members are not marks): more, never fewer, than it shows."""
    if isinstance(figure, Figure) and not figure.aggregated:
        drawn = {m.id for m in figure.marks if m.id in graph}
        # the drawn nodes' own links, not `graph.subgraph`: a filtered view walks ten times slower
        return (sum(conditional_of(graph.nodes[node]) for node in drawn)
                + sum(conditional_of(attrs) for _, far, attrs in graph.edges(drawn, data=True) if far in drawn))
    return conditional_citations(graph)
