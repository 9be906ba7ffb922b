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
    finally:
        explorer.close()
