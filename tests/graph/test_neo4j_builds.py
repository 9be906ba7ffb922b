"""Neo4j builds on a shared server, against the real server: the build lock, concurrent builds,
a switch interrupted at several points and rolled forward, a lock broken under a running build."""

from __future__ import annotations

import threading
import time

import neo4j
import pytest

from casegraph.graph import neo4j_store as store_module
from casegraph.graph import neo4j_switch
from casegraph.graph.neo4j_lock import LOCK, BuildLock, BuildLocked
from casegraph.graph.neo4j_profiles import profile_names, restricted_label
from casegraph.graph.neo4j_store import STAGING, BuildCheckFailed, staging_labels
from casegraph.graph.profile import public_dataset
from casegraph.graph.store import StoreError
from casegraph.schemas import schema
from casegraph.viz.synthetic import synthetic_dataset


@pytest.fixture(scope="module")
def other():
    """A second dataset (generated, ~300 nodes more than the reference data): what build B writes."""
    return synthetic_dataset(300, seed=7)


@pytest.fixture()
def driver(neo4j_settings):
    """A plain driver for what a test does behind casegraph's back; a lock a failed test left is removed."""
    with neo4j.GraphDatabase.driver(neo4j_settings["NEO4J_URI"],
                                    auth=(neo4j_settings["NEO4J_USER"], neo4j_settings["NEO4J_PASSWORD"])) as d:
        yield d
        with d.session() as session:
            session.run(f"MATCH (l:{LOCK}) DELETE l").consume()


def _assert_holds(store, dataset, checksum: str, driver) -> None:
    """The store holds exactly `dataset`, complete, in both profiles: every count, the meta node, no
    staging, no lock."""
    meta = store.meta()
    assert meta["status"] == "complete" and meta["checksum"] == checksum and meta["profiles"], meta
    assert not {"switching_build", "phase"} & set(meta)
    with driver.session() as session:
        for data, names in ((dataset, profile_names("restricted")), (public_dataset(dataset), profile_names("public"))):
            for label in schema().labels:
                found = session.run(f"MATCH (n:{names[label]}) RETURN count(n) AS n").single()["n"]
                assert found == data.node_counts().get(label, 0), names[label]
            for rel in schema().rels:
                found = session.run(f"MATCH ()-[r:{names[rel.type]}]->() RETURN count(r) AS n").single()["n"]
                assert found == data.rel_counts().get(rel.type, 0), names[rel.type]
        staged = sum(session.run(f"MATCH (n:{label}) RETURN count(n) AS n").single()["n"]
                     for label in [*staging_labels(), STAGING])
        assert staged == 0
        assert session.run(f"MATCH (l:{LOCK}) RETURN count(l) AS n").single()["n"] == 0
        leaked = session.run(f"MATCH (n) WHERE n.{neo4j_switch.BUILD_PROPERTY} IS NOT NULL "
                             "RETURN count(n) AS n").single()["n"]
        assert leaked == 0


@pytest.fixture()
def batched(monkeypatch):
    """Force the batched switch, in small batches, so that it has many points to interrupt."""
    monkeypatch.setattr(store_module, "ATOMIC_SWITCH_LIMIT", 0)
    monkeypatch.setattr(store_module, "BATCH_SIZE", 100)


class Dropped(neo4j.exceptions.ServiceUnavailable):
    """The connection lost at a chosen write of the switch."""


def _interrupt(monkeypatch, step: str, nth: int, committed: bool) -> list[str]:
    """Make the `nth` switch write whose statement contains `step` fail as a lost connection
    (before it commits, or after it committed). Returns the statements seen."""
    real = neo4j_switch.write
    seen: list[str] = []

    def write(session, statement, **params):
        if step in statement:
            seen.append(statement)
            if len(seen) == nth:
                if committed:
                    real(session, statement, **params)
                raise Dropped("connection lost (test)")
        return real(session, statement, **params)

    monkeypatch.setattr(neo4j_switch, "write", write)
    return seen


OLD_GRAPH_DELETE = ") WITH n LIMIT $limit DETACH DELETE n"
"""A batch deleting the old graph (staging removals read `... $build WITH n LIMIT ...`)."""

POINTS = [  # (statement text, which occurrence, committed before the drop)
    (OLD_GRAPH_DELETE, 1, False),          # right after `switching` was written
    (OLD_GRAPH_DELETE, 3, True),           # part of the old graph deleted
    ("m.phase = 'relabel'", 1, False),     # old graph gone, nothing relabelled
    ("SET n:", 2, True),                   # part of the new graph relabelled: a mixture on disk
    ("m.status = 'complete'", 1, False),   # everything relabelled, meta still `switching`
]


