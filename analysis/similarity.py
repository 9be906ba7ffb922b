"""Similarity between cases: what they share, and a score to rank pairs by.

Two cases are compared on the indicators, places, people and institutions
they are linked to. The score is the Jaccard index of those feature sets
(shared / all, between 0 and 1): simple to explain to a reader, and a case
with many links does not look similar to everything. The shared features
are listed, so every score can be checked against the graph.

Pairs are generated from shared features (an inverted index: feature ->
its cases), never by comparing every pair of cases. A feature linked to more
than `HUB_CASES` cases (an indicator 20,000 cases show, a police force in
thousands of cases) does not *propose* pairs: it would propose nearly all of
them, and on its own says little. It still counts in the score of every pair
proposed by a rarer shared feature. That is the one approximation, and only
at scale: with fewer cases than `HUB_CASES` nothing is skipped, so the
London answers are exact. Pairs with one given case (`case=`) are always
exact: every feature proposes.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

import networkx as nx

from casegraph.analysis.features import SIMILARITY_KINDS, CaseFeatures, case_features

__all__ = ["CasePair", "case_similarity", "similarity_graph", "candidate_pairs", "HUB_CASES"]

HUB_CASES = 500
"""A feature linked to more cases than this proposes no pairs (see the module docstring)."""


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


def candidate_pairs(features: dict[str, CaseFeatures], case: str | None = None,
                    hub_cases: int = HUB_CASES) -> set[tuple[str, str]]:
    """(a, b) pairs of case ids, a < b, that share a feature linked to at most `hub_cases` cases.

    With `case`, the pairs including it, proposed by every feature it has (no limit)."""
    cases_of: dict[tuple[str, str], list[str]] = defaultdict(list)
    for name in sorted(features):
        for feature in features[name].compared():
            cases_of[feature].append(name)
    if case is not None:
        others = {o for f in features[case].compared() for o in cases_of[f]} - {case}
        return {tuple(sorted((case, o))) for o in others}
    pairs = set()
    for linked in cases_of.values():
        if 1 < len(linked) <= hub_cases:
            pairs.update((x, y) for i, x in enumerate(linked) for y in linked[i + 1:])
    return pairs


def case_similarity(graph: nx.MultiDiGraph, case: str | None = None, min_shared: int = 1,
                    hub_cases: int = HUB_CASES) -> list[CasePair]:
    """Pairs of cases sharing at least `min_shared` features, best first.

    With `case`, only the pairs that include it (that case first), exactly.
    Without, the pairs `candidate_pairs` proposes (exact below `hub_cases` cases).
    """
    features = case_features(graph)
    pairs = []
    for x, y in candidate_pairs(features, case, hub_cases):
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
