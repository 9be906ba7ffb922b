"""Shared fixtures: the London dataset, loaded once, and built into a real LadybugDB store."""

from __future__ import annotations

from pathlib import Path

import pytest

from casegraph.graph.embedded import EmbeddedStore
from casegraph.graph.store import input_checksum
from casegraph.loaders import data_files, default_data_dir, load

ARTIFACTS = Path(__file__).resolve().parent.parent / "test-artifacts"


@pytest.fixture(scope="session")
def london_files() -> list[Path]:
    return data_files([default_data_dir()])


@pytest.fixture(scope="session")
def london(london_files):
    """The curated London dataset, validated and resolved."""
    return load(london_files)


@pytest.fixture(scope="session")
def london_store(london, london_files, tmp_path_factory) -> EmbeddedStore:
    """A real LadybugDB store on disk holding the London graph (read-only use only)."""
    store = EmbeddedStore(tmp_path_factory.mktemp("london-store"))
    store.build(london, input_checksum(london_files))
    return store


@pytest.fixture()
def london_view(london_store):
    with london_store.view() as view:
        yield view


@pytest.fixture(scope="session")
def artifacts() -> Path:
    """Where tests save files worth looking at (screenshots, exports)."""
    ARTIFACTS.mkdir(exist_ok=True)
    return ARTIFACTS
