"""A field is credited only to the citations that state it (a newcomer's finding).

The data is the London data with the Croydon case given a graded citation of the review it drew on,
and restated by a test court report that gives only `period: 2019`, cited twice (p. 1, p. 2), and
the victim's part in it, without the article's description (restricted). The
restatement's required fields (title, summary) are the case record's, and it says nothing of the
outcome or the victims: no output may show them beside the court report's citations, nor the period
2020 beside a citation that says 2019 without naming which source gives which value.
"""

from __future__ import annotations

import json
import re
import shutil

import pytest
from click.testing import CliRunner

from casegraph.cli import cli
from casegraph.exports.base import ExportMeta
from casegraph.explorer.provenance import provenance
from casegraph.graph.projection import project
from casegraph.graph.search import period_of
from casegraph.graph.selection import Selection, select
from casegraph.loaders import data_files, default_data_dir
from casegraph.loaders.load import load
from casegraph.reports import build_dossier, render_html, render_markdown
from casegraph.reports.model import Citation
from casegraph.viz.facts import node_facts
from tests.conftest import _built, on_both_engines

CASE, COURT, ARTICLE, REVIEW = "croydon-2020-child-in-care", "src-test-court", "express-mylondon-2025", "src-croydon-cspr"
STATING = f"{ARTICLE}, {REVIEW}"
PERIOD = f"2020 per {STATING}; contested: also 2019 per {COURT}"


def _copy(folder):
    """The London data with the graded citation and the court report's restatement; its files."""
    data = folder / "data"
    shutil.copytree(default_data_dir(), data, ignore=shutil.ignore_patterns("*.py", "__pycache__"))
    case = data / "london" / "cases" / f"{CASE}.yaml"
    given = f'    - {{source: {REVIEW}, locator: "as the article reports it (para 9)"}}\n'
    text = case.read_text()
    assert given in text
    case.write_text(text.replace(given, given + f'    - {{source: {REVIEW}, locator: "p. 7", reliability: 2, '
                                                 'credibility: B, handling: C, as_of: 2021-03}\n'))
    (data / "london" / "cases" / "zz-court.yaml").write_text(
        f'- {{kind: case, id: {CASE}, period: 2019, source: {COURT}, locator: "p. 1", '
        f'citations: [{{source: {COURT}, locator: "p. 2", reliability: 1, credibility: A, handling: P}}]}}\n'
        f'- {{rel: INVOLVES, from: {CASE}, to: victim-croydon-2020, role: victim, source: {COURT}, locator: "p. 3", '
        'sensitivity: restricted}\n')
    with (data / "sources.yaml").open("a") as sources:
        sources.write(f"- {{kind: source, id: {COURT}, title: A test court report, publisher: A court, "
                      "published: 2019-06, doc_type: report}\n")
    return data_files([data])


@pytest.fixture(scope="module")
def built(tmp_path_factory, neo4j_server_store):
    folder = tmp_path_factory.mktemp("credit")
    files = _copy(folder)
    dataset = load(files)
    return dataset, on_both_engines((dataset, files, _built(dataset, files, folder / "store")), neo4j_server_store)


def _case(dataset):
    return next(r for r in dataset.all_nodes() if r.id == CASE)


def test_the_loader_records_which_sources_state_each_field_a_restatement_leaves_out(built):
    case = _case(built[0])
    assert dict(zip(case.partial_fields, case.partial_sources)) == {
        field: f"{ARTICLE};{REVIEW}" for field in ("title", "summary", "victims_reported", "outcomes",
                                                     "restricted_detail")}
    assert "period" not in case.partial_fields  # every source states it (two values: contested)


def test_a_restatement_giving_every_field_its_sources_state_is_credited_with_all(tmp_path):
    """The court report restating the case with the same title and summary, and nothing else left out
    but what the case record does not give either: nothing is partial."""
    files = _copy(tmp_path)
    court = tmp_path / "data" / "london" / "cases" / "zz-court.yaml"
    full = next(r for r in load(files).all_nodes() if r.id == CASE)
    court.write_text(json.dumps([{
        "kind": "case", "id": CASE, "period": 2019, "source": COURT, "locator": "p. 1", "title": full.title,
        "summary": full.summary, "victims_reported": 1, "outcomes": ["died"],
        "restricted_detail": full.restricted_detail}]))
    case = next(r for r in load(files).all_nodes() if r.id == CASE)
    assert (case.partial_fields, case.partial_sources) == ([], [])


def _numbers(dossier, graph, *sources):
    """The dossier's numbers of the case record's own citations of `sources`."""
    own = {c for c in Citation.all_of(graph.nodes[CASE]) if c.source in sources}
    return {f"[{n}]" for c, n in dossier.citation_numbers().items() if c in own}


@pytest.mark.parametrize("engine", ["ladybug", "neo4j"])
def test_the_dossier_cites_each_field_with_the_citations_that_state_it(built, engine):
    with built[1][engine].view() as view:
        selection = Selection(cases=(CASE,))
        graph = select(project(view), selection)
    dossier = build_dossier(graph, ExportMeta(selection=selection.describe()))
    text = render_markdown(dossier)
    court, others = _numbers(dossier, graph, COURT), _numbers(dossier, graph, ARTICLE, REVIEW)
    assert len(court) == 2 and len(others) == 3
    lines = {line.split(" —")[0]: line for line in text.splitlines() if line.startswith("- ")}
    for head in ("- Summary", "- Outcome reported by the source: the victim died", "- Victims reported: 1"):
        cited = set(re.findall(r"\[\d+\]", lines[head].rsplit(" ", 1)[-1]))
        assert cited == others, (engine, lines[head])
    timeline = lines[f"- {PERIOD}"]
    assert set(re.findall(r"\[\d+\]", timeline.rsplit(" ", 1)[-1])) == court | others  # each value named with its sources
    assert f"- 2020; contested" not in text and f"({PERIOD})" in text
    html = render_html(dossier)
    assert PERIOD in html and "2020; contested" not in html



