"""On the command line, restricted output is marked in its file name and restricted data is asked for
by the profile alone, on the real London store: every command that writes a file (`export`, `viz`,
`report`) and every command that takes a query's parameters (`query`, and `--query` in `export`,
`viz`, `report`, `analyze`)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from casegraph.cli import cli
from casegraph.viz.cases import BOROUGH_COUNTING

from tests.conftest import need_browser

CASE = "croydon-2020-child-in-care"
ASK = ("--query", "case-detail", "--param", f"case_id={CASE}", "--param", "include_restricted=true")
REFUSED = "casegraph: include_restricted=true asks for restricted data (victims, minors, identifying details), " \
          "which the public profile in use leaves out; nothing was read"
HINT = "hint: add --profile restricted (or --include-restricted): the output is then marked not for publication"


def _run(store, *args):
    return CliRunner().invoke(cli, [*map(str, args), "--store", str(store.directory)])


def _refused(result) -> None:
    assert result.exit_code == 1, result.output
    assert result.stderr.splitlines() == [REFUSED, HINT]


@pytest.mark.parametrize("command, out", [("export", "x.json"), ("export", "x.graphml"), ("export", "csv-folder"),
                                          ("viz", "x.svg"), ("report", "x.md")])
def test_a_query_selection_asking_for_restricted_data_is_refused_in_the_public_profile(
        london_store, tmp_path, command, out):
    view = ("overview",) if command == "viz" else ()
    _refused(_run(london_store, command, *view, *ASK, "--out", tmp_path / out))
    assert list(tmp_path.iterdir()) == [], "nothing written, public or otherwise"


def test_analyze_refuses_it_too(london_store):
    _refused(_run(london_store, "analyze", "connectors", *ASK))


def test_a_query_selection_in_the_restricted_profile_writes_a_marked_file(london_store, tmp_path):
    result = _run(london_store, "export", *ASK, "--profile", "restricted", "--out", tmp_path / "x.json")
    assert result.exit_code == 0, result.output
    assert [p.name for p in tmp_path.iterdir()] == ["x.restricted.json"]
    data = json.loads((tmp_path / "x.restricted.json").read_text())
    assert data["graph"]["casegraph"]["profile"] == "restricted"
    assert any(n.get("sensitivity") == "restricted" for n in data["nodes"])
    # the restricted profile's default for the query's parameter is true: the same selection without it
    default = _run(london_store, "export", "--query", "case-detail", "--param", f"case_id={CASE}",
                   "--profile", "restricted", "--out", tmp_path / "y.json")
    assert default.exit_code == 0, default.output
    assert json.loads((tmp_path / "y.restricted.json").read_text())["nodes"] == data["nodes"]


def test_query_takes_the_parameter_only_from_the_restricted_profile(london_store):
    _refused(_run(london_store, "query", "case-detail", "--param", f"case_id={CASE}",
                  "--param", "include_restricted=true"))
    public = _run(london_store, "query", "case-detail", "--param", f"case_id={CASE}", "--format", "json")
    restricted = _run(london_store, "query", "case-detail", "--param", f"case_id={CASE}", "--profile", "restricted",
                      "--format", "json")
    without = _run(london_store, "query", "case-detail", "--param", f"case_id={CASE}", "--profile", "restricted",
                   "--param", "include_restricted=false", "--format", "json")
    assert public.exit_code == restricted.exit_code == without.exit_code == 0, restricted.output
    assert "not for publication" in restricted.stderr
    # false in the restricted profile: the build's public graph answers, unmarked, as the public profile does
    assert "not for publication" not in without.stderr
    assert json.loads(without.stdout) == json.loads(public.stdout)
    assert len(json.loads(restricted.stdout)["data"]) > len(json.loads(without.stdout))
    asked_without = _run(london_store, "query", "case-detail", "--param", f"case_id={CASE}",
                         "--param", "include_restricted=false", "--format", "json")
    assert json.loads(asked_without.stdout) == json.loads(public.stdout)  # false in the public profile: its own answer


@pytest.mark.parametrize(("word", "asks"), [("off", False), ("OFF", False), ("no", False), ("0", False),
                                            ("on", True), ("Yes", True), ("1", True)])
def test_query_reads_the_yes_no_words_the_explorer_reads(london_store, word, asks):
    result = _run(london_store, "query", "case-detail", "--param", f"case_id={CASE}",
                  "--param", f"include_restricted={word}", "--format", "json")
    assert (result.exit_code != 0 and f"include_restricted={word} asks for restricted data" in result.output) \
        if asks else result.exit_code == 0, result.output
    nonsense = _run(london_store, "query", "case-detail", "--param", f"case_id={CASE}",
                    "--param", "include_restricted=maybe")
    assert nonsense.exit_code != 0 and "parameter 'include_restricted': expected a yes/no (true/false, yes/no, " \
        "on/off or 1/0, in any case), got 'maybe'" in nonsense.output


@pytest.mark.parametrize("view", ["map", "tiles", "overview"])
@pytest.mark.parametrize("suffix", [".svg", ".html"])
def test_viz_names_a_restricted_picture(london_store, tmp_path, view, suffix):
    result = _run(london_store, "viz", view, "--profile", "restricted", "--out", tmp_path / f"p{suffix}",
                  "--format", "json")
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["out"] == str(tmp_path / f"p.restricted{suffix}")
    assert [p.name for p in tmp_path.iterdir()] == [f"p.restricted{suffix}"]
    assert "NOT FOR PUBLICATION" in (tmp_path / f"p.restricted{suffix}").read_text().upper()
    public = _run(london_store, "viz", view, "--out", tmp_path / "public" / f"p{suffix}")
    assert public.exit_code == 0, public.output
    assert public.stdout.strip().endswith(str(tmp_path / "public" / f"p{suffix}"))
    assert [p.name for p in (tmp_path / "public").iterdir()] == [f"p{suffix}"]


def test_viz_names_a_restricted_png(london_store, tmp_path):
    need_browser()
    result = _run(london_store, "viz", "map", "--include-restricted", "--out", tmp_path / "p.png")
    assert result.exit_code == 0, result.output
    assert result.stdout.strip().endswith(str(tmp_path / "p.restricted.png"))
    assert (tmp_path / "p.restricted.png").read_bytes().startswith(b"\x89PNG") and not (tmp_path / "p.png").exists()


def test_report_names_a_restricted_dossier(london_store, tmp_path):
    for suffix in (".md", ".html"):
        result = _run(london_store, "report", "--case", CASE, "--profile", "restricted", "--out", tmp_path / f"d{suffix}")
        assert result.exit_code == 0, result.output
        assert (tmp_path / f"d.restricted{suffix}").exists() and not (tmp_path / f"d{suffix}").exists()


def test_the_tile_map_and_pattern_captions_say_what_a_borough_counts(london_store, tmp_path):
    for view in ("tiles", "patterns"):
        made = _run(london_store, "viz", view, "--out", tmp_path / f"{view}.svg")
        own = _run(london_store, "viz", view, "--caption", "Our own words.", "--out", tmp_path / f"{view}-own.svg")
        assert made.exit_code == own.exit_code == 0, made.output + own.output
        for path in (tmp_path / f"{view}.svg", tmp_path / f"{view}-own.svg"):
            text = " ".join(Path(path).read_text().split())
            assert "cases-by-borough" in text and "counts each case once" in text, path
        assert "Our own words." in (tmp_path / f"{view}-own.svg").read_text()
    assert BOROUGH_COUNTING.startswith("A case counts in every borough it is filed under or linked to through a place")


RESTRICTED_NOTICE = "RESTRICTED: contains data about victims and minors that could identify them. Not for publication."
CROYDON = ("query", "case-detail", "--param", f"case_id={CASE}")


@pytest.mark.parametrize("command", [CROYDON, ("query", "--cypher", "MATCH (p:Person) RETURN p.id AS id"),
                                     ("list", "people"), ("search", "victim"), ("stats",)])
def test_restricted_json_on_stdout_says_so_inside_it_and_public_json_is_unchanged(london_store, command):
    """The marking is in the output itself, not only on stderr: a saved or piped copy still says it."""
    restricted = _run(london_store, *command, "--profile", "restricted", "--format", "json")
    public = _run(london_store, *command, "--format", "json")
    assert restricted.exit_code == public.exit_code == 0, restricted.output
    marked = json.loads(restricted.stdout)
    assert set(marked) == {"profile", "notice", "data"}
    assert marked["profile"] == "restricted" and marked["notice"] == RESTRICTED_NOTICE
    assert isinstance(marked["data"], list) and marked["data"]
    assert isinstance(json.loads(public.stdout), list)  # the public shape, as before
    assert "restricted" not in public.stdout.lower().replace('"sensitivity": "restricted"', "")


@pytest.mark.parametrize("command", [CROYDON, ("list", "people"), ("search", "victim"), ("stats",),
                                     ("analyze", "connectors"), ("analyze", "similarity", "--top", "3")])
def test_restricted_csv_marks_every_row_in_a_last_column_every_reader_parses(london_store, command):
    import csv
    import io

    restricted = _run(london_store, *command, "--profile", "restricted", "--format", "csv")
    public = _run(london_store, *command, "--format", "csv")
    assert restricted.exit_code == public.exit_code == 0, restricted.output
    rows = list(csv.DictReader(io.StringIO(restricted.stdout)))
    header = next(csv.reader(io.StringIO(restricted.stdout)))
    public_header = next(csv.reader(io.StringIO(public.stdout)))
    assert header == [*public_header, "casegraph_profile"]  # every other column where it was
    assert rows and all(r["casegraph_profile"] == "restricted: not for publication" for r in rows)
    assert "casegraph_profile" not in public.stdout


@pytest.mark.parametrize("command", [CROYDON, ("list", "people"), ("stats",), ("analyze", "connectors"),
                                     ("analyze", "--top", "2")])
def test_a_restricted_table_opens_and_closes_with_the_notice(london_store, command):
    """Every table, and the several tables of `analyze` (all analyses), marked once around them all: the first
    line of the tables was once the first analysis's title."""
    restricted = _run(london_store, *command, "--profile", "restricted")
    public = _run(london_store, *command)
    lines = restricted.stdout.strip().splitlines()
    assert lines[0] == lines[-1] == RESTRICTED_NOTICE
    assert RESTRICTED_NOTICE not in public.stdout


