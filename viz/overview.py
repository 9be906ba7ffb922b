"""The overview: the whole (filtered) graph in one picture.

A force layout (`layout.force`) computed in Python, seeded with each node's
borough at its map position so north stays up and the same data always
gives the same picture. Above the node budget the most numerous types are
grouped by borough first (`aggregate`), so the page stays quick and
readable, and says what to filter to see more.
"""

from __future__ import annotations

import networkx as nx

from casegraph.viz.aggregate import aggregate, by_borough
from casegraph.viz.compose import Options, compose
from casegraph.viz.figure import Figure
from casegraph.viz.layout import force, project_lat_lon
from casegraph.viz.reading import boroughs_of, nodes_of

__all__ = ["build", "borough_anchors"]


def borough_anchors(graph: nx.MultiDiGraph, width: float = 1800.0) -> dict[str, tuple[float, float]]:
    """Boroughs with a centroid, at their map positions."""
    points = {b: (graph.nodes[b]["lat"], graph.nodes[b]["lon"]) for b in nodes_of(graph, "Borough")
              if graph.nodes[b].get("lat") is not None and graph.nodes[b].get("lon") is not None}
    return project_lat_lon(points, width)


def _seed(graph: nx.MultiDiGraph, anchors: dict) -> dict[str, tuple[float, float]]:
    """Every node starts at its (first) borough's map position; the force layout moves it from there."""
    seed = dict(anchors)
    for node, attrs in graph.nodes(data=True):
        if node in seed:
            continue
        if attrs.get("group"):
            home = [b for b in nodes_of(graph, "Borough") if graph.nodes[b].get("name") == attrs.get("part")]
        else:
            home = sorted(boroughs_of(graph, node))
        if home and home[0] in anchors:
            seed[node] = anchors[home[0]]
    return seed


def build(graph: nx.MultiDiGraph, options: Options, *, sources_graph: nx.MultiDiGraph | None = None) -> Figure:
    drawn = graph.subgraph([n for n, a in graph.nodes(data=True) if a.get("label") != "Source"])
    drawn, notes = aggregate(drawn, options.budget, key=by_borough)
    positions = force(list(drawn.nodes), [(u, v) for u, v in drawn.edges()],
                      initial=_seed(drawn, borough_anchors(drawn)))
    return compose("overview", "casegraph: overview", drawn, positions, options,
                   sources_graph=sources_graph if sources_graph is not None else graph, notes=notes,
                   describe="every case, person, place and institution, and how they connect")
