"""Groups of similar cases, and the boroughs and decades each group spans.

Communities are found with Louvain modularity (networkx) on the case
similarity graph (`similarity.similarity_graph`), with a fixed seed so the
same graph always gives the same groups. A group that spans several
boroughs or decades is a pattern that crosses them: that is what
investigators look for. Group ids are stable for a given graph: groups are
numbered by size, then by their first case id.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

import networkx as nx

from casegraph.analysis.features import SIMILARITY_KINDS, case_features
from casegraph.analysis.similarity import similarity_graph

__all__ = ["Community", "case_communities", "SEED"]

SEED = 7


@dataclass(frozen=True)
class Community:
    id: int
    cases: list[str]
    boroughs: list[str]
    decades: list[int]
    shared: dict[str, list[str]]  # kind -> features linked to two or more of its cases

    @property
    def crosses_boroughs(self) -> bool:
        return len(self.boroughs) > 1

    @property
    def crosses_decades(self) -> bool:
        return len(self.decades) > 1

    def as_dict(self) -> dict:
        return {"community": self.id, "cases": self.cases, "boroughs": self.boroughs,
                "decades": self.decades, "crosses_boroughs": self.crosses_boroughs,
                "crosses_decades": self.crosses_decades, "shared": self.shared}


def case_communities(graph: nx.MultiDiGraph, min_shared: int = 1, resolution: float = 1.0) -> list[Community]:
    """Groups of similar cases, largest first; a case similar to none is a group of one."""
    similar = similarity_graph(graph, min_shared=min_shared)
    if similar.number_of_nodes() == 0:
        return []
    groups = nx.community.louvain_communities(similar, weight="weight", resolution=resolution, seed=SEED)
    features = case_features(graph)
    ordered = sorted((sorted(g) for g in groups), key=lambda g: (-len(g), g[0]))
    result = []
    for number, cases in enumerate(ordered, start=1):
        counts = {kind: Counter(n for c in cases for n in getattr(features[c], kind)) for kind in SIMILARITY_KINDS}
        shared = {kind: sorted(n for n, k in counts[kind].items() if k > 1) for kind in SIMILARITY_KINDS}
        result.append(Community(
            number, cases,
            sorted({b for c in cases for b in features[c].boroughs}),
            sorted({d for c in cases for d in features[c].decades}),
            {k: v for k, v in shared.items() if v},
        ))
    return result