def test_a_restricted_analysis_is_marked_in_json_and_tables(london_store):
    marked = json.loads(_run(london_store, "analyze", "connectors", "--profile", "restricted", "--format", "json").stdout)
    assert marked["profile"] == "restricted" and marked["notice"] == RESTRICTED_NOTICE and marked["data"]
    public = json.loads(_run(london_store, "analyze", "connectors", "--format", "json").stdout)
    assert isinstance(public, list)
    table = _run(london_store, "analyze", "connectors", "--profile", "restricted").stdout.strip().splitlines()
    assert table[0] == table[-1] == RESTRICTED_NOTICE


def test_csv_of_stats_and_an_analysis_is_the_table_shown(london_store):
    import csv
    import io

    stats = list(csv.DictReader(io.StringIO(_run(london_store, "stats", "--format", "csv").stdout)))
    shown = json.loads(_run(london_store, "stats", "--format", "json").stdout)
    assert stats == [{k: str(v) for k, v in row.items()} for row in shown]
    connectors = list(csv.reader(io.StringIO(_run(london_store, "analyze", "connectors", "--format", "csv").stdout)))
    assert connectors[0] == ["id", "label", "name", "case_count", "borough_count", "betweenness", "boroughs"]
    assert connectors[1][0] == "metropolitan-police" and len(connectors) == 11  # --top 10


