"""The first hour of a new user: own data, which data is built, finding ids, readable answers, one vocabulary."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from casegraph.cli import cli
from casegraph.loaders import default_data_dir
from casegraph.loaders.source import data_source

ROOT = Path(__file__).resolve().parents[2]


def run(*args, **kwargs):
    return CliRunner().invoke(cli, [str(a) for a in args], **kwargs)


@pytest.fixture()
def elsewhere(tmp_path, monkeypatch):
    """A working directory outside the checkout, with no data configured."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("CASEGRAPH_DATA", raising=False)
    return tmp_path


# -- own data ------------------------------------------------------------------------------------

def test_init_makes_a_folder_that_builds_at_once_and_edits_are_picked_up(elsewhere, monkeypatch):
    made = run("init", "mine")
    assert made.exit_code == 0, made.output
    folder = elsewhere / "mine"
    for name in ("casegraph.toml", "casegraph.schema.json", "sources.yaml", "reference/indicators.yaml",
                 "reference/london/authorities.csv", "cases/redbridge-2011-child-sex-ring.yaml"):
        assert (folder / name).exists(), name
    case = folder / "cases" / "redbridge-2011-child-sex-ring.yaml"
    assert case.read_text().startswith("# yaml-language-server: $schema=../casegraph.schema.json")
    monkeypatch.chdir(folder / "cases")  # below the folder: casegraph.toml is found upwards
    store = elsewhere / "store"
    first = run("build", "--store", store, "--no-overview", "--format", "json")
    assert first.exit_code == 0, first.output
    report = json.loads(first.stdout)
    assert report["data"].startswith(str(folder)) and "casegraph.toml" in report["data"]
    assert report["nodes"]["CaseFile"] == 1 and report["changed"]
    case.write_text(case.read_text().replace("trial of a suspected child sex ring", "trial of a child sex ring"))
    second = json.loads(run("build", "--store", store, "--no-overview", "--format", "json").stdout)
    assert second["changed"] and second["build_id"] != report["build_id"], "an edit is always picked up"
    listed = run("list", "cases", "--store", store, "--format", "json")
    assert json.loads(listed.stdout)[0]["name"] == "Redbridge: trial of a child sex ring (2011)"
    again = run("init", folder)
    assert again.exit_code == 1 and "not an empty folder" in again.output


def test_build_says_which_data_it_builds(elsewhere, monkeypatch):
    assert data_source().bundled and "bundled London data" in data_source().describe()
    assert data_source(start=ROOT).paths == ((ROOT / "data").resolve(),), "the checkout builds its own data/"
    monkeypatch.setenv("CASEGRAPH_DATA", str(elsewhere / "x"))
    assert data_source().origin == "from $CASEGRAPH_DATA"
    monkeypatch.delenv("CASEGRAPH_DATA")
    result = run("build", "--store", elsewhere / "s", "--no-overview")
    assert result.exit_code == 0
    assert f"Data: the bundled London data ({default_data_dir()})" in result.stdout


def test_a_folder_without_reference_data_says_what_it_needs(elsewhere):
    result = run("validate", ROOT / "data" / "london")
    assert result.exit_code == 1
    assert "unknown reference" in result.stdout and "casegraph init DIR" in result.stderr


def test_validate_on_a_missing_path_exits_1_as_the_readme_says(elsewhere):
    result = run("validate", elsewhere / "nowhere")
    assert result.exit_code == 1 and "no such file or folder" in result.output


def test_the_build_summary_reads_and_explains_restricted_counts(elsewhere):
    result = run("build", "--store", elsewhere / "s", "--no-overview")
    out = " ".join(result.stdout.split())  # lines wrap to the terminal
    assert re.search(r"Nodes: [\d,]+, of which 19 restricted", out) and re.search(r"Person \d+ \(17 restricted\)", out)
    assert re.search(r"Place \d+ \(2 restricted\)", out)  # a victim's home and a school (issue 11)
    assert "1 case record for it, standing for 6 cases; none described individually" in out
    assert "case records stand for" not in out


# -- finding ids and asking with them --------------------------------------------------------------

def test_list_and_search(london_store):
    store = london_store.directory
    listed = run("list", "people", "--store", store, "--format", "json")
    rows = json.loads(listed.stdout)
    assert {"id", "name", "borough", "period"} <= set(rows[0]) and "martin-malone" in {r["id"] for r in rows}
    found = json.loads(run("search", "Malone", "--store", store, "--format", "json").stdout)
    assert found[0]["id"] == "martin-malone" and found[0]["score"] == 100
    typo = json.loads(run("search", "bellfeld", "--store", store, "--format", "json").stdout)
    assert typo[0]["id"] == "levi-bellfield" and "hillingdon-2000-2016-bellfield-group" in [r["id"] for r in typo]
    alias = json.loads(run("search", "Square Mile", "--store", store, "--format", "json").stdout)
    assert alias[0]["id"] == "city-of-london" and alias[0]["matched"] == "Square Mile"
    assert run("list", "spaceships", "--store", store).exit_code == 2


