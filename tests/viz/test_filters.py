"""Restricted data is left out by default; filters select what editors ask for."""

from __future__ import annotations

import networkx as nx
import pytest

from casegraph.graph.selection import SelectionError, decades_of, public_subgraph, resolve_node
from casegraph.viz.compose import Options
from casegraph.viz.filters import Filters
from casegraph.viz.reading import boroughs_of
from casegraph.viz.pages import still_svg
from casegraph.viz.views import NETWORKS, VIEWS, figure_for


def test_public_subgraph_drops_restricted_nodes_and_every_touching_relationship(london_graph):
    restricted = {n for n, a in london_graph.nodes(data=True) if a.get("sensitivity") == "restricted"}
    assert restricted, "the London data has restricted victims"
    public = public_subgraph(london_graph)
    assert not restricted & set(public.nodes)
    for u, v, a in public.edges(data=True):
        assert a.get("sensitivity") != "restricted"
        assert u not in restricted and v not in restricted


@pytest.mark.parametrize("view", sorted(VIEWS))
def test_no_view_shows_restricted_data_by_default(london_graph, view):
    restricted = {n for n, a in london_graph.nodes(data=True) if a.get("sensitivity") == "restricted"}
    params = {"node": "croydon-2020-child-in-care"} if view == "ego" else {}
    figure = figure_for(view, london_graph, Options(), **params)
    assert not figure.include_restricted
    if view in NETWORKS:
        assert not any(m.restricted for m in figure.marks)
        assert not any(l.restricted for l in figure.links)
        assert not {m.id for m in figure.marks} & restricted
    text = repr(figure) + still_svg(figure)
    for name in ("Chloe", "Sylvia", "Olivia", "Jamie"):
        assert name not in text
    assert not any(r in text for r in restricted)


def test_include_restricted_shows_them_marked(london_graph):
    figure = figure_for("ego", london_graph, Options(include_restricted=True), node="croydon-2020-child-in-care")
    assert figure.include_restricted
    marked = [m for m in figure.marks if m.restricted]
    assert marked and all(m.label.endswith("(restricted)") for m in marked)
    assert any(l.restricted for l in figure.links)


def test_borough_filter_keeps_cases_of_that_borough_and_what_links_to_them(london_graph):
    graph = public_subgraph(london_graph)
    sub = Filters(boroughs=("Croydon",)).apply(graph)
    cases = [n for n, a in sub.nodes(data=True) if a["label"] == "CaseFile"]
    assert cases and all("croydon" in boroughs_of(graph, c) for c in cases)
    assert {n for n, a in sub.nodes(data=True) if a["label"] == "Borough"} == {"croydon"}


def test_decade_filter_selects_overlapping_spans(london_graph):
    graph = public_subgraph(london_graph)
    sub = Filters(decades=("2010s",)).apply(graph)
    for node, attrs in sub.nodes(data=True):
        if attrs["label"] == "CaseFile":
            assert 2010 in decades_of(attrs)


def test_indicator_type_and_status_filters(london_graph):
    graph = public_subgraph(london_graph)
    sub = Filters(indicators=("missing-episodes",)).apply(graph)
    assert {n for n, a in sub.nodes(data=True) if a["label"] == "Indicator"} == {"missing-episodes"}
    sub = Filters(types=("case", "borough")).apply(graph)
    assert {a["label"] for _, a in sub.nodes(data=True)} <= {"CaseFile", "Borough"}
    sub = Filters(statuses=("inferred",)).apply(graph)
    assert sub.number_of_edges() and all(a["status"] == "inferred" for *_, a in sub.edges(data=True))


def test_unknown_filter_values_say_what_exists(london_graph):
    with pytest.raises(SelectionError, match="did you mean"):
        Filters(boroughs=("Croydn",)).apply(london_graph)
    with pytest.raises(SelectionError, match="decade"):
        Filters(decades=("the nineties",)).apply(london_graph)
    with pytest.raises(SelectionError, match="expected one of"):
        Filters(types=("spaceship",)).apply(london_graph)
    with pytest.raises(SelectionError, match="claim status"):
        Filters(statuses=("rumoured",)).apply(london_graph)


def test_ego_works_from_any_node_id(london_graph):
    graph = public_subgraph(london_graph)
    for node in list(graph.nodes)[::7]:
        figure = figure_for("ego", graph, Options(), node=node, hops=1)
        assert node in {m.id for m in figure.marks} or graph.nodes[node]["label"] == "Source"
    assert resolve_node(graph, "Croydon") == "croydon"


def test_ego_matches_networkx_neighbourhood(london_graph):
    graph = public_subgraph(london_graph)
    graph = graph.subgraph([n for n, a in graph.nodes(data=True) if a["label"] != "Source"])
    figure = figure_for("ego", graph, Options(), node="haringey", hops=2)
    expected = nx.ego_graph(nx.Graph(graph), "haringey", radius=2)
    assert {m.id for m in figure.marks} == set(expected.nodes)
    assert len(figure.links) == graph.subgraph(expected.nodes).number_of_edges()
