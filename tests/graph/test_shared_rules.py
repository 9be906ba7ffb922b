"""The rules every cut of the graph shares (`casegraph.graph.selection`): what the public
profile leaves out, which node a name means, which decades a record counts in.

Exports, analytics, reports and views all use them, so these tests also check that the
callers agree with each other and with the catalog query that counts decades.
"""

from __future__ import annotations

import networkx as nx
import pytest
from click.testing import CliRunner

from casegraph.analysis import case_features
from casegraph.graph.projection import project
from casegraph.graph.selection import (
    NodeNotFound, Selection, SelectionError, decades_of, public_subgraph, resolve_node, select,
)
from casegraph.queries import run_named
from casegraph.schemas import schema
from casegraph.schemas.aggregates import aggregate_fields
from casegraph.viz.compose import Options
from casegraph.viz.views import figure_for
from tests.conftest import store_of

# -- the public profile -----------------------------------------------------------------------


def _tiny() -> nx.MultiDiGraph:
    graph = nx.MultiDiGraph()
    graph.graph["name"] = "tiny"
    graph.add_node("case", label="CaseFile", sensitivity="public")
    graph.add_node("victim", label="Person", sensitivity="restricted")
    graph.add_node("town", label="Borough", name="Town", aliases=["Old Town"])
    graph.add_edge("case", "victim", key="r1", type="INVOLVES", sensitivity="public")  # touches a restricted node
    graph.add_edge("case", "town", key="r2", type="IN_BOROUGH", sensitivity="restricted")
    graph.add_edge("case", "town", key="r3", type="IN_BOROUGH")
    return graph


def test_public_subgraph_drops_restricted_nodes_relationships_and_what_touches_them():
    graph = _tiny()
    public = public_subgraph(graph)
    assert set(public.nodes) == {"case", "town"}
    assert [k for *_, k in public.edges(keys=True)] == ["r3"]
    assert public.graph == graph.graph and graph.number_of_edges() == 3, "a copy; the input is untouched"
    public.nodes["case"]["x"] = 1
    assert "x" not in graph.nodes["case"]


def test_the_projection_comes_out_in_the_same_order_every_time(london_store):
    """Exports follow the projection's order: the same graph must give the same files."""
    with london_store.view() as view:
        first, second = project(view), project(view)
    assert list(first.nodes(data=True)) == list(second.nodes(data=True))
    assert list(first.edges(keys=True, data=True)) == list(second.edges(keys=True, data=True))
    cases = [n for n, a in first.nodes(data=True) if a["label"] == "CaseFile"]
    assert cases == sorted(cases), "nodes of a label in id order"


def _set(attrs) -> dict:
    return {k: v for k, v in attrs.items() if v is not None}


def test_the_stores_public_graph_is_the_public_subgraph(london_store):
    """One rule, two forms: the store's public graph (built from `public_dataset`) is what
    `public_subgraph` leaves of the whole graph."""
    with london_store.view("restricted") as view:
        whole = project(view)
    with london_store.view("public") as view:
        public = project(view)
    expected = public_subgraph(whole)
    # aggregates are counted per graph (each graph's own, tests/graph/test_aggregates.py): the subgraph has none
    assert all(a["case_links"] is not None for _, a in public.nodes(data=True) if a["label"] == "Person")
    assert not any("case_links" in a for _, a in expected.nodes(data=True))

    def _stored(attrs) -> dict:
        return {k: v for k, v in _set(attrs).items() if k not in aggregate_fields(schema().node(attrs["label"]).model)}

    assert [(n, _stored(a)) for n, a in public.nodes(data=True)] == [(n, _set(a)) for n, a in expected.nodes(data=True)]
    assert [(u, v, k, _set(a)) for u, v, k, a in public.edges(keys=True, data=True)] == \
        [(u, v, k, _set(a)) for u, v, k, a in expected.edges(keys=True, data=True)]
    assert public.number_of_nodes() < whole.number_of_nodes()
    assert not any(a.get("restricted_detail") for _, a in public.nodes(data=True))
    assert any(a.get("restricted_detail") for _, a in whole.nodes(data=True))


# -- which node a reference means ---------------------------------------------------------------


def test_a_node_is_found_by_id_name_or_alias_in_any_case():
    graph = _tiny()
    assert resolve_node(graph, "town") == "town"
    assert resolve_node(graph, " TOWN ") == "town"
    assert resolve_node(graph, "old town", "Borough") == "town"
    with pytest.raises(SelectionError, match="'town' is a borough, not a case: give the id of a case"):
        resolve_node(graph, "town", "CaseFile")  # the exact id of another kind: said, not "no case"
    with pytest.raises(SelectionError, match="an empty reference: give the id or name of a case"):
        resolve_node(graph, "  ", "CaseFile")


