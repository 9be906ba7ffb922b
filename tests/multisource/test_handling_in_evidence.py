"""The catalog queries that show a record's citations return their 3x5x2 handling codes, so an answer
holding a citation coded C says so (`graph.values.conditional_in`, `exports.base.conditions_notice`) on
both engines, in the Python API, `casegraph query` and the explorer's query pages.

The data is the London data (no graded citation) plus a court report whose citations are coded C: it
contests the Redbridge case (its summary, period and victim count: one citation behind three competing
values), is the one source of a SHOWS link of the Lambeth case, gives an undated case (with a second,
plain report: not on one source) and that case's inferred borough (with the plain report too), and a
statement answering a Croydon recommendation (with the plain report too). Each answer shows exactly one
citation coded C, but `uncertain-facts`: two, the undated case's and its inferred link's, which its row
names.
"""

from __future__ import annotations

import json
import re

import pytest
from click.testing import CliRunner

from casegraph.cli import cli
from casegraph.graph.values import text_of
from casegraph.queries import run_named
from tests.conftest import london_with, on_both_engines

CONDITIONAL, PLAIN = "conditional-court-report", "plain-court-report"
REDBRIDGE, LAMBETH, UNDATED = "redbridge-2011-child-sex-ring", "lambeth-2022-hotel-room", "conditional-undated-case"
STATEMENT, RECOMMENDATION = "conditional-croydon-statement", "croydon-cspr-rec-staff-training"
SAID = {1: "1 citation here carries handling code C (3x5x2: sharing permitted with conditions)",
        2: "2 citations here carry handling code C (3x5x2: sharing permitted with conditions)"}
"""How an answer's notice starts (`exports.base.conditions_notice`), by how many citations coded C it shows."""


def _cited(locator: str, plain: bool = False, **given) -> list[dict]:
    return [{"source": CONDITIONAL, "locator": locator, "handling": "C", **given}] \
        + ([{"source": PLAIN, "locator": locator, "handling": "P", **given}] if plain else [])


ADDED = [
    {"kind": "source", "id": CONDITIONAL, "title": "A court report shared with conditions", "publisher": "casegraph tests",
     "published": "2019-03", "doc_type": "report"},
    {"kind": "source", "id": PLAIN, "title": "A court report shared freely", "publisher": "casegraph tests",
     "published": "2019-04", "doc_type": "report"},
    # contested: another summary, period and victim count, all from one citation
    {"kind": "case", "id": REDBRIDGE, "title": "Redbridge: trial of a suspected child sex ring (2011)",
     "summary": "A 2010 Redbridge trial.", "period": 2010, "victims_reported": 7, "citations": _cited("p. 2")},
    # on one source
    {"rel": "SHOWS", "from": LAMBETH, "to": "coercive-control", "citations": _cited("p. 5")},
    # uncertain (no period), on two independent sources
    {"kind": "case", "id": UNDATED, "title": "An undated case (test)", "summary": "A case no source dates.", "period": "unknown",
     "citations": _cited("p. 7", plain=True)},
    {"rel": "IN_BOROUGH", "from": UNDATED, "to": "lambeth", "basis": "the court that heard it sits in Lambeth",
     "citations": _cited("p. 8", plain=True, status="inferred")},
    # a response to a recommendation, the statement on two independent sources
    {"kind": "statement", "id": STATEMENT, "statement_type": "statement", "summary": "Staff were trained again.",
     "period": 2018, "citations": [{"source": CONDITIONAL, "paragraphs": [3], "handling": "C"},
                                   {"source": PLAIN, "paragraphs": [4], "handling": "P"}]},
    {"rel": "MADE_BY", "from": STATEMENT, "to": "croydon-safeguarding-children-partnership",
     "source": PLAIN, "paragraphs": [4]},
    {"rel": "RESPONDS_TO", "from": STATEMENT, "to": RECOMMENDATION, "response": "completed",
     "source": PLAIN, "paragraphs": [4]},
]

# each query with the parameters of its stored public order, then of its computed path (restricted facts
# asked for: on the public graph, the same facts); a page holds the whole answer
ASKED = {
    "contested-facts": [{}, {"include_restricted": True}],
    "single-source-facts": [{"limit": 1000}, {"limit": 1000, "include_restricted": True}],
    "uncertain-facts": [{"limit": 1000}],
    "review-follow-up": [{"limit": 1000}],
}
CALLS = [(name, params) for name, samples in ASKED.items() for params in samples]


@pytest.fixture(scope="module")
def added(tmp_path_factory):
    return london_with(ADDED, tmp_path_factory.mktemp("handling-evidence"))


@pytest.fixture(scope="module")
def answers(added, neo4j_server_store):
    """Every call of `CALLS` on each engine: {engine: {(name, params as JSON): Result}}."""
    found = {}
    for engine, store in on_both_engines(added, neo4j_server_store).items():
        with store.view() as view:
            found[engine] = {(name, json.dumps(params)): run_named(view, name, params) for name, params in CALLS}
    return found


def _rows(answers, engine, name, params) -> list[dict]:
    result = answers[engine][(name, json.dumps(params))]
    assert result.total is not None and result.total == len(result.rows), (name, params)  # the whole answer
    return result.records()


