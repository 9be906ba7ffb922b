"""The embedded store on a real LadybugDB database on disk."""

from __future__ import annotations

import multiprocessing
from pathlib import Path

import pytest

from casegraph.graph.embedded import EmbeddedStore
from casegraph.graph.snapshot import graph_checksum
from casegraph.graph.store import StoreError


def counts(store: EmbeddedStore, profile: str = "restricted") -> dict[str, int]:
    """The graph's nodes and relationships (the evidence queries' filed rows, `FiledFact`, are not facts)."""
    with store.view(profile) as view:
        rows = view.run("MATCH (n) WHERE label(n) <> 'FiledFact' RETURN count(n) AS nodes").rows
        rels = view.run("MATCH ()-[r]->() RETURN count(r) AS rels").rows
    return {"nodes": rows[0][0], "rels": rels[0][0]}


def test_build_holds_every_record(london, london_store):
    expected_nodes = sum(london.node_counts().values())
    expected_rels = sum(london.rel_counts().values())
    assert counts(london_store) == {"nodes": expected_nodes, "rels": expected_rels}


def test_the_public_profile_is_a_graph_of_its_own(london, london_store):
    """The store's public graph holds the public projection and nothing restricted."""
    from casegraph.graph.profile import public_dataset

    public = public_dataset(london)
    assert counts(london_store, "public") == {"nodes": sum(public.node_counts().values()),
                                              "rels": sum(public.rel_counts().values())}
    assert counts(london_store, "public")["nodes"] < counts(london_store)["nodes"]
    with london_store.view() as view:
        assert view.run("MATCH (n:Person) WHERE n.sensitivity = 'restricted' RETURN count(n)").rows == [[0]]
        assert view.run("MATCH (c:CaseFile) WHERE c.restricted_detail IS NOT NULL RETURN count(c)").rows == [[0]]


def test_rebuilding_the_same_data_changes_nothing(london, london_files, tmp_path):
    from casegraph.graph.store import input_checksum

    store = EmbeddedStore(tmp_path / "store")
    first = store.build(london, input_checksum(london_files))
    with store.view() as view:
        before = graph_checksum(view)
    again = store.build(london, input_checksum(london_files))
    assert first.changed and not again.changed
    assert again.build_id == first.build_id
    # A forced rebuild (new checksum) writes a new database with the same graph.
    forced = store.build(london, "forced")
    assert forced.changed and forced.build_id != first.build_id
    with store.view() as view:
        assert graph_checksum(view) == before


def test_a_failed_build_leaves_the_store_exactly_as_it_was(london, tmp_path):
    store = EmbeddedStore(tmp_path / "store")
    store.build(london, "first")
    with store.view() as view:
        before = graph_checksum(view)
    current = store.current

    def fail_midway(message: str) -> None:
        if "INVOLVES" in message:  # nodes and some relationships are already written
            raise RuntimeError("interrupted")

    with pytest.raises(RuntimeError, match="interrupted"):
        store.build(london, "second", progress=fail_midway)
    assert store.current == current
    assert store.manifest()["checksum"] == "first"
    with store.view() as view:
        assert graph_checksum(view) == before
    leftovers = [p.name for p in (tmp_path / "store" / "builds").iterdir() if p.name.endswith(".partial")]
    assert leftovers == []


def test_the_engine_itself_refuses_writes_from_a_reader(london_store):
    with london_store.view() as view:
        with pytest.raises(RuntimeError, match="read-only"):
            view._connection.execute("CREATE (:Indicator {id: 'x', name: 'x'})")


def test_keywords_inside_strings_and_names_are_not_refused(london_store):
    with london_store.view() as view:
        result = view.run("MATCH (b:Borough) WHERE b.name <> 'CREATE SET' RETURN count(b) AS `set`")
    assert result.rows[0][0] == 33


def _count_in_subprocess(directory: str, queue) -> None:
    store = EmbeddedStore(directory)
    with store.view() as view:
        queue.put(view.run("MATCH (b:Borough) RETURN count(b)").rows[0][0])


def test_readers_work_while_a_build_is_under_way(london, tmp_path):
    store = EmbeddedStore(tmp_path / "store")
    store.build(london, "first")
    seen = []

    def read_during_build(message: str) -> None:
        if "relationships" in message and not seen:
            queue = multiprocessing.get_context("spawn").Queue()
            process = multiprocessing.get_context("spawn").Process(
                target=_count_in_subprocess, args=(str(store.directory), queue))
            process.start()
            process.join(60)
            seen.append(queue.get(timeout=5))

    store.build(london, "second", progress=read_during_build)
    assert seen == [33]


