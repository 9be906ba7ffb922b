"""The Neo4j store against a real server (started by scripts/neo4j-local)."""

from __future__ import annotations

import neo4j
import pytest

from casegraph.graph.store import WriteRefused
from casegraph.graph.neo4j_store import STAGING, BuildCheckFailed, Neo4jStore, staging_labels
from casegraph.graph.snapshot import graph_checksum
from casegraph.graph.store import StoreError


def test_build_holds_every_record(neo4j_store, london):
    from casegraph.graph.profile import public_dataset

    for profile, data in (("restricted", london), ("public", public_dataset(london))):
        with neo4j_store.view(profile) as view:
            for label, count in data.node_counts().items():
                assert view.run(f"MATCH (n:{label}) RETURN count(n)").rows[0][0] == count, (profile, label)


def test_the_public_profile_cannot_reach_the_restricted_graph(neo4j_store):
    """Unlabelled scans would see both graphs in the one database: refused in the public profile."""
    from casegraph.graph.store import QueryFailed

    with neo4j_store.view() as view:
        for cypher in ("MATCH (n) RETURN count(n)", "MATCH ()-[r]->() RETURN count(r)",
                       "MATCH (n) WHERE n.id = 'victim-croydon-2020' RETURN n", "MATCH ()-[r]->() RETURN r"):
            with pytest.raises(QueryFailed, match="public profile"):
                view.run(cypher)
        assert view.run("MATCH (p:Person {id: 'victim-croydon-2020'}) RETURN p").rows == []
    with neo4j_store.view("restricted") as view:
        rows = view.run("MATCH (p:Person {id: 'victim-croydon-2020'})<-[r:INVOLVES]-(c:CaseFile) RETURN p, r").rows
        assert rows and rows[0][0]["labels"] == ["Person"] and rows[0][1]["type"] == "INVOLVES"


@pytest.mark.parametrize("cypher", [
    "MATCH (n:CasegraphRestricted_Person) RETURN n.name, n.description",
    "MATCH (n:`CasegraphRestricted_CaseFile`) RETURN n.restricted_detail",
    "MATCH (n:casegraphrestricted_source) RETURN n.id",
    "MATCH (c:CaseFile)-[r:CASEGRAPH_RESTRICTED_INVOLVES]->(p) RETURN p.name",
    "MATCH (n:CasegraphStaging_Person) RETURN n.name",
    "MATCH (n:$('Casegraph' + 'Restricted_Person')) RETURN n.name",
    "MATCH (n:$any(['Person'])) RETURN n.name",
])
def test_the_public_profile_refuses_the_restricted_graphs_names(neo4j_store, cypher):
    """The full graph's labels and types are in the README: naming them (any spelling, or by an
    expression) is refused in the public profile before the server sees the query; the restricted
    profile still reads its own graph."""
    from casegraph.graph.store import QueryFailed

    with neo4j_store.view() as view:
        with pytest.raises(QueryFailed, match="refused in the public profile: this query names"):
            view.run(cypher)
    with neo4j_store.view("restricted") as view:
        assert view.run("MATCH (p:Person {id: 'victim-croydon-2020'}) RETURN p.id").rows == [["victim-croydon-2020"]]


def test_rebuilding_the_same_data_changes_nothing(neo4j_store, london, london_files):
    from casegraph.graph.store import input_checksum

    with neo4j_store.view() as view:
        before = graph_checksum(view)
    again = neo4j_store.build(london, input_checksum(london_files))
    assert not again.changed
    forced = neo4j_store.build(london, "forced-rebuild")
    assert forced.changed
    with neo4j_store.view() as view:
        assert graph_checksum(view) == before


def test_a_failed_build_leaves_the_old_graph_and_no_staged_data(neo4j_store, london):
    with neo4j_store.view() as view:
        before = graph_checksum(view)
    meta = neo4j_store.meta()

    def fail_midway(message: str) -> None:
        if "INVOLVES" in message:
            raise RuntimeError("interrupted")

    with pytest.raises(RuntimeError, match="interrupted"):
        neo4j_store.build(london, "never-completes", progress=fail_midway)
    assert neo4j_store.meta() == meta
    with neo4j_store.view() as view:
        assert graph_checksum(view) == before
        assert _staged(neo4j_store) == 0


