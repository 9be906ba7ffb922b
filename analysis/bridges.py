"""Bridges between boroughs: what links a case, person or place in one borough to another.

For every pair of boroughs, the nodes that tie them together: a person
active in both, an institution involved in cases in both, a place linked
to cases in both, or a case attributed to both. Indicators are left out
(a shared pattern is similarity, see `communities`); borough adjacency is
not a bridge but is reported beside each pair (`neighbours`), because a
link between boroughs that do not touch is the more striking one.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import combinations

import networkx as nx

from casegraph.analysis.connectors import reaches
from casegraph.analysis.features import case_features

__all__ = ["Bridge", "borough_bridges", "BRIDGE_LABELS"]

BRIDGE_LABELS = ("Person", "Institution", "Place", "CaseFile")


@dataclass(frozen=True)
class Bridge:
    a: str
    b: str
    neighbours: bool
    via: list[str]

    def as_dict(self) -> dict:
        return {"borough_a": self.a, "borough_b": self.b, "neighbours": self.neighbours,
                "via_count": len(self.via), "via": self.via}


def _adjacent(graph: nx.MultiDiGraph, a: str, b: str) -> bool:
    return any(d.get("type") == "NEIGHBOURS" for u, v in ((a, b), (b, a)) for d in graph.get_edge_data(u, v, default={}).values())


def borough_bridges(graph: nx.MultiDiGraph, labels=BRIDGE_LABELS, skip_institution_types=("media",)) -> list[Bridge]:
    """Borough pairs and the nodes bridging them, the most-bridged pairs first.

    Institutions whose type is in `skip_institution_types` (the outlets that
    reported the cases) are left out: they link everything they wrote about.
    """
    features, known = case_features(graph), reaches(graph)
    pairs: dict[tuple[str, str], set[str]] = {}
    for node, attrs in graph.nodes(data=True):
        label = attrs.get("label")
        if label not in labels or attrs.get("institution_type") in skip_institution_types:
            continue
        boroughs = features[node].boroughs if label == "CaseFile" else known[node][1]
        for a, b in combinations(sorted(boroughs), 2):
            pairs.setdefault((a, b), set()).add(node)
    bridges = [Bridge(a, b, _adjacent(graph, a, b), sorted(via)) for (a, b), via in pairs.items()]
    return sorted(bridges, key=lambda br: (-len(br.via), br.neighbours, br.a, br.b))
