"""Every example in the README runs, in order, as a new user would type it.

Shell blocks run through the real command (in a fresh folder, with their own
store); `cd` moves between folders as it does in a shell; the Python block
runs as a notebook would. Only the set-up commands (they install casegraph),
the Neo4j block (the Neo4j tests run those commands against a real
server) and the explorer block (`casegraph serve` runs until stopped;
tests/explorer/test_serve.py starts it as a process and stops it) are left out.
"""

from __future__ import annotations

import re
import shlex
from pathlib import Path

from click.testing import CliRunner

from casegraph.cli import cli
from tests.viz.conftest import need_browser

README = (Path(__file__).resolve().parents[2] / "README.md").read_text()
BLOCK = re.compile(r"```(sh|python)\n(.*?)```", re.S)


def _blocks(kind: str) -> list[str]:
    return [body for lang, body in BLOCK.findall(README) if lang == kind
            and "python3 -m venv" not in body and "NEO4J" not in body and "casegraph serve" not in body]


def test_every_shell_example_runs(tmp_path, monkeypatch):
    need_browser()  # one example writes a PNG
    monkeypatch.setenv("CASEGRAPH_STORE", str(tmp_path / "store"))
    monkeypatch.delenv("CASEGRAPH_DATA", raising=False)
    monkeypatch.delenv("NEO4J_URI", raising=False)
    monkeypatch.chdir(tmp_path)
    assert CliRunner().invoke(cli, ["build", "--no-overview"]).exit_code == 0  # the set-up command's build
    commands = [shlex.split(line, comments=True) for body in _blocks("sh") for line in body.splitlines()]
    commands = [words for words in commands if words]
    assert len(commands) > 40
    for words in commands:
        if words[0] == "cd":
            monkeypatch.chdir(Path.cwd() / words[1])
            continue
        assert words[0] == "casegraph", words
        result = CliRunner().invoke(cli, words[1:])
        assert result.exit_code == 0, (words, result.output[-2000:])
        assert "Traceback" not in result.output, words
    for written in ("london-map.png", "malone-network.html", "malone-dossier.html", "met.graphml",
                    "similar", "london.ftm.json", "my-cases/casegraph.toml"):
        assert (tmp_path / written).exists(), written


def test_the_python_example_runs(london_store, tmp_path, monkeypatch):
    monkeypatch.setenv("CASEGRAPH_STORE", str(london_store.directory))
    monkeypatch.delenv("NEO4J_URI", raising=False)
    monkeypatch.chdir(tmp_path)
    [code] = _blocks("python")
    namespace: dict = {}
    exec(compile(code, "README.md", "exec"), namespace)
    assert namespace["cg"].search("malone")[0].id == "martin-malone"
    assert namespace["rows"].records() and namespace["g"].number_of_nodes() > 0
    assert (tmp_path / "hillingdon-map.svg").exists() and (tmp_path / "malone-notebook.md").exists()