def test_a_shared_name_is_an_error_listing_the_ids():
    graph = _tiny()
    graph.add_node("town-2", label="Borough", name="town")
    with pytest.raises(SelectionError, match="names several boroughs: town, town-2; give an id"):
        resolve_node(graph, "Town", "Borough")


def test_no_match_suggests_close_names_and_says_when_restricted_data_may_be_why():
    graph = _tiny()
    with pytest.raises(NodeNotFound, match=r"no borough 'Twn' in this graph; did you mean town\?$") as found:
        resolve_node(graph, "Twn", "Borough")
    assert not found.value.public, "this graph holds restricted data: nothing was left out"
    with pytest.raises(NodeNotFound, match=r"\(restricted data is left out of the public profile\)$") as found:
        resolve_node(public_subgraph(graph), "victim")
    assert found.value.public and "restricted" not in found.value.message


# -- which decades a record counts in ------------------------------------------------------------


@pytest.mark.parametrize("period,start,end,decades", [
    ("2000-2016", 2000, 2016, (2000, 2010)),
    ("2012", 2012, 2012, (2010,)),
    ("2019-", 2019, None, (2010,)),  # ongoing: the decade it started, whatever today's date
    ("2010-2020", 2010, 2020, (2010, 2020)),
    ("unknown", None, None, ()),
])
def test_decades_of(period, start, end, decades):
    assert decades_of({"period": period, "year_start": start, "year_end": end}) == decades


_CASES = {"span": "2000-2016", "single": "2012", "ongoing": "2019-", "unknown": "unknown"}


@pytest.fixture(scope="module")
def timed_store(tmp_path_factory):
    """A small store: one case of each kind of period, all in Newham, all showing one indicator."""
    fact = {"source": "timed-source", "paragraphs": [1]}
    records = [{"kind": "source", "id": "timed-source", "title": "Timed", "publisher": "Test",
                "published": "2024", "doc_type": "article"}]
    for name, period in _CASES.items():
        records += [
            {"kind": "case", "id": f"case-{name}", "title": f"Case {name}", "summary": "s", "period": period, **fact},
            {"rel": "IN_BOROUGH", "from": f"case-{name}", "to": "newham", **fact},
            {"rel": "SHOWS", "from": f"case-{name}", "to": "missing-episodes", **fact},
        ]
    return store_of(records, tmp_path_factory, "timed")


def test_exports_analytics_and_views_count_decades_as_the_catalog_does(timed_store):
    with timed_store.view() as view:
        graph = project(view)
        rows = run_named(view, "recurring-indicators", {}).records()
    row = next(r for r in rows if r["indicator"] == "missing-episodes")
    catalog = {d for d in row["decade_list"] if d is not None}
    assert catalog == {2000, 2010}, "the ongoing case does not reach the 2020s"
    cases = [f"case-{name}" for name in _CASES]
    assert {d for c in cases for d in decades_of(graph.nodes[c])} == catalog

    features = case_features(graph)
    for decade in (1990, 2000, 2010, 2020):
        counted = {c for c in cases if decade in decades_of(graph.nodes[c])}
        exported = {n for n in select(graph, Selection(decades=(decade,))) if n in cases}
        drawn = {m.id for m in figure_for("overview", graph, Options(), Selection(decades=(f"{decade}s",))).marks
                 if m.id in cases}
        analysed = {c for c in cases if decade in features[c].decades}
        assert exported == drawn == analysed == counted, decade
    assert {n for n in select(graph, Selection(decades=(2010,))) if n in cases} == {
        "case-span", "case-single", "case-ongoing"}


def test_commands_say_a_missing_name_in_one_line_and_exit_1(timed_store, tmp_path):
    from casegraph.cli import cli

    store = str(timed_store.directory)
    runs = {
        "export": ["export", "--format", "json", "--borough", "atlantis", "--out", str(tmp_path / "x.json")],
        "analyze": ["analyze", "similarity", "--similar-to", "atlantis"],
        "report": ["report", "--around", "atlantis", "--out", str(tmp_path / "x.md")],
        "viz": ["viz", "ego", "--node", "atlantis", "--out", str(tmp_path / "x.html")],
        "viz filter": ["viz", "overview", "--borough", "Newhm", "--out", str(tmp_path / "y.html")],
    }
    for name, args in runs.items():
        result = CliRunner().invoke(cli, [*args, "--store", store], catch_exceptions=False)
        assert result.exit_code == 1, (name, result.output)
        lines = result.output.strip().splitlines()  # progress lines (`analysing ...`) may come first
        errors = [line for line in lines if "atlantis" in line or "Newhm" in line]
        assert errors == lines[-1:] and errors[0].startswith("casegraph: no "), (name, result.output)
    assert "did you mean newham" in errors[0]
    assert "unless --include-restricted" in errors[0]
