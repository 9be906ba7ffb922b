"""Analytics at scale: each approximation switches on above its size, is deterministic, and is the
estimator it says it is; below every size (London) the answers are the exact ones.

The sizes are lowered with monkeypatch so small graphs cross them; the figures at 100,000 cases are
a benchmark's (`python -m benchmarks.analytics`), not a test's.
"""

from __future__ import annotations

import importlib
from itertools import combinations

import networkx as nx
import pytest

from casegraph.analysis import case_communities, case_features, case_similarity, centrality, similarity_graph
from casegraph.analysis.features import SIMILARITY_KINDS

connectors_module = importlib.import_module("casegraph.analysis.connectors")  # the package exports a function
communities_module = importlib.import_module("casegraph.analysis.communities")


def _people(size: int, links: int, seed: int) -> nx.MultiDiGraph:
    """A random graph of people, a source document and a NEIGHBOURS link (both left out of betweenness)."""
    shape = nx.gnm_random_graph(size, links, seed=seed)
    g = nx.MultiDiGraph()
    g.add_nodes_from((f"n{n}", {"label": "Person"}) for n in shape)
    g.add_node("doc", label="Source")
    g.add_edges_from((f"n{u}", f"n{v}", f"e{i}", {"type": "ASSOCIATED_WITH"}) for i, (u, v) in enumerate(shape.edges()))
    g.add_edge("n0", "n1", key="twice", type="MEMBER_OF")
    g.add_edge("n2", "n3", key="nb", type="NEIGHBOURS")
    g.add_edge("n4", "doc", key="cites", type="CITES")
    return g


def _networkx_figures(g: nx.MultiDiGraph, k: int | None) -> dict[str, float]:
    simple = nx.Graph()
    simple.add_nodes_from(n for n, a in g.nodes(data=True) if a["label"] != "Source")
    simple.add_edges_from((u, v) for u, v, a in g.edges(data=True)
                          if a["type"] != "NEIGHBOURS" and u in simple and v in simple and u != v)
    return {n: round(b, 6) for n, b in nx.betweenness_centrality(simple, k=k, seed=7).items()}


def test_betweenness_is_exact_up_to_its_size(public_graph):
    g = _people(120, 300, seed=1)
    assert centrality(g) == _networkx_figures(g, None)
    assert centrality(public_graph) == _networkx_figures(public_graph, None)  # London: as networkx gave it


def test_betweenness_above_its_size_is_networkx_sampled_estimator_with_seed_7(monkeypatch):
    g = _people(300, 700, seed=3)
    exact = centrality(g)
    monkeypatch.setattr(connectors_module, "EXACT_BETWEENNESS", 200)
    monkeypatch.setattr(connectors_module, "SAMPLE_SOURCES", 20)
    sampled = centrality(nx.MultiDiGraph(g))
    assert sampled != exact
    assert sampled == _networkx_figures(g, 20)  # the same sources, the same scaling
    assert sampled == centrality(nx.MultiDiGraph(g))  # deterministic: a new copy, the same figures


def test_similarity_is_every_pair_sharing_a_feature_when_no_feature_is_a_hub(public_graph):
    """London (below HUB_CASES): the pairs are those all-pairs Jaccard gives, scores and shared lists too."""
    features = case_features(public_graph)
    expected = {}
    for a, b in combinations(sorted(features), 2):
        fa, fb = features[a].compared(), features[b].compared()
        if fa & fb:
            shared = {kind: sorted(n for k, n in fa & fb if k == kind) for kind in SIMILARITY_KINDS}
            expected[(a, b)] = (round(len(fa & fb) / len(fa | fb), 4), {k: v for k, v in shared.items() if v})
    pairs = case_similarity(public_graph)
    assert {(p.a, p.b): (p.score, p.shared) for p in pairs} == expected
    assert pairs == sorted(pairs, key=lambda p: (-p.score, -p.shared_count, p.a, p.b))
    assert case_similarity(public_graph, top=7) == pairs[:7]
    similar = similarity_graph(public_graph)
    assert {frozenset(e) for e in similar.edges()} == {frozenset(pair) for pair in expected}
    assert all(similar.edges[pair]["weight"] == score for pair, (score, _) in expected.items())


def _clusters(count: int, size: int) -> nx.MultiDiGraph:
    """`count` groups of `size` cases; the cases of a group share a place, every case one indicator."""
    g = nx.MultiDiGraph()
    g.add_node("ind", label="Indicator")
    for group in range(count):
        g.add_node(f"p{group:02d}", label="Place")
        for member in range(size):
            case = f"c{group:02d}-{member:02d}"
            g.add_node(case, label="CaseFile", period="unknown")
            g.add_edge(case, f"p{group:02d}", key=f"{case}-at", type="AT_PLACE")
            g.add_edge(case, "ind", key=f"{case}-shows", type="SHOWS")
    return g


def test_communities_above_their_size_are_igraphs_louvain_seeded(monkeypatch):
    g = _clusters(6, 5)
    small = case_communities(g)
    monkeypatch.setattr(communities_module, "NETWORKX_LOUVAIN_CASES", 10)
    large = case_communities(nx.MultiDiGraph(g))
    assert large == case_communities(nx.MultiDiGraph(g))  # deterministic
    assert sorted(c for group in large for c in group.cases) == sorted(n for n in g if n.startswith("c"))
    assert {tuple(c.cases) for c in large} == {tuple(c.cases) for c in small}  # six clear groups: both find them
    assert all(c.shared == {"indicators": ["ind"], "places": [f"p{c.cases[0][1:3]}"]} for c in large)


@pytest.mark.parametrize("profile", ["public", "restricted"])
def test_analyses_of_the_outline_analyze_reads_equal_those_of_the_whole_projection(london_store, profile):
    """`casegraph analyze` reads an outline with ANALYSED_FIELDS: the same answers as every property gave."""
    from casegraph.analysis import ANALYSED_FIELDS, borough_bridges, connectors
    from casegraph.graph.projection import outline, project

    with london_store.view(profile) as view:
        full, light = project(view), outline(view, ANALYSED_FIELDS)
    for analysis in (case_similarity, case_communities, connectors, borough_bridges, centrality):
        assert analysis(light) == analysis(full), analysis.__name__


def test_selections_of_the_outline_analyze_reads_are_those_of_the_whole_projection(tmp_path_factory):
    """`--min-grade`, `--status`, a borough: the outline carries what selections read (citation grades too)."""
    import casegraph
    from casegraph.analysis import ANALYSED_FIELDS
    from tests.conftest import london_with
    from tests.multisource.test_grades import GRADED

    _, _, store = london_with(GRADED, tmp_path_factory.mktemp("graded"))
    cg = casegraph.open(store.directory)
    for criteria in ({"min_grade": "1A"}, {"min_grade": "B"}, {"status": "convicted"}, {"borough": "lewisham"}):
        light, full = cg.select(fields=ANALYSED_FIELDS, **criteria), cg.select(**criteria)
        assert list(light.nodes) == list(full.nodes) and list(light.edges(keys=True)) == list(full.edges(keys=True))
        assert light.number_of_edges(), criteria
