"""The grade filter of the one selection model (`--min-grade`, `min_grade=`): on both engines, in
exports, views and the Python API (issue 12).

The data is the London data (ungraded) plus one graded source: a court
report graded 1A on Martin Malone's conviction, 2C on Martin Malone himself
and 3B on the case's borough.
"""

from __future__ import annotations

import pytest
from click.testing import CliRunner

import casegraph
from casegraph.cli import cli
from casegraph.exports import read_node_link
from casegraph.graph.projection import project
from casegraph.graph.selection import Selection, SelectionError, select
from casegraph.schemas.citations import grade_text, meets_grade, parse_grade
from casegraph.viz.views import figure_for
from tests.conftest import london_with, on_both_engines

CASE, COURT = "lewisham-2000-martin-malone", "graded-court-report"

GRADED = [
    {"kind": "source", "id": COURT, "title": "A graded test court report", "publisher": "casegraph tests",
     "published": "2019-03", "doc_type": "report"},
    {"rel": "INVOLVES", "from": CASE, "to": "martin-malone", "role": "perpetrator",
     "citations": [{"source": COURT, "locator": "p. 4", "status": "convicted", "reliability": 1, "credibility": "A"}]},
    {"kind": "person", "id": "martin-malone", "name": "Martin Malone",
     "citations": [{"source": COURT, "locator": "p. 1", "reliability": "2", "credibility": "C"}]},
    {"rel": "IN_BOROUGH", "from": CASE, "to": "lewisham",
     "citations": [{"source": COURT, "locator": "p. 2", "reliability": "3", "credibility": "B"}]},
]


@pytest.fixture(scope="module")
def graded(tmp_path_factory):
    return london_with(GRADED, tmp_path_factory.mktemp("graded"))


@pytest.fixture(scope="module")
def both(graded, neo4j_server_store):
    """The graded graph (public profile) as each engine projects it."""
    graphs = {}
    for name, store in on_both_engines(graded, neo4j_server_store).items():
        with store.view() as view:
            graphs[name] = project(view)
    return graphs


def _facts(graph):
    return ({n for n, a in graph.nodes(data=True) if a["label"] != "Source"},
            {(u, v, a["type"]) for u, v, a in graph.edges(data=True)},
            {n for n, a in graph.nodes(data=True) if a["label"] == "Source"})


def test_a_grade_writes_each_scale_it_leaves_out_as_unknown():
    """`C` alone could be an information assessment or a handling code: a scale left out is `?`."""
    assert grade_text({"reliability": "2", "credibility": "B", "handling": "P"}) == "2B P"
    assert grade_text({"credibility": "C", "handling": "C"}) == "?C C"
    assert grade_text({"reliability": "1", "credibility": "A"}) == "1A ?"
    assert grade_text({"handling": "C"}) == "?? C"
    assert grade_text({"reliability": "", "credibility": None}) == ""


def test_a_grade_is_read_as_written_and_refused_when_unreadable():
    assert [parse_grade(g) for g in ("2b", " 1 ", "E", "3A")] == ["2B", "1", "E", "3A"]
    for bad in ("4", "F", "B2", "", "2BB"):
        with pytest.raises(ValueError, match="e.g. 2B"):
            parse_grade(bad)
    with pytest.raises(SelectionError, match="information assessment A-E"):
        Selection(min_grade="Z")
    row = {"citation_reliability": ["", "2", "1"], "citation_credibility": ["A", "D", "C"]}
    assert meets_grade(row, "2") and meets_grade(row, "C") and meets_grade(row, "1C")
    assert not meets_grade(row, "1B") and not meets_grade(row, "2B")  # both scales on one citation
    assert not meets_grade({"citation_reliability": [""], "citation_credibility": [""]}, "3E")  # ungraded


@pytest.mark.parametrize("engine", ["ladybug", "neo4j"])
def test_min_grade_keeps_the_facts_so_graded_on_both_engines(both, engine):
    graph = both[engine]
    top = _facts(select(graph, Selection(min_grade="1A")))
    assert top[:2] == ({CASE, "martin-malone"}, {(CASE, "martin-malone", "INVOLVES")})
    assert {COURT, "express-mylondon-2025"} <= top[2]  # the sources the kept facts cite (and their lineage)
    two = _facts(select(graph, Selection(min_grade="2")))
    assert two[0] == {CASE, "martin-malone"} and two[1] == top[1]  # Martin Malone's own 2C citation
    b = _facts(select(graph, Selection(min_grade="B")))
    assert b[1] == {(CASE, "martin-malone", "INVOLVES"), (CASE, "lewisham", "IN_BOROUGH")}
    assert b[0] == {CASE, "martin-malone", "lewisham"}
    assert _facts(select(graph, Selection(min_grade="3E")))[1] == b[1]
    with_borough = select(graph, Selection(boroughs=("lewisham",), min_grade="1"))  # combines with the rest
    assert set(with_borough.nodes) <= set(select(graph, Selection(boroughs=("lewisham",))).nodes)
    assert _facts(with_borough)[1] == top[1]


def test_both_engines_select_the_same(both):
    for grade in ("1A", "2", "B", "3E"):
        assert _facts(select(both["ladybug"], Selection(min_grade=grade))) == \
            _facts(select(both["neo4j"], Selection(min_grade=grade))), grade


def test_the_london_data_is_ungraded_so_a_grade_filter_says_so(london_view):
    """No fact can meet a grade where no citation is graded: said, not answered with an empty graph."""
    with pytest.raises(SelectionError, match="--min-grade 3E: no citation in this selection is graded"):
        select(project(london_view), Selection(min_grade="3E"))


def test_exports_views_and_the_api_take_the_grade(graded, both, neo4j_server_store, tmp_path):
    _, _, embedded = graded
    out = tmp_path / "graded.json"
    result = CliRunner().invoke(cli, ["export", "--store", str(embedded.directory), "--min-grade", "2b", "--out", str(out)],
                                catch_exceptions=False)
    assert result.exit_code == 0, result.output
    exported = read_node_link(out)
    assert set(exported.edges()) == {(CASE, "martin-malone")}
    assert '"min_grade": "2B"' in out.read_text()  # the export says how it was selected
    bad = CliRunner().invoke(cli, ["export", "--store", str(embedded.directory), "--min-grade", "4", "--out", str(out)])
    assert bad.exit_code != 0 and "e.g. 2B" in bad.output and "Traceback" not in bad.output
    svg = tmp_path / "graded.svg"
    result = CliRunner().invoke(cli, ["viz", "overview", "--store", str(embedded.directory), "--min-grade", "B",
                                      "--out", str(svg)], catch_exceptions=False)
    assert result.exit_code == 0 and "graded at least B" in svg.read_text()
    for cg in (casegraph.open(embedded.directory), casegraph.Casegraph(neo4j_server_store)):
        assert _facts(cg.select(min_grade="1A")) == _facts(select(both["ladybug"], Selection(min_grade="1A")))
        picture = cg.view("ego", node=CASE, min_grade="B")
        assert {(l.source, l.target) for l in picture.figure.links} == \
            {(CASE, "martin-malone"), (CASE, "lewisham")}
        assert "graded at least B" in picture.figure.subtitle
    figure = figure_for("overview", both["neo4j"], selection=Selection(min_grade="1"))
    assert {(l.source, l.target) for l in figure.links} == {(CASE, "martin-malone")}
