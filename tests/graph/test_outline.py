"""The explorer's outline of a store and its hydration give back exactly the projection's graph."""

from __future__ import annotations

from collections import Counter

import pytest

from casegraph.graph.projection import OUTLINE_FIELDS, hydrate, outline, project
from casegraph.graph.selection import Selection, select


def _dump(graph):
    return ([(n, sorted(a.items())) for n, a in graph.nodes(data=True)],
            [(u, v, k, sorted(a.items())) for u, v, k, a in graph.edges(keys=True, data=True)])


@pytest.mark.parametrize("engine", ["london_store", "neo4j_store"])
@pytest.mark.parametrize("profile", ["public", "restricted"])
def test_outline_then_hydrate_is_the_projection(engine, profile, request):
    store = request.getfixturevalue(engine)
    with store.view(profile) as view:
        whole = project(view)
        slim = outline(view)
        # the same nodes, relationships, keys and order; only the outline's fields (sources whole)
        assert list(slim.nodes) == list(whole.nodes)
        assert list(slim.edges(keys=True)) == list(whole.edges(keys=True))
        for node, attrs in slim.nodes(data=True):
            if attrs["label"] != "Source":
                assert set(attrs) <= {"label", *OUTLINE_FIELDS}
        sizes = Counter(label for _, label in slim.nodes(data="label"))
        for selection in (Selection(), Selection(boroughs=("hillingdon",)), Selection(around=(("lambeth", 2),)),
                          Selection(cases=("lambeth-2022-hotel-room",), decades=(2020,))):
            assert _dump(hydrate(view, select(slim, selection))) == _dump(select(whole, selection)), selection
            # read by lists of ids where that costs least: the same graph
            assert _dump(hydrate(view, select(slim, selection), slim.degree, sizes)) == _dump(select(whole, selection))


def test_relationships_are_read_where_it_costs_least():
    """A borough's cases' links to a hub indicator are read through the borough in one read, not
    from the hub's 40,000 links nor from each case; the first page of a hub's cases (most of what it
    shows) from the hub, in one read; every relationship once."""
    import networkx as nx

    from casegraph.graph.projection import _read_from

    part = nx.MultiDiGraph()
    part.add_node("hub", label="Indicator")
    part.add_node("borough", label="Borough")
    for n in range(5):
        part.add_node(f"case-{n}", label="CaseFile")
        part.add_edge(f"case-{n}", "hub", key=f"shows-{n}", type="SHOWS")
        part.add_edge(f"case-{n}", "borough", key=f"in-{n}", type="IN_BOROUGH")
    whole_degree = {"hub": 40_000, "borough": 30, **{f"case-{n}": 12 for n in range(5)}}
    reads = _read_from(part, whole_degree.__getitem__)
    assert sorted(key for keys in reads.values() for key in keys) == sorted(k for *_, k in part.edges(keys=True))
    assert reads == {("borough", "IN_BOROUGH", False, "CaseFile"): {f"in-{n}" for n in range(5)},
                     ("borough", "IN_BOROUGH", False, "CaseFile", "SHOWS", True, "Indicator"):
                         {f"shows-{n}" for n in range(5)}}
    # never through a hub: with the borough of 40,000 links, each case's link is read from the case
    whole_degree["borough"] = 40_000
    reads = _read_from(part, whole_degree.__getitem__)
    assert {read[0] for read in reads if read[1] == "SHOWS"} == {f"case-{n}" for n in range(5)}
    # a hub of 4,500 links and 100 of its cases: one read from the hub
    page = nx.MultiDiGraph()
    page.add_node("hub", label="Indicator")
    for n in range(100):
        page.add_node(f"case-{n}", label="CaseFile")
        page.add_edge(f"case-{n}", "hub", key=f"shows-{n}", type="SHOWS")
    reads = _read_from(page, lambda node: 4_500 if node == "hub" else 12)
    assert list(reads) == [("hub", "SHOWS", False, "CaseFile")] and len(reads[list(reads)[0]]) == 100


def test_many_nodes_of_a_small_label_are_read_at_once():
    """The statements made by a selection's institutions (a label of a few thousand nodes) are read
    from all of them in one read by their ids; by a list of ids only with the label's size known,
    and never from a label whose ids the list would be compared with too often (cases)."""
    import networkx as nx

    from casegraph.graph.projection import GROUP, _read_from

    part = nx.MultiDiGraph()
    for n in range(20):
        part.add_node(f"institution-{n}", label="Institution")
        for m in range(2):
            part.add_node(f"statement-{n}-{m}", label="Statement")
            part.add_edge(f"statement-{n}-{m}", f"institution-{n}", key=f"made-{n}-{m}", type="MADE_BY")
    degree = lambda node: 30 if node.startswith("institution") else 3  # noqa: E731
    reads = _read_from(part, degree, {"Institution": 9_000, "Statement": 50_000})
    assert reads == {(GROUP, "Institution", "MADE_BY", False, "Statement"): {k for *_, k in part.edges(keys=True)}}
    assert all(read[0] != GROUP for read in _read_from(part, degree))
    assert all(read[0] != GROUP for read in _read_from(part, degree, {"Institution": 2_000_000, "Statement": 50_000}))
