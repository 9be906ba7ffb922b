"""Analytics on the London graph: similarity, communities, connectors, bridges, annotations."""

from __future__ import annotations

import importlib

import networkx as nx

from casegraph.analysis import (
    annotate, borough_bridges, case_communities, case_features, case_similarity, centrality, connectors,
)
from casegraph.graph.selection import Selection, select


def _tiny():
    """Three cases: a and b share two indicators and a place, c shares nothing."""
    g = nx.MultiDiGraph()
    for n, label in [("a", "CaseFile"), ("b", "CaseFile"), ("c", "CaseFile"), ("i1", "Indicator"),
                     ("i2", "Indicator"), ("i3", "Indicator"), ("p", "Place"), ("x", "Borough"), ("y", "Borough"),
                     ("z", "Borough"), ("met", "Institution")]:
        g.add_node(n, label=label, id=n, name=n.upper())
    g.nodes["a"].update(year_start=2001, year_end=2001, period="2001")
    g.nodes["b"].update(year_start=2015, year_end=2015, period="2015")
    g.nodes["c"].update(period="unknown")
    for case, target, rel in [("a", "i1", "SHOWS"), ("a", "i2", "SHOWS"), ("b", "i1", "SHOWS"), ("b", "i2", "SHOWS"),
                              ("b", "i3", "SHOWS"), ("a", "p", "AT_PLACE"), ("b", "p", "AT_PLACE"),
                              ("a", "x", "IN_BOROUGH"), ("b", "y", "IN_BOROUGH"), ("c", "z", "IN_BOROUGH"),
                              ("a", "met", "INVOLVES"), ("c", "met", "INVOLVES")]:
        g.add_edge(case, target, key=f"{case}-{target}", type=rel, id=f"{case}-{target}")
    g.add_edge("x", "y", key="xy", type="NEIGHBOURS", id="xy")
    return g


def test_similarity_lists_what_is_shared():
    g = _tiny()
    [ab, ac] = case_similarity(g)
    assert (ab.a, ab.b) == ("a", "b")
    assert ab.shared == {"indicators": ["i1", "i2"], "places": ["p"]}
    assert ab.score == 0.6  # Jaccard: a {i1 i2 p met}, b {i1 i2 i3 p}: 3 shared of 5
    assert (ac.a, ac.b) == ("a", "c") and ac.shared == {"institutions": ["met"]}
    assert [p.b for p in case_similarity(g, case="c")] == ["a"]


def test_communities_span_boroughs_and_decades():
    groups = case_communities(_tiny())
    assert [sorted(c.cases) for c in groups][0] in (["a", "b"], ["a", "b", "c"])
    first = groups[0]
    assert first.crosses_boroughs and first.crosses_decades
    assert case_communities(_tiny()) == groups  # stable


def test_connectors_and_bridges():
    g = _tiny()
    found = {c.id: c for c in connectors(g)}
    assert found["met"].cases == ["a", "c"] and found["met"].boroughs == ["x", "z"]
    assert found["p"].boroughs == ["x", "y"]
    bridges = {(b.a, b.b): b for b in borough_bridges(g)}
    assert bridges[("x", "y")].neighbours and "p" in bridges[("x", "y")].via
    assert not bridges[("x", "z")].neighbours and bridges[("x", "z")].via == ["met"]


def test_london_analytics_run_on_the_public_profile(public_graph, london_graphs):
    features = case_features(public_graph)
    assert all(not any(public_graph.nodes.get(p) is None for p in f.people) for f in features.values())
    pairs = case_similarity(public_graph)
    assert pairs and all(0 < p.score <= 1 for p in pairs)
    hidden = {n for n, a in london_graphs["restricted"].nodes(data=True) if a.get("sensitivity") == "restricted"}
    assert not any(set(p.shared.get("people", [])) & hidden for p in pairs)
    communities = case_communities(public_graph)
    cases = sorted(c for group in communities for c in group.cases)
    assert cases == sorted(features)
    assert any(c.crosses_boroughs for c in communities)
    top = connectors(public_graph)[0]
    assert top.label in ("Institution", "Place", "Person") and len(top.boroughs) >= 2
    assert borough_bridges(public_graph)
    scores = centrality(public_graph)
    assert all(public_graph.nodes[n]["label"] != "Source" for n in scores)


def test_analytics_on_a_selection(public_graph):
    part = select(public_graph, Selection(boroughs=("hillingdon", "hounslow")))
    assert {c for p in case_similarity(part) for c in (p.a, p.b)} <= set(part)


def test_annotate_adds_properties_exports_can_carry(public_graph):
    meaning = annotate(public_graph)
    assert set(meaning) == {"analytics_community", "analytics_betweenness", "analytics_degree",
                            "analytics_case_count", "analytics_borough_count"}
    cases = [a for _, a in public_graph.nodes(data=True) if a["label"] == "CaseFile"]
    assert all(isinstance(a["analytics_community"], int) for a in cases)
    assert public_graph.nodes["metropolitan-police"]["analytics_case_count"] >= 2


def test_similarity_candidates_come_from_shared_features_and_hubs_propose_none():
    g = _tiny()  # a and c share only `met`, a and b share i1, i2 and p
    everything = {(p.a, p.b) for p in case_similarity(g)}
    assert everything == {("a", "b"), ("a", "c")}
    # with hubs at one case, `met` (two cases) proposes nothing; i1, i2 and p do not either,
    # so no pair is proposed at all...
    assert case_similarity(g, hub_cases=1) == []
    # ...but the pairs with one given case are always exact
    assert [p.b for p in case_similarity(g, case="c", hub_cases=1)] == ["a"]


def test_betweenness_is_sampled_with_a_fixed_seed_above_a_size_and_computed_once(monkeypatch):
    module = importlib.import_module("casegraph.analysis.connectors")  # the package exports a function of that name

    g = nx.MultiDiGraph()
    for n in range(40):
        g.add_node(f"n{n}", label="Person")
    for n in range(39):
        g.add_edge(f"n{n}", f"n{n + 1}", key=f"e{n}", type="ASSOCIATED_WITH")
    exact = centrality(g)
    monkeypatch.setattr(module, "EXACT_BETWEENNESS", 10)
    monkeypatch.setattr(module, "SAMPLE_SOURCES", 5)
    assert centrality(g) == exact  # computed once: the same graph, unchanged, is not computed again
    g.add_node("extra", label="Person")  # a changed graph is computed again, now sampled
    first = centrality(g)
    assert first != exact and first == centrality(nx.MultiDiGraph(g))  # same seed, same figures
