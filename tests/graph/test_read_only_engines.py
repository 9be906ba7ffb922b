"""The second layer alone: with the guard bypassed (`View.run` directly), each engine's read-only mode
refuses every write of the corpus, and the graph is left as it was. Harmless queries run on both engines
through `run_adhoc` (guard + engine)."""

from __future__ import annotations

from pathlib import Path

import pytest

from casegraph.graph.embedded import EmbeddedStore
from casegraph.graph.snapshot import graph_checksum
from casegraph.graph.store import QueryFailed, WriteRefused
from casegraph.queries import run_adhoc
from tests.queries.adhoc_corpus import HARMLESS, attempts
from tests.require import require

LEAKS = [Path("/tmp/casegraph-leak.csv"), Path("/tmp/casegraph-leak-export"), Path("/tmp/casegraph-leak.lbdb")]


@pytest.fixture(scope="module")
def embedded_store(london, tmp_path_factory):
    """An embedded store of its own: if the second layer ever let a write through, no other test sees it."""
    store = EmbeddedStore(tmp_path_factory.mktemp("read-only-layer"))
    store.build(london, "read-only-layer")
    return store


def _second_layer_refuses_writes(store, engine: str) -> None:
    """Every write attempt raises, and the graph is unchanged. A CHECKPOINT gets a view of its own:
    its failure leaves LadybugDB's connection unusable (and the file pending recovery: see below)."""
    view = store.view()
    before = graph_checksum(view)
    let_through = []
    try:
        for what, cypher in attempts(engine):
            if what != "write":
                continue
            alone = "CHECKPOINT" in cypher.upper()
            if alone:
                view.close()
                view = store.view()
            try:
                view.run(cypher)  # no guard: the engine alone
            except (WriteRefused, QueryFailed):
                pass
            else:
                let_through.append(cypher)
            if alone:
                view.close()
                view = store.view()
        assert let_through == []
        assert graph_checksum(view) == before
    finally:
        view.close()


def test_the_embedded_engine_alone_refuses_every_write(embedded_store):
    _second_layer_refuses_writes(embedded_store, "ladybug")
    with embedded_store.view() as view:
        with pytest.raises(WriteRefused, match="opened read-only"):
            view.run("CREATE (n:Indicator {id: 'leak', name: 'leak'})")


def test_a_checkpoint_a_reader_left_pending_is_recovered(embedded_store):
    """LadybugDB 0.22 runs CHECKPOINT on a read-only connection, fails, and leaves the file unopenable
    read-only; the next view recovers it (under the build lock) instead of refusing every reader."""
    with embedded_store.view() as view:
        with pytest.raises((QueryFailed, WriteRefused)):
            view.run("CHECKPOINT")
    with embedded_store.view() as view:
        assert view.run("MATCH (b:Borough) RETURN count(b)").rows == [[33]]


def test_neo4j_alone_refuses_every_write(neo4j_store):
    _second_layer_refuses_writes(neo4j_store, "neo4j")
    with neo4j_store.view() as view:
        with pytest.raises(WriteRefused, match="plans this query as type"):
            view.run("CREATE (n:Indicator {id: 'leak', name: 'leak'})")
        assert view.run("MATCH (n:Leak) RETURN count(n)").rows[0][0] == 0


def test_the_guard_stops_what_the_embedded_engine_would_let_through(embedded_store):
    """Both layers together: nothing of the corpus runs, no file is written."""
    with embedded_store.view() as view:
        for _, cypher in attempts("ladybug"):
            with pytest.raises(WriteRefused):
                run_adhoc(view, cypher)
    assert not any(path.exists() for path in LEAKS)


@pytest.mark.parametrize("cypher", HARMLESS["ladybug"])
def test_harmless_queries_run_on_the_embedded_store(embedded_store, cypher):
    with embedded_store.view() as view:
        assert run_adhoc(view, cypher, {"id": "camden"}).columns


@pytest.mark.parametrize("cypher", HARMLESS["neo4j"])
def test_harmless_queries_run_on_neo4j(neo4j_store, cypher):
    with neo4j_store.view() as view:
        assert run_adhoc(view, cypher, {"id": "camden"}).columns


# -- bounds: memory and time, on both engines -------------------------------------------------

HUNGRY = "UNWIND range(1, 30000000) AS x RETURN collect(x) AS xs"
"""Holds 30 million integers at once: far above a 64 MB limit."""
SLOW = ("UNWIND range(1, 20000) AS x UNWIND range(1, 20000) AS y WITH x, y WHERE (x * y) % 13 = 1 "
        "RETURN count(*) AS n")
"""400 million rows to filter: many seconds on any machine."""


