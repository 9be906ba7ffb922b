"""`include_restricted=false` asked in the restricted profile gets the public profile's answer, from the
build's public graph (`queries.restricted.answering_view`), through every front end that takes a user's
parameters: the Python API (and so the command line), the explorer's forms, a `--query` selection. On
both engines.

What the query's own filters could not leave out: counts made at build time over restricted links. The
data is the London data plus a restricted AT_PLACE from a Lambeth case to a Stratford (Newham) restaurant, which the
restricted graph counts among its boroughs (`linked_borough_ids`) and in its `case_links`, plus a
restricted INVOLVES of the Met in the same case.
"""

from __future__ import annotations

import pytest

from casegraph.api import Casegraph
from casegraph.explorer.state import Explorer
from casegraph.graph.selection import Selection, select
from casegraph.queries import catalog, get_query
from tests.conftest import london_with, on_both_engines

CASE, OTHER, PLACE = "lambeth-2022-hotel-room", "kingston-2021-sar", "mcdonalds-stratford"

ADDED = [
    {"rel": "AT_PLACE", "id": "restricted-stratford-link", "from": CASE, "to": PLACE, "role": "where she was taken",
     "source": "express-mylondon-2025", "paragraphs": [11], "sensitivity": "restricted"},
    {"rel": "INVOLVES", "id": "restricted-met-link", "from": CASE, "to": "metropolitan-police", "role": "police",
     "source": "express-mylondon-2025", "paragraphs": [11], "sensitivity": "restricted"},
]

# what every catalog query with `include_restricted` needs to run (its required parameters)
REQUIRED = {"case_id": CASE, "from": CASE, "to": OTHER, "id": CASE}
ASKING = sorted(name for name in catalog() if "include_restricted" in get_query(name).header.parameters)


@pytest.fixture(scope="module")
def stores(tmp_path_factory, neo4j_server_store):
    return on_both_engines(london_with(ADDED, tmp_path_factory.mktemp("restricted-false")), neo4j_server_store)


def _params(name: str) -> dict:
    wanted = get_query(name).header.parameters
    return {key: value for key, value in REQUIRED.items() if key in wanted and wanted[key].required}


def test_every_query_that_asks_is_covered():
    assert {"cross-borough-links", "similar-cases", "paths-between-cases", "case-detail"} <= set(ASKING)


@pytest.mark.parametrize("engine", ["ladybug", "neo4j"])
@pytest.mark.parametrize("name", ASKING)
def test_the_api_answers_false_from_the_public_graph(stores, engine, name):
    graph = Casegraph(stores[engine])
    asked = graph.query(name, {**_params(name), "include_restricted": False, "limit": 100}, profile="restricted")
    public = graph.query(name, {**_params(name), "limit": 100}, profile="public")
    assert (asked.columns, asked.rows, asked.total) == (public.columns, public.rows, public.total)
    assert asked.profile == "public"  # read from the public graph: no not-for-publication warning owed
    granted = graph.query(name, {**_params(name), "limit": 100}, profile="restricted")
    assert granted.profile == "restricted"


@pytest.mark.parametrize("engine", ["ladybug", "neo4j"])
def test_build_time_counts_leave_out_restricted_links(stores, engine):
    graph = Casegraph(stores[engine])

    def boroughs(include: bool) -> list[str]:
        rows = graph.query("cross-borough-links", {"include_restricted": include, "limit": 100},
                           profile="restricted").records()
        return next((row["borough_ids"] for row in rows if row["id"] == PLACE), [])

    assert "lambeth" in boroughs(True)
    assert "lambeth" not in boroughs(False)

    def scores(include: bool) -> dict:
        rows = graph.query("similar-cases", {"case_id": CASE, "include_restricted": include, "limit": 100},
                           profile="restricted").records()
        return {row["case_id"]: row["score"] for row in rows}

    public = {row["case_id"]: row["score"]
              for row in graph.query("similar-cases", {"case_id": CASE, "limit": 100}).records()}
    assert scores(False) == public


def test_the_explorer_and_a_selection_answer_false_from_the_public_graph(stores):
    store = stores["ladybug"]
    public = Casegraph(store).query("cross-borough-links", {"limit": 100}).rows
    explorer = Explorer.open(store, include_restricted=True)
    try:
        query = get_query("cross-borough-links")
        assert explorer.run(query, {"include_restricted": "false", "limit": "100"}).rows == public
        chosen = select(explorer.graph, Selection(query="cross-borough-links",
                                                  params={"include_restricted": "false"}), explorer.view)
        granted = select(explorer.graph, Selection(query="cross-borough-links"), explorer.view)
        assert PLACE in granted and PLACE not in chosen  # its second borough is a restricted link
    finally:
        explorer.close()
