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

At 100,000 generated cases that is still some millions of pairs, so they are
scored on integer codes and only the pairs returned (`top`) get their shared
features listed.
"""

from __future__ import annotations

import heapq
from dataclasses import dataclass

import networkx as nx

from casegraph.analysis.cache import once_per_graph
from casegraph.analysis.features import SIMILARITY_KINDS, CaseFeatures, case_features

__all__ = ["CasePair", "case_similarity", "similarity_graph", "scored_pairs", "best_first", "HUB_CASES"]

HUB_CASES = 100
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


@dataclass(frozen=True)
class _Coded:
    """Cases and features as integers: `cases` in id order, each case's feature codes, and
    each feature's cases (indexes into `cases`, ascending)."""

    cases: list[str]
    sets: list[frozenset[int]]
    cases_of: list[list[int]]


def _coded(graph: nx.MultiDiGraph) -> _Coded:
    def compute() -> _Coded:
        features = case_features(graph)
        cases = sorted(features)
        code: dict[tuple[str, str], int] = {}
        sets, cases_of = [], []
        for index, name in enumerate(cases):
            own = set()
            for feature in features[name].compared():
                number = code.setdefault(feature, len(code))
                if number == len(cases_of):
                    cases_of.append([])
                cases_of[number].append(index)
                own.add(number)
            sets.append(frozenset(own))
        return _Coded(cases, sets, cases_of)

    return once_per_graph(graph, "similarity_codes", compute)


def _candidate_pairs(coded: _Coded, case: int | None = None, hub_cases: int = HUB_CASES) -> set[int]:
    """Pairs of cases (x, y), x < y, coded as `x * len(cases) + y` (an int is a tenth of a tuple's
    memory), that share a feature linked to at most `hub_cases` cases; with `case`, the pairs
    including it, proposed by every feature it has (no limit)."""
    n = len(coded.cases)
    if case is not None:
        return {min(case, o) * n + max(case, o) for f in coded.sets[case] for o in coded.cases_of[f] if o != case}
    pairs: set[int] = set()
    for linked in coded.cases_of:
        if 1 < len(linked) <= hub_cases:
            pairs.update(x * n + y for i, x in enumerate(linked) for y in linked[i + 1:])
    return pairs


def scored_pairs(graph: nx.MultiDiGraph, case: str | None = None, min_shared: int = 1,
                 hub_cases: int = HUB_CASES) -> list[tuple[float, int, str, str]]:
    """(score, shared count, case a, case b) of every pair `case_similarity` gives, unordered:
    the scores without the lists of what is shared (cheap at 100,000 cases)."""
    coded = _coded(graph)
    given = None if case is None else coded.cases.index(case)
    found = []
    n = len(coded.cases)
    for pair in _candidate_pairs(coded, given, hub_cases):
        x, y = divmod(pair, n)
        fx, fy = coded.sets[x], coded.sets[y]
        both = len(fx & fy)
        if both and both >= min_shared:
            a, b = (y, x) if given is not None and y == given else (x, y)
            found.append((round(both / (len(fx) + len(fy) - both), 4), both, coded.cases[a], coded.cases[b]))
    return found


def best_first(scored: tuple[float, int, str, str]) -> tuple[float, int, str, str]:
    """The sort key of `scored_pairs`' tuples: highest score, then most shared, then ids."""
    score, shared, a, b = scored
    return -score, -shared, a, b


def _pair(a: CaseFeatures, b: CaseFeatures, score: float) -> CasePair:
    both = a.compared() & b.compared()
    shared = {kind: sorted(node for k, node in both if k == kind) for kind in SIMILARITY_KINDS}
    return CasePair(a.case, b.case, score, {k: v for k, v in shared.items() if v})


def case_similarity(graph: nx.MultiDiGraph, case: str | None = None, min_shared: int = 1,
                    hub_cases: int = HUB_CASES, top: int | None = None) -> list[CasePair]:
    """Pairs of cases sharing at least `min_shared` features, best first (score, then shared
    count, then ids); the first `top` of them when given.

    With `case`, only the pairs that include it (that case first), exactly.
    Without, the pairs proposed by shared features (exact below `hub_cases` cases).
    """
    scored = scored_pairs(graph, case, min_shared, hub_cases)
    best = sorted(scored, key=best_first) if top is None else heapq.nsmallest(top, scored, key=best_first)
    features = case_features(graph)
    return [_pair(features[a], features[b], score) for score, _, a, b in best]


def similarity_graph(graph: nx.MultiDiGraph, min_shared: int = 1) -> nx.Graph:
    """Cases as nodes (in id order), an edge of weight = score between every similar pair
    (in `case_similarity`'s order)."""
    similar = nx.Graph()
    similar.add_nodes_from(case_features(graph))
    scored = sorted(scored_pairs(graph, min_shared=min_shared), key=best_first)
    similar.add_edges_from((a, b, {"weight": score}) for score, _, a, b in scored)
    return similar