def _staged(store: Neo4jStore) -> int:
    """Nodes under any staging label (per-label ones, and the single label of older builds), counted
    through the store's own session: a view refuses staging labels in the public profile."""
    with store._session(read=True) as session:
        return sum(session.run(f"MATCH (n:{label}) RETURN count(n)").single()[0]
                   for label in [*staging_labels(), STAGING])


def _written_twice(monkeypatch, relationships: bool) -> None:
    """Write the first batch of every node (or relationship) table twice, as a retry after a lost commit would."""
    from casegraph.graph import neo4j_store as module

    batches = module._column_batches

    def twice(table, columns):
        produced = batches(table, columns)
        first = next(produced, None)
        if first is not None:
            yield first
            if ("from" in columns) == relationships:
                yield first
        yield from produced

    monkeypatch.setattr(module, "_column_batches", twice)


@pytest.mark.parametrize("relationships", [False, True], ids=["node-batch", "relationship-batch"])
def test_a_batch_written_twice_fails_the_build_and_leaves_the_old_graph(neo4j_store, london, monkeypatch,
                                                                         relationships):
    """CREATE is guarded: staged node ids are unique-constrained, staged counts are checked before the switch."""
    with neo4j_store.view() as view:
        before = graph_checksum(view)
    meta = neo4j_store.meta()
    _written_twice(monkeypatch, relationships)
    expected = "staged .* relationships where the data has" if relationships else "already exists"
    with pytest.raises(BuildCheckFailed, match=expected) as failure:
        neo4j_store.build(london, "written-twice")
    assert "the old graph is untouched: run the build again" in str(failure.value)
    assert neo4j_store.meta() == meta
    with neo4j_store.view() as view:
        assert graph_checksum(view) == before
        assert _staged(neo4j_store) == 0


def test_the_driver_never_retries_a_commit_of_unknown_outcome():
    """What CREATE relies on: execute_write retries only errors it reports retryable, and a lost commit is not."""
    assert not neo4j.exceptions.IncompleteCommit("lost while committing").is_retryable()
    assert neo4j.exceptions.ServiceUnavailable("lost before committing").is_retryable()


def test_leftovers_of_an_older_single_label_staging_are_removed(neo4j_store, london, neo4j_settings):
    driver = neo4j.GraphDatabase.driver(neo4j_settings["NEO4J_URI"],
                                        auth=(neo4j_settings["NEO4J_USER"], neo4j_settings["NEO4J_PASSWORD"]))
    with driver, driver.session() as session:
        session.run(f"CREATE (:{STAGING} {{id: 'left-over', _label: 'Borough'}})").consume()
    neo4j_store.build(london, "after-leftovers")
    with neo4j_store.view() as view:
        assert _staged(neo4j_store) == 0


def test_explain_refuses_writes_the_guard_would_miss(neo4j_store):
    """EXPLAIN's query type is part of the second layer (tests/graph/test_read_only_engines.py runs the corpus)."""
    from casegraph.graph.neo4j_view import _check_plan

    with neo4j_store._session(read=True) as session:
        session.execute_read(_check_plan, "MATCH (n:Borough) RETURN n", {})
        with pytest.raises(WriteRefused, match="plans this query as type"):
            session.execute_read(_check_plan, "CALL db.createLabel('Leak')", {})


def test_the_server_refuses_a_write_in_a_read_transaction(neo4j_settings):
    """Measured, not assumed: a single server rejects writes in READ access mode."""
    driver = neo4j.GraphDatabase.driver(neo4j_settings["NEO4J_URI"],
                                        auth=(neo4j_settings["NEO4J_USER"], neo4j_settings["NEO4J_PASSWORD"]))
    with driver, driver.session(default_access_mode=neo4j.READ_ACCESS) as session:
        with pytest.raises(neo4j.exceptions.ClientError):
            session.execute_read(lambda tx: tx.run("CREATE (n:Leak)").consume())
        assert session.run("MATCH (n:Leak) RETURN count(n) AS n").single()["n"] == 0


def test_server_down_is_one_line_saying_what_to_check():
    store = Neo4jStore("bolt://127.0.0.1:1", "neo4j", "x")
    with pytest.raises(StoreError, match="cannot reach Neo4j at bolt://127.0.0.1:1: is the server running"):
        store.view()


