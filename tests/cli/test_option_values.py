"""Option values a newcomer tried, on the real London store: a parameter given twice, an empty value where
one of a set (or an id) is expected, and the decade forms the command line shares with the explorer
(whose side `tests/explorer/test_requests.py` tests)."""

from __future__ import annotations

import re

import pytest
from click.testing import CliRunner

from casegraph.cli import cli

CASE = "croydon-2020-child-in-care"


@pytest.fixture(scope="module")
def store(london_store):
    return str(london_store.directory)


def run(store: str, *args: str):
    return CliRunner().invoke(cli, [*args, "--store", store])


@pytest.mark.parametrize("args", [
    ("query", "case-detail", "--param", "case_id=lambeth-2022-hotel-room", "--param", f"case_id={CASE}"),
    ("query", "--cypher", "MATCH (c:CaseFile {id: $case_id}) RETURN c.id", "--param", f"case_id={CASE}",
     "--param", "case_id=lambeth-2022-hotel-room"),
    ("analyze", "connectors", "--query", "case-detail", "--param", f"case_id={CASE}", "--param", f"case_id={CASE}"),
    ("export", "--query", "case-detail", "--param", f"case_id={CASE}", "--param", "case_id=x", "--out", "never.json"),
])
def test_a_parameter_given_twice_is_an_error_naming_it(store, args, tmp_path, monkeypatch):
    """It took the last value in silence; the explorer refuses a repeated URL parameter the same way."""
    monkeypatch.chdir(tmp_path)
    result = run(store, *args)
    assert result.exit_code == 1 and result.stdout == "", result.output
    assert "casegraph: --param case_id: given 2 times; give it once" in result.stderr
    assert list(tmp_path.iterdir()) == []


EMPTY = [
    (("export", "--min-grade", ""), "a grade is a source evaluation 1-3 and/or an information assessment A-E, "
                                    "e.g. 2B, 2 or B; got ''"),
    (("export", "--query", ""), "an empty query name: give a catalog query's name (`casegraph queries` lists them)"),
    (("export", "--decade", ""), "a decade is written 1990s or 1990, got ''"),
    (("export", "--type", ""), "no node type '': expected one of boroughs, cases,"),
    (("export", "--status", ""), "no claim status '': expected one of reported, alleged, charged, convicted,"),
    (("export", "--borough", ""), "an empty reference: give the id or name of a borough"),
    (("viz", "tiles", "--measure", ""), "a measure is cases, pattern=ID or status=STATUS, got ''"),
    (("viz", "tiles", "--measure", "status="), "a measure is cases, pattern=ID or status=STATUS, got 'status='"),
    (("analyze", "similarity", "--similar-to", ""), "an empty reference: give the id or name of a case"),
    (("search", "x", "--kind", ""), "no kind '': expected one of boroughs, cases,"),
    (("search", "x", "--borough", ""), "an empty reference: give the id or name of a borough"),
    (("search", "x", "--decade", ""), "a decade is written 1990s or 1990, got ''"),
    (("list", ""), "no kind '': expected one of boroughs, cases,"),
]


@pytest.mark.parametrize("args, message", EMPTY)
def test_an_empty_value_is_an_error_saying_what_is_expected(store, tmp_path, monkeypatch, args, message):
    """`--min-grade ""` (and `--query ""`, `--measure ""`, `--similar-to ""`) acted as no filter: the whole
    graph, answered as if it were what was asked."""
    monkeypatch.chdir(tmp_path)
    out = {"export": ["--out", "x.json"], "viz": ["--out", "x.svg"]}.get(args[0], [])
    result = run(store, *args, *out)
    assert result.exit_code in (1, 2) and result.stdout == "", result.output
    assert message in result.output
    assert list(tmp_path.iterdir()) == []


def test_the_api_refuses_an_empty_grade_or_query_too(london_store):
    import casegraph
    from casegraph.graph.selection import SelectionError

    cg = casegraph.open(str(london_store.directory))
    for kwargs in ({"min_grade": ""}, {"query": " "}):
        with pytest.raises(SelectionError):
            cg.select(**kwargs)


