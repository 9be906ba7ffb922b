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
