"""The institutions, places and people that connect the most cases or boroughs.

A node's cases are those one relationship away, or two through an
investigation, review or statement (an institution that commissioned a
review of a case, or made a statement about it, is linked to it). Its
boroughs are its cases' boroughs plus those it is directly tied to (based
in, active in, lies in) and those of the places it is tied to.

Centrality is betweenness on the graph as an undirected simple graph,
leaving out source documents and borough adjacency (NEIGHBOURS), which
would otherwise make geography, not the cases, decide who is central.
Exact up to `EXACT_BETWEENNESS` nodes (the London graph); above that it is
estimated from `SAMPLE_SOURCES` source nodes drawn with the fixed seed
`communities.SEED` (networkx's `k` sampling, Brandes & Pich 2007), so the same graph
always gives the same figures. It is computed once per graph: `connectors`,
`annotate` and `analyze all` share the result.
"""

from __future__ import annotations

from dataclasses import dataclass
from weakref import WeakKeyDictionary

import networkx as nx

from casegraph.analysis.communities import SEED
from casegraph.analysis.features import case_features, display_name
from casegraph.graph.selection import linked_cases

__all__ = ["Connector", "connectors", "centrality", "CONNECTOR_LABELS", "linked_boroughs",
           "EXACT_BETWEENNESS", "SAMPLE_SOURCES"]

CONNECTOR_LABELS = ("Institution", "Place", "Person")
EXACT_BETWEENNESS = 5_000
"""Nodes up to which betweenness is exact; above, it is sampled (see the module docstring)."""
SAMPLE_SOURCES = 64

_computed: "WeakKeyDictionary[nx.MultiDiGraph, tuple[tuple[int, int], dict[str, float]]]" = WeakKeyDictionary()


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
    """Betweenness centrality (normalised, 0..1) of every node but source documents.

    Exact up to EXACT_BETWEENNESS nodes, sampled from SAMPLE_SOURCES sources
    (seed SEED) above; computed once per graph while its size is unchanged."""
    size = (graph.number_of_nodes(), graph.number_of_edges())
    if graph in _computed and _computed[graph][0] == size:
        return dict(_computed[graph][1])
    simple = nx.Graph()
    simple.add_nodes_from(n for n, a in graph.nodes(data=True) if a.get("label") != "Source")
    simple.add_edges_from((u, v) for u, v, a in graph.edges(data=True)
                          if a.get("type") != "NEIGHBOURS" and u in simple and v in simple and u != v)
    sample = SAMPLE_SOURCES if simple.number_of_nodes() > EXACT_BETWEENNESS else None
    scores = nx.betweenness_centrality(simple, k=sample, normalized=True, seed=SEED)
    found = {n: round(b, 6) for n, b in scores.items()}
    _computed[graph] = (size, found)
    return dict(found)


def linked_boroughs(graph: nx.MultiDiGraph, node: str, cases: set[str], features=None) -> set[str]:
    features = features or case_features(graph)
    boroughs = {b for c in cases for b in features[c].boroughs}
    for other in set(graph.successors(node)) | set(graph.predecessors(node)):
        label = graph.nodes[other].get("label")
        if label == "Borough":
            boroughs.add(other)
        elif label == "Place":
            boroughs |= {b for b in graph.successors(other) if graph.nodes[b].get("label") == "Borough"}
    return boroughs


def connectors(graph: nx.MultiDiGraph, labels=CONNECTOR_LABELS, min_cases: int = 0) -> list[Connector]:
    """Nodes of the given labels, those linking the most boroughs and cases first."""
    features = case_features(graph)
    between = centrality(graph)
    found = []
    for node, attrs in graph.nodes(data=True):
        if attrs.get("label") not in labels:
            continue
        cases = linked_cases(graph, node, skip_journalism=True)
        if len(cases) < min_cases:
            continue
        boroughs = linked_boroughs(graph, node, cases, features)
        found.append(Connector(node, attrs["label"], display_name(graph, node), sorted(cases),
                               sorted(boroughs), between.get(node, 0.0)))
    return sorted(found, key=lambda c: (-len(c.boroughs), -len(c.cases), -c.betweenness, c.id))
