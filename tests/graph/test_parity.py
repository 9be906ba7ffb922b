"""The same answers on both engines: every catalog query, and the stored graph itself."""

from __future__ import annotations

import json

import pytest

from casegraph.graph.snapshot import snapshot
from casegraph.queries import catalog, run_query
from tests.queries.params import SAMPLE_PARAMS


def _rows(result) -> list[str]:
    """Rows as canonical text, sorted: engines may order ties differently."""
    return sorted(json.dumps(dict(zip(result.columns, row)), sort_keys=True, default=str) for row in result.rows)


def test_every_query_has_sample_parameters():
    for name, query in catalog().items():
        required = {p for p, spec in query.header.parameters.items() if spec.required}
        assert required <= set(SAMPLE_PARAMS.get(name, [{}])[0]), name


@pytest.mark.parametrize("name", sorted(catalog()))
def test_every_query_answers_the_same_on_both_engines(name, london_view, neo4j_store):
    query = catalog()[name]
    with neo4j_store.view() as neo4j_view:
        for params in SAMPLE_PARAMS.get(name, [{}]):
            embedded = run_query(london_view, query, params)
            server = run_query(neo4j_view, query, params)
            assert embedded.columns == server.columns
            assert _rows(embedded) == _rows(server), (name, params)


def test_the_stored_graphs_match_node_by_node(london_view, neo4j_store):
    embedded = snapshot(london_view)
    with neo4j_store.view() as view:
        server = snapshot(view)
    assert len(embedded["nodes"]) == len(server["nodes"])
    for a, b in zip(embedded["nodes"], server["nodes"]):
        assert a == b
    assert len(embedded["relationships"]) == len(server["relationships"])
    for a, b in zip(embedded["relationships"], server["relationships"]):
        assert a == b


MULTISOURCE_PARAMS = {
    "contested-facts": [{}, {"include_restricted": True}, {"reliability": "3"}, {"credibility": "D"}],
    "status-history": [{"id": "redbridge-2011-child-sex-ring"}, {"id": "hillingdon-2000-2016-bellfield-group"}],
    "case-detail": [{"case_id": "lambeth-2022-hotel-room"}],
    "uncertain-facts": [{}],
    "review-follow-up": [{}],
}
"""The evidence queries on a dataset where facts have many citations, lineage and contested values."""


def test_a_multi_source_graph_answers_the_same_on_both_engines(restated, restated_files, restated_store,
                                                                neo4j_server_store):
    from casegraph.graph.store import input_checksum

    neo4j_server_store.build(restated, input_checksum(restated_files))
    with restated_store.view() as embedded_view, neo4j_server_store.view() as server_view:
        embedded, server = snapshot(embedded_view), snapshot(server_view)
        assert embedded == server
        for name, samples in MULTISOURCE_PARAMS.items():
            for params in samples:
                one, two = (run_query(v, catalog()[name], params) for v in (embedded_view, server_view))
                assert one.columns == two.columns and _rows(one) == _rows(two), (name, params)
                assert one.rows, (name, params)


@pytest.mark.parametrize("cypher", [
    "MATCH (c:CaseFile) RETURN c.id, count(*), count(c.id) AS n, toUpper(c.id) ORDER BY c.id LIMIT 3",
    "MATCH (b:Borough) WHERE b.id = 'lambeth' RETURN DISTINCT b.name, {id: b.id, name: b.name}, [1, 2] AS `a list`",
    "MATCH (b:Borough) WITH b.id AS id ORDER BY id LIMIT 2 RETURN id UNION MATCH (c:CaseFile) "
    "WITH c.id AS id ORDER BY id LIMIT 1 RETURN id",
])
def test_an_ad_hoc_answer_names_its_columns_alike_on_both_engines(cypher, london_view, neo4j_store):
    """An unaliased column is named by its text as written (Neo4j's way), never by LadybugDB's own form
    (`COUNT_STAR()`): the same query gives the same headers, CSV and JSON keys on either engine."""
    from casegraph.queries import run_adhoc

    embedded = run_adhoc(london_view, cypher)
    with neo4j_store.view() as view:
        neo4j = run_adhoc(view, cypher)
    assert embedded.columns == neo4j.columns, (embedded.columns, neo4j.columns)
    assert "COUNT_STAR()" not in embedded.columns
