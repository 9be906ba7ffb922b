"""The `casegraph` command end to end, on the London data and a real store."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from click.testing import CliRunner

from casegraph.graph.profile import public_dataset

from casegraph.cli import cli
from casegraph.queries import catalog

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """A store built by the CLI itself, with its JSON report."""
    store = tmp_path_factory.mktemp("cli-store")
    result = CliRunner().invoke(cli, ["build", "--store", str(store), "--format", "json"])
    assert result.exit_code == 0, result.output
    return store, json.loads(result.stdout)


def run(*args: str):
    return CliRunner().invoke(cli, list(args))


def test_build_reports_counts_headlines_and_the_overview_page(built, london):
    store, report = built
    assert report["changed"] is True
    assert report["nodes"] == london.node_counts()
    assert report["relationships"] == london.rel_counts()
    assert report["headlines"]["recurring_indicators"], "headline patterns are printed"
    assert Path(report["overview"]).exists()


def test_rebuild_of_the_same_data_changes_nothing(built):
    store, report = built
    again = run("build", "--store", str(store), "--format", "json", "--no-overview")
    assert again.exit_code == 0, again.output
    second = json.loads(again.stdout)
    assert second["changed"] is False and second["build_id"] == report["build_id"]


def test_the_default_overview_never_replaces_a_file_casegraph_did_not_write(built):
    """The default overview path (beside the store; the current folder for Neo4j) may hold the user's own
    file: it is left alone, with a warning; a page casegraph wrote there is replaced."""
    store, report = built
    page = Path(report["overview"])
    assert page.parent == store
    page.write_text("my notes")
    kept = run("build", "--store", str(store), "--format", "json")
    assert kept.exit_code == 0, kept.output
    assert page.read_text() == "my notes" and json.loads(kept.stdout)["overview"] is None
    assert f"not writing the overview page: {page} exists and is not a page casegraph wrote" in kept.stderr
    page.unlink()
    assert run("build", "--store", str(store)).exit_code == 0 and page.read_text().startswith("<!DOCTYPE html>")
    again = run("build", "--store", str(store), "--format", "json")
    assert again.exit_code == 0 and json.loads(again.stdout)["overview"] == str(page)


def test_build_table_output_names_what_it_found(tmp_path):
    result = run("build", "--store", str(tmp_path / "s"), "--no-overview")
    assert result.exit_code == 0, result.output
    assert "CaseFile" in result.stdout and "recur" in result.stdout
    assert "claims 24 cases" in result.stdout


def test_stats_json_is_the_only_thing_on_stdout(built, london):
    store, _ = built
    result = run("stats", "--store", str(store), "--format", "json")
    assert result.exit_code == 0
    rows = json.loads(result.stdout)
    counted = {r["name"]: r["count"] for r in rows if r["kind"] == "node" and r["count"]}
    assert counted == public_dataset(london).node_counts(), "counts of the public profile by default"
    full = json.loads(run("stats", "--store", str(store), "--format", "json", "--profile", "restricted").stdout)["data"]
    assert {r["name"]: r["count"] for r in full if r["kind"] == "node" and r["count"]} == london.node_counts()


def test_queries_lists_the_catalog(built):
    result = run("queries", "--format", "json")
    names = {row["name"] for row in json.loads(result.stdout)}
    assert names == set(catalog())


def test_query_json_shapes_nodes_and_relationships(built):
    store, _ = built
    result = run("query", "--store", str(store), "--format", "json", "--cypher",
                 "MATCH (c:CaseFile)-[r:IN_BOROUGH]->(b:Borough) RETURN c, r, b.name AS borough LIMIT 1")
    assert result.exit_code == 0, result.output
    (row,) = json.loads(result.stdout)
    assert row["c"]["labels"] == ["CaseFile"] and "id" in row["c"]["properties"]
    assert row["r"]["type"] == "IN_BOROUGH" and "source" in row["r"]["properties"]


def test_query_with_parameters(built):
    store, _ = built
    result = run("query", "--store", str(store), "--format", "json", "--cypher",
                 "MATCH (b:Borough {id: $id})-[:NEIGHBOURS]-(n:Borough) RETURN n.id AS id ORDER BY id",
                 "--param", "id=haringey")
    assert [r["id"] for r in json.loads(result.stdout)] == [
        "barnet", "camden", "enfield", "hackney", "islington", "waltham-forest"]


def test_a_writing_query_is_refused_with_a_clear_message(built):
    store, _ = built
    result = run("query", "--store", str(store), "--cypher", "MATCH (b:Borough) DETACH DELETE b")
    assert result.exit_code == 1
    assert "refused" in result.output and "DETACH" in result.output


def test_a_missing_parameter_says_which(built):
    store, _ = built
    result = run("query", "similar-cases", "--store", str(store))
    assert result.exit_code == 1
    assert "--param case_id=" in result.output


def test_inputs_that_crashed_or_misled_are_refused_with_a_message(built, tmp_path):
    """Found by a newcomer: a page far past the end and deep brackets crashed LadybugDB's process (a
    segmentation fault); a null id answered `(no rows)`; a number beyond 64 bits, an unwritable file and
    an http:// Neo4j URI gave the engine's or Python's own words."""
    store, _ = built
    at = ["--store", str(store)]
    page = run("query", "case-detail", "--param", "case_id=croydon-2020-child-in-care", "--param", "offset=100000", *at)
    assert page.exit_code == 0 and "no rows from 100,001: past the last row of " in page.output
    assert "; the last page: --param offset=0" in page.output
    deep = run("query", "--cypher", "MATCH (i:Indicator) RETURN i.id ORDER BY i.id SKIP 100000 LIMIT 10", *at)
    assert deep.exit_code == 1 and "SKIP 100,000 (more than 5,000) can crash the engine" in deep.output
    nested = run("query", "--cypher", "MATCH (n:Person) WHERE " + "(" * 3000 + "true" + ")" * 3000 + " RETURN n.id", *at)
    assert nested.exit_code == 1 and "brackets nested 3000 deep (at most 200)" in nested.output
    for params, message in [(["case_id=null"], "'case_id': expected an id, got null"),
                            (["case_id=croydon-2020-child-in-care", "offset=99999999999999999999999"],
                             "'offset': expected an integer the engines hold (64 bits)")]:
        result = run("query", "case-detail", *(f for p in params for f in ("--param", p)), *at)
        assert result.exit_code == 1 and message in result.output, result.output
    (tmp_path / "file").write_text("a file, not a folder")
    unwritable = run("export", "--borough", "croydon", "--out", str(tmp_path / "file" / "x.json"), *at)
    assert unwritable.exit_code == 1 and "is a file, not a folder" in unwritable.output, unwritable.output
    assert "Traceback" not in unwritable.output
    http = run("stats", "--neo4j", "http://example")
    assert http.exit_code == 1 and "expected bolt://" in http.output


