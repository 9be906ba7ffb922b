"""Handling code C (3x5x2: sharing permitted with conditions the source sets, which casegraph does not
hold): every output behind which such a citation lies says so to whoever would publish or pass it on,
in one sentence from one rule (`exports.base.conditions_notice`). Files say it in their metadata (every
format that has metadata) and dossiers in their scope; commands say it on stderr; the explorer's view
pages say it beside the picture. Pictures never draw it: a published still would carry it.

The data is the London data (no graded citation) plus a source giving two citations coded C: on Martin
Malone and on his case's borough.
"""

from __future__ import annotations

import json
import re

import pytest
from click.testing import CliRunner

from casegraph.cli import cli
from casegraph.exports import FORMATS, SUFFIXES, export
from casegraph.exports.base import ExportMeta, conditional_citations
from casegraph.graph.projection import project
from casegraph.graph.selection import Selection, select
from casegraph.reports import write_report
from casegraph.viz.views import figure_for
from tests.conftest import london_with

CASE, SOURCE = "lewisham-2000-martin-malone", "conditional-briefing"
NOTICE = "2 citations here carry handling code C (3x5x2: sharing permitted with conditions)"

CONDITIONAL = [
    {"kind": "source", "id": SOURCE, "title": "A test briefing shared with conditions", "publisher": "casegraph tests",
     "published": "2019-03", "doc_type": "report"},
    {"kind": "person", "id": "martin-malone", "name": "Martin Malone",
     "citations": [{"source": SOURCE, "locator": "p. 1", "reliability": "2", "credibility": "B", "handling": "C"}]},
    {"rel": "IN_BOROUGH", "from": CASE, "to": "lewisham",
     "citations": [{"source": SOURCE, "locator": "p. 2", "reliability": "1", "credibility": "A", "handling": "C"}]},
]


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    return london_with(CONDITIONAL, tmp_path_factory.mktemp("conditional"))


@pytest.fixture(scope="module")
def graph(built):
    with built[2].view() as view:
        return project(view)


def test_the_count_is_of_citations_coded_c_on_nodes_and_relationships(graph, london_view):
    assert conditional_citations(graph) == 2
    assert conditional_citations(select(graph, Selection(cases=("lambeth-2022-hotel-room",)))) == 0
    assert conditional_citations(project(london_view)) == 0


@pytest.mark.parametrize("fmt", sorted(FORMATS))
def test_every_export_with_metadata_says_it_and_counts_them(graph, fmt, tmp_path):
    lewisham = select(graph, Selection(boroughs=("lewisham",)))
    files = export(lewisham, fmt, tmp_path / ("out" + SUFFIXES[fmt]), ExportMeta())
    text = "".join(p.read_text(encoding="utf-8") for p in files)
    if fmt == "ftm":  # FollowTheMoney entities carry no metadata: `casegraph export` says it (below)
        assert "handling code C" not in text
        return
    assert NOTICE in text, fmt
    if fmt in ("json", "csv"):
        meta = json.loads(next(p for p in files if p.suffix == ".json").read_text())
        meta = meta.get("graph", {}).get("casegraph", meta)
        assert meta["conditional_citations"] == 2
    elsewhere = export(select(graph, Selection(boroughs=("hillingdon",))), fmt, tmp_path / "hillingdon" / ("out" + SUFFIXES[fmt]),
                       ExportMeta())
    assert not any("handling code C" in p.read_text(encoding="utf-8") for p in elsewhere)  # none there: nothing said


@pytest.mark.parametrize("suffix", [".md", ".html"])
def test_a_dossier_says_it_in_its_scope(graph, suffix, tmp_path):
    path = write_report(select(graph, Selection(cases=(CASE,))), tmp_path / f"case{suffix}")
    assert NOTICE in path.read_text(encoding="utf-8")


def test_pictures_count_what_they_draw_and_never_draw_it(graph):
    overview = figure_for("overview", graph, selection=Selection(boroughs=("lewisham",)))
    assert overview.conditional == 2
    assert figure_for("overview", graph, selection=Selection(boroughs=("hillingdon",))).conditional == 0
    assert figure_for("tiles", graph).conditional == 2  # a chart: its whole selection
    from casegraph.viz.pages import still_svg

    assert "handling code" not in still_svg(overview)


@pytest.mark.parametrize("command, out", [
    (["export"], "lewisham.json"), (["export"], "lewisham.ftm.json"), (["report"], "lewisham.md"),
    (["viz", "overview"], "lewisham.svg"), (["viz", "tiles"], "lewisham-tiles.svg"),
])
def test_commands_say_it_on_stderr(built, command, out, tmp_path):
    store = str(built[2].directory)
    result = CliRunner().invoke(cli, [*command, "--store", store, "--borough", "lewisham", "--out", str(tmp_path / out)],
                                catch_exceptions=False)
    assert result.exit_code == 0, result.output
    assert re.search(r"^note: " + re.escape(NOTICE), result.stderr, re.M), result.stderr
    assert "handling code" not in result.stdout
    other = CliRunner().invoke(cli, [*command, "--store", store, "--borough", "hillingdon", "--out", str(tmp_path / "x" / out)],
                               catch_exceptions=False)
    assert other.exit_code == 0 and "handling code" not in other.output


