"""The London graph projected from the real LadybugDB store, in both profiles."""

from __future__ import annotations

import pytest

from casegraph.graph.projection import project


@pytest.fixture(scope="session")
def london_graphs(london_store):
    with london_store.view() as view:
        return {"public": project(view, include_restricted=False),
                "restricted": project(view, include_restricted=True)}


@pytest.fixture()
def public_graph(london_graphs):
    return london_graphs["public"].copy()


@pytest.fixture()
def restricted_graph(london_graphs):
    return london_graphs["restricted"].copy()