def test_analyze_all_as_csv_says_to_name_one_analysis(london_store):
    result = _run(london_store, "analyze", "--format", "csv")
    assert result.exit_code == 2 and not result.stdout.startswith("case_a"), result.output
    assert "--format csv writes one table: name one analysis (similarity, communities, connectors, bridges, " \
           "centrality), or use --format json for all of them" in result.output


@pytest.mark.parametrize("profile", [(), ("--profile", "restricted")])
def test_an_answer_of_its_own_casegraph_profile_column_is_refused_in_csv(london_store, profile):
    """Restricted, the marking column would come twice (csv.DictReader keeps the last, pandas renames one);
    public, the answer's column would read as the marking. Refused in both, saying how to rename it."""
    cypher = "MATCH (c:CaseFile) RETURN c.id AS id, 'public' AS casegraph_profile LIMIT 2"
    result = _run(london_store, "query", "--cypher", cypher, *profile, "--format", "csv")
    assert result.exit_code == 1 and result.stdout == "", result.output
    assert "casegraph: column 'casegraph_profile': casegraph's CSV output gives this name to the column that marks " \
           "restricted output, so an answer cannot have its own; rename it in the query (RETURN ... AS " \
           "another_name), or use --format json" in result.stderr
    table = _run(london_store, "query", "--cypher", cypher, *profile)  # a table or JSON has no marking column
    assert table.exit_code == 0 and "casegraph_profile" in table.stdout
