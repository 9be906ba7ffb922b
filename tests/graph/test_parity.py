"""The same answers on both engines, in both profiles: every catalog query (called as every reader calls it),
the stored graph itself with every aggregate the build counted, and the explorer's query pages."""

from __future__ import annotations

import json

import pytest

from casegraph.graph.snapshot import snapshot
from casegraph.graph.profile import PROFILES
from casegraph.queries import catalog, run_query
from casegraph.queries.restricted import RESTRICTED_PARAM, answering_view, profile_params
from tests.queries.params import SAMPLE_PARAMS


def _rows(result) -> list[str]:
    """Rows as canonical text, sorted: engines may order ties differently."""
    return sorted(json.dumps(dict(zip(result.columns, row)), sort_keys=True, default=str) for row in result.rows)


def test_every_query_has_sample_parameters():
    for name, query in catalog().items():
        required = {p for p, spec in query.header.parameters.items() if spec.required}
        assert required <= set(SAMPLE_PARAMS.get(name, [{}])[0]), name


def _calls(name: str, samples: list[dict], profile: str) -> list[dict]:
    """The calls of query `name` to compare in `profile`: each sample as a reader makes it there
    (`profile_params`: a public call never asks for restricted data, a restricted one does unless it says
    false), and in the restricted profile each sample again with `include_restricted` false (the public
    graph answers), each with the query's default page, whose cut is where an order that differs shows."""
    query = catalog()[name]
    calls = []
    for params in samples:
        if profile == "public":
            params = {k: v for k, v in params.items() if k != RESTRICTED_PARAM}
        calls.append(profile_params(query, params, profile))
        if profile == "restricted" and RESTRICTED_PARAM in query.header.parameters:
            calls.append({**params, RESTRICTED_PARAM: False})
    return [dict(c) for c in {json.dumps(c, sort_keys=True): c for c in calls}.values()]


def _same_answers(embedded_view, server_view, samples: dict[str, list[dict]], nonempty: bool = False) -> None:
    """Every query of `samples` called as `_calls` says on both engines' views of one profile: the same
    columns, rows and total (each on the view `answering_view` picks, as the API and the explorer run it)."""
    for name, given in samples.items():
        query = catalog()[name]
        for params in _calls(name, given, embedded_view.profile):
            one, two = (run_query(answering_view(v, query, params), query, params) for v in (embedded_view, server_view))
            assert one.columns == two.columns and _rows(one) == _rows(two), (embedded_view.profile, name, params)
            assert one.total == two.total, (embedded_view.profile, name, params)
            assert one.rows or not nonempty, (embedded_view.profile, name, params)


@pytest.mark.parametrize("profile", PROFILES)
@pytest.mark.parametrize("name", sorted(catalog()))
def test_every_query_answers_the_same_on_both_engines(name, profile, london_store, neo4j_store):
    with london_store.view(profile) as embedded_view, neo4j_store.view(profile) as neo4j_view:
        _same_answers(embedded_view, neo4j_view, {name: SAMPLE_PARAMS.get(name, [{}])})


@pytest.mark.parametrize("profile", PROFILES)
def test_the_stored_graphs_match_node_by_node(profile, london_store, neo4j_store):
    """Every node and relationship with every property, the aggregates the build counted included."""
    with london_store.view(profile) as view:
        embedded = snapshot(view)
    with neo4j_store.view(profile) as view:
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
    for profile in PROFILES:
        with restated_store.view(profile) as embedded_view, neo4j_server_store.view(profile) as server_view:
            assert snapshot(embedded_view) == snapshot(server_view), profile
            _same_answers(embedded_view, server_view, {n: SAMPLE_PARAMS.get(n, [{}]) for n in catalog()})
            _same_answers(embedded_view, server_view, MULTISOURCE_PARAMS, nonempty=True)


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


PAGES = ["/search?q=child", "/entity/croydon-2020-child-in-care", "/entity/martin-malone", "/entity/hillingdon",
         "/entity/croydon-2020-child-in-care/dossier",
         "/connections?from=lewisham-2000-martin-malone&to=lewisham-2002-imperial-research"]
"""Explorer pages whose content differs by profile, beside the query pages (a case with restricted people,
a person, a borough, a search, a dossier, the connections of two cases)."""


@pytest.mark.parametrize("profile", PROFILES)
def test_every_query_page_of_the_explorer_reads_the_same_on_both_engines(profile, london_store, neo4j_store):
    """The explorer's page of each catalog query, run with each sample (`_calls`), and each of `PAGES`, byte
    for byte the same page whichever engine the explorer reads: rows, page links and notices."""
    from urllib.parse import urlencode

    from casegraph.explorer.state import Explorer
    from tests.explorer.conftest import client_for

    explorers = [Explorer.open(store, profile == "restricted") for store in (london_store, neo4j_store)]
    try:
        clients = [client_for(explorer) for explorer in explorers]
        for name in sorted(catalog()):
            for params in _calls(name, SAMPLE_PARAMS.get(name, [{}]), profile):
                shown = {k: str(v).lower() if isinstance(v, bool) else v for k, v in params.items()}
                url = f"/queries/{name}?" + urlencode({"run": 1, **shown})
                embedded, server = (client.get(url) for client in clients)
                assert embedded.status_code == server.status_code == 200, (url, embedded.text[-500:])
                assert embedded.text == server.text, url
        for url in PAGES:
            embedded, server = (client.get(url) for client in clients)
            assert embedded.status_code == server.status_code == 200, (url, embedded.text[-500:])
            assert embedded.text == server.text, url
    finally:
        for explorer in explorers:
            explorer.close()



@pytest.mark.parametrize("pattern, named", [
    ("(n:Person)", "labels(n) = ['Person']"),
    ("(:CaseFile)-[r:INVOLVES]->()", "type(r) = 'INVOLVES' AND type ( r ) + '' STARTS WITH 'INV'"),
])
def test_labels_and_types_read_as_the_schema_names_them_in_neo4js_restricted_graph(pattern, named, neo4j_store):
    """A query comparing, joining or sorting `labels()` and `type()` sees the schema's names in Neo4j's
    restricted graph too (whose labels are stored with a prefix), as in the public graph and on LadybugDB."""
    from casegraph.queries import run_adhoc

    with neo4j_store.view("restricted") as view:
        every = run_adhoc(view, f"MATCH {pattern} RETURN count(*) AS n").rows
        by_name = run_adhoc(view, f"MATCH {pattern} WHERE {named} AND 'labels(' <> '' RETURN count(*) AS n").rows
    assert by_name == every and every[0][0] > 0, (by_name, every)
