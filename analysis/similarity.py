"""Similarity between cases: what they share, and a score to rank pairs by.

Two cases are compared on the indicators, places, people and institutions
they are linked to. The score is the Jaccard index of those feature sets
(shared / all, between 0 and 1): simple to explain to a reader, and a case
with many links does not look similar to everything. The shared features
are listed, so every score can be checked against the graph.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import combinations

import networkx as nx

from casegraph.analysis.features import SIMILARITY_KINDS, CaseFeatures, case_features

__all__ = ["CasePair", "case_similarity", "similarity_graph"]


@dataclass(frozen=True)
class CasePair:
    a: str
    b: str
    score: float
    shared: dict[str, list[str]]  # kind -> node ids, sorted

    @property
    def shared_count(self) -> int:
        return sum(len(v) for v in self.shared.values())

    def as_dict(self) -> dict:
        return {"case_a": self.a, "case_b": self.b, "score": self.score,
                "shared_count": self.shared_count, "shared": self.shared}


def _pair(a: CaseFeatures, b: CaseFeatures) -> CasePair | None:
    fa, fb = a.compared(), b.compared()
    both = fa & fb
    if not both:
        return None
    shared = {kind: sorted(node for k, node in both if k == kind) for kind in SIMILARITY_KINDS}
    return CasePair(a.case, b.case, round(len(both) / len(fa | fb), 4), {k: v for k, v in shared.items() if v})


def case_similarity(graph: nx.MultiDiGraph, case: str | None = None, min_shared: int = 1) -> list[CasePair]:
    """Pairs of cases sharing at least `min_shared` features, best first.

    With `case`, only the pairs that include it (that case first).
    """
    features = case_features(graph)
    pairs = []
    for x, y in combinations(sorted(features), 2):
        if case is not None and case not in (x, y):
            continue
        if case is not None and y == case:
            x, y = y, x
        pair = _pair(features[x], features[y])
        if pair and pair.shared_count >= min_shared:
            pairs.append(pair)
    return sorted(pairs, key=lambda p: (-p.score, -p.shared_count, p.a, p.b))


def similarity_graph(graph: nx.MultiDiGraph, min_shared: int = 1) -> nx.Graph:
    """Cases as nodes, an edge of weight = score between every similar pair."""
    similar = nx.Graph()
    similar.add_nodes_from(case_features(graph))
    for pair in case_similarity(graph, min_shared=min_shared):
        similar.add_edge(pair.a, pair.b, weight=pair.score, shared=pair.shared)
    return similar
