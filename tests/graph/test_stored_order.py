"""The stored orders (ranks counted at build time) answer as the computed ones did, page by page, on both engines.

`contested-facts`, `single-source-facts` and `uncertain-facts` read a public
page by rank (`casegraph.schemas.aggregates`); a call with restricted facts or a
grade filter computes its answer as before. On the public graph both must list
the same facts in the same order, with the same total, whatever the page size.
"""

from __future__ import annotations

import pytest

from casegraph.graph.embedded import EmbeddedStore
from casegraph.graph.store import input_checksum
from casegraph.queries import catalog, run_query

RANKED = ("contested-facts", "single-source-facts")
"""The queries with a computed path to compare with: restricted facts asked for."""


def _pages(view, name: str, size: int, **params) -> tuple[list, int | None]:
    """Every page of `name` at `size` rows, concatenated, and the total each page gave (all the same)."""
    rows, totals, offset = [], set(), 0
    while True:
        result = run_query(view, catalog()[name], {**params, "limit": size, "offset": offset})
        totals.add(result.total)
        rows += result.rows
        if not result.rows:
            break
        offset += size
    assert len(totals) == 1, (name, totals)
    return rows, totals.pop()


@pytest.fixture(params=["ladybug", "neo4j"])
def restated_engine(request, restated, restated_files, restated_store):
    """The restated London data (contested facts, facts on several sources) on each engine."""
    if request.param == "ladybug":
        return restated_store
    server = request.getfixturevalue("neo4j_server_store")
    server.build(restated, input_checksum(restated_files))
    return server


@pytest.fixture(params=["ladybug", "neo4j"])
def london_engine(request, london_store):
    return london_store if request.param == "ladybug" else request.getfixturevalue("neo4j_store")


@pytest.mark.parametrize("name", RANKED)
def test_a_stored_page_is_the_computed_page(restated_engine, name):
    with restated_engine.view() as view:
        computed, total = _pages(view, name, 1000, include_restricted=True)  # the public graph: all public
        for size in (1, 2, 7):
            assert _pages(view, name, size) == (computed, total), (name, size)
    if name == "contested-facts":
        assert [row[1] for row in computed] == ["redbridge-2011-child-sex-ring"] and total == 1


def test_single_source_pages_on_london(london_engine):
    with london_engine.view() as view:
        computed, total = _pages(view, "single-source-facts", 1000, include_restricted=True)
        stored = _pages(view, "single-source-facts", 100)
    assert stored == (computed, total) and total > 500
    assert [row[:2] for row in computed] == sorted(row[:2] for row in computed)  # kind, then id


def test_uncertain_cases_are_the_rule_by_id(london_engine, london):
    """`uncertain-facts` lists, by id, the cases with an unknown period, an inferred status, no individual
    description or an inferred link to a public named record (the rule `inferred_links` counts)."""
    with london_engine.view() as view:
        rows, total = _pages(view, "uncertain-facts", 2)
        inferred = {row[0] for row in view.run(
            "MATCH (c:CaseFile)-[r]->(x) WHERE r.status = 'inferred' AND r.basis IS NOT NULL "
            "AND x.sensitivity = 'public' AND x.name IS NOT NULL RETURN c.id").rows}
        via_places = {row[0] for row in view.run(
            "MATCH (c:CaseFile)-[:AT_PLACE]->(:Place)-[r:PLACE_IN]->(:Borough) "
            "WHERE r.status = 'inferred' AND r.basis IS NOT NULL RETURN c.id").rows}
    cases = [c for c in london.all_nodes() if c.__class__.__name__ == "CaseFile" and c.sensitivity == "public"]
    expected = sorted(c.id for c in cases if c.year_start is None or c.status == "inferred"
                      or not c.described_individually or c.id in inferred | via_places)
    assert [row[0] for row in rows] == expected and total == len(expected) > 0


def test_each_profile_ranks_its_public_facts_only(tmp_path):
    """In either profile's graph only public facts are ranked (a relationship with both ends public), so
    the stored page of a public call lists what the computed rule lists there, and no restricted fact."""
    from pathlib import Path

    from casegraph.loaders import load

    hostile = Path(__file__).parents[1] / "profile" / "hostile.yaml"
    store = EmbeddedStore(tmp_path / "store")
    store.build(load([hostile]), input_checksum([hostile]))
    found = {}
    for profile in ("public", "restricted"):
        with store.view(profile) as view:
            assert view.run("MATCH (n) WHERE n.sensitivity <> 'public' AND n.single_source_rank IS NOT NULL "
                            "RETURN count(*)").rows == [[0]], profile
            rule = sorted(view.run(
                "MATCH (n) WHERE n.independent_sources = 1 AND n.sensitivity = 'public' RETURN label(n), n.id "
                "UNION ALL MATCH (a)-[r]->(b) WHERE r.independent_sources = 1 AND r.sensitivity = 'public' "
                "AND a.sensitivity = 'public' AND b.sensitivity = 'public' RETURN label(r), r.id").rows)
            rows, total = _pages(view, "single-source-facts", 5)
            assert [row[:2] for row in rows] == rule and total == len(rule), profile
            found[profile] = total
    # not fewer in public: a fact citing a public and a restricted source rests on one source there
    # (its public citation), on two in the restricted graph
    assert found["public"] > 0 and found["restricted"] > 0


STORED_ROWS = ("outcomes-by-decade", "review-follow-up", "institution-responses")
"""Queries whose Neo4j text reads what the build stored (the cases heading `outcomes-by-decade`'s rows,
`review-follow-up`'s order, the responders' statement counts) where LadybugDB's computes it."""


@pytest.mark.parametrize("name", STORED_ROWS)
def test_stored_rows_are_the_computed_rows_page_by_page(name, london_store, neo4j_store):
    for profile, include in (("public", False), ("restricted", False), ("restricted", True)):
        params = {"include_restricted": include} if name == "institution-responses" else {}
        with london_store.view(profile) as computed_view, neo4j_store.view(profile) as stored_view:
            computed, total = _pages(computed_view, name, 1000, **params)
            assert total > 0, (name, profile)
            for size in (1, 2, 7):
                assert _pages(stored_view, name, size, **params) == (computed, total), (name, profile, size)

