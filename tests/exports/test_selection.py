"""Selections: how criteria pick cases, bring context, and never bring restricted data back."""

from __future__ import annotations

import pytest

from casegraph.graph.selection import Selection, SelectionError, decades_of, resolve_node, select


def _cases(graph):
    return {n for n, a in graph.nodes(data=True) if a["label"] == "CaseFile"}


def _in_borough(graph, borough):
    return {u for u, v, a in graph.edges(data=True) if a["type"] == "IN_BOROUGH" and v == borough}


def test_an_empty_selection_is_the_whole_graph(public_graph):
    part = select(public_graph, Selection())
    assert set(part.nodes) == set(public_graph.nodes) and part.number_of_edges() == public_graph.number_of_edges()


def test_a_borough_picks_its_cases_with_their_context(public_graph):
    part = select(public_graph, Selection(boroughs=("Lambeth",)))  # a name works as well as an id
    assert "lambeth" in part
    assert _in_borough(public_graph, "lambeth") <= _cases(part)
    for case in _cases(part):
        for other in public_graph.successors(case):
            if public_graph.nodes[other]["label"] in ("Indicator", "Borough", "Person", "Institution", "Place"):
                assert other in part, other
    assert {a["label"] for _, a in part.nodes(data=True)} >= {"Source", "Indicator", "Borough"}
    cited = {a["source"] for _, _, a in part.edges(data=True)}
    assert cited <= set(part.nodes), "the sources the facts cite come along"


def test_filters_combine_and_values_within_one_filter_add_up(public_graph):
    both = select(public_graph, Selection(boroughs=("hillingdon", "hounslow")))
    hillingdon_2010s = select(public_graph, Selection(boroughs=("hillingdon",), decades=(2010,)))
    assert _cases(hillingdon_2010s) <= _cases(both)
    for case in _cases(hillingdon_2010s):
        assert 2010 in decades_of(public_graph.nodes[case])
    assert "hillingdon-2000-2016-bellfield-group" in _cases(hillingdon_2010s)  # a span touches both decades


def test_decades_never_guess_an_unknown_period(public_graph):
    unknown = {n for n in _cases(public_graph) if public_graph.nodes[n].get("period") == "unknown"}
    assert unknown
    for decade in range(1990, 2030, 10):
        assert not unknown & _cases(select(public_graph, Selection(decades=(decade,))))
    # an ongoing period counts in the decade it started only (the catalog's rule; it used to run to this year)
    assert decades_of({"year_start": 2019, "year_end": None, "period": "2019-"}) == (2010,)


def test_indicator_institution_and_person_filters(public_graph):
    part = select(public_graph, Selection(indicators=("child-in-care",)))
    shows = {u for u, v, a in public_graph.edges(data=True) if a["type"] == "SHOWS" and v == "child-in-care"}
    assert _cases(part) >= shows
    met = select(public_graph, Selection(institutions=("metropolitan-police",)))
    assert "metropolitan-police" in met and _cases(met)
    person = select(public_graph, Selection(people=("martin-malone",)))
    assert "lewisham-2000-martin-malone" in _cases(person)


def test_around_is_the_k_hop_neighbourhood(public_graph):
    zero = select(public_graph, Selection(around=(("newham", 0),)))
    assert set(zero.nodes) - {n for n, a in zero.nodes(data=True) if a["label"] == "Source"} == {"newham"}
    one = select(public_graph, Selection(around=(("newham", 1),)))
    assert set(public_graph.successors("newham")) | set(public_graph.predecessors("newham")) <= set(one.nodes)
    two = select(public_graph, Selection(around=(("newham", 2),)))
    assert set(one.nodes) < set(two.nodes)


def test_a_query_selection_takes_the_nodes_it_returns(public_graph, london_view):
    part = select(public_graph, Selection(query="similar-cases", params={"case_id": "lambeth-2022-hotel-room"}),
                  london_view)
    assert len(_cases(part)) >= 2 and part.number_of_edges() > 0
    paths = select(public_graph, Selection(query="paths-between-cases", params={
        "from": "lambeth-2022-hotel-room", "to": "kingston-2021-sar", "max_hops": 2}), london_view)
    assert {"lambeth-2022-hotel-room", "kingston-2021-sar"} <= set(paths.nodes)


def test_restricted_nodes_cannot_be_selected_in_the_public_profile(london_graphs):
    victim = next(n for n, a in london_graphs["restricted"].nodes(data=True) if a.get("sensitivity") == "restricted")
    with pytest.raises(SelectionError, match="restricted data is left out"):
        select(london_graphs["public"], Selection(around=((victim, 1),)))
    part = select(london_graphs["restricted"], Selection(around=((victim, 1),)))
    assert victim in part


def test_unknown_or_ambiguous_names_are_errors(public_graph):
    with pytest.raises(SelectionError, match="no borough"):
        resolve_node(public_graph, "atlantis", "Borough")
    with pytest.raises(SelectionError):
        select(public_graph, Selection(cases=("no-such-case",)))


def test_borough_means_the_same_cases_for_exports_and_pictures(public_graph):
    """`--borough` is one rule (`cases_in_borough`) whether a researcher exports or an editor draws."""
    from casegraph.graph.selection import cases_in_borough
    from casegraph.viz.compose import Options
    from casegraph.viz.views import figure_for

    graph = public_graph
    # Filed under Hillingdon, abuse at a flat in Hanworth (Hounslow): a Hounslow case too.
    assert "hillingdon-2000-2016-bellfield-group" in cases_in_borough(graph, "hounslow")
    for borough in [n for n, a in graph.nodes(data=True) if a.get("label") == "Borough"]:
        exported = _cases(select(graph, Selection(boroughs=(borough,))))
        drawn = {m.id for m in figure_for("overview", graph, Options(), Selection(boroughs=(borough,))).marks
                 if graph.nodes[m.id]["label"] == "CaseFile"}
        assert exported == drawn == cases_in_borough(graph, borough), borough
