"""Small questions the views ask of a projected graph.

The views read the networkx projection (`casegraph.graph.projection`), not
the store, so they work the same on every engine and on generated graphs;
filtering happens in Python on ids and attributes, never by building Cypher
from user input. What a view shares with exports and analytics (which decades
a record counts in, which node a name means, the neighbours of a node) lives
in `casegraph.graph.selection`, so the two never disagree.
"""

from __future__ import annotations

from typing import Iterable

import networkx as nx

from casegraph.graph.selection import neighbours

__all__ = ["label_of", "nodes_of", "boroughs_of", "decade_name", "sources_of", "edges_between"]

_TO_BOROUGH = {"IN_BOROUGH", "PLACE_IN", "ACTIVE_IN", "BASED_IN", "ABOUT"}
_THROUGH_CASE = {"INVOLVES", "AT_PLACE", "EXAMINED", "ABOUT"}


def label_of(graph: nx.MultiDiGraph, node: str) -> str:
    return graph.nodes[node].get("label", "")


def nodes_of(graph: nx.MultiDiGraph, *labels: str) -> list[str]:
    return [n for n, attrs in graph.nodes(data=True) if attrs.get("label") in labels]


def _direct_boroughs(graph: nx.MultiDiGraph, node: str) -> set[str]:
    found = set()
    for _, target, data in graph.out_edges(node, data=True):
        if data.get("type") in _TO_BOROUGH and label_of(graph, target) == "Borough":
            found.add(target)
    return found


def boroughs_of(graph: nx.MultiDiGraph, node: str) -> set[str]:
    """The boroughs a node belongs to: its own, its place's, or its cases'.

    A case: IN_BOROUGH, or the borough of a place it happened at. Anything
    else: a direct link to a borough, else the boroughs of the cases it is
    linked to. A borough is its own.
    """
    label = label_of(graph, node)
    if label == "Borough":
        return {node}
    found = _direct_boroughs(graph, node)
    if label == "CaseFile":
        if not found:
            for _, place, data in graph.out_edges(node, data=True):
                if data.get("type") == "AT_PLACE":
                    found |= _direct_boroughs(graph, place)
        return found
    if found:
        return found
    for other in neighbours(graph, node):
        if label_of(graph, other) == "CaseFile":
            found |= boroughs_of(graph, other)
    return found


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
