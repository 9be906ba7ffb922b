"""Every command and every catalog query is documented in the README."""

from __future__ import annotations

from pathlib import Path

from casegraph.cli import cli
from casegraph.queries import catalog

README = (Path(__file__).resolve().parents[2] / "README.md").read_text()


def test_every_command_is_in_the_readme():
    for name in cli.commands:
        assert f"casegraph {name}" in README, name


def test_every_query_is_in_the_readme():
    for name in catalog():
        assert f"`{name}`" in README, name


def test_the_readme_gives_the_two_set_up_commands():
    assert "pip install . && casegraph build" in README
    assert "scripts/test" in README
