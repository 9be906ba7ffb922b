"""A status is shown with the citation that gives it; a contested value is shown by one rule, marked
contested with every value and its sources (issue 12, points 2 and 4; a newcomer's findings).

The data is the London data plus a court report (2011), a later rewrite of it (2012, derived from
it) and a ruling (2026): the rewrite restates the Redbridge case with another period and victim count and says the
accused were charged; the ruling gives a conviction (2026) on a pattern the article calls
alleged, and a charge (2011) on the four men the article says were convicted.
"""

from __future__ import annotations

import json
import shutil

import pytest

from casegraph.explorer.provenance import provenance
from casegraph.graph.projection import project
from casegraph.graph.search import period_of
from casegraph.loaders import data_files, default_data_dir
from casegraph.loaders.load import load
from casegraph.queries import run_named
from casegraph.reports import build_dossier, render_markdown
from casegraph.exports.base import ExportMeta
from tests.conftest import london_with, on_both_engines

CASE, COURT, COPY, ARTICLE = ("redbridge-2011-child-sex-ring", "court-report-2011", "court-report-2012-copy",
                              "express-mylondon-2025")
RULING = "ruling-2026"

ADDED = [
    {"kind": "source", "id": COURT, "title": "Court report of the Redbridge trial", "publisher": "Local Paper",
     "published": "2011-02-15", "doc_type": "article"},
    {"kind": "source", "id": COPY, "title": "Rewrite of the court report", "publisher": "Another Paper",
     "published": "2012-01-10", "doc_type": "article", "derived_from": [COURT]},
    {"kind": "source", "id": RULING, "title": "A later ruling", "publisher": "A court",
     "published": "2026-01-10", "doc_type": "report"},
    {"kind": "case", "id": CASE, "title": "Redbridge: trial of a suspected child sex ring (2011)",
     "summary": "A 2011 Redbridge trial of a suspected child sex ring.", "period": 2010, "victims_reported": 7,
     "source": COPY, "locator": "p. 2"},
    {"rel": "INVOLVES", "from": CASE, "to": "accused-men-redbridge-2011", "role": "accused",
     "source": COPY, "locator": "p. 3", "status": "charged"},
    {"rel": "INVOLVES", "from": CASE, "to": "four-men-convicted-redbridge-2011", "role": "perpetrator",
     "citations": [{"source": COURT, "locator": "p. 4", "status": "charged", "as_of": "2011-02"}]},
    {"rel": "SHOWS", "from": CASE, "to": "group-based-offending",
     "citations": [{"source": RULING, "locator": "p. 9", "status": "convicted", "as_of": "2026-01-05"}]},
]


def _load_as(name: str, folder):
    data = folder / "data"
    shutil.copytree(default_data_dir(), data, ignore=shutil.ignore_patterns("*.py", "__pycache__"))
    (data / name).write_text("".join(json.dumps(r) + "\n" for r in ADDED))
    return load(data_files([data]))


def _records(dataset):
    return {r.id: r for r in [*dataset.all_nodes(), *dataset.all_rels()]}


def _rel(records, to):
    return next(r for r in records.values() if getattr(r, "to", None) == to and getattr(r, "from_", CASE) == CASE)


@pytest.fixture(scope="module")
def added(tmp_path_factory):
    return london_with(ADDED, tmp_path_factory.mktemp("evidence"))


@pytest.fixture(scope="module")
def views(added, neo4j_server_store):
    return on_both_engines(added, neo4j_server_store)


def test_the_record_shows_the_citation_that_gives_its_status(added):
    records = _records(added[0])
    shows = _rel(records, "group-based-offending")
    assert (shows.status, shows.status_as_of, shows.status_source, shows.source, shows.quote) == \
        ("convicted", "2026-01-05", RULING, RULING, None)  # never the article's "suspected" quote
    four = _rel(records, "four-men-convicted-redbridge-2011")
    assert list(four.citation_sources) == [COURT, ARTICLE]  # in date order
    assert list(four.citation_statuses) == ["charged", "convicted"]
    assert (four.status, four.status_source, four.quote) == ("convicted", ARTICLE,
                                                             "four went down for rape and sexual assault")
    accused = _rel(records, "accused-men-redbridge-2011")
    assert (accused.status, accused.source, accused.quote) == ("acquitted", ARTICLE,
                                                               "cleared of child prostitution charges")


@pytest.mark.parametrize("name", ["aa-extra.jsonl", "zz-extra.jsonl"])
def test_a_contested_value_does_not_depend_on_file_names(name, tmp_path):
    case = _records(_load_as(name, tmp_path))[CASE]
    # the latest-dated citation's value (the article, 2025-11), whatever the order of the files
    assert (case.period, case.year_start, case.victims_reported) == ("2011", 2011, 6)
    competing = {(f, v): s for f, v, s in zip(case.contested_fields, case.contested_values, case.contested_sources)}
    assert competing[("period", '"2010"')] == COPY and competing[("period", '"2011"')] == ARTICLE
    assert competing[("victims_reported", "7")] == COPY and competing[("victims_reported", "6")] == ARTICLE


