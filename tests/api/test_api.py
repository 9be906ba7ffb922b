"""The Python API a researcher uses from a notebook, on the real London store."""

from __future__ import annotations

import networkx as nx
import pytest

import casegraph
from casegraph.graph.selection import NodeNotFound, SelectionError
from casegraph.queries import QueryError


@pytest.fixture()
def cg(london_store):
    return casegraph.open(london_store.directory)


def test_a_catalog_query_gives_rows_records_and_a_dataframe(cg):
    rows = cg.query("similar-cases", case_id="lambeth-2022-hotel-room")
    assert rows.columns[0] == "case_id" and len(rows) > 0
    assert rows.records()[0]["case_id"] == rows.rows[0][0]
    frame = rows.to_dataframe()
    assert list(frame.columns) == rows.columns and len(frame) == len(rows)
    assert "<table>" in rows._repr_html_()


def test_ids_match_in_any_case_and_a_wrong_one_names_the_closest(cg):
    exact = cg.query("similar-cases", case_id="lambeth-2022-hotel-room")
    assert cg.query("similar-cases", case_id="LAMBETH-2022-Hotel-Room").rows == exact.rows
    with pytest.raises(NodeNotFound, match="did you mean lambeth-2022-hotel-room"):
        cg.query("similar-cases", case_id="lambeth-2022-hotel")
    with pytest.raises(NodeNotFound, match="did you mean"):
        cg.query("paths-between-cases", **{"from": "lambeth-2022-hotel-room", "to": "kingston-2021-overdos"})


def test_a_misspelt_query_name_gets_suggestions(cg):
    with pytest.raises(QueryError, match="did you mean similar-cases"):
        cg.query("similar-case", case_id="x")


def test_the_restricted_profile_sets_include_restricted(cg):
    public = cg.query("case-detail", case_id="croydon-2020-child-in-care")
    restricted = cg.query("case-detail", case_id="croydon-2020-child-in-care", profile="restricted")
    assert len(restricted) > len(public)
    with pytest.raises(SelectionError, match="public or restricted"):
        cg.query("case-detail", case_id="croydon-2020-child-in-care", profile="secret")


def test_ad_hoc_parameters_keep_their_python_types(cg):
    rows = cg.cypher("MATCH (c:CaseFile) WHERE c.year_start = $y RETURN c.id AS id", y=2012)
    assert rows.records() == [{"id": "haringey-2012-finsbury-park"}]


def test_select_gives_networkx_and_takes_the_cli_values(cg):
    g = cg.select(borough="Hillingdon", decade="2000s")
    assert isinstance(g, nx.MultiDiGraph) and "hillingdon-2000-2016-bellfield-group" in g
    assert cg.select(borough="hillingdon", decade=2000).nodes == g.nodes
    assert not any(a.get("sensitivity") == "restricted" for _, a in g.nodes(data=True))
    with pytest.raises(TypeError, match="no selection keyword"):
        cg.select(colour="red")
    with pytest.raises(SelectionError, match="decade is written"):
        cg.select(decade="the nineties")
    for hops in (11, 10 ** 9, -1, True):  # the command line's bound (`--hops`), one rule for both
        with pytest.raises(SelectionError, match="from 0 to 10"):
            cg.select(around="martin-malone", hops=hops)


def test_search_and_list_give_ids_to_use_next(cg):
    hits = cg.search("malone")
    assert hits[0].id == "martin-malone" and hits[0].kind == "person"
    assert cg.search("Croydn", kind="borough")[0].id == "croydon"
    cases = cg.list("cases")
    assert [h.id for h in cases] == sorted(h.id for h in cases) and len(cases) == 15
    assert {h.borough for h in cases if h.id == "lambeth-2022-hotel-room"} == {"Lambeth"}
    # Stratford's borough is casegraph's inference (IN_BOROUGH status inferred): never shown as a fact
    assert {h.borough for h in cases if h.id == "newham-stratford-mcdonalds"} == {"Newham (inferred)"}
    assert cg.search("stratford mcdonalds", kind="case")[0].borough == "Newham (inferred)"
    assert not [h for h in cg.list("people") if h.name == "Olivia"], "public profile: no victim"
    assert [h for h in cg.list("people", profile="restricted") if h.name == "Olivia"]
    with pytest.raises(KeyError, match="expected one of"):
        cg.list("spaceships")


def test_a_view_shows_inline_and_saves(cg, tmp_path):
    picture = cg.view("map", borough="hillingdon")
    assert picture._repr_html_().startswith("<iframe srcdoc=")
    assert "<svg" in picture.save(tmp_path / "m.svg").read_text()
    ego = cg.view("ego", node="haringey", hops=1)
    assert "haringey" in {m.id for m in ego.figure.marks}
    around = cg.view("ego", around="martin-malone", hops=1)  # its centre: the node it is drawn around
    assert "martin-malone" in {m.id for m in around.figure.marks}


def test_export_and_report_take_the_format_from_the_file_name(cg, tmp_path):
    [path] = cg.export(tmp_path / "h.graphml", borough="hillingdon")
    assert nx.read_graphml(path).number_of_nodes() > 0
    from casegraph.exports import ExportError

    with pytest.raises(ExportError, match="cannot tell the export format"):
        cg.export(tmp_path / "h.xlsx")
    dossier = cg.report(tmp_path / "malone.md", person="martin-malone").read_text()
    assert dossier.startswith("# Martin Malone: casegraph dossier")