def test_a_link_restated_without_its_description_and_a_source_dossier_say_whose_words_they_are(built):
    with built[1]["ladybug"].view("restricted") as view:
        graph = project(view)
    case = render_markdown(build_dossier(select(graph, Selection(cases=(CASE,))), ExportMeta(profile="restricted")))
    [victim] = [line for line in case.splitlines() if line.startswith("- ") and "victim-croydon" not in line
                and "a child in care; alleged rape" in line]
    assert f"a child in care; alleged rape aged 11; died in 2020 (per {ARTICLE})" in victim
    with built[1]["ladybug"].view() as view:
        public = project(view)
    around = Selection(around=((COURT, 1),))
    text = render_markdown(build_dossier(select(public, around), ExportMeta(selection=around.describe())))
    [line] = [line for line in text.split("## Facts citing")[1].splitlines() if line.startswith("- Case:")]
    assert "not stated by this source: title, summary, victims reported, outcomes" in line


def test_the_report_command_and_the_explorer_give_the_same_credits(built, tmp_path):
    from casegraph.explorer.state import Explorer
    from tests.explorer.conftest import client_for

    store = built[1]["ladybug"]
    out = tmp_path / "rep.md"
    result = CliRunner().invoke(cli, ["report", "--store", str(store.directory), "--case", CASE, "--out", str(out)])
    assert result.exit_code == 0, result.output
    explorer = Explorer.open(store, include_restricted=False)
    try:
        client = client_for(explorer)
        served = client.get(f"/entity/{CASE}/dossier?format=md")
        page = client.get(f"/entity/{CASE}")
    finally:
        explorer.close()
    assert served.status_code == 200 and page.status_code == 200
    for text in (out.read_text(), served.text):
        summary = next(line for line in text.splitlines() if line.startswith("- Summary"))
        numbers = {line.split(".")[0] for line in text.splitlines()
                   if re.match(r"\d+\. A test court report", line)}
        assert len(numbers) == 2 and not {f"[{n}]" for n in numbers} & set(re.findall(r"\[\d+\]", summary))
    assert f"Stated only by {STATING}: title, summary, victims reported, outcomes" in page.text


def test_tooltips_ftm_and_search_say_which_source_states_which_field(built, tmp_path):
    with built[1]["ladybug"].view() as view:
        graph = project(view)
    attrs = graph.nodes[CASE]
    facts = dict(node_facts(attrs))
    assert facts[f"stated only by {STATING}"] == "title, summary, victims reported, outcomes"
    assert period_of(attrs) == PERIOD
    assert provenance(attrs, graph).partial == [("title, summary, victims reported, outcomes", STATING)]
    out = tmp_path / "case.ftm.json"
    result = CliRunner().invoke(cli, ["export", "--store", str(built[1]["ladybug"].directory), "--case", CASE,
                                      "--out", str(out)])
    assert result.exit_code == 0, result.output
    entity = next(e for e in map(json.loads, out.read_text().splitlines()) if e["id"] == f"casegraph-{CASE}")
    [description] = entity["properties"]["description"]
    assert f"Stated only by {STATING}: title, summary, victims_reported, outcomes." in description
    assert "restricted_detail" not in out.read_text()  # a restricted field is not named in the public profile


def test_an_export_gives_the_status_citation_as_the_records_source(built, tmp_path):
    """docs/exports.md and README: `source`, `paragraphs`, `locator` and `quote` are the citation giving the
    current status (`status_source`), not the first citation's."""
    out = tmp_path / "case.json"
    result = CliRunner().invoke(cli, ["export", "--store", str(built[1]["ladybug"].directory), "--case", CASE,
                                      "--out", str(out)])
    assert result.exit_code == 0, result.output
    exported = json.loads(out.read_text())
    [case] = [n for n in exported["nodes"] if n["id"] == CASE]
    assert case["citation_sources"][0] == COURT  # date order: the 2019 court report first
    assert (case["source"], case["status_source"], case["paragraphs"]) == (ARTICLE, ARTICLE, [9, 37, 40])


def test_the_public_profile_names_no_restricted_field_among_contested_or_partial_ones(tmp_path):
    """A restricted text (`restricted_detail`) two sources give otherwise is contested in the restricted
    profile only: in the public one, its values (and that it exists) are restricted too, in the stores and
    in a public subgraph cut from the restricted projection."""
    from casegraph.graph.profile import public_subgraph

    files = _copy(tmp_path)
    court = tmp_path / "data" / "london" / "cases" / "zz-court.yaml"
    court.write_text(court.read_text().replace("period: 2019,", 'period: 2019, restricted_detail: "A court detail",'))
    case = tmp_path / "data" / "london" / "cases" / f"{CASE}.yaml"  # a detail no safety rule refuses in public text
    case.write_text(case.read_text().replace("She alleged she had been raped aged 11 (para 9).", "An article detail."))
    dataset = load(files)
    store = _built(dataset, files, tmp_path / "store")
    named = ("contested_fields", "contested_values", "partial_fields")
    with store.view("restricted") as view:
        restricted = project(view)
    assert "restricted_detail" in restricted.nodes[CASE]["contested_fields"]
    with store.view() as view:
        public = project(view).nodes[CASE]
    cut = public_subgraph(restricted).nodes[CASE]
    for attrs in (public, cut):
        assert "restricted_detail" not in attrs
        assert not any("restricted_detail" in v or " detail" in v for name in named for v in attrs.get(name) or ())
        assert attrs["contested_fields"] == ["period", "period"]
        assert "summary" in attrs["partial_fields"]
