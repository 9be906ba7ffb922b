"""The input checksum: different inputs never agree, a new casegraph version rebuilds, `--force` rebuilds."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

import casegraph
from casegraph.cli import cli
from casegraph.graph.store import input_checksum

ROOT = Path(__file__).resolve().parents[2]
SOURCES = ROOT / "data" / "sources.yaml"


def test_names_and_contents_cannot_run_together(tmp_path):
    """Concatenated, `a.yaml` + "x: 1\\n" + `b.yaml` + "y: 2\\n" is also `a.yaml` + "x: 1\\nb.yamly: 2\\n"."""
    one, two = tmp_path / "one", tmp_path / "two"
    one.mkdir(), two.mkdir()
    (one / "a.yaml").write_text("x: 1\n")
    (one / "b.yaml").write_text("y: 2\n")
    (two / "a.yaml").write_text("x: 1\nb.yamly: 2\n")
    assert input_checksum([one / "a.yaml", one / "b.yaml"]) != input_checksum([two / "a.yaml"])
    assert input_checksum([one / "a.yaml", one / "b.yaml"]) == input_checksum([one / "b.yaml", one / "a.yaml"])


def test_casegraph_version_is_part_of_the_checksum(monkeypatch):
    before = input_checksum([SOURCES])
    monkeypatch.setattr(casegraph, "__version__", "999.0")
    assert input_checksum([SOURCES]) != before


def test_force_rebuilds_the_same_data(tmp_path):
    runner = CliRunner()
    args = ["build", "--store", str(tmp_path / "store"), "--no-overview", "--format", "json", str(SOURCES),
            str(ROOT / "data" / "reference")]
    first = json.loads(runner.invoke(cli, args).stdout)
    again = json.loads(runner.invoke(cli, args).stdout)
    forced = json.loads(runner.invoke(cli, [*args, "--force"]).stdout)
    assert (first["changed"], again["changed"], forced["changed"]) == (True, False, True)
    assert again["build_id"] == first["build_id"] != forced["build_id"]
    reference = ROOT / "data" / "reference"
    assert forced["files"] == [str(SOURCES), str(reference / "indicators.yaml"),
                               str(reference / "london" / "authorities.csv"),
                               str(reference / "london" / "neighbours.csv")]


def test_build_of_an_empty_folder_is_an_error_not_the_shipped_data(tmp_path):
    (tmp_path / "empty").mkdir()
    result = CliRunner().invoke(cli, ["build", "--store", str(tmp_path / "store"), "--no-overview",
                                      str(tmp_path / "empty")])
    assert result.exit_code == 1
    assert "no data files (.yaml, .yml, .csv, .jsonl) in this folder" in result.output
    assert "Traceback" not in result.output and not (tmp_path / "store").exists()
