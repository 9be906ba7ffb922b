"""Shared fixtures: the London dataset, loaded once, and built into a real LadybugDB store."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from casegraph.graph.embedded import EmbeddedStore
from casegraph.graph.store import input_checksum
from casegraph.loaders import data_files, default_data_dir, load
from tests.require import require

ARTIFACTS = Path(__file__).resolve().parent.parent / "test-artifacts"


@pytest.fixture(scope="session")
def london_files() -> list[Path]:
    return data_files([default_data_dir()])


@pytest.fixture(scope="session")
def london(london_files):
    """The curated London dataset, validated and resolved."""
    return load(london_files)


def london_with(records: list[dict], folder: Path):
    """The London data plus `records` (one JSONL file) copied into `folder`, loaded and built into a
    LadybugDB store beside it: (dataset, files, store)."""
    import json

    data = folder / "data"
    shutil.copytree(default_data_dir(), data, ignore=shutil.ignore_patterns("*.py", "__pycache__"))
    (data / "zz-added.jsonl").write_text("".join(json.dumps(r) + "\n" for r in records))
    files = data_files([data])
    dataset = load(files)
    return dataset, files, _built(dataset, files, folder / "store")


def on_both_engines(built, neo4j_store) -> dict:
    """A `london_with` result built into the Neo4j store too: {"ladybug": its store, "neo4j": neo4j_store}."""
    dataset, files, embedded = built
    neo4j_store.build(dataset, input_checksum(files))
    return {"ladybug": embedded, "neo4j": neo4j_store}


def store_of(records: list[dict], tmp_path_factory, name: str) -> EmbeddedStore:
    """A real store built from `records` (a data file's records) with the reference data and sources."""
    import yaml

    folder = tmp_path_factory.mktemp(f"{name}-data")
    (folder / f"{name}.yaml").write_text(yaml.safe_dump(records, sort_keys=False), encoding="utf-8")
    base = default_data_dir()
    files = data_files([base / "reference", base / "sources.yaml", folder / f"{name}.yaml"])
    return _built(load(files), files, tmp_path_factory.mktemp(f"{name}-store"))


def _built(dataset, files, folder: Path) -> EmbeddedStore:
    store = EmbeddedStore(folder)
    store.build(dataset, input_checksum(files))
    return store


@pytest.fixture(scope="session")
def london_store(london, london_files, tmp_path_factory) -> EmbeddedStore:
    """A real LadybugDB store on disk holding the London graph (read-only use only)."""
    return _built(london, london_files, tmp_path_factory.mktemp("london-store"))


@pytest.fixture()
def london_view(london_store):
    with london_store.view() as view:
        yield view


@pytest.fixture(scope="session")
def artifacts() -> Path:
    """Where tests save files worth looking at (screenshots, exports)."""
    ARTIFACTS.mkdir(exist_ok=True)
    return ARTIFACTS


# -- a headless Chromium, one for the whole session (views and the explorer share it) ---------

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--no-first-run", "--disable-sync"]


def need_browser():
    """Skip locally, fail in CI, when the browser or its driver is missing."""
    from tests.require import require

    missing = None
    if not Path(CHROMIUM).exists():
        missing = f"headless Chromium not found at {CHROMIUM} (Debian: apt-get install chromium)"
    else:
        try:
            import playwright.sync_api  # noqa: F401
        except ImportError:
            missing = "playwright is not installed (pip install -e '.[test]')"
    require(missing is None, f"the browser tests cannot run: {missing}")


@pytest.fixture(scope="session")
def chromium():
    """One headless Chromium for the whole session (playwright, with the system binary; nothing downloaded)."""
    need_browser()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield browser
        browser.close()


# -- Neo4j: a real server, started by the project's own script -----------------

ROOT = Path(__file__).resolve().parent.parent


def _no_neo4j(reason: str):
    require(False, reason, "to run the Neo4j tests install Java 17 (scripts/neo4j-local fetches "
                           "Neo4j from Maven Central) or set NEO4J_URI/NEO4J_USER/NEO4J_PASSWORD")


@pytest.fixture(scope="session")
def neo4j_settings():
    """NEO4J_* settings of a server: the environment's, else a local one we start and stop."""
    if os.environ.get("NEO4J_URI"):
        yield {k: os.environ.get(k, "") for k in ("NEO4J_URI", "NEO4J_USER", "NEO4J_PASSWORD", "NEO4J_DATABASE")}
        return
    if not shutil.which("java"):
        _no_neo4j("no NEO4J_URI is set and there is no java to start a local Neo4j")
    script = ROOT / "scripts" / "neo4j-local"
    started = subprocess.run([str(script), "start"], capture_output=True, text=True, timeout=900)
    if started.returncode != 0:
        _no_neo4j(f"scripts/neo4j-local start failed:\n{started.stderr[-2000:]}")
    settings = {}
    for line in started.stdout.splitlines():
        key, _, value = line.removeprefix("export ").partition("=")
        if key.startswith("NEO4J_"):
            settings[key] = value.strip().strip("'\"")
    try:
        yield settings
    finally:
        subprocess.run([str(script), "stop"], capture_output=True, text=True, timeout=300)


@pytest.fixture(scope="session")
def neo4j_server_store(neo4j_settings):
    from casegraph.graph.neo4j_store import Neo4jStore

    store = Neo4jStore(neo4j_settings["NEO4J_URI"], neo4j_settings.get("NEO4J_USER") or "neo4j",
                       neo4j_settings.get("NEO4J_PASSWORD", ""), neo4j_settings.get("NEO4J_DATABASE") or None)
    yield store
    store.close()


@pytest.fixture()
def neo4j_store(neo4j_server_store, london, london_files):
    """The London graph in the real Neo4j server (rebuilt only if a test changed it)."""
    from casegraph.graph.store import input_checksum

    neo4j_server_store.build(london, input_checksum(london_files))
    return neo4j_server_store


# -- many sources: the London data with a generated second source restating every fact ----------

@pytest.fixture(scope="session")
def restated_files(tmp_path_factory) -> list[Path]:
    from tests.multisource.restate import restate

    return restate(tmp_path_factory.mktemp("restated") / "data")


@pytest.fixture(scope="session")
def restated(restated_files):
    return load(restated_files)


@pytest.fixture(scope="session")
def restated_store(restated, restated_files, tmp_path_factory) -> EmbeddedStore:
    return _built(restated, restated_files, tmp_path_factory.mktemp("restated-store"))
