"""Connections between two entities: the shortest paths, each step explained.

`connections(explorer, a, b, max_hops, limit)` returns up to `limit` paths of
at most `max_hops` relationships, shortest first (Yen's algorithm,
`networkx.shortest_simple_paths`), on the explorer's connection graph:
undirected, without source documents and journalistic investigations,
which link everything and so explain nothing (see `state._connection_graph`).
Paths of a few steps are searched among the nodes near the two ends
(`near_ends`: every such path lies there), not across the whole graph.
Each step says which relationship links the two nodes, which way it points,
its claim status and its citations, so an investigator can check every link.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import islice

import networkx as nx

from casegraph.explorer.entity import kind_name
from casegraph.explorer.provenance import Provenance, provenance
from casegraph.graph.selection import ordered_subgraph, within
from casegraph.schemas.names import display_name

__all__ = ["Step", "Path", "connections", "shortest_paths", "near_ends", "STATUS_ORDER"]

STATUS_ORDER = ("convicted", "charged", "acquitted", "reported", "alleged", "inferred")
"""Which relationship a step shows when several link the same two nodes: the best established."""


@dataclass
class Step:
    """One relationship on a path, read from the previous node to the next."""

    source: str
    target: str
    type: str
    forward: bool  # the relationship points from `source` to `target`
    status: str
    provenance: Provenance

    @property
    def words(self) -> str:
        return self.type.replace("_", " ").lower()


@dataclass
class Path:
    nodes: list[tuple[str, str, str]]  # (id, kind, name)
    steps: list[Step]


def _step(graph: nx.MultiDiGraph, a: str, b: str) -> Step:
    found = [(data, True) for data in graph.get_edge_data(a, b, default={}).values()]
    found += [(data, False) for data in graph.get_edge_data(b, a, default={}).values()]

    def rank(item):
        status = item[0].get("status") or "reported"
        return STATUS_ORDER.index(status) if status in STATUS_ORDER else len(STATUS_ORDER)

    data, forward = min(found, key=rank)
    return Step(a, b, str(data.get("type", "")), forward, str(data.get("status") or "reported"),
                provenance(data, graph))


NEAR_NODES = 2_000
"""Most nodes the paths are searched among when they can be (`near_ends`); beyond it, the whole
connection graph is searched."""
NEAR_HOPS = 4
"""Paths of at most this many steps are searched near their ends (`near_ends`): tested to give the
same paths in the same order as the whole graph (London, every pair; 10,000 generated cases). A
longer search meets ties in another order there (its fringes differ beyond two steps)."""


def near_ends(links: nx.Graph, a: str, b: str, max_hops: int) -> nx.Graph | None:
    """The part of `links` every path of at most `max_hops` steps from `a` to `b` lies in, or None
    when it holds more than `NEAR_NODES` nodes or `max_hops` is more than `NEAR_HOPS`.

    A node at step i of a path of length L <= max_hops is at most min(i, L - i) <= max_hops // 2
    steps from one end, so the nodes within max_hops // 2 of `a` or `b` hold every such path. At
    three hops that is the two cases and their neighbours (some tens of nodes, not the 25,000 cases
    behind an indicator they share). The part keeps the order of each node's neighbours in
    `links`, so a search over it meets them in the same order."""
    if max_hops > NEAR_HOPS:
        return None
    near: set[str] = set()
    for end in (a, b):
        seen = within(links, end, max_hops // 2, NEAR_NODES - len(near))
        if seen is None:
            return None  # (an indicator's thousands of cases, at four hops or more)
        near |= seen
    if len(near) > NEAR_NODES:
        return None
    part = nx.Graph()
    part.add_nodes_from(sorted(near))
    order = {node: _in_order(links.adj[node], [o for o in near if o in links.adj[node]]) for node in near}
    part.add_edges_from((node, other) for node, others in order.items() for other in others)
    for node, others in order.items():  # each node's neighbours in `links`' order (a search walks them so)
        adjacent = part._adj[node]
        part._adj[node] = {other: adjacent[other] for other in others}
    return part


def _in_order(adjacent, members: list[str]) -> list[str]:
    """`members` (some of `adjacent`'s keys) in `adjacent`'s order, read only as far as the last of them."""
    if len(members) < 2:
        return members
    wanted, found = set(members), []
    for other in adjacent:
        if other in wanted:
            found.append(other)
            if len(found) == len(wanted):
                break
    return found


def shortest_paths(links: nx.Graph, a: str, b: str, max_hops: int, limit: int) -> list[list[str]]:
    """Up to `limit` paths (their nodes) from `a` to `b` in `links` of at most `max_hops` steps,
    shortest first (Yen's algorithm)."""
    found = []
    try:
        for nodes in islice(nx.shortest_simple_paths(links, a, b), limit):
            if len(nodes) - 1 > max_hops:
                break
            found.append(nodes)
    except nx.NetworkXNoPath:
        pass
    return found


def connections(explorer, a: str, b: str, max_hops: int = 4, limit: int = 5) -> list[Path]:
    """Up to `limit` shortest paths from `a` to `b` of at most `max_hops` steps (none: an empty list)."""
    graph, links = explorer.graph, explorer.connections
    if a not in links or b not in links or a == b:
        return []
    found = shortest_paths(near_ends(links, a, b, max_hops) or links, a, b, max_hops, limit)
    # the relationships along the paths, read whole (citations) from the store
    whole = explorer.hydrate(ordered_subgraph(graph, {n for nodes in found for n in nodes}))
    return [Path([(n, kind_name(graph.nodes[n].get("label", "")), display_name(graph.nodes[n], n)) for n in nodes],
                 [_step(whole, u, v) for u, v in zip(nodes, nodes[1:])]) for nodes in found]
