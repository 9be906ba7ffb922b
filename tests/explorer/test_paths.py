"""The connections between two entities (`casegraph.explorer.paths`): searched near the two ends,
the same paths, in the same order, as Yen's algorithm over the whole connection graph."""

from __future__ import annotations

import pytest

from casegraph.explorer import paths
from casegraph.explorer.paths import connections, near_ends, shortest_paths


@pytest.mark.parametrize("max_hops", [1, 2, 3, 4])
def test_paths_near_the_ends_are_the_paths_over_the_whole_graph(london_public, max_hops):
    links = london_public.connections
    nodes = [n for n in links if links.degree(n)]
    pairs = [(a, b) for a in nodes[::2] for b in nodes[1::2] if a != b]
    assert len(pairs) > 500
    searched = 0
    for a, b in pairs:
        part = near_ends(links, a, b, max_hops)
        if part is not None:
            searched += 1
            assert shortest_paths(part, a, b, max_hops, 5) == shortest_paths(links, a, b, max_hops, 5), (a, b)
    assert searched > len(pairs) // 2
    assert near_ends(links, *pairs[0], paths.NEAR_HOPS + 1) is None  # longer: the whole graph


def test_connections_are_unchanged_by_where_they_are_searched(london_public, monkeypatch):
    cases = sorted(n for n, a in london_public.graph.nodes(data=True) if a.get("label") == "CaseFile")
    pairs = [(a, b) for a in cases[::2] for b in cases[1::3] if a != b][:60]
    near = {pair: [p.nodes for p in connections(london_public, *pair, max_hops=3)] for pair in pairs}
    monkeypatch.setattr(paths, "NEAR_NODES", 0)  # always the whole connection graph
    assert {pair: [p.nodes for p in connections(london_public, *pair, max_hops=3)] for pair in pairs} == near
    assert any(near.values())
