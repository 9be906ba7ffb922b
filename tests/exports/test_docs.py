"""docs/exports.md documents every format and every option of export, analyze and report."""

from __future__ import annotations

from pathlib import Path

import pytest

from casegraph.cli.analyze import ANALYSES, analyze
from casegraph.cli.export import FORMAT_CHOICES, export
from casegraph.cli.report import report

DOC = Path(__file__).resolve().parents[2] / "docs" / "exports.md"


def test_every_format_has_an_example():
    text = DOC.read_text(encoding="utf-8")
    for fmt in FORMAT_CHOICES:
        assert f"--format {fmt}" in text, fmt


@pytest.mark.parametrize("command", [export, analyze, report])
def test_every_option_is_documented(command):
    text = DOC.read_text(encoding="utf-8")
    for param in command.params:
        for option in getattr(param, "opts", []):
            if option.startswith("--") and option not in ("--store", "--neo4j", "--help"):
                assert option in text, f"{command.name} {option}"


def test_every_analysis_is_documented():
    text = DOC.read_text(encoding="utf-8")
    for name in ANALYSES:
        if name != "all":
            assert f"**{name}**" in text, name