@pytest.mark.parametrize("step, nth, committed", POINTS, ids=["first-delete", "third-delete", "phase", "second-relabel", "complete"])
def test_a_switch_interrupted_at_any_point_is_finished_by_the_next_command(
        neo4j_store, london, other, batched, monkeypatch, driver, step, nth, committed):
    seen = _interrupt(monkeypatch, step, nth, committed)
    with pytest.raises(StoreError, match="cannot reach Neo4j"):
        neo4j_store.build(other, "build-b")
    assert len(seen) == nth
    assert neo4j_store.meta()["status"] == "switching"
    monkeypatch.undo()
    with neo4j_store.view() as view:  # the next command: finishes the switch, then reads
        assert view.run("MATCH (b:Borough) RETURN count(b)").rows[0][0] == 33
    _assert_holds(neo4j_store, other, "build-b", driver)


def test_a_switch_interrupted_mid_relabel_is_finished_by_the_next_build(
        neo4j_store, london, london_files, other, batched, monkeypatch, driver):
    from casegraph.graph.store import input_checksum

    _interrupt(monkeypatch, "SET n:", 2, True)
    with pytest.raises(StoreError):
        neo4j_store.build(other, "build-b")
    monkeypatch.undo()
    messages: list[str] = []
    neo4j_store.build(london, input_checksum(london_files), progress=messages.append)
    assert any(m.startswith("finishing the switch to build") for m in messages), messages
    _assert_holds(neo4j_store, london, input_checksum(london_files), driver)


def test_a_build_that_died_mid_switch_leaves_its_lock_until_broken(
        neo4j_store, london, other, batched, monkeypatch, driver):
    """A killed process cannot release its lock: readers and builders are told to break it, and
    `break_lock` then finishes the dead build's switch before building."""
    _interrupt(monkeypatch, "SET n:", 1, False)
    monkeypatch.setattr(BuildLock, "release", lambda self: (_ for _ in ()).throw(Dropped("dead")))
    with pytest.raises(StoreError):
        neo4j_store.build(other, "build-b")
    monkeypatch.undo()
    with pytest.raises(StoreError, match="--break-lock"):
        neo4j_store.view()
    with pytest.raises(BuildLocked, match=r"another build is writing .* by .*pid .*--break-lock"):
        neo4j_store.build(london, "build-a")
    messages: list[str] = []
    neo4j_store.build(london, "build-a", progress=messages.append, break_lock=True)
    assert any(m.startswith("broke the build lock of build") for m in messages), messages
    assert any(m.startswith("finishing the switch to build") for m in messages), messages
    _assert_holds(neo4j_store, london, "build-a", driver)


def test_a_build_that_failed_before_the_switch_removes_only_its_own_staging(neo4j_store, london, other, driver):
    """Staging is tagged with its build id: a failed build drops its own, and never another's."""
    with driver.session() as session:  # staging of another build, e.g. one whose lock was broken while it ran
        session.run(f"CREATE (:{neo4j_switch.staging_label('Borough')} "
                    f"{{id: 'x', {neo4j_switch.BUILD_PROPERTY}: 'someone-else'}})").consume()

    def fail(message: str) -> None:
        if message.startswith("loading") and "relationships" in message:
            with driver.session() as session:
                # the full graph (restricted profile) is staged first
                mine = session.run(f"MATCH (n:{neo4j_switch.staging_label(restricted_label('Borough'))}) "
                                   f"RETURN collect(DISTINCT n.{neo4j_switch.BUILD_PROPERTY}) AS b").single()["b"]
            assert len(mine) == 1 and mine != ["someone-else"]  # the next build had removed the stale one
            with driver.session() as session:  # a stale node appears while this build runs
                session.run(f"CREATE (:{neo4j_switch.staging_label('Borough')} "
                            f"{{id: 'y', {neo4j_switch.BUILD_PROPERTY}: 'someone-else'}})").consume()
            raise RuntimeError("failed while staging")

    with pytest.raises(RuntimeError, match="failed while staging"):
        neo4j_store.build(other, "build-b", progress=fail)
    with driver.session() as session:
        left = session.run(f"MATCH (n:{neo4j_switch.staging_label('Borough')}) "
                           f"RETURN collect(n.{neo4j_switch.BUILD_PROPERTY}) AS b").single()["b"]
        assert left == ["someone-else"]
        session.run(f"MATCH (n:{neo4j_switch.staging_label('Borough')}) DETACH DELETE n").consume()


