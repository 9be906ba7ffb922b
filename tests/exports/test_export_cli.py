"""`casegraph export` end to end on the real store."""

from __future__ import annotations

import json
from pathlib import Path

import networkx as nx
import pytest
from click.testing import CliRunner

from casegraph.cli import cli


def _run(*args):
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


@pytest.mark.parametrize("fmt,name", [("graphml", "x.graphml"), ("gexf", "x.gexf"), ("json", "x.json"),
                                      ("csv", "x"), ("cypher", "x.cypher"), ("ftm", "x.ftm.json")])
def test_each_format(london_store, tmp_path, fmt, name):
    result = _run("export", "--borough", "newham", "--store", str(london_store.directory),
                  "--out", str(tmp_path / name))
    assert result.exit_code == 0, result.output
    files = result.stdout.split()
    assert files and all(Path(f).exists() for f in files)


def test_selection_profile_and_analytics(london_store, tmp_path):
    out = tmp_path / "sel.json"
    result = _run("export", "--decade", "2020s", "--indicator", "missing-episodes",
                  "--profile", "restricted", "--with-analytics", "--store", str(london_store.directory),
                  "--out", str(out))
    assert result.exit_code == 0, result.output
    [path] = result.stdout.split()
    assert path.endswith("sel.restricted.json")
    assert "RESTRICTED" in result.stderr
    data = json.loads(open(path).read())
    meta = data["graph"]["casegraph"]
    assert meta["profile"] == "restricted"
    assert meta["selection"] == {"decades": [2020], "indicators": ["missing-episodes"]}
    assert "analytics_community" in meta["analytics"]
    assert any("analytics_betweenness" in n for n in data["nodes"])


def test_query_selection(london_store, tmp_path):
    out = tmp_path / "q.graphml"
    result = _run("export", "--query", "similar-cases", "--param",
                  "case_id=lambeth-2022-hotel-room", "--store", str(london_store.directory), "--out", str(out))
    assert result.exit_code == 0, result.output
    assert nx.read_graphml(out).number_of_nodes() > 2


def test_errors_are_messages(london_store, tmp_path):
    store = str(london_store.directory)
    result = _run("export", "--borough", "atlantis", "--store", store, "--out", str(tmp_path / "a.json"))
    assert result.exit_code == 1 and "no borough 'atlantis'" in result.output
    assert len(result.output.strip().splitlines()) == 1, "one line, no usage text"
    result = _run("export", "--param", "a=b", "--store", store, "--out", str(tmp_path / "a.json"))
    assert result.exit_code == 2 and "--param is for --query" in result.output
