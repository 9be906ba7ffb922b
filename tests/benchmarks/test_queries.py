"""The query and analytics benchmarks' parts work on a small generated graph (a smoke test:
the figures come from `python -m benchmarks.queries` and `python -m benchmarks.analytics`)."""

from __future__ import annotations

import pytest

from benchmarks import analytics, queries
from casegraph.queries import catalog


@pytest.fixture(scope="module")
def work(tmp_path_factory):
    return tmp_path_factory.mktemp("bench")


def test_every_catalog_query_is_measured_with_generated_parameters(work):
    report = queries.measure(cases=200, seed=7, authorities=40, repeat=2, engines=["ladybug"], work=work)
    rows = {row["query"]: row for row in report["queries"]}
    assert set(rows) == set(catalog())
    for name, row in rows.items():
        measured = row["ladybug"]
        assert 0 < measured["p50_ms"] <= measured["p95_ms"], name
        assert measured["x_case_detail"] > 0 and measured["total"] is not None, name
    assert all("case_id" in p for p in rows["similar-cases"]["parameter_sets"])
    assert all(p["from"] != p["to"] for p in rows["paths-between-cases"]["parameter_sets"])
    assert rows["similar-cases"]["ladybug"]["rows"] > 0  # generated cases do share things
    assert {"offset": catalog()["uncertain-facts"].header.page.limit} in rows["uncertain-facts"]["parameter_sets"]


def test_analytics_steps_are_timed_on_the_public_projection(work):
    report = analytics.measure(cases=200, seed=7, authorities=40, work=work)
    assert set(report["seconds"]) == {"projection", "similarity", "communities", "connectors", "bridges", "centrality"}
    assert report["rows"]["similarity"] > 0 and report["approximations"]["similarity_hub_cases"] > 0