def test_staging_lost_after_the_check_fails_the_switch(neo4j_store, london, other, driver):
    """The staged counts are checked again inside the switch's own transaction."""
    before = neo4j_store.meta()

    def lose_a_node(message: str) -> None:
        if message.startswith("switching to the new build"):
            with driver.session() as session:
                session.run(f"MATCH (n:{neo4j_switch.staging_label('CaseFile')}) WITH n LIMIT 1 "
                            "DETACH DELETE n").consume()

    with pytest.raises(BuildCheckFailed, match="staged CaseFile nodes where the data has"):
        neo4j_store.build(other, "build-b", progress=lose_a_node)
    assert neo4j_store.meta() == before


def test_a_build_whose_lock_was_broken_never_switches(neo4j_store, london, other, driver):
    before = neo4j_store.meta()

    def break_it(message: str) -> None:
        if message == "checking the staged counts":
            with driver.session() as session:
                session.run(f"MATCH (l:{LOCK}) DELETE l").consume()

    with pytest.raises(BuildCheckFailed, match="build lock was broken"):
        neo4j_store.build(other, "build-b", progress=break_it)
    assert neo4j_store.meta() == before


@pytest.mark.parametrize("overlap", [True, False], ids=["one-inside-the-other", "released-together"])
def test_two_concurrent_builds_leave_exactly_one_complete_graph(neo4j_store, neo4j_settings, london, other,
                                                                driver, overlap):
    """Two builders (their own connections, threads) on one server: one builds, the other is refused;
    the published graph is one of the two datasets, complete."""
    from casegraph.graph.neo4j_store import Neo4jStore

    def store():
        return Neo4jStore(neo4j_settings["NEO4J_URI"], neo4j_settings["NEO4J_USER"], neo4j_settings["NEO4J_PASSWORD"])

    start = threading.Barrier(2)
    b_tried = threading.Event()
    outcomes: dict[str, object] = {}

    def run(name, dataset):
        builder = store()

        def progress(message: str) -> None:
            if overlap and name == "A" and message.startswith("loading"):
                b_tried.wait(120)  # A holds the lock and has staged part of its graph while B tries

        try:
            start.wait(60)
            if overlap and name == "B":
                deadline = time.monotonic() + 120
                while not _locked(driver) and time.monotonic() < deadline:
                    time.sleep(0.05)
            outcomes[name] = builder.build(dataset, f"concurrent-{name}", progress=progress)
        except Exception as error:  # noqa: BLE001 - the outcome is what we check
            outcomes[name] = error
        finally:
            if name == "B":
                b_tried.set()
            builder.close()

    threads = [threading.Thread(target=run, args=("A", london)), threading.Thread(target=run, args=("B", other))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(300)
    refused = [n for n, o in outcomes.items() if isinstance(o, BuildLocked)]
    built = [n for n, o in outcomes.items() if not isinstance(o, Exception)]
    assert len(outcomes) == 2 and len(built) >= 1, outcomes
    if overlap:
        assert (built, refused) == (["A"], ["B"]), outcomes
    winner = neo4j_store.meta()["checksum"].removeprefix("concurrent-")
    assert winner in built
    _assert_holds(neo4j_store, london if winner == "A" else other, f"concurrent-{winner}", driver)


def _locked(driver) -> bool:
    with driver.session() as session:
        return session.run(f"MATCH (l:{LOCK}) RETURN count(l) AS n").single()["n"] > 0


def test_the_cli_names_the_lock_holder_and_breaks_a_stale_lock(neo4j_store, neo4j_settings, london, driver,
                                                              monkeypatch):
    from click.testing import CliRunner

    from casegraph.cli import cli

    for key, value in neo4j_settings.items():
        monkeypatch.setenv(key, value)
    neo4j_store.build(london, "not-what-the-cli-builds")  # else the CLI's build has nothing to change
    with driver.session() as session:  # what a build killed with -9 leaves
        session.run(f"CREATE (:{LOCK} {{name: 'build', owner: 'ana@newsroom (pid 42)', build_id: 'dead-build', "
                    "started_at: datetime()})").consume()
    args = ["build", "--neo4j", neo4j_settings["NEO4J_URI"], "--no-overview", "--format", "json"]
    refused = CliRunner().invoke(cli, args)
    assert refused.exit_code == 1
    assert "build dead-build by ana@newsroom (pid 42)" in refused.output
    assert "casegraph build --break-lock" in refused.output and "Traceback" not in refused.output
    broken = CliRunner().invoke(cli, [*args, "--break-lock"])
    assert broken.exit_code == 0, broken.output
    assert "broke the build lock of build dead-build by ana@newsroom (pid 42)" in broken.output
    assert not _locked(driver)