def test_a_second_builder_is_turned_away(london, tmp_path):
    import fcntl

    store = EmbeddedStore(tmp_path / "store")
    store.directory.mkdir(parents=True)
    with open(store.directory / ".lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        with pytest.raises(StoreError, match="another build"):
            store.build(london, "x")


def test_reading_before_any_build_says_what_to_do(tmp_path):
    with pytest.raises(StoreError, match="run `casegraph build` first"):
        EmbeddedStore(tmp_path / "empty").view()


def test_default_directory_follows_the_environment(monkeypatch, tmp_path):
    monkeypatch.setenv("CASEGRAPH_STORE", str(tmp_path / "x"))
    assert EmbeddedStore().directory == tmp_path / "x"


@pytest.mark.parametrize("same_data", [True, False], ids=["unchanged", "rebuilt"])
def test_a_build_removes_what_killed_builds_left(london, tmp_path, same_data):
    """A build killed with -9 cannot clean up: the next build, under the lock, removes every `.partial`."""
    store = EmbeddedStore(tmp_path / "store")
    store.build(london, "first")
    builds = store.directory / "builds"
    for name in ("20250101T000000-dead0001.partial", "20250101T000001-dead0002.partial"):
        (builds / name / "graph.lbdb").mkdir(parents=True)
        (builds / name / "graph.lbdb" / "data").write_bytes(b"x" * 1024)
    store.build(london, "first" if same_data else "second")
    assert sorted(p.name for p in builds.glob("*.partial")) == []
    with store.view() as view:
        assert view.run("MATCH (b:Borough) RETURN count(b)").rows[0][0] == 33


_KILLED_BUILD = """
import sys, time
from casegraph.graph.embedded import EmbeddedStore
from casegraph.loaders import data_files, default_data_dir, load
def stall(message):
    if message.startswith("loading") and "relationships" in message:
        print("staged", flush=True)
        time.sleep(600)
EmbeddedStore(sys.argv[1]).build(load(data_files([default_data_dir()])), "killed", progress=stall)
"""


def test_a_build_killed_with_sigkill_leaves_nothing_after_the_next(london, tmp_path):
    import signal
    import subprocess
    import sys

    store = EmbeddedStore(tmp_path / "store")
    store.build(london, "first")
    process = subprocess.Popen([sys.executable, "-c", _KILLED_BUILD, str(store.directory)],
                               stdout=subprocess.PIPE, text=True)
    assert process.stdout.readline().strip() == "staged"
    process.send_signal(signal.SIGKILL)
    process.wait(30)
    builds = store.directory / "builds"
    assert len(list(builds.glob("*.partial"))) == 1  # what kill -9 leaves
    assert store.manifest()["checksum"] == "first"
    store.build(london, "second")
    assert list(builds.glob("*.partial")) == []
    assert store.manifest()["checksum"] == "second"


def test_a_build_from_files_in_a_child_process_is_the_same_build(london, london_files, tmp_path):
    """Large data is loaded in one child process and staged in another (`isolate=True` forces it for the
    London data): the same graph in both profiles as a build of the loaded Dataset, the children's progress
    messages reach the caller, the staged tables and the saved Dataset are gone afterwards, and the report
    carries the load's warnings and contested facts."""
    from casegraph.graph.store import input_checksum

    in_process = EmbeddedStore(tmp_path / "here")
    here = in_process.build(london, input_checksum(london_files))
    in_child = EmbeddedStore(tmp_path / "child")
    said: list[str] = []
    there = in_child.build_files(london_files, input_checksum(london_files), progress=said.append, isolate=True)
    assert (there.node_counts, there.rel_counts) == (here.node_counts, here.rel_counts)
    assert (there.warnings, there.contested) == (london.warnings, london.contested())
    for profile in ("restricted", "public"):
        with in_process.view(profile) as a, in_child.view(profile) as b:
            assert graph_checksum(a) == graph_checksum(b)
    assert any(message.startswith("reading ") for message in said)  # said in the child
    assert "staging the public profile (restricted data left out)" in said  # said in the second child
    assert not list(in_child.current.glob("staged")) and not list(in_child.current.rglob("dataset*"))
    unchanged = in_child.build_files(london_files, input_checksum(london_files), isolate=True)
    assert not unchanged.changed and unchanged.build_id == there.build_id
    assert unchanged.contested == london.contested()


def test_the_loading_childs_temporary_files_are_in_the_build(london_files, tmp_path, monkeypatch):
    """The load's child makes its helpers' temporary folders (a reading helper's columns: hundreds of MB at 100,000
    cases) under the build's staging folder, which a failed build removes, and the next build when this one was
    killed: never in the system's temporary folder, where a killed child's would stay."""
    import tempfile

    from casegraph.graph import embedded_write

    monkeypatch.setattr(tempfile, "tempdir", None)  # `_run` sets it for the whole of the child's process
    staged = tmp_path / "builds" / "a-build.partial" / "staged"
    embedded_write._run(("load", london_files, staged / embedded_write.DATASET), lambda text: None)
    assert tempfile.gettempdir() == str(staged / embedded_write.TEMPORARY)
    assert Path(tempfile.mkdtemp(prefix="casegraph-read-")).parent == staged / embedded_write.TEMPORARY


def test_a_load_error_in_the_child_process_is_raised_with_every_problem(london_files, tmp_path):
    from casegraph.loaders import LoadError

    bad = tmp_path / "bad.yaml"
    bad.write_text("- {rel: IN_BOROUGH, from: no-such-case, to: redbridge, source: express-mylondon-2025, paragraphs: [3]}\n"
                   "- {rel: IN_BOROUGH, from: another-missing-case, to: redbridge, source: express-mylondon-2025, paragraphs: [3]}\n")
    store = EmbeddedStore(tmp_path / "store")
    with pytest.raises(LoadError) as raised:
        store.build_files([*london_files, bad], "checksum", isolate=True)
    assert [(p.file, p.line, p.field) for p in raised.value.problems] == [(str(bad), 1, "from"), (str(bad), 2, "from")]
    assert "unknown reference 'no-such-case'" in str(raised.value)
    assert store.current is None and not list((tmp_path / "store" / "builds").iterdir())


@pytest.mark.parametrize("alone_mb", [500, 0.2])
def test_both_databases_written_at_once_are_the_same_build(london, tmp_path, monkeypatch, alone_mb):
    """Large data has the public database's smaller tables written by a child process beside the restricted
    one's, and the larger ones of each after it, one by one (`copy_profiles`, forced here for the London data;
    with a threshold of 0.2 MB its tables of over ~60 relationships count as large): the same graph in both
    profiles, and the progress messages name their profile."""
    from casegraph.graph import embedded_write

    one_by_one = EmbeddedStore(tmp_path / "one-by-one")
    one_by_one.build(london, "checksum")
    monkeypatch.setattr(embedded_write, "COPY_IN_TWO_ROWS", 0)
    monkeypatch.setattr(embedded_write, "ALONE_MB", alone_mb)
    at_once = EmbeddedStore(tmp_path / "at-once")
    said: list[str] = []
    at_once.build(london, "checksum", progress=said.append)
    for profile in ("restricted", "public"):
        with one_by_one.view(profile) as a, at_once.view(profile) as b:
            assert graph_checksum(a) == graph_checksum(b)
    assert said.count("writing the restricted and public profiles' databases at once, their largest tables "
                      "one by one") == 1
    assert any(message.startswith("public profile: loading ") for message in said)
    alone = [message for message in said if message.startswith("restricted profile: loading ")]  # after the child
    assert bool(alone) == (alone_mb < 1)


def test_a_saved_dataset_opens_as_it_was(london, tmp_path):
    """The loading child hands the staging child the Dataset as Arrow files (`Dataset.save`, `Dataset.open`)."""
    from casegraph.loaders.dataset import Dataset

    london.save(tmp_path / "saved")
    opened = Dataset.open(tmp_path / "saved")
    for tables, again in ((london.node_tables, opened.node_tables), (london.rel_tables, opened.rel_tables),
                          (london.public_versions, opened.public_versions)):
        assert list(again) == list(tables) and all(again[key].equals(table) for key, table in tables.items())
    assert opened.contested() == london.contested()


def test_a_store_path_with_quotes_and_backslashes_builds(london, tmp_path):
    """The staged files' paths are written into COPY statements as string literals: escaped."""
    store = EmbeddedStore(tmp_path / "it's a \\ store")
    store.build(london, "quoted")
    assert counts(store) == {"nodes": sum(london.node_counts().values()), "rels": sum(london.rel_counts().values())}


@pytest.mark.parametrize("inside", ["builds", "builds/mine", "elsewhere/deeper"])
def test_a_store_inside_another_store_is_refused_before_anything_is_written(london_store, london, inside):
    """Another store's next build removes what it does not know under its `builds`: a store there would be
    lost, so a build into any folder under a store is refused, and nothing is created."""
    nested = london_store.directory / inside
    existed = nested.exists()
    with pytest.raises(StoreError, match="inside the store at"):
        EmbeddedStore(nested).build(london, "a-checksum")
    assert nested.exists() == existed