CODED = {"contested-facts": ("id", REDBRIDGE, 1), "single-source-facts": ("name", f"{LAMBETH} -> coercive-control", 1),
         "uncertain-facts": ("case_id", UNDATED, 2), "review-follow-up": ("recommendation_id", RECOMMENDATION, 1)}
"""Each query -> the column naming its row that shows citations coded C, that row's value in it, and how many."""


def _codes(row: dict) -> list[str]:
    """The handling codes a row shows: its `citation_handling`, or its responses' (`review-follow-up`)."""
    return (row.get("citation_handling") or []) + [code for response in row.get("responses") or []
                                                   for code in response["citation_handling"] or []]


@pytest.mark.parametrize("engine", ["ladybug", "neo4j"])
@pytest.mark.parametrize("name, params", CALLS)
def test_each_answer_counts_the_citations_coded_c_it_shows(answers, engine, name, params):
    result = answers[engine][(name, json.dumps(params))]
    column, value, coded = CODED[name]
    assert result.conditional == coded, (name, params)
    assert [r[column] for r in _rows(answers, engine, name, params) if "C" in _codes(r)] == [value]


@pytest.mark.parametrize("engine", ["ladybug", "neo4j"])
def test_an_uncertain_case_counts_its_inferred_links_citations(answers, engine):
    """`uncertain-facts` names what the case's inferred links say: their citations count with the case's."""
    (row,) = [r for r in _rows(answers, engine, "uncertain-facts", ASKED["uncertain-facts"][0]) if r["case_id"] == UNDATED]
    assert row["inferred"] == ["Lambeth: the court that heard it sits in Lambeth"]
    assert row["citation_handling"] == ["C", "P", "C", "P"]  # the case's two citations, then its link's


@pytest.mark.parametrize("engine", ["ladybug", "neo4j"])
def test_a_citation_behind_several_competing_values_counts_once(answers, engine):
    """The court report gives the Redbridge case's summary, period and victim count: each competing value
    shows its citation with its handling code, and the row's `citation_handling` lists it once."""
    for params in ASKED["contested-facts"]:
        (row,) = [r for r in _rows(answers, engine, "contested-facts", params) if r["id"] == REDBRIDGE]
        given = {(e["field"], e["value"]): [(c["source"], c["handling"]) for c in e["citations"]]
                 for e in row["competing"]}
        for value in (("summary", "A 2010 Redbridge trial."), ("period", "2010"), ("victims_reported", 7)):
            assert given[value] == [(CONDITIONAL, "C")], value
        assert given[("victims_reported", 6)] == [("express-mylondon-2025", None)]  # the article: no code
        # two citations shown, each once; the article's has no code: unknown (None), not a blank code
        assert sorted(row["citation_handling"], key=lambda code: code or "") == [None, "C"]
        assert "fields" not in row and "sources" not in row  # reshaped into `competing`
        victims = next(e for e in row["competing"] if e["value"] == 7)
        assert text_of(victims) == (f"victims_reported = 7 (per {CONDITIONAL}: p. 2, reported as of 2019-03, "
                                    "handling code C)")


def test_the_engines_give_the_same_answers(answers):
    for name, params in CALLS:
        one, two = (answers[engine][(name, json.dumps(params))] for engine in ("ladybug", "neo4j"))
        assert one.columns == two.columns, (name, params)
        assert sorted(map(json.dumps, one.rows)) == sorted(map(json.dumps, two.rows)), (name, params)


@pytest.mark.parametrize("name, params", [(name, samples[0]) for name, samples in ASKED.items()])
@pytest.mark.parametrize("fmt", ["table", "json"])
def test_casegraph_query_says_it_on_stderr(added, name, params, fmt):
    asked = [arg for key, value in params.items() for arg in ("--param", f"{key}={value}")]
    result = CliRunner().invoke(cli, ["query", name, *asked, "--store", str(added[2].directory), "--format", fmt],
                                catch_exceptions=False)
    assert result.exit_code == 0, result.output
    assert re.search(r"^note: " + re.escape(SAID[CODED[name][2]]), result.stderr, re.M), result.stderr
    if fmt == "json":
        json.loads(result.stdout)


def test_the_python_api_and_the_explorers_query_pages_say_it(added):
    import casegraph
    from casegraph.explorer.state import Explorer
    from tests.explorer.conftest import client_for

    cg = casegraph.open(added[2].directory)
    for name, samples in ASKED.items():
        rows = cg.query(name, **samples[0])
        assert rows.conditional == CODED[name][2] and SAID[CODED[name][2]] in rows.conditions, name
    explorer = Explorer.open(added[2], include_restricted=False)
    try:
        client = client_for(explorer)
        for name, samples in ASKED.items():
            asked = "".join(f"&{key}={value}" for key, value in samples[0].items())
            page = client.get(f"/queries/{name}?run=1{asked}")
            assert page.status_code == 200 and SAID[CODED[name][2]] in page.text, name
        page = client.get("/queries/contested-facts?run=1")
        assert "handling" in page.text and CONDITIONAL in page.text  # each competing value's citations, coded
    finally:
        explorer.close()