def test_list_and_search_give_a_missing_borough_period_or_match_as_unknown_in_every_format(london_store):
    """A person without a period, a source without a borough, a hit whose match is its own name: null in JSON
    (as the catalog's answers give an unknown), an empty cell in CSV and in the table, never a blank text."""
    import csv
    import io

    from casegraph.graph.search import KINDS

    store = london_store.directory
    calls = [("list", kind) for kind in sorted(set(KINDS.values()))] + [("search", "malone"), ("search", "lewisham")]
    unknown = {"borough": 0, "period": 0, "matched": 0}
    for call in calls:
        rows = json.loads(run(*call, "--store", store, "--format", "json").stdout)
        table = list(csv.DictReader(io.StringIO(run(*call, "--store", store, "--format", "csv").stdout)))
        assert len(table) == len(rows) > 0, call
        for row, cells in zip(rows, table):
            for column in unknown:
                if column in row:
                    assert row[column] != "", (call, row)
                    assert cells[column] == (row[column] if row[column] is not None else ""), (call, row, cells)
                    unknown[column] += row[column] is None
    assert all(unknown.values()), unknown
    shown = run("search", "malone", "--store", store, "--max-width", "0").stdout.splitlines()
    assert shown[2].split() == ["martin-malone", "person", "Martin", "Malone", "Malone", "Lewisham", "(inferred)",
                                "100.0"]  # no period: nothing written in its place


def test_a_list_with_an_unknown_element_reads_apart_from_an_empty_list_in_csv_and_table(london_store):
    """`[None]` is `unknown` (`UNKNOWN_TEXT`), `[]` an empty cell, `["C", None, "P"]` `C; unknown; P`: never a blank
    between separators; a null outside a list stays an empty cell (no value made up)."""
    import csv
    import io

    from casegraph.graph.values import text_of
    from casegraph.schemas.citations import UNKNOWN_TEXT

    assert UNKNOWN_TEXT == "unknown"
    assert (text_of(["C", None, None, "P"]), text_of([None]), text_of([]), text_of(None)) == \
        ("C; unknown; unknown; P", "unknown", "", "")
    assert text_of([{"response": "completed", "said_by": None}]) == "response: completed; said_by: unknown"
    call = ("query", "status-history", "--param", "id=redbridge-2011-child-sex-ring", "--store", london_store.directory)
    rows = {r["fact"]: r for r in csv.DictReader(io.StringIO(run(*call, "--format", "csv").stdout))}
    case = rows["CaseFile"]  # its one citation is ungraded: [null] in JSON
    assert json.loads(run(*call, "--format", "json").stdout)[1]["reliability"] == [None]
    assert (case["role"], case["reliability"], case["credibility"], case["citation_handling"]) == \
        ("", UNKNOWN_TEXT, UNKNOWN_TEXT, UNKNOWN_TEXT)
    table = run(*call, "--max-width", "0").stdout.splitlines()
    assert table[3].split()[:9] == ["CaseFile", "redbridge-2011-child-sex-ring", "2025-11", "reported",
                                    "express-mylondon-2025", UNKNOWN_TEXT, UNKNOWN_TEXT, UNKNOWN_TEXT, "reported"]


def test_catalog_ids_are_checked_in_any_case(london_store):
    store = london_store.directory
    wrong = run("query", "similar-cases", "--param", "case_id=lambeth-2022-hotel", "--store", store)
    assert wrong.exit_code == 1 and "did you mean lambeth-2022-hotel-room?" in wrong.output
    upper = run("query", "similar-cases", "--param", "case_id=LAMBETH-2022-HOTEL-ROOM", "--store", store,
                "--format", "json")
    exact = run("query", "similar-cases", "--param", "case_id=lambeth-2022-hotel-room", "--store", store,
                "--format", "json")
    assert upper.exit_code == 0 and upper.stdout == exact.stdout and json.loads(exact.stdout)
    name = run("query", "queries-that-dont-exist", "--store", store)
    assert name.exit_code == 1 and "`casegraph queries` lists them" in name.output
    assert "did you mean similar-cases" in run("query", "similar-case", "--store", store).output


def test_params_parse_as_json_and_quoting_keeps_text(london_store):
    store = london_store.directory
    cypher = "MATCH (c:CaseFile) WHERE c.year_start = $y RETURN c.id AS id"
    number = run("query", "--cypher", cypher, "--param", "y=2012", "--store", store, "--format", "json")
    assert json.loads(number.stdout) == [{"id": "haringey-2012-finsbury-park"}]
    text = run("query", "--cypher", "RETURN $y AS y", "--param", 'y="2012"', "--store", store, "--format", "json")
    assert json.loads(text.stdout) == [{"y": "2012"}]


