"""The institutions, places and people that connect the most cases or boroughs.

A node's cases are those one relationship away, or two through an
investigation, review or statement (an institution that commissioned a
review of a case, or made a statement about it, is linked to it). Its
boroughs are its cases' boroughs plus those it is directly tied to (based
in, active in, lies in) and those of the places it is tied to. Both are
found once per graph (`casegraph.analysis.cache`) and shared with `bridges`.

Centrality is betweenness on the graph as an undirected simple graph,
leaving out source documents and borough adjacency (NEIGHBOURS), which
would otherwise make geography, not the cases, decide who is central.
Exact up to `EXACT_BETWEENNESS` nodes (the London graph, a few hundred). Above
that it is estimated from `SAMPLE_SOURCES` source nodes drawn with the fixed
seed `communities.SEED`: the estimator of networkx's `betweenness_centrality(k=...)`
(Brandes & Pich 2007: the dependencies of the sampled sources, scaled up to
every source), drawn as networkx draws them (`random.Random(SEED).sample` of the
nodes in graph order), so the same graph always gives the same figures. The
shortest paths are counted by igraph (C): networkx, in Python, took about a second
per source at 10,000 generated cases and would take minutes at 100,000. Computed
once per graph: `connectors`, `annotate` and `analyze all` share the result.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

import igraph
import networkx as nx

from casegraph.analysis.cache import once_per_graph
from casegraph.analysis.communities import SEED
from casegraph.analysis.features import case_features, display_name
from casegraph.graph.selection import linked_cases

__all__ = ["Connector", "connectors", "centrality", "CONNECTOR_LABELS", "linked_boroughs", "reaches",
           "EXACT_BETWEENNESS", "SAMPLE_SOURCES"]

CONNECTOR_LABELS = ("Institution", "Place", "Person")
EXACT_BETWEENNESS = 5_000
"""Nodes up to which betweenness is exact; above, it is sampled (see the module docstring)."""
SAMPLE_SOURCES = 64
"""Source nodes the betweenness is estimated from above `EXACT_BETWEENNESS` nodes."""


@dataclass(frozen=True)
class Connector:
    id: str
    label: str
    name: str
    cases: list[str]
    boroughs: list[str]
    betweenness: float

    def as_dict(self) -> dict:
        return {"id": self.id, "label": self.label, "name": self.name, "case_count": len(self.cases),
                "borough_count": len(self.boroughs), "betweenness": self.betweenness,
                "cases": self.cases, "boroughs": self.boroughs}


def centrality(graph: nx.MultiDiGraph) -> dict[str, float]:
    """Betweenness centrality (normalised, 0..1, rounded to 6 places) of every node but source
    documents, by node id.

    Exact up to EXACT_BETWEENNESS nodes, sampled from SAMPLE_SOURCES sources (seed SEED)
    above; computed once per graph while its size is unchanged."""
    return dict(once_per_graph(graph, "betweenness", lambda: _betweenness(graph)))


def _betweenness(graph: nx.MultiDiGraph) -> dict[str, float]:
    nodes = [n for n, a in graph.nodes(data=True) if a.get("label") != "Source"]
    index = {n: i for i, n in enumerate(nodes)}
    edges = {(min(i, j), max(i, j)) for u, v, a in graph.edges(data=True)
             if a.get("type") != "NEIGHBOURS" and (i := index.get(u)) is not None
             and (j := index.get(v)) is not None and i != j}
    n = len(nodes)
    if n <= 2:
        return {node: 0.0 for node in nodes}
    simple = igraph.Graph(n=n, edges=sorted(edges))
    if n <= EXACT_BETWEENNESS:
        # igraph counts each unordered pair once; networkx's normalised figure divides the
        # ordered pairs' count by (n - 1)(n - 2)
        raw = simple.betweenness(directed=False)
        return {node: round(2 * raw[i] / ((n - 1) * (n - 2)), 6) for i, node in enumerate(nodes)}
    k = min(SAMPLE_SOURCES, n)
    sources = random.Random(SEED).sample(range(n), k)  # the draw networkx makes of the same nodes
    raw = simple.betweenness(directed=False, sources=sources)  # half the sources' dependencies
    chosen = set(sources)
    # networkx's rescaling of a k-sample without endpoints: a source cannot lie on its own paths
    return {node: round(2 * raw[i] / ((k - 1 if i in chosen else k) * (n - 2)), 6) if k > 1 else 0.0
            for i, node in enumerate(nodes)}


def linked_boroughs(graph: nx.MultiDiGraph, node: str, cases: set[str], features=None) -> set[str]:
    """The boroughs of `cases`, those `node` is tied to, and those of the places it is tied to."""
    features = features or case_features(graph)
    boroughs = {b for c in cases for b in features[c].boroughs}
    for other in set(graph.successors(node)) | set(graph.predecessors(node)):
        label = graph.nodes[other].get("label")
        if label == "Borough":
            boroughs.add(other)
        elif label == "Place":
            boroughs |= {b for b in graph.successors(other) if graph.nodes[b].get("label") == "Borough"}
    return boroughs


def reaches(graph: nx.MultiDiGraph) -> dict[str, tuple[set[str], set[str]]]:
    """Institution, place and person id -> (cases, boroughs) it links, as the module docstring
    says (journalism not followed); found once per graph and shared: not to be changed."""
    def compute():
        features = case_features(graph)
        found = {}
        for node, attrs in graph.nodes(data=True):
            if attrs.get("label") in CONNECTOR_LABELS:
                cases = linked_cases(graph, node, skip_journalism=True)
                found[node] = (cases, linked_boroughs(graph, node, cases, features))
        return found

    return once_per_graph(graph, "reach", compute)


def connectors(graph: nx.MultiDiGraph, labels=CONNECTOR_LABELS, min_cases: int = 0) -> list[Connector]:
    """Nodes of the given labels, those linking the most boroughs and cases first."""
    between, known, features = centrality(graph), reaches(graph), case_features(graph)
    found = []
    for node, attrs in graph.nodes(data=True):
        if attrs.get("label") not in labels:
            continue
        if node in known:
            cases, boroughs = known[node]
        else:
            cases = linked_cases(graph, node, skip_journalism=True)
            boroughs = linked_boroughs(graph, node, cases, features)
        if len(cases) < min_cases:
            continue
        found.append(Connector(node, attrs["label"], display_name(graph, node), sorted(cases),
                               sorted(boroughs), between.get(node, 0.0)))
    return sorted(found, key=lambda c: (-len(c.boroughs), -len(c.cases), -c.betweenness, c.id))