def test_the_embedded_memory_limit_stops_a_hungry_query(embedded_store):
    from casegraph.graph.limits import QueryLimits
    from casegraph.graph.store import QueryLimitHit

    with embedded_store.view(limits=QueryLimits(timeout=None, memory=64 * 1024 ** 2)) as view:
        with pytest.raises(QueryLimitHit, match="memory limit of 64 MB \\(CASEGRAPH_QUERY_MEMORY\\)"):
            run_adhoc(view, HUNGRY)
        assert run_adhoc(view, "MATCH (b:Borough) RETURN count(b)").rows == [[33]]  # the view still works


def test_the_embedded_timeout_stops_a_slow_query(embedded_store):
    import time

    from casegraph.graph.limits import QueryLimits
    from casegraph.graph.store import QueryLimitHit

    with embedded_store.view(limits=QueryLimits(timeout=0.5)) as view:
        started = time.monotonic()
        with pytest.raises(QueryLimitHit, match="timeout of 0.5 s: .*CASEGRAPH_QUERY_TIMEOUT"):
            run_adhoc(view, SLOW)
        assert time.monotonic() - started < 30
        assert run_adhoc(view, "MATCH (b:Borough) RETURN count(b)").rows == [[33]]


def test_the_neo4j_timeout_stops_a_slow_query(neo4j_store):
    from casegraph.graph.limits import QueryLimits
    from casegraph.graph.store import QueryLimitHit

    with neo4j_store.view(limits=QueryLimits(timeout=0.5)) as view:
        with pytest.raises(QueryLimitHit, match="timeout of 0.5 s"):
            run_adhoc(view, SLOW)
        assert run_adhoc(view, "MATCH (b:Borough) RETURN count(b) AS n").rows == [[33]]


def test_the_neo4j_servers_memory_limit_is_a_clear_message(neo4j_store):
    """On Neo4j the memory limit per transaction is the server's db.memory.transaction.max (set by its
    administrator; scripts/neo4j-local sets 512 MB): a query that reaches it gets the clear message."""
    from casegraph.graph.store import QueryLimitHit

    with neo4j_store.view() as view:
        limit = view.run("SHOW SETTINGS YIELD name, value WHERE name = 'db.memory.transaction.max' "
                         "RETURN value").rows
        require(bool(limit) and not limit[0][0].startswith("0"),
                f"the Neo4j server sets no memory limit per transaction ({limit})",
                "start it with scripts/neo4j-local, or set db.memory.transaction.max")
        with pytest.raises(QueryLimitHit, match="server's memory limit per transaction"):
            run_adhoc(view, "UNWIND range(1, 100000000) AS x RETURN collect(x) AS xs")
        assert run_adhoc(view, "MATCH (b:Borough) RETURN count(b) AS n").rows == [[33]]


def test_limits_come_from_the_environment(monkeypatch):
    from casegraph.graph.limits import DEFAULT_MEMORY, DEFAULT_TIMEOUT, QueryLimits
    from casegraph.graph.store import StoreError

    monkeypatch.delenv("CASEGRAPH_QUERY_TIMEOUT", raising=False)
    monkeypatch.delenv("CASEGRAPH_QUERY_MEMORY", raising=False)
    assert QueryLimits.from_environment() == QueryLimits(DEFAULT_TIMEOUT, DEFAULT_MEMORY)
    monkeypatch.setenv("CASEGRAPH_QUERY_TIMEOUT", "2.5")
    monkeypatch.setenv("CASEGRAPH_QUERY_MEMORY", "512MB")
    assert QueryLimits.from_environment() == QueryLimits(2.5, 512 * 1024 ** 2)
    monkeypatch.setenv("CASEGRAPH_QUERY_TIMEOUT", "0")
    monkeypatch.setenv("CASEGRAPH_QUERY_MEMORY", "0")
    assert QueryLimits.from_environment() == QueryLimits(None, None)
    monkeypatch.setenv("CASEGRAPH_QUERY_MEMORY", "lots")
    with pytest.raises(StoreError, match="expected a size such as 512MB"):
        QueryLimits.from_environment()


def test_the_cli_says_which_limit_was_hit(embedded_store, monkeypatch):
    from click.testing import CliRunner

    from casegraph.cli import cli

    monkeypatch.setenv("CASEGRAPH_QUERY_TIMEOUT", "0.5")
    result = CliRunner().invoke(cli, ["query", "--store", str(embedded_store.directory), "--cypher", SLOW])
    assert result.exit_code == 1
    assert "casegraph: the query was stopped after its timeout of 0.5 s" in result.output
    assert "Traceback" not in result.output
