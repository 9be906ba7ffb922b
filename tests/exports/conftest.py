"""The London graph projected from the real LadybugDB store, in both profiles."""

from __future__ import annotations

import pytest

from casegraph.graph.projection import project


@pytest.fixture(scope="session")
def london_graphs(london_store):
    graphs = {}
    for profile in ("public", "restricted"):
        with london_store.view(profile) as view:
            graphs[profile] = project(view)
    return graphs


@pytest.fixture()
def public_graph(london_graphs):
    return london_graphs["public"].copy()


@pytest.fixture()
def restricted_graph(london_graphs):
    return london_graphs["restricted"].copy()
