"""The explorer's outline of a store and its hydration give back exactly the projection's graph."""

from __future__ import annotations

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
        for selection in (Selection(), Selection(boroughs=("hillingdon",)), Selection(around=(("lambeth", 2),)),
                          Selection(cases=("lambeth-2022-hotel-room",), decades=(2020,))):
            assert _dump(hydrate(view, select(slim, selection))) == _dump(select(whole, selection)), selection


def test_relationships_are_read_from_their_small_ends():
    """A hub (an indicator thousands of cases show) is never where a selection's links are read from:
    each case's links are read from the case, every link once, one read per case and type."""
    import networkx as nx

    from casegraph.graph.projection import _read_from

    part = nx.MultiDiGraph()
    part.add_node("hub", label="Indicator")
    part.add_node("borough", label="Borough")
    for n in range(5):
        part.add_node(f"case-{n}", label="CaseFile")
        part.add_edge(f"case-{n}", "hub", key=f"shows-{n}", type="SHOWS")
        part.add_edge(f"case-{n}", "borough", key=f"in-{n}", type="IN_BOROUGH")
    whole_degree = {"hub": 40_000, "borough": 300, **{f"case-{n}": 12 for n in range(5)}}
    reads = _read_from(part, whole_degree.__getitem__)
    assert {node for node, *_ in reads} == {f"case-{n}" for n in range(5)}
    assert sorted(key for keys in reads.values() for key in keys) == sorted(k for *_, k in part.edges(keys=True))
    assert reads[("case-0", "SHOWS", True, "Indicator")] == {"shows-0"}