@pytest.mark.parametrize("forms", [("2010s", "2010"), ("1990s", "1990")])
def test_a_decade_reads_the_same_in_every_form_on_the_command_line(store, forms):
    answers = {form: run(store, "analyze", "connectors", "--decade", form, "--format", "json") for form in forms}
    assert all(a.exit_code == 0 for a in answers.values()), [a.output for a in answers.values()]
    assert len({a.stdout for a in answers.values()}) == 1


def test_a_year_not_a_decade_s_first_is_refused_saying_what_to_write(store):
    """`--decade 2025` read as the 2020s would answer another question than the one asked (the year 2025?)."""
    result = run(store, "analyze", "connectors", "--decade", "2025", "--format", "json")
    assert result.exit_code != 0
    assert ("a decade is written 1990s or 1990, got '2025': a year, not a decade's first "
            "(for the decade of 2025, write 2020s)") in result.output


MAX_HOPS = "parameter 'max_hops': expected int (a whole number in ASCII digits, e.g. 2), got "


@pytest.mark.parametrize("given, said", [
    ('"2"', MAX_HOPS + "the quoted text '2': quoting keeps a value text; give it unquoted (max_hops=2)"),
    ("２", MAX_HOPS + "'２'"),  # fullwidth digits: what Python's int() alone would read
    ("1_0", MAX_HOPS + "'1_0'"),
])
def test_a_number_parameter_takes_ascii_digits_unquoted(store, given, said):
    """One conversion rule (`Parameter.convert`) for every front end: the explorer's side is in
    `tests/explorer/test_requests.py`."""
    for args in (("query", "paths-between-cases"), ("analyze", "connectors", "--query", "paths-between-cases")):
        result = run(store, *args, "--param", f"from={CASE}", "--param", "to=lambeth-2022-hotel-room",
                     "--param", f"max_hops={given}")
        assert result.exit_code != 0 and said in result.output, (args, result.output)
    assert run(store, "query", "paths-between-cases", "--param", f"from={CASE}", "--param",
               "to=lambeth-2022-hotel-room", "--param", "max_hops=2").exit_code == 0


def test_quoted_text_stays_text_where_text_is_wanted(store):
    """Quoting keeps a value text (`queries.params`): an id quoted, to a catalog query or an ad-hoc one."""
    quoted = f'"{CASE}"'
    detail = run(store, "query", "case-detail", "--param", f"case_id={quoted}", "--format", "json")
    assert detail.exit_code == 0 and '"id": "child-in-care"' in detail.output, detail.output
    adhoc = run(store, "query", "--cypher", "MATCH (c:CaseFile {id: $case_id}) RETURN c.id AS id", "--param",
                f"case_id={quoted}", "--format", "json")
    assert adhoc.exit_code == 0 and CASE in adhoc.output, adhoc.output


def test_the_api_and_a_decade_refuse_other_scripts_digits(london_store):
    import casegraph
    from casegraph.queries import QueryError

    cg = casegraph.open(london_store.directory)
    with pytest.raises(QueryError, match=re.escape(MAX_HOPS + "'２'")):
        cg.query("paths-between-cases", {"from": CASE, "to": "lambeth-2022-hotel-room", "max_hops": "２"})
    assert len(cg.query("paths-between-cases", {"from": CASE, "to": "lambeth-2022-hotel-room", "max_hops": "2"})) >= 0
    result = CliRunner().invoke(cli, ["export", "--decade", "２０１０", "--out", "never.json", "--store",
                                      str(london_store.directory)])
    assert result.exit_code != 0 and "a decade is written 1990s or 1990, got '２０１０'" in result.output


@pytest.mark.parametrize("args, message", [
    (("viz", "map", "--node", "martin-malone"), "--node is the ego view's centre; the map view draws a selection"),
    (("viz", "overview", "--measure", "status=alleged"), "--measure colours the tiles view; the overview view has"),
])
def test_an_option_the_view_does_not_read_is_an_error(store, tmp_path, monkeypatch, args, message):
    """`viz map --node X` drew the whole map and said nothing of --node."""
    monkeypatch.chdir(tmp_path)
    result = run(store, *args, "--out", "x.svg")
    assert result.exit_code == 2 and message in result.output, result.output
    assert list(tmp_path.iterdir()) == []
