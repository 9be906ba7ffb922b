"""What a restatement may say, and where the build says what it found (a newcomer's findings).

The data is `casegraph init`'s folder plus a court report (public) and a police log (restricted):
the court report restates the example case with another outcome and its borough, which it also cites
from the police log. A list value is contested like any other; one source giving one fact two
values is an error at both records; a restricted citation is reported where it is written.
"""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from casegraph.cli import cli
from casegraph.exports.base import ExportMeta
from casegraph.graph.projection import project
from casegraph.loaders import data_files
from casegraph.loaders.load import load
from casegraph.loaders.problems import LoadError
from casegraph.queries import run_named
from casegraph.reports import build_dossier, render_markdown
from tests.conftest import _built, on_both_engines

CASE, ARTICLE, COURT, LOG = "redbridge-2011-child-sex-ring", "express-mylondon-2025", "court-report-2011", "police-log"
SOURCES = f"""
- {{kind: source, id: {COURT}, title: A court report, publisher: A court, published: 2011-06, doc_type: report}}
- {{kind: source, id: {LOG}, title: A police log, publisher: Police, published: 2011-03, doc_type: report,
   sensitivity: restricted}}
"""


def _folder(tmp_path, outcomes="[died]"):
    """`casegraph init`'s folder with the court report's restatement (cases/restate.yaml); its files."""
    folder = tmp_path / "mine"
    assert CliRunner().invoke(cli, ["init", str(folder)]).exit_code == 0
    with (folder / "sources.yaml").open("a") as sources:
        sources.write(SOURCES)
    example = (folder / "cases" / f"{CASE}.yaml").read_text()
    summary = " ".join(example.split("summary: >-\n", 1)[1].split("\n  restricted_detail:")[0].split())
    (folder / "cases" / "restate.yaml").write_text(
        f"- kind: case\n  id: {CASE}\n  title: \"Redbridge: trial of a suspected child sex ring (2011)\"\n"
        f"  summary: {json.dumps(summary)}\n  period: 2011\n  outcomes: {outcomes}\n  source: {COURT}\n  locator: p. 4\n"
        f"- rel: IN_BOROUGH\n  from: {CASE}\n  to: redbridge\n  source: {COURT}\n  locator: p. 5\n"
        f"  citations:\n  - {{source: {LOG}, locator: entry 3}}\n")
    return folder


def _case(dataset):
    return next(r for r in dataset.all_nodes() if r.id == CASE)


def test_a_list_from_another_source_is_contested_each_value_with_its_own_sources(tmp_path):
    dataset = load(data_files([_folder(tmp_path)]))
    assert [(c["field"], json.loads(c["value"]), c["sources"]) for c in dataset.contested()] == [
        ("outcomes", ["cleared", "convicted"], [ARTICLE]), ("outcomes", ["died"], [COURT])]
    assert _case(dataset).outcomes == ["cleared", "convicted"]  # the latest-dated citation's (2025-11)


def test_a_list_that_only_adds_an_item_is_contested_and_one_in_another_order_is_not(tmp_path):
    added = load(data_files([_folder(tmp_path / "a", "[cleared, convicted, died]")]))
    assert [(json.loads(c["value"]), c["sources"]) for c in added.contested()] == [
        (["cleared", "convicted"], [ARTICLE]), (["cleared", "convicted", "died"], [COURT])]
    reordered = load(data_files([_folder(tmp_path / "b", "[convicted, cleared, cleared]")]))
    assert reordered.contested() == []
    assert _case(reordered).outcomes == ["cleared", "convicted"]


@pytest.fixture(scope="module")
def built(tmp_path_factory, neo4j_server_store):
    folder = _folder(tmp_path_factory.mktemp("restated"))
    files = data_files([folder])
    dataset = load(files)
    return dataset, on_both_engines((dataset, files, _built(dataset, files, folder.parent / "store")),
                                    neo4j_server_store)


def test_outcomes_by_decade_counts_the_shown_outcomes_and_marks_them_contested(built):
    for engine, store in built[1].items():
        with store.view() as view:
            rows = run_named(view, "outcomes-by-decade", {}).records()
        assert [(r["outcome"], r["case_records"], r["contested"]) for r in rows] == [
            ("cleared", 1, 1), ("convicted", 1, 1)], engine