# -- readable tables -------------------------------------------------------------------------------

def test_tables_wrap_to_the_width_and_paths_read_as_chains(london_store):
    store = london_store.directory
    result = run("query", "paths-between-cases", "--param", "from=lambeth-2022-hotel-room", "--param",
                 "to=kingston-2021-sar", "--max-width", "90", "--store", store)
    lines = result.stdout.splitlines()
    assert result.exit_code == 0 and max(len(line) for line in lines) <= 90
    assert "…" not in result.stdout
    whole = run("query", "paths-between-cases", "--param", "from=lambeth-2022-hotel-room", "--param",
                "to=kingston-2021-sar", "--store", store, "--format", "csv")
    assert "lambeth-2022-hotel-room —SHOWS— Alcohol or drugs —SHOWS— kingston-2021-sar" in whole.stdout
    assert set("lambeth-2022-hotel-room —SHOWS— Alcohol or drugs".split()) <= set(result.stdout.split())
    questions = run("queries", "--max-width", "80")
    assert max(len(line) for line in questions.stdout.splitlines()) <= 80
    from casegraph.queries import catalog

    shown = set(questions.stdout.split())
    assert all(set(q.header.question.split()) <= shown for q in catalog().values()), "questions wrap, never cut"
    wide = run("queries", "--max-width", "0")
    assert any(len(line) > 120 for line in wide.stdout.splitlines()), "0: no limit, one line a row"


# -- one vocabulary --------------------------------------------------------------------------------

def test_decades_and_profiles_read_the_same_everywhere(london_store, tmp_path):
    store = london_store.directory
    outputs = {}
    for decade in ("2000s", "2000"):
        for flag in (["--profile", "restricted"], ["--include-restricted"]):
            out = tmp_path / f"{decade}{len(flag)}.json"
            result = run("export", "--decade", decade, *flag, "--store", store, "--out", out, "--format", "json")
            assert result.exit_code == 0, result.output
            report = json.loads(result.stdout)
            outputs[(decade, len(flag))] = (report["nodes"], report["relationships"], report["profile"])
            pic = run("viz", "overview", "--decade", decade, *flag, "--store", store,
                      "--out", tmp_path / "v.html", "--format", "json")
            assert pic.exit_code == 0 and json.loads(pic.stdout)["profile"] == "restricted"
    assert len(set(outputs.values())) == 1
    both = run("viz", "overview", "--profile", "public", "--include-restricted", "--store", store,
               "--out", tmp_path / "v.html")
    assert both.exit_code == 2 and "contradicts" in both.output
    analysed = run("analyze", "communities", "--decade", "2000s", "--type", "case", "--store", store)
    assert analysed.exit_code == 0, analysed.output
    restricted = run("query", "case-detail", "--param", "case_id=croydon-2020-child-in-care",
                     "--include-restricted", "--store", store, "--format", "json")
    public = run("query", "case-detail", "--param", "case_id=croydon-2020-child-in-care", "--store", store,
                 "--format", "json")
    assert len(json.loads(restricted.stdout)["data"]) > len(json.loads(public.stdout))
    assert "not for publication" in restricted.stderr and "not for publication" not in public.stderr
    adhoc = run("query", "--cypher", "MATCH (p:Person) RETURN count(p) AS n", "--profile", "restricted",
                "--store", store)
    assert adhoc.exit_code == 0 and "not for publication" in adhoc.stderr


def test_a_dossier_of_a_person_is_titled_by_them_with_no_empty_sections(london_store, tmp_path):
    result = run("report", "--person", "martin-malone", "--out", tmp_path / "m.md", "--store", london_store.directory)
    text = Path(result.stdout.strip()).read_text()
    assert text.startswith("# Martin Malone: casegraph dossier")
    headings = [i for i, line in enumerate(text.splitlines()) if line.startswith("#")]
    lines = text.splitlines()
    for here, after in zip(headings, headings[1:]):
        body = [line for line in lines[here + 1:after] if line.strip()]
        deeper = lines[after].count("#", 0, lines[after].index(" ")) > lines[here].count("#", 0, lines[here].index(" "))
        assert body or deeper, f"empty section: {lines[here]}"


@pytest.mark.parametrize("view", ["overview", "patterns", "tiles", "timeline", "decades", "map", "responses"])
def test_a_view_of_nothing_writes_no_picture(london_store, tmp_path, view):
    """A selection no case matches: exit 1 and no file, not a blank picture that reads as "no cases"."""
    out = tmp_path / f"{view}.svg"
    result = run("viz", view, "--decade", "1950s", "--store", london_store.directory, "--out", out)
    assert result.exit_code == 1 and not out.exists()
    assert "nothing to draw (decade: 1950s)" in result.output and "Traceback" not in result.output
