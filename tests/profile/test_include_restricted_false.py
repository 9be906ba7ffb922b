"""`include_restricted=false` asked in the restricted profile answers without restricted data: no
restricted node, and no restricted relationship between public nodes either (a restricted INVOLVES from
a public case to a public police force connected two cases, and made the force a shared institution).
On both engines.

The data is the London data plus one restricted INVOLVES (the Met's part in the Lambeth hotel-room case,
restricted) and a restricted review commissioned by the Met.
"""

from __future__ import annotations

import pytest

from casegraph.queries import run_named
from tests.conftest import london_with, on_both_engines

CASE, OTHER, MET = "lambeth-2022-hotel-room", "kingston-2021-sar", "metropolitan-police"
LINK = "restricted-met-involvement"
REVIEW = "restricted-met-review"

ADDED = [
    {"rel": "INVOLVES", "id": LINK, "from": CASE, "to": MET, "role": "police", "source": "express-mylondon-2025",
     "paragraphs": [11], "sensitivity": "restricted"},
    {"kind": "review", "id": REVIEW, "name": "A restricted review", "review_type": "other", "period": "2023",
     "source": "express-mylondon-2025", "paragraphs": [11], "sensitivity": "restricted"},
    {"rel": "COMMISSIONED_BY", "from": REVIEW, "to": MET, "source": "express-mylondon-2025", "paragraphs": [11],
     "sensitivity": "restricted"},
]


@pytest.fixture(scope="module")
def stores(tmp_path_factory, neo4j_server_store):
    return on_both_engines(london_with(ADDED, tmp_path_factory.mktemp("restricted-link")), neo4j_server_store)


def _answers(store, name, params):
    with store.view("restricted") as view:
        return {flag: run_named(view, name, {**params, "include_restricted": flag, "limit": 100}).records()
                for flag in (False, True)}


@pytest.mark.parametrize("engine", ["ladybug", "neo4j"])
def test_paths_leave_out_restricted_relationships(stores, engine):
    answers = _answers(stores[engine], "paths-between-cases", {"from": CASE, "to": OTHER})

    def links(rows):
        return {r["id"] for row in rows for r in row["path"]["relationships"]}

    assert LINK in links(answers[True])
    assert LINK not in links(answers[False])


@pytest.mark.parametrize("engine", ["ladybug", "neo4j"])
def test_similar_cases_leave_out_restricted_relationships(stores, engine):
    answers = _answers(stores[engine], "similar-cases", {"case_id": CASE})

    def through_met(rows):
        return {row["case_id"] for row in rows if any(i["id"] == MET for i in row["institutions"])}

    assert through_met(answers[True])
    assert not through_met(answers[False])


@pytest.mark.parametrize("engine", ["ladybug", "neo4j"])
def test_responses_leave_out_restricted_reviews(stores, engine):
    answers = _answers(stores[engine], "institution-responses", {})
    met = {flag: next((row for row in rows if row["id"] == MET), None) for flag, rows in answers.items()}
    assert met[True] is not None and "A restricted review" in met[True]["commissioned"]
    assert met[False] is None or "A restricted review" not in met[False]["commissioned"]
