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


def test_analyze_on_neo4j_gives_the_same_answers(neo4j_store, neo4j_settings, london_store, monkeypatch):
    """Every analysis of London on the Neo4j server, in both profiles, as on the embedded store."""
    for key, value in neo4j_settings.items():  # the CLI reads its credentials there
        monkeypatch.setenv(key, value)
    for profile in ("public", "restricted"):
        args = ["all", "--profile", profile, "--top", "1000", "--format", "json"]
        server = CliRunner().invoke(cli, ["analyze", *args, "--neo4j", neo4j_settings["NEO4J_URI"]],
                                    catch_exceptions=False)
        local = _run(london_store, *args)
        assert server.exit_code == 0 and local.exit_code == 0, server.output
        assert json.loads(server.stdout) == json.loads(local.stdout), profile
        answer = json.loads(local.stdout)
        assert (answer["data"] if profile == "restricted" else answer)["centrality"]