def test_build_says_it_of_the_overview_page_it_writes(built, tmp_path):
    """`casegraph build` writes the overview page of the public graph: it says what handling code C asks
    of that page, as `viz` does."""
    data = next(f for f in built[1] if f.name == "zz-added.jsonl").parent  # `london_with`'s data folder
    result = CliRunner().invoke(cli, ["build", str(data), "--store", str(tmp_path / "store"),
                                      "--overview", str(tmp_path / "overview.html")], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    assert re.search(r"^note: " + re.escape(NOTICE), result.stderr, re.M), result.stderr
    assert "handling code" not in (tmp_path / "overview.html").read_text(encoding="utf-8")


def test_the_explorers_view_pages_and_downloads_say_it(built):
    from casegraph.explorer.state import Explorer
    from tests.explorer.conftest import client_for

    explorer = Explorer.open(built[2], include_restricted=False)
    try:
        client = client_for(explorer)
        for view in ("overview", "tiles"):
            page = client.get(f"/views/{view}?borough=lewisham")
            assert page.status_code == 200 and NOTICE in page.text, view
            assert "handling code" not in client.get(f"/views/{view}?borough=hillingdon").text
        download = client.get("/export?format=json&borough=lewisham")
        assert download.status_code == 200 and NOTICE in download.text
        dossier = client.get(f"/entity/{CASE}/dossier?format=md")
        assert dossier.status_code == 200 and NOTICE in dossier.text
        # an entity page: its own facts' and its shown links' citations (the case's borough link: 1)
        case_page = client.get(f"/entity/{CASE}").text
        assert "1 citation here carries handling code C" in case_page
        assert "1 citation here carries handling code C" in client.get("/entity/martin-malone").text
        assert "handling code" not in client.get("/entity/hillingdon").text
    finally:
        explorer.close()


# -- query answers: one count for every front end (`Result.conditional`, `casegraph.Rows.conditional`) ----------

ONE = "1 citation here carries handling code C (3x5x2: sharing permitted with conditions)"
OTHER_CASE = "hillingdon-2014-operation-baker"
# (case-detail's question names the handling code: an answer's notice is told by "with conditions")
MALONE = "MATCH (p:Person {id: 'martin-malone'}) RETURN p"


def test_the_python_apis_rows_carry_the_count_and_the_notice(built):
    import casegraph

    cg = casegraph.open(built[2].directory)
    detail = cg.query("case-detail", case_id=CASE)  # its borough link: 1 citation coded C
    assert detail.conditional == 1 and ONE in detail.conditions
    assert "C" in next(row["citation_handling"] for row in detail if row["id"] == "lewisham")
    history = cg.query("status-history", id="martin-malone")  # his own citation coded C
    assert history.conditional == 1
    assert ["C" in (row["citation_handling"] or []) for row in history].count(True) == 1
    other = cg.query("case-detail", case_id=OTHER_CASE)
    assert other.conditional == 0 and other.conditions is None
    malone = cg.cypher(MALONE)  # a node value: its properties' codes
    assert malone.conditional == 1 and ONE in malone.conditions
    assert cg.cypher("MATCH (p:Person {id: 'martin-malone'}) RETURN p.name").conditional == 0


@pytest.mark.parametrize("fmt", ["table", "json", "csv"])
@pytest.mark.parametrize("asked, said", [
    (["query", "case-detail", "--param", f"case_id={CASE}"], ONE),
    (["query", "status-history", "--param", "id=martin-malone"], ONE),
    (["query", "--cypher", MALONE], ONE),
    (["query", "case-detail", "--param", f"case_id={OTHER_CASE}"], None),
])
def test_casegraph_query_says_it_on_stderr_in_every_format(built, fmt, asked, said):
    result = CliRunner().invoke(cli, [*asked, "--store", str(built[2].directory), "--format", fmt],
                                catch_exceptions=False)
    assert result.exit_code == 0, result.output
    assert "handling code" not in result.stdout  # machine-readable output stays as it was
    if fmt == "json":
        json.loads(result.stdout)
    if said:
        assert re.search(r"^note: " + re.escape(said), result.stderr, re.M), result.stderr
    else:
        assert "handling code" not in result.stderr


@pytest.mark.parametrize("fmt", ["table", "json"])
def test_casegraph_analyze_says_it_of_the_selection_it_read(built, fmt):
    store = str(built[2].directory)
    result = CliRunner().invoke(cli, ["analyze", "--store", store, "--borough", "lewisham", "--format", fmt],
                                catch_exceptions=False)
    assert result.exit_code == 0, result.output
    assert re.search(r"^note: " + re.escape(NOTICE), result.stderr, re.M), result.stderr
    assert "handling code" not in result.stdout
    other = CliRunner().invoke(cli, ["analyze", "--store", store, "--borough", "hillingdon", "--format", fmt],
                               catch_exceptions=False)
    assert other.exit_code == 0 and "handling code" not in other.output


def test_the_explorers_query_pages_and_views_form_say_it(built):
    from casegraph.explorer.state import Explorer
    from tests.explorer.conftest import client_for

    explorer = Explorer.open(built[2], include_restricted=False)
    try:
        client = client_for(explorer)
        page = client.get(f"/queries/case-detail?run=1&case_id={CASE}")
        assert page.status_code == 200 and ONE in page.text
        other = client.get(f"/queries/case-detail?run=1&case_id={OTHER_CASE}")
        assert other.status_code == 200 and "with conditions" not in other.text
        assert "with conditions" not in client.get(f"/queries/case-detail?case_id={CASE}").text  # not run: no answer
        assert NOTICE in client.get("/views?borough=lewisham").text
        assert "with conditions" not in client.get("/views?borough=hillingdon").text
    finally:
        explorer.close()
