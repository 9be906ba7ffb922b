"""The overview: the picture a new user sees first, made to read at 1,600 px.

It draws the cases, their boroughs, and only the people, places and
institutions that link two or more cases: the connections a journalist
looks for, about sixty nodes on the London data instead of 170 in a knot.
Everything else (people, places, institutions tied to one case, reviews,
statements, indicators ...) is in the same figure marked `more`: left out
of the still and hidden on the page until "Show everything", one click
away. The core is laid out with a force layout (`layout.force`) seeded with
each node's borough at its map position, so north stays up and the same
data gives the same picture; the rest sit around the core node they hang
from. Above the node budget the most numerous types are grouped by borough
first (`aggregate`).
"""

from __future__ import annotations

from collections import defaultdict

import networkx as nx

from casegraph.graph.selection import neighbours, ordered_subgraph
from casegraph.schemas.words import counted
from casegraph.viz.aggregate import aggregate, by_borough
from casegraph.viz.compose import Options, compose, describe_figure
from casegraph.viz.figure import Figure
from casegraph.viz.layout import force, project_lat_lon, spread
from casegraph.viz.reading import boroughs_of, nodes_of

__all__ = ["build", "borough_anchors", "core_of", "CONNECTORS"]

CONNECTORS = {"Person", "Place", "Institution"}


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


def core_of(graph: nx.MultiDiGraph) -> set[str]:
    """Cases, the boroughs they are in, and the people, places and institutions linked to two or more cases."""
    cases = set(nodes_of(graph, "CaseFile"))
    core = set(cases)
    for node in cases:
        core |= {b for b in neighbours(graph, node) if graph.nodes[b].get("label") == "Borough"}
    for node, attrs in graph.nodes(data=True):
        if attrs.get("label") in CONNECTORS and len(cases & set(neighbours(graph, node))) >= 2:
            core.add(node)
    return core


def _packed(positions: dict, graph: nx.MultiDiGraph, gap: float = 160.0) -> dict:
    """Small unconnected parts moved up under the largest one, side by side, instead of floating far off."""
    parts = sorted((sorted(c) for c in nx.connected_components(graph.to_undirected(as_view=True))),
                   key=lambda c: (-len(c), c[0]))
    if len(parts) < 2:
        return positions
    main = parts[0]
    x = min(positions[n][0] for n in main)
    y = max(positions[n][1] for n in main) + gap
    out = dict(positions)
    for part in parts[1:]:
        x0, y0 = min(positions[n][0] for n in part), min(positions[n][1] for n in part)
        for n in part:
            out[n] = (positions[n][0] - x0 + x, positions[n][1] - y0 + y)
        x += max(positions[n][0] for n in part) - x0 + gap
    return out


def build(graph: nx.MultiDiGraph, options: Options, *, sources_graph: nx.MultiDiGraph | None = None) -> Figure:
    nodes = [n for n, a in graph.nodes(data=True) if a.get("label") != "Source"]
    if len(nodes) > options.budget:  # grouped (`aggregate`): a graph of its own
        drawn, notes = aggregate(ordered_subgraph(graph, nodes), options.budget, key=by_borough)
        nodes = list(drawn.nodes)
    else:  # `graph` itself: its source documents have no relationship and are given no place (no mark)
        drawn, notes = graph, []
    core = core_of(drawn) or set(nodes)
    inner = ordered_subgraph(drawn, core)  # graph.subgraph would follow the set's per-process order
    positions = _packed(force(sorted(inner.nodes), [(u, v) for u, v in inner.edges()],
                              initial=_seed(inner, borough_anchors(inner)), spacing=120.0), inner)
    hanging = defaultdict(list)
    for node in sorted(set(nodes) - core):
        linked = sorted(n for n in neighbours(drawn, node) if n in core)
        hanging[linked[0] if linked else None].append(node)
    loose = hanging.pop(None, [])
    for anchor, members in hanging.items():
        positions.update(spread(positions[anchor], members, start=60.0, step=22.0))
    if loose:
        right = max((x for x, _ in positions.values()), default=0.0) + 300
        positions.update(spread((right, 0.0), loose, start=10.0, step=24.0))
    figure = compose("overview", "casegraph: overview", drawn, positions, options,
                     sources_graph=sources_graph if sources_graph is not None else graph, notes=notes,
                     describe="cases, their boroughs, and the people, places and institutions linking two or more "
                              "cases")
    for mark in figure.marks:
        mark.more = mark.id not in core
    shown = [m.id for m in figure.marks if not m.more]
    inside = sum(1 for link in figure.links if link.source in core and link.target in core)
    figure.subtitle = figure.subtitle.replace(
        f"{counted(len(figure.marks), 'node')}, {counted(len(figure.links), 'relationship')}",
        f"{counted(len(shown), 'node')} and {counted(inside, 'relationship')} drawn; {counted(len(figure.marks) - len(shown), 'more node')} on the page")
    figure.alt = describe_figure(figure, "cases, their boroughs, and the people, places and institutions linking two or "
                                         "more cases")
    figure.caption = options.caption or figure.alt
    return figure
