"""The CLI's documentation covers every command and option, and stays in step with the code.

`docs/cli.md` is generated from the commands' help (as sqlite-utils does);
the README and docs/exports.md show every command and mention every option.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from casegraph.cli import cli
from casegraph.cli.reference import render_reference
from casegraph.queries import catalog

ROOT = Path(__file__).resolve().parents[2]
README = (ROOT / "README.md").read_text()
GUIDES = README + (ROOT / "docs" / "exports.md").read_text()
REFERENCE = ROOT / "docs" / "cli.md"


def _options(command):
    for param in command.params:
        for option in [*getattr(param, "opts", []), *getattr(param, "secondary_opts", [])]:
            if option.startswith("--") and option != "--help":
                yield option


def test_the_cli_reference_is_generated_from_the_code():
    assert REFERENCE.read_text() == render_reference(), "regenerate: python -m casegraph.cli.reference > docs/cli.md"


@pytest.mark.parametrize("name", sorted(cli.commands))
def test_every_command_and_option_is_documented(name):
    command = cli.commands[name]
    assert f"casegraph {name}" in README, f"the README shows no `casegraph {name}`"
    assert f"## casegraph {name}" in REFERENCE.read_text()
    assert command.help and len(command.help) > 40, f"{name} --help says too little"
    for option in _options(command):
        assert option in GUIDES, f"casegraph {name} {option}: not mentioned in the README or docs/exports.md"
        assert option in render_reference()


def test_every_query_is_in_the_readme():
    for name in catalog():
        assert f"`{name}`" in README, name


def test_the_readme_gives_the_two_set_up_commands():
    assert "pip install . && casegraph build" in README
    assert "scripts/test" in README


def test_readme_examples_have_no_placeholders():
    for line in README.splitlines():
        if line.startswith("casegraph "):
            assert "..." not in line and "…" not in line, line
