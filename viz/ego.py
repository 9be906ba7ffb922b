"""The ego view: one node (any id: a case, person, institution, place, borough ...) and its neighbourhood to k hops.

Rings around the centre, one per hop, each node placed near the node that
reached it (`layout.radial`): linear time and easy to read, where a force
layout would bury the centre. Relationships count in both directions. Past
the node budget, the outer rings are grouped by type and hop, never the
centre and its direct neighbours.
"""

from __future__ import annotations

import networkx as nx

from casegraph.graph.selection import neighbours, ordered_subgraph, resolve_node
from casegraph.schemas.words import counted
from casegraph.viz.aggregate import aggregate
from casegraph.viz.compose import Options, compose
from casegraph.viz.facts import node_name, short
from casegraph.viz.figure import Figure
from casegraph.viz.layout import radial

__all__ = ["build", "neighbourhood"]


def neighbourhood(graph: nx.MultiDiGraph, centre: str, hops: int) -> tuple[list[list[str]], dict[str, str]]:
    """Breadth-first rings (ring d = nodes d hops away) and each node's parent; Source nodes are skipped."""
    rings, parents, seen = [[centre]], {}, {centre}
    for _ in range(hops):
        ring = []
        for node in rings[-1]:
            for other in sorted(neighbours(graph, node)):
                if other not in seen and graph.nodes[other].get("label") != "Source":
                    seen.add(other)
                    parents[other] = node
                    ring.append(other)
        if not ring:
            break
        rings.append(ring)
    return rings, parents


def build(graph: nx.MultiDiGraph, options: Options, *, node: str, hops: int = 2,
          sources_graph: nx.MultiDiGraph | None = None) -> Figure:
    centre = resolve_node(graph, node)
    rings, parents = neighbourhood(graph, centre, max(hops, 0))
    depth = {n: d for d, ring in enumerate(rings) for n in ring}
    drawn = ordered_subgraph(graph, depth)  # graph.subgraph would follow a set's per-process order
    keep = set(rings[0]) | (set(rings[1]) if len(rings) > 1 and len(rings[1]) < options.budget else set())

    def by_hop(g: nx.MultiDiGraph, n: str) -> str:
        return f"{depth[n]} hops away"

    drawn, notes = aggregate(drawn, options.budget, keep=keep, protect=(), key=by_hop, by="type and distance")
    if notes:
        group_depth = {n: int(a["part"].split()[0]) for n, a in drawn.nodes(data=True) if a.get("group")}
        depth = {n: group_depth.get(n, depth.get(n, 0)) for n in drawn.nodes}
        rings = [[n for n in drawn.nodes if depth[n] == d] for d in range(max(depth.values()) + 1)]
        parents = {n: p for n, p in parents.items() if n in drawn}
    positions = radial(rings, parents)
    name = node_name(graph.nodes[centre])
    sizes = {centre: 30.0}
    return compose("ego", f"{short(name, 60)}: its neighbourhood", drawn, positions, options,
                   sources_graph=sources_graph if sources_graph is not None else graph, sizes=sizes, notes=notes,
                   describe=f"everything within {counted(hops, 'hop')} of {short(name, 60)}")
