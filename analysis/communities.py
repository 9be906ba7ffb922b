"""Groups of similar cases, and the boroughs and decades each group spans.

Communities are found with Louvain modularity on the case similarity graph
(`similarity.similarity_graph`), with a fixed seed so the same graph always
gives the same groups. Up to `NETWORKX_LOUVAIN_CASES` cases (London, any
borough's selection) that is networkx's `louvain_communities(seed=SEED)`. Above,
it is igraph's `community_multilevel`: the same method (Blondel et al. 2008) in C,
its random order drawn from `random.Random(SEED)`, because networkx's, in Python,
needs minutes for the hundreds of thousands of similar pairs of 100,000
generated cases. The
two implementations visit cases in different orders, so on the same graph they
can group a few cases differently; each is deterministic. A group that spans several
boroughs or decades is a pattern that crosses them: that is what
investigators look for. Group ids are stable for a given graph: groups are
numbered by size, then by their first case id.
"""

from __future__ import annotations

import random
from collections import Counter
from dataclasses import dataclass

import igraph
import networkx as nx

from casegraph.analysis.features import SIMILARITY_KINDS, case_features
from casegraph.analysis.similarity import best_first, scored_pairs, similarity_graph

__all__ = ["Community", "case_communities", "SEED", "NETWORKX_LOUVAIN_CASES"]

SEED = 7
"""The one seed of every randomised analysis (Louvain's order, betweenness's sampled sources)."""
NETWORKX_LOUVAIN_CASES = 5_000
"""Cases up to which communities are networkx's Louvain; above, igraph's (see the module docstring)."""


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
    features = case_features(graph)
    if not features:
        return []
    if len(features) <= NETWORKX_LOUVAIN_CASES:
        similar = similarity_graph(graph, min_shared=min_shared)
        groups = nx.community.louvain_communities(similar, weight="weight", resolution=resolution, seed=SEED)
    else:
        groups = _multilevel(graph, sorted(features), min_shared, resolution)
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


def _multilevel(graph: nx.MultiDiGraph, cases: list[str], min_shared: int, resolution: float) -> list[list[str]]:
    """igraph's Louvain on the similar pairs, seeded: lists of case ids."""
    index = {case: i for i, case in enumerate(cases)}
    pairs = sorted(scored_pairs(graph, min_shared=min_shared), key=best_first)
    similar = igraph.Graph(n=len(cases), edges=[(index[a], index[b]) for _, _, a, b in pairs])
    weights = [score for score, *_ in pairs]
    del pairs
    igraph.set_random_number_generator(random.Random(SEED))
    try:
        found = similar.community_multilevel(weights=weights, resolution=resolution)
    finally:
        igraph.set_random_number_generator(random)  # igraph's default: the random module
    return [[cases[i] for i in members] for members in found]
