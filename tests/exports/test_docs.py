"""docs/exports.md documents every format and every option of export, analyze and report."""

from __future__ import annotations

from pathlib import Path

import pytest

from casegraph.cli.analyze import ANALYSES, analyze
from casegraph.cli.export import export
from casegraph.cli.report import report

DOC = Path(__file__).resolve().parents[2] / "docs" / "exports.md"


def test_every_format_has_an_example():
    from casegraph.exports import SUFFIXES, format_of

    text = DOC.read_text(encoding="utf-8")
    examples = []
    for line in text.splitlines():
        words = line.split()
        if line.startswith("casegraph export") and "--out" in words:
            examples.append(words[words.index("--out") + 1])
    assert {format_of(example) for example in examples} == set(SUFFIXES)


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
