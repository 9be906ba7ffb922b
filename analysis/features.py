"""What each case is linked to: the features that similarity and communities compare.

A case's features are the nodes one relationship away from it, by kind:
indicators it shows, places it is tied to, people and institutions it
involves, boroughs it is in, and the decades its period counts in
(`casegraph.graph.selection.decades_of`, the catalog's rule). Features
are read from the graph given, so a public projection compares cases on
public data only.

They are computed once per graph (`casegraph.analysis.cache`): every analysis
of `analyze all` reads the same ones.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import networkx as nx

from casegraph.analysis.cache import once_per_graph
from casegraph.graph.selection import decades_of
from casegraph.schemas import names

__all__ = ["CaseFeatures", "case_features", "SIMILARITY_KINDS", "display_name", "cases_of"]

SIMILARITY_KINDS = ("indicators", "places", "people", "institutions")
"""What two cases can share that makes them similar (boroughs and decades are
what groups of similar cases are found *across*, so they are not compared)."""

_KIND_OF_LABEL = {"Indicator": "indicators", "Place": "places", "Person": "people",
                  "Institution": "institutions", "Borough": "boroughs"}


@dataclass
class CaseFeatures:
    case: str
    indicators: set[str] = field(default_factory=set)
    places: set[str] = field(default_factory=set)
    people: set[str] = field(default_factory=set)
    institutions: set[str] = field(default_factory=set)
    boroughs: set[str] = field(default_factory=set)
    decades: set[int] = field(default_factory=set)

    def compared(self) -> set[tuple[str, str]]:
        """(kind, node id) for every feature similarity compares."""
        return {(kind, node) for kind in SIMILARITY_KINDS for node in getattr(self, kind)}


def display_name(graph: nx.MultiDiGraph, node: str) -> str:
    return names.display_name(graph.nodes[node], node)


def cases_of(graph: nx.MultiDiGraph) -> list[str]:
    return sorted(n for n, a in graph.nodes(data=True) if a.get("label") == "CaseFile")


def case_features(graph: nx.MultiDiGraph) -> dict[str, CaseFeatures]:
    """Features of every case in the graph, by case id (in id order); shared, not to be changed."""
    return once_per_graph(graph, "case_features", lambda: _features(graph))


def _features(graph: nx.MultiDiGraph) -> dict[str, CaseFeatures]:
    features = {}
    for case in cases_of(graph):
        found = CaseFeatures(case, decades=set(decades_of(graph.nodes[case])))
        for other in set(graph.successors(case)) | set(graph.predecessors(case)):
            kind = _KIND_OF_LABEL.get(graph.nodes[other].get("label"))
            if kind:
                getattr(found, kind).add(other)
        # a place's borough counts as the case's borough too
        for place in list(found.places):
            found.boroughs |= {b for b in graph.successors(place) if graph.nodes[b].get("label") == "Borough"}
        features[case] = found
    return features
