"""Every view works on a large generated graph: grouped above the budget, never unbounded."""

from __future__ import annotations

import pytest

from casegraph.viz.compose import Options
from casegraph.viz.synthetic import synthetic_dataset, synthetic_graph
from casegraph.viz.views import CHARTS, NETWORKS, VIEWS, figure_for


@pytest.fixture(scope="module")
def big():
    return synthetic_graph(2500, seed=3)


@pytest.mark.parametrize("view", sorted(NETWORKS))
def test_views_stay_within_budget_on_a_large_graph(big, view):
    params = {"node": "newham", "hops": 2} if view == "ego" else {}
    figure = figure_for(view, big, Options(budget=300), **params)
    assert figure.marks
    assert len(figure.marks) <= 400, "grouping keeps a page near its budget"
    if figure.aggregated:
        assert figure.notes and "Filter" in figure.notes[0]
        groups = [m for m in figure.marks if m.count]
        assert groups and all(m.label.startswith(f"{m.count:,} ") for m in groups)
    ids = {m.id for m in figure.marks}
    assert all(l.source in ids and l.target in ids for l in figure.links)


def test_bundles_never_overstate_a_claim(big):
    figure = figure_for("overview", big, Options(budget=200))
    for link in figure.links:
        if link.count:
            statuses = dict(f for f in link.facts)["claim statuses"]
            if "," in statuses:
                assert link.status == "mixed"


def test_synthetic_data_is_valid_records_with_restricted_victims():
    dataset = synthetic_dataset(300)
    victims = [n for n in dataset.nodes["Person"] if n.sensitivity == "restricted"]
    assert victims and all(n.pseudonym for n in victims)
    victim_rels = [r for r in dataset.rels["INVOLVES"] if r.role == "victim"]
    assert victim_rels and all(r.sensitivity == "restricted" for r in victim_rels)
    assert dataset.node_counts()["CaseFile"] > 50


@pytest.fixture(scope="module")
def big_store(tmp_path_factory):
    from casegraph.graph.embedded import EmbeddedStore

    store = EmbeddedStore(tmp_path_factory.mktemp("big-store"))
    dataset = synthetic_dataset(2000, seed=5)
    store.build(dataset, "synthetic-2000")
    store.victim = next(n.id for n in dataset.nodes["Person"] if n.sensitivity == "restricted")
    return store


@pytest.mark.parametrize("view", sorted(VIEWS))
def test_cli_draws_every_view_of_a_large_store(big_store, run_cli, tmp_path, view):
    import json

    out = tmp_path / f"{view}.html"
    args = ["viz", view, "--store", big_store.directory, "--out", out, "--budget", "300", "--format", "json"]
    if view == "ego":
        args += ["--node", "syn-case-7"]
    result = run_cli(*args)
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    if view in CHARTS:  # cells, tiles or bars: bounded by patterns x columns, boroughs x decades, cases
        assert report["nodes"] > 0 and "<svg" in out.read_text(encoding="utf-8")
    else:
        assert 0 < report["nodes"] <= 400 and out.stat().st_size > 400_000


def test_cli_refuses_what_it_cannot_write(big_store, run_cli, tmp_path):
    result = run_cli("viz", "overview", "--store", big_store.directory, "--out", tmp_path / "x.pdf")
    assert result.exit_code != 0 and ".svg" in result.output
    result = run_cli("viz", "ego", "--store", big_store.directory, "--out", tmp_path / "x.html")
    assert result.exit_code != 0 and "--node" in result.output
    result = run_cli("viz", "ego", "--node", big_store.victim, "--store", big_store.directory, "--out", tmp_path / "x.html")
    assert result.exit_code != 0 and "--include-restricted" in result.output