def test_opening_a_store_with_no_graph_says_build_first(tmp_path):
    from casegraph.graph.store import StoreError

    with pytest.raises(StoreError, match="casegraph build"):
        casegraph.open(tmp_path / "empty").list("cases")


def test_a_parameter_never_widens_the_profile(cg):
    """`include_restricted=True` in the public profile is refused, saying how; the restricted profile honours it."""
    from casegraph.queries.restricted import RestrictedRefused

    with pytest.raises(RestrictedRefused, match="include_restricted=true asks for restricted data") as refused:
        cg.query("case-detail", case_id="croydon-2020-child-in-care", include_restricted=True)
    assert refused.value.hint.startswith('read in the restricted profile (profile="restricted")')
    with pytest.raises(RestrictedRefused):
        cg.select(query="case-detail", params={"case_id": "croydon-2020-child-in-care", "include_restricted": True})
    default = cg.query("case-detail", case_id="croydon-2020-child-in-care", profile="restricted")
    asked = cg.query("case-detail", case_id="croydon-2020-child-in-care", profile="restricted", include_restricted=True)
    left_out = cg.query("case-detail", case_id="croydon-2020-child-in-care", profile="restricted",
                        include_restricted=False)
    assert default.rows == asked.rows and len(left_out) < len(default) and default.profile == "restricted"
    for word in ("off", "No", "0", 0):  # the words every front end reads (`queries.catalog.yes_no`)
        assert cg.query("case-detail", case_id="croydon-2020-child-in-care", profile="restricted",
                        include_restricted=word).rows == left_out.rows


def test_a_restricted_picture_is_saved_under_a_marked_name(cg, tmp_path):
    for suffix in (".svg", ".html"):
        path = cg.view("map", profile="restricted").save(tmp_path / f"map{suffix}")
        assert path == tmp_path / f"map.restricted{suffix}" and path.exists()
        assert cg.view("map").save(tmp_path / f"public{suffix}") == tmp_path / f"public{suffix}"


@pytest.mark.parametrize("call, message", [
    (lambda cg: cg.list(None), "cg.list(): argument 'kind': expected str, got None"),
    (lambda cg: cg.search(None), "cg.search(): argument 'text': expected str, got None"),
    (lambda cg: cg.list(), "cg.list(): missing a required argument: 'kind'"),
    (lambda cg: cg.search("malone", limit="5"), "cg.search(): argument 'limit': expected int, got str '5'"),
    (lambda cg: cg.search("malone", kind=5), "cg.search(): argument 'kind': expected str or an iterable of str"),
    (lambda cg: cg.query(None), "cg.query(): argument 'name': expected str, got None"),
    (lambda cg: cg.query("case-count", params=["a"]), "cg.query(): argument 'params': expected dict"),
    (lambda cg: cg.cypher(None), "cg.cypher(): argument 'text': expected str"),
    (lambda cg: cg.graph(profile=None), "cg.graph(): argument 'profile': expected str, got None"),
    (lambda cg: cg.select(selection="newham"), "cg.select(): argument 'selection': expected Selection or None"),
    (lambda cg: cg.view(None), "cg.view(): argument 'name': expected str, got None"),
    (lambda cg: cg.export(None), "cg.export(): argument 'path': expected Path or str, got None"),
    (lambda cg: cg.export_graph(None, "x.json"), "cg.export_graph(): argument 'graph': expected MultiDiGraph"),
    (lambda cg: cg.report(), "cg.report(): missing a required argument: 'path'"),
    (lambda cg: cg.build(data=5), "cg.build(): argument 'data': expected an iterable of Path or str"),
    (lambda cg: cg.list("cases", "public", 3), "cg.list(): too many positional arguments"),
    (lambda cg: cg.search(text="malone", limt=5), "cg.search(): got an unexpected keyword argument 'limt'"),
    (lambda cg: casegraph.open(5), "open(): argument 'store': expected Path or str or None, got int 5"),
    (lambda cg: casegraph.selection_from(hops="2"), "selection_from(): argument 'hops': expected int"),
    (lambda cg: casegraph.selection_from(nope=1), "no selection keyword 'nope'"),
])
def test_a_missing_or_wrong_typed_argument_is_casegraphs_own_error_naming_it(cg, call, message):
    """`cg.list(None)` raised `'NoneType' object has no attribute ...` from deep inside: every public function
    refuses a missing, unknown or wrong-typed argument before it runs, naming it and what was expected."""
    with pytest.raises(casegraph.ArgumentError) as raised:
        call(cg)
    assert str(raised.value).startswith(message) or message in str(raised.value), str(raised.value)
    assert isinstance(raised.value, TypeError)  # callers that caught TypeError still do


def test_every_public_api_function_checks_its_arguments():
    import inspect

    from casegraph import api

    public = [api.open, api.selection_from]
    public += [f for name, f in inspect.getmembers(api.Casegraph, inspect.isfunction) if not name.startswith("_")]
    public += [api.Picture.save]
    for function in public:
        assert hasattr(function, "__wrapped__"), f"{function.__qualname__} does not check its arguments (@checked)"
