"""`casegraph analyze`: tables and JSON on the real store."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from casegraph.cli import cli


def _run(store, *args):
    return CliRunner().invoke(cli, ["analyze", *args, "--store", str(store.directory)], catch_exceptions=False)


def test_all_analyses_as_json(london_store):
    result = _run(london_store, "--format", "json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert set(data) == {"similarity", "communities", "connectors", "bridges", "centrality"}
    assert data["communities"][0]["cases"]


@pytest.mark.parametrize("what", ["similarity", "communities", "connectors", "bridges", "centrality"])
def test_each_analysis_as_a_table(london_store, what):
    result = _run(london_store, what, "--top", "3")
    assert result.exit_code == 0, result.output
    assert len(result.stdout.strip().splitlines()) >= 3


def test_similar_to_one_case_in_a_selection(london_store):
    result = _run(london_store, "similarity", "--similar-to", "lambeth-2022-hotel-room", "--decade", "2020",
                  "--format", "json")
    assert result.exit_code == 0, result.output
    rows = json.loads(result.stdout)
    assert rows and all(r["case_a"] == "lambeth-2022-hotel-room" for r in rows)
