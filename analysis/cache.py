"""Computed once per graph: what several analyses read (case features, betweenness, reach).

`casegraph analyze all` runs five analyses on one graph; each used to recompute
the case features, the nodes' linked cases and the betweenness. A result is
kept per graph object while its node and relationship counts are unchanged (a
graph that grows or shrinks is computed again), and dropped with the graph.
Callers must not change what they are given: it is shared. Counting a
networkx multigraph's relationships walks its nodes, so ask once per
analysis, never once per node.
"""

from __future__ import annotations

from typing import Any, Callable, TypeVar
from weakref import WeakKeyDictionary

import networkx as nx

__all__ = ["once_per_graph"]

T = TypeVar("T")

_kept: "WeakKeyDictionary[nx.Graph, dict[str, tuple[tuple[int, int], Any]]]" = WeakKeyDictionary()


def once_per_graph(graph: nx.Graph, name: str, compute: Callable[[], T]) -> T:
    """`compute()`'s result for `graph`, computed the first time `name` is asked of this graph
    (and again once its size changed); the same object is returned afterwards."""
    size = (graph.number_of_nodes(), graph.number_of_edges())
    kept = _kept.setdefault(graph, {})
    if name not in kept or kept[name][0] != size:
        kept[name] = (size, compute())
    return kept[name][1]
