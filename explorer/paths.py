"""Connections between two entities: the shortest paths, each step explained.

`connections(explorer, a, b, max_hops, limit)` returns up to `limit` paths of
at most `max_hops` relationships, shortest first (Yen's algorithm,
`networkx.shortest_simple_paths`), on the explorer's connection graph:
undirected, without source documents and journalistic investigations,
which link everything and so explain nothing (see `state._connection_graph`).
Each step says which relationship links the two nodes, which way it points,
its claim status and its citations, so an investigator can check every link.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import islice

import networkx as nx

from casegraph.explorer.entity import kind_name
from casegraph.explorer.provenance import Provenance, provenance
from casegraph.graph.selection import ordered_subgraph
from casegraph.schemas.names import display_name

__all__ = ["Step", "Path", "connections", "STATUS_ORDER"]

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


def connections(explorer, a: str, b: str, max_hops: int = 4, limit: int = 5) -> list[Path]:
    """Up to `limit` shortest paths from `a` to `b` of at most `max_hops` steps (none: an empty list)."""
    graph, links = explorer.graph, explorer.connections
    if a not in links or b not in links or a == b:
        return []
    found = []
    try:
        for nodes in islice(nx.shortest_simple_paths(links, a, b), limit):
            if len(nodes) - 1 > max_hops:
                break
            found.append(nodes)
    except nx.NetworkXNoPath:
        pass
    # the relationships along the paths, read whole (citations) from the store
    whole = explorer.hydrate(ordered_subgraph(graph, {n for nodes in found for n in nodes}))
    return [Path([(n, kind_name(graph.nodes[n].get("label", "")), display_name(graph.nodes[n], n)) for n in nodes],
                 [_step(whole, u, v) for u, v in zip(nodes, nodes[1:])]) for nodes in found]