def _answer(store, name, params):
    with store.view() as view:
        return run_named(view, name, params).records()


@pytest.mark.parametrize("engine", ["ladybug", "neo4j"])
def test_case_detail_gives_each_status_its_date_and_source(views, engine):
    rows = {r["id"]: r for r in _answer(views[engine], "case-detail", {"case_id": CASE})}
    group = rows["group-based-offending"]
    assert (group["status"], group["status_as_of"], group["status_source"], group["status_quote"],
            group["citations"]) == ("convicted", "2026-01-05", RULING, None, 2)
    accused = rows["accused-men-redbridge-2011"]
    assert (accused["status"], accused["status_source"], accused["status_quote"]) == \
        ("acquitted", ARTICLE, "cleared of child prostitution charges")


@pytest.mark.parametrize("engine", ["ladybug", "neo4j"])
def test_status_history_reads_in_date_order(views, engine):
    rows = _answer(views[engine], "status-history", {"id": CASE})
    four = next(r for r in rows if r["about"] == "four-men-convicted-redbridge-2011")
    assert (four["as_of"], four["statuses"], four["sources"]) == \
        (["2011-02", "2025-11"], ["charged", "convicted"], [COURT, ARTICLE])
    assert all(r["as_of"] == sorted(r["as_of"]) for r in rows if all(r["as_of"] or []))


def test_contested_facts_answer_one_entry_per_value_the_same_on_both_engines(views):
    answers = {engine: _answer(store, "contested-facts", {}) for engine, store in views.items()}
    assert answers["ladybug"] == answers["neo4j"]
    (case,) = [r for r in answers["neo4j"] if r["id"] == CASE]
    entries = {(e["field"], e["value"]): e for e in case["competing"]}
    assert entries[("victims_reported", 7)]["sources"] == [COPY]
    assert [c["locator"] for c in entries[("victims_reported", 7)]["citations"]] == ["p. 2"]
    # located by page alone: its paragraphs unknown (null, as its quote), never [] beside its locator
    assert [(c["paragraphs"], c["locator"]) for c in entries[("victims_reported", 7)]["citations"]] == [(None, "p. 2")]
    assert [c["paragraphs"] for c in entries[("victims_reported", 6)]["citations"]] == [[25]]
    assert set(entries) >= {("period", "2010"), ("period", "2011"), ("summary", "A 2011 Redbridge trial of a "
                                                                     "suspected child sex ring.")}


@pytest.mark.parametrize("engine", ["ladybug", "neo4j"])
def test_counts_say_how_many_of_their_case_records_sources_disagree_on(views, engine):
    # Redbridge's case has a contested period (2010 / 2011): counted where it is, shown with the settled value
    boroughs = {r["borough"]: r for r in _answer(views[engine], "cases-by-borough", {"limit": 100})}
    assert (boroughs["redbridge"]["case_records"], boroughs["redbridge"]["contested"]) == (1, 1)
    assert all(r["contested"] == 0 for b, r in boroughs.items() if b != "redbridge")
    decades = _answer(views[engine], "outcomes-by-decade", {})
    assert {(r["decade"], r["outcome"]) for r in decades if r["contested"]} == \
        {(2010, outcome) for outcome in _outcomes_of(views[engine])}
    assert all(r["contested"] == (CASE in r["case_ids"]) for r in decades)


def _outcomes_of(store) -> list[str]:
    with store.view() as view:
        (row,) = view.run("MATCH (c:CaseFile {id: $id}) RETURN c.outcomes AS outcomes", {"id": CASE}).records()
    return row["outcomes"] or ["unknown"]


def test_dossier_list_and_explorer_mark_the_contested_values_and_the_status_source(added):
    with added[2].view() as view:
        graph = project(view)
    dossier = build_dossier(graph, ExportMeta(selection={"cases": [CASE]}))
    text = render_markdown(dossier)
    numbers = {(c.source, c.locator): n for c, n in dossier.citation_numbers().items()}
    copy_ref = numbers[(COPY, "p. 2")]
    assert f"Victims reported (contested, also stated) — 7; per {COPY}; sources disagree on this value [{copy_ref}]" \
        in text
    assert f"(2011) (per {ARTICLE}; contested: also 2010 per {COPY})" in text  # which source gives which value
    assert f"current status convicted as of 2026-01-05, per {RULING}" in text
    assert "suspected 'child sex ring.'” " not in text.split("Group-based offending")[1].split("\n")[0]
    attrs = graph.nodes[CASE]
    assert period_of(attrs) == f"2011 per {ARTICLE}; contested: also 2010 per {COPY}"
    shows = next(a for _, v, a in graph.out_edges(CASE, data=True) if v == "group-based-offending")
    page = provenance(shows, graph)
    assert (page.status, page.status_as_of, page.status_source) == ("convicted", "2026-01-05", RULING)
    assert ("victims reported", "7", COPY) in provenance(attrs, graph).contested
