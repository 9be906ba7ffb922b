"""The one skip rule: skip locally, fail under CI; `CI=false`, `CI=0` or an empty CI are not CI."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.require import in_ci, require

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.parametrize("value", ["true", "1", "yes", "True", "github-actions"])
def test_a_set_ci_fails_instead_of_skipping(monkeypatch, value):
    monkeypatch.setenv("CI", value)
    assert in_ci()
    with pytest.raises(pytest.fail.Exception, match="CI must run this test, but no widget"):
        require(False, "no widget")


@pytest.mark.parametrize("value", [None, "", "0", "false", "FALSE", "no", "off"])
def test_an_unset_or_false_ci_skips(monkeypatch, value):
    if value is None:
        monkeypatch.delenv("CI", raising=False)
    else:
        monkeypatch.setenv("CI", value)
    assert not in_ci()
    with pytest.raises(pytest.skip.Exception, match="no widget; install one"):
        require(False, "no widget", "install one")


def test_an_available_component_neither_skips_nor_fails(monkeypatch):
    monkeypatch.setenv("CI", "true")
    require(True, "never said")


def test_ci_sets_ci():
    assert "export CI=true" in (ROOT / ".ci" / "run").read_text()


def test_every_skip_goes_through_require():
    """No test skips by itself: a bare skip would pass CI while its check never ran."""
    offenders = []
    for path in (ROOT / "tests").rglob("*.py"):
        if path.name == "require.py":
            continue
        text = path.read_text()
        for bare in ("pytest.skip(", "importorskip(", "mark.skip", "skipif("):
            if bare in text and path.name != "test_require.py":
                offenders.append(f"{path.relative_to(ROOT)}: {bare}")
    assert offenders == []
