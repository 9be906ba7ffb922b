"""Small questions the views ask of a projected graph.

The views read the networkx projection (`casegraph.graph.projection`), not
the store, so they work the same on every engine and on generated graphs;
filtering happens in Python on ids and attributes, never by building Cypher
from user input. What a view shares with exports and analytics (which decades
a record counts in, which node a name means, the neighbours of a node, the
boroughs of a node) lives in `casegraph.graph.selection` and `casegraph.graph.search`, so the two never disagree.
"""

from __future__ import annotations

from typing import Iterable

import networkx as nx

from casegraph.graph.search import boroughs_of

__all__ = ["label_of", "nodes_of", "boroughs_of", "decade_name", "sources_of", "edges_between"]


def label_of(graph: nx.MultiDiGraph, node: str) -> str:
    return graph.nodes[node].get("label", "")


def nodes_of(graph: nx.MultiDiGraph, *labels: str) -> list[str]:
    return [n for n, attrs in graph.nodes(data=True) if attrs.get("label") in labels]


def decade_name(decade: int | None) -> str:
    """`2010s`; a record whose period is unknown is `year unknown` (see `graph.selection.decades_of`)."""
    return f"{decade}s" if decade is not None else "year unknown"


def sources_of(graph: nx.MultiDiGraph) -> dict[str, dict]:
    """Source documents in the graph, by id (restricted ones are absent when filtered)."""
    return {n: dict(attrs) for n, attrs in graph.nodes(data=True) if attrs.get("label") == "Source"}


def edges_between(graph: nx.MultiDiGraph, nodes: Iterable[str]):
    """(source, target, key, attrs) of every relationship inside a node set."""
    keep = set(nodes)
    for source, target, key, data in graph.edges(keys=True, data=True):
        if source in keep and target in keep:
            yield source, target, key, data