def test_wrong_password_is_one_line(neo4j_settings):
    store = Neo4jStore(neo4j_settings["NEO4J_URI"], neo4j_settings["NEO4J_USER"], "wrong-password")
    with pytest.raises(StoreError, match="check NEO4J_USER and NEO4J_PASSWORD"):
        store.view()


def test_wrong_database_is_one_line(neo4j_settings):
    store = Neo4jStore(neo4j_settings["NEO4J_URI"], neo4j_settings["NEO4J_USER"],
                       neo4j_settings["NEO4J_PASSWORD"], database="nosuchdb")
    with pytest.raises(StoreError, match="no database 'nosuchdb': check NEO4J_DATABASE"):
        store.view()


def test_a_bad_uri_is_one_line():
    with pytest.raises(StoreError, match="cannot use Neo4j URI"):
        Neo4jStore("http//nonsense", "neo4j", "x").view()


def test_a_large_build_switches_in_batches_and_readers_wait(neo4j_store, london, monkeypatch):
    """Above ATOMIC_SWITCH_LIMIT the switch is batched; while the build holds the lock, casegraph refuses to read."""
    from casegraph.graph import neo4j_store as module

    with neo4j_store.view() as view:
        before = graph_checksum(view)
    monkeypatch.setattr(module, "ATOMIC_SWITCH_LIMIT", 0)
    monkeypatch.setattr(module, "BATCH_SIZE", 50)
    refused = []

    def read_mid_switch(message: str) -> None:
        if message.startswith("switching to the new build (batched"):
            with pytest.raises(StoreError, match="switching to a new build") as error:
                neo4j_store.view()
            refused.append(str(error.value))

    result = neo4j_store.build(london, "batched-switch", progress=read_mid_switch)
    assert refused and "--break-lock" in refused[0]
    assert result.changed and neo4j_store.meta()["status"] == "complete"
    with neo4j_store.view() as view:
        assert graph_checksum(view) == before
        assert _staged(neo4j_store) == 0


def test_a_large_old_graph_is_deleted_in_batches_even_for_a_small_new_one(neo4j_store, london, monkeypatch):
    """The switch is one transaction only when old AND new graph are small: one huge delete exhausts the heap."""
    from casegraph.graph import neo4j_store as module

    from casegraph.graph.profile import public_dataset

    new_graph = sum(sum(d.node_counts().values()) + sum(d.rel_counts().values())
                    for d in (london, public_dataset(london)))  # both profiles are built
    monkeypatch.setattr(module, "ATOMIC_SWITCH_LIMIT", new_graph)  # the new graph alone would fit
    messages: list[str] = []
    neo4j_store.build(london, "old-graph-counts", progress=messages.append)
    assert any(m.startswith("switching to the new build (batched") for m in messages), messages
    monkeypatch.setattr(module, "ATOMIC_SWITCH_LIMIT", 2 * new_graph)
    messages.clear()
    neo4j_store.build(london, "both-fit", progress=messages.append)
    assert "switching to the new build (one transaction)" in messages, messages


def test_both_graphs_have_the_schemas_constraints_and_indexes(neo4j_store):
    """The full graph (restricted labels) is indexed as the public one is: ids of nodes and
    relationships, and the ranks stored orders are read by, so a restricted view never scans."""
    from casegraph.graph.neo4j_profiles import restricted_label
    from casegraph.schemas import schema
    from casegraph.schemas.aggregates import INDEXED

    with neo4j_store._session(read=True) as session:
        rows = session.run("SHOW INDEXES YIELD labelsOrTypes, properties").data()
    indexed = {(name, prop) for row in rows for name in row["labelsOrTypes"] or () for prop in row["properties"] or ()}
    wanted = [(node.label, c.name) for node in schema().nodes for c in node.columns if c.name == "id" or c.name in INDEXED]
    wanted += [(rel.type, c.name) for rel in schema().rels for c in rel.columns if c.name == "id" or c.name in INDEXED]
    assert any(column != "id" for _, column in wanted)
    missing = [(name, column) for label, column in wanted for name in (label, restricted_label(label))
               if (name, column) not in indexed]
    assert missing == []