def test_the_dossier_credits_each_outcome_to_the_source_that_gives_it(built):
    with built[1]["ladybug"].view() as view:
        text = render_markdown(build_dossier(project(view), ExportMeta(selection={"cases": [CASE]})))
    outcomes = [line for line in text.splitlines() if line.startswith("- Outcome")]
    assert [line.split(" [")[0] for line in outcomes] == [
        f"- Outcome reported by the source (contested, shown) — cleared, a conviction; per {ARTICLE}; "
        "sources disagree on this value",
        f"- Outcome reported by the source (contested, also stated) — the victim died; per {COURT}; "
        "sources disagree on this value"]


def test_a_restricted_citation_is_reported_at_the_record_that_cites_it(built):
    dataset = built[0]
    [warning] = [w for w in dataset.warnings if LOG in w.message]
    assert (warning.file.endswith("cases/restate.yaml"), warning.line, warning.record, warning.field) == (
        True, 15, f"IN_BOROUGH {CASE} -> redbridge", "citations.0.source")  # the citation's line
    assert warning.message.startswith(f"cites restricted source {LOG!r}: the public profile shows it with its 2 "
                                      "public citation(s) only")


def test_one_source_giving_a_fact_two_values_is_an_error_at_both_records_not_a_contest(tmp_path):
    folder = tmp_path / "mine"
    assert CliRunner().invoke(cli, ["init", str(folder)]).exit_code == 0
    example = folder / "cases" / f"{CASE}.yaml"
    copy = example.read_text().replace('title: "Redbridge: trial of a suspected child sex ring (2011)"',
                                       "title: dup")
    (folder / "cases" / "zz-copy.yaml").write_text(copy)
    title_line = next(n for n, line in enumerate(copy.splitlines(), 1) if line.startswith("  title:"))
    with pytest.raises(LoadError) as raised:
        load(data_files([folder]))
    [problem] = raised.value.problems
    assert (problem.file.endswith("cases/zz-copy.yaml"), problem.line, problem.record, problem.field) == (
        True, title_line, CASE, "title")
    assert problem.message == (
        f"source {ARTICLE!r} gives title \"dup\" here and \"Redbridge: trial of a suspected child sex ring (2011)\" "
        f"at {example}:{title_line}: one source states one value; correct one of the two records (two records "
        "citing one source for one fact are one record: give each fact once per source)")
    result = CliRunner().invoke(cli, ["validate", str(folder)])
    assert result.exit_code == 1 and "Contested" not in result.output


def test_a_restatement_gives_only_what_its_source_states(tmp_path):
    folder = tmp_path / "mine"
    assert CliRunner().invoke(cli, ["init", str(folder)]).exit_code == 0
    with (folder / "sources.yaml").open("a") as sources:
        sources.write(SOURCES)
    restate = folder / "cases" / "restate.yaml"
    restate.write_text(f"- kind: case\n  id: {CASE}\n  period: 2012\n  source: {COURT}\n  locator: p. 4\n")
    dataset = load(data_files([folder]))
    # the title and summary it leaves out are the example's, not the court report's: never contested
    assert [(c["field"], c["value"], c["sources"]) for c in dataset.contested()] == [
        ("period", '"2011"', [ARTICLE]), ("period", '"2012"', [COURT])]
    assert _case(dataset).title == "Redbridge: trial of a suspected child sex ring (2011)"
    restate.write_text(f"- kind: case\n  id: another-case\n  period: 2012\n  source: {COURT}\n  locator: p. 4\n")
    with pytest.raises(LoadError) as raised:
        load(data_files([folder]))
    assert [(p.file.endswith("cases/restate.yaml"), p.line, p.record, p.field, p.message)
            for p in raised.value.problems] == [
        (True, 1, "another-case", field, "required field is missing (a record restating a node another record "
         "gives in full, e.g. for a second source, may leave it out: no record of this kind gives this id)")
        for field in ("title", "summary")]
