"""The map view: schematic London, boroughs at their real relative positions.

Boroughs sit at their centroids from the reference data (lat/lon,
equirectangular), sized by their number of cases, with light lines to the
boroughs they border. Each case sits around its borough; people, places and
institutions linked to two or more boroughs sit between them, with their
links: the cross-borough connections an investigator looks for. Nodes tied
to one borough only are left to the other views. Boroughs without a
centroid are lined up beneath the map, labelled as such. Past the node
budget, cases and connectors are grouped per borough.
"""

from __future__ import annotations

import math
import zlib
from collections import defaultdict

import networkx as nx

from casegraph.graph.selection import ordered_subgraph
from casegraph.viz.aggregate import aggregate, by_borough
from casegraph.viz.compose import Options, compose
from casegraph.viz.figure import Figure, Guide
from casegraph.viz.layout import spread
from casegraph.viz.overview import borough_anchors
from casegraph.viz.reading import boroughs_of, nodes_of

__all__ = ["build"]

_CONNECTORS = {"Person", "Place", "Institution"}


def build(graph: nx.MultiDiGraph, options: Options, *, sources_graph: nx.MultiDiGraph | None = None) -> Figure:
    boroughs = nodes_of(graph, "Borough")
    anchors = borough_anchors(graph, width=2200.0)
    cases = nodes_of(graph, "CaseFile")
    home = {c: sorted(boroughs_of(graph, c)) for c in cases}
    connectors = {}
    for node, attrs in graph.nodes(data=True):
        if attrs.get("label") in _CONNECTORS:
            linked = boroughs_of(graph, node)
            if len(linked) >= 2:
                connectors[node] = sorted(linked)
    keep = set(boroughs) | set(cases) | set(connectors)
    drawn, notes = aggregate(ordered_subgraph(graph, keep), options.budget, key=by_borough)

    positions = dict(anchors)
    missing = [b for b in boroughs if b not in anchors]
    bottom = max((y for _, y in anchors.values()), default=0.0) + 260
    for i, b in enumerate(sorted(missing)):
        positions[b] = (-900 + (i % 12) * 160, bottom + 120 * (i // 12))
    guides = [Guide("text", -900, bottom - 70, text="Boroughs without a centroid in the reference data", size=16)] \
        if missing else []

    around = defaultdict(list)
    for node, attrs in drawn.nodes(data=True):
        if attrs.get("label") != "CaseFile":
            continue
        if attrs.get("group"):
            place = [b for b in boroughs if graph.nodes[b].get("name") == attrs.get("part")]
        else:
            place = home.get(node, [])
        around[place[0] if place and place[0] in positions else None].append(node)
    unplaced = around.pop(None, [])
    for borough, members in around.items():
        positions.update(spread(positions[borough], members, start=52.0, step=30.0))
    if unplaced:
        spot = (max((x for x, _ in positions.values()), default=0.0) + 260, 0.0)
        positions.update(spread(spot, unplaced, start=10.0, step=28.0))
        guides.append(Guide("text", spot[0] - 60, spot[1] - 90, text="cases with no known borough", size=16))

    for node, attrs in drawn.nodes(data=True):
        if node in positions:
            continue
        linked = connectors.get(node) or [b for b in boroughs if graph.nodes[b].get("name") == attrs.get("part")]
        points = [positions[b] for b in linked if b in positions]
        if points:
            x = sum(p[0] for p in points) / len(points)
            y = sum(p[1] for p in points) / len(points)
            angle = (zlib.crc32(node.encode()) % 360) * math.pi / 180  # nudged off the exact centre, deterministically
            positions[node] = (x + 18 * math.cos(angle), y + 18 * math.sin(angle))

    counts = defaultdict(int)
    for case, bs in home.items():
        for b in bs:
            counts[b] += 1
    sizes = {b: 16.0 + 6.0 * math.sqrt(counts[b]) for b in boroughs}
    labels = {b: f"{graph.nodes[b].get('name', b)}" + (f" ({counts[b]})" if counts[b] else "") for b in boroughs}
    return compose("map", "casegraph: cases across London", drawn, positions, options,
                   sources_graph=sources_graph if sources_graph is not None else graph, sizes=sizes, labels=labels,
                   guides=guides, notes=notes,
                   describe="boroughs at their real relative positions (cases in brackets); "
                            "people, places and institutions that link boroughs between them")