def test_a_query_answers_a_page_and_says_how_many_rows_there_are(built):
    store, _ = built
    result = run("query", "recurring-indicators", "--store", str(store), "--format", "json",
                 "--param", "limit=5", "--param", "offset=5")
    assert result.exit_code == 0, result.output
    assert "rows 6-10 of 20; next page: --param offset=10" in result.output  # on stderr
    too_many = run("query", "recurring-indicators", "--store", str(store), "--param", "limit=100000")
    assert too_many.exit_code == 1 and "'limit': expected at most 1000" in too_many.output


def test_an_unknown_parameter_says_what_was_expected(built):
    store, _ = built
    result = run("query", "recurring-indicators", "--store", str(store), "--param", "colour=red")
    assert result.exit_code == 1
    assert "no parameter colour" in result.output and "min_boroughs" in result.output


def test_an_engine_error_is_a_message_not_a_traceback(built):
    store, _ = built
    result = run("query", "--store", str(store), "--cypher", "MATCH (n:Nowhere) RETURN n")
    assert result.exit_code == 1
    assert "LadybugDB" in result.output and "Traceback" not in result.output


def test_csv_output_neutralises_formulas(tmp_path):
    data = tmp_path / "data"
    data.mkdir()
    (data / "x.yaml").write_text(textwrap.dedent("""\
        - kind: indicator
          id: formula
          name: "=HYPERLINK(\\"http://x\\")"
          description: "+1"
          source: casegraph-indicators
          locator: test
        """))
    store = tmp_path / "store"
    sources = ROOT / "data" / "sources.yaml"
    assert run("build", "--store", str(store), "--no-overview", str(sources), str(data)).exit_code == 0
    result = run("query", "--store", str(store), "--format", "csv", "--cypher",
                 "MATCH (i:Indicator) RETURN i.name AS name, i.description AS d")
    lines = result.stdout.splitlines()
    assert lines[1].startswith("\"'=HYPERLINK") and lines[1].endswith(",'+1")


def test_validate_reports_every_problem_as_json(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("- kind: case\n  id: x\n  colour: red\n")
    result = run("validate", "--format", "json", str(ROOT / "data" / "sources.yaml"), str(bad))
    assert result.exit_code == 1
    report = json.loads(result.stdout)
    assert report["valid"] is False
    fields = {p["field"] for p in report["problems"]}
    assert {"colour", "title", "summary", "period", "source"} <= fields


def test_validate_the_london_data():
    result = run("validate")
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("valid:")


def test_a_failed_build_writes_nothing(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("- kind: case\n  id: x\n")
    store = tmp_path / "store"
    result = run("build", "--store", str(store), str(ROOT / "data" / "sources.yaml"), str(bad))
    assert result.exit_code == 1
    assert "nothing was written" in result.output
    assert not (store / "current").exists()


def test_every_command_has_help():
    for name, command in cli.commands.items():
        result = run(name, "--help")
        assert result.exit_code == 0 and command.help, name


def test_the_installed_command_runs():
    result = subprocess.run([sys.executable, "-m", "casegraph.cli", "--help"], capture_output=True, text=True)
    assert result.returncode == 0 and "casegraph build" in result.stdout


def test_the_same_commands_work_against_neo4j(neo4j_settings, tmp_path, monkeypatch):
    """`--neo4j URI` (credentials from the environment) gives the same output as the embedded store."""
    for key, value in neo4j_settings.items():
        monkeypatch.setenv(key, value)
    uri = neo4j_settings["NEO4J_URI"]
    built = run("build", "--neo4j", uri, "--format", "json", "--overview", str(tmp_path / "o.html"))
    assert built.exit_code == 0, built.output
    embedded = tmp_path / "store"
    assert run("build", "--store", str(embedded), "--no-overview").exit_code == 0
    year = "MATCH (c:CaseFile) WHERE c.year_start = $y RETURN c.id AS id ORDER BY id"
    for args in (["stats", "--format", "json"], ["query", "case-count", "--format", "json"],
                 ["query", "cases-by-borough", "--format", "csv"],
                 ["query", "--cypher", year, "--param", "y=2012", "--format", "json"],  # a number on both engines
                 ["query", "similar-cases", "--param", "case_id=Lambeth-2022-Hotel-Room", "--format", "json"],
                 ["list", "cases", "--format", "json"], ["search", "malone", "--format", "json"]):
        server = run(*args, "--neo4j", uri)
        local = run(*args, "--store", str(embedded))
        assert server.exit_code == 0, server.output
        assert server.stdout == local.stdout, args
        assert server.stdout.strip() not in ("[]", ""), args
    wrong = run("query", "similar-cases", "--param", "case_id=lambeth-2022-hotel", "--neo4j", uri)
    assert wrong.exit_code == 1 and "did you mean lambeth-2022-hotel-room?" in wrong.output
    refused = run("query", "--neo4j", uri, "--cypher", "CALL db.createLabel('Leak')")
    assert refused.exit_code == 1 and "refused" in refused.output


def test_neo4j_down_is_one_line_not_a_traceback(monkeypatch):
    monkeypatch.delenv("NEO4J_URI", raising=False)
    result = run("stats", "--neo4j", "bolt://127.0.0.1:1")
    assert result.exit_code == 1
    assert result.output.strip().startswith("casegraph: cannot reach Neo4j at bolt://127.0.0.1:1")
    assert "Traceback" not in result.output
