"""The publication-safety check with its texts judged in a helper process (`safety.SafetyCheck(helper=True)`, as a
large load runs it): the same errors, in the same order, as judged here; a helper that dies changes nothing."""

from __future__ import annotations

import json
import shutil
import sys
from pathlib import Path

import pytest

from casegraph.loaders import LoadError, default_data_dir, load
from casegraph.loaders import safety
from tests.loaders.test_publication_safety import HITS

_LOAD = sys.modules["casegraph.loaders.load"]  # the module, which the function `casegraph.loaders.load` hides


@pytest.fixture(scope="module")
def data(tmp_path_factory) -> Path:
    """The London data and records of every kind of hit: each rule's texts in public statements (a restricted one
    and one under an exception too), an id, a web address and a text file's name read as words, list items, and a
    competing value of a public field."""
    folder = tmp_path_factory.mktemp("safety-helper") / "data"
    shutil.copytree(default_data_dir(), folder, ignore=shutil.ignore_patterns("*.py", "__pycache__"))
    records = [{"kind": "source", "id": "a-second-report", "title": "A second report", "publisher": "casegraph tests",
                "published": "2021", "doc_type": "article", "url": "https://example.org/news/girl-aged-13-abused",
                "text_file": "girl-13-croydon.txt"},
               {"kind": "case", "id": "croydon-2020-child-in-care", "source": "a-second-report", "locator": "p. 1",
                "summary": "A girl aged 12 died in Croydon."}]
    for n, (text, _) in enumerate(HITS):
        records.append({"kind": "statement", "id": f"said-{n}", "statement_type": "statement", "summary": text,
                        "period": "2021", "source": "a-second-report", "locator": "p. 2"})
        if n % 3 == 0:
            records.append({"kind": "review", "id": f"review-{n}", "name": "A review", "review_type": "other",
                            "period": "2020", "source": "a-second-report", "locator": "p. 4",
                            "findings": ["Nothing identifying.", text]})
    by_id = {record["id"]: record for record in records}
    by_id["said-1"]["sensitivity"] = "restricted"
    by_id["said-2"].update(safety_exception_by="Jane Editor", safety_exception_on="2026-11-30",
                       safety_exception_reason="published", safety_exception_rules=[rule.id for rule in safety.load_rules()])
    records.append({"kind": "statement", "id": "victim-aged-13-said", "statement_type": "statement",
                    "summary": "Nothing identifying.", "period": "2021", "source": "a-second-report", "locator": "p. 3"})
    (folder / "zz-hits.jsonl").write_text("".join(json.dumps(r) + "\n" for r in records))
    return folder


_JUDGE = safety.JUDGE


def _problems(data: Path, monkeypatch, helper: bool, judge: str = _JUDGE, said: list | None = None) -> tuple:
    made = []
    forced = helper

    class Forced(safety.SafetyCheck):
        def __init__(self, tables, rules=None, helper=False, progress=None):
            super().__init__(tables, rules, helper=forced, progress=progress)
            made.append(self)

        def problems(self, exceptions):
            self.found = super().problems(exceptions)  # as the check gives them, before the load sorts them
            self.stale = exceptions.stale()
            return self.found

    monkeypatch.setattr(_LOAD, "SafetyCheck", Forced)
    monkeypatch.setattr(safety, "JUDGE", judge)
    with pytest.raises(LoadError) as error:
        load([data], progress=None if said is None else said.append)
    assert len(made) == 1 and (made[0]._helper is not None) == helper
    judged = made[0]._judged is not None  # the helper answered (one that dies leaves the texts to be judged here)
    assert judged == (helper and judge == _JUDGE)
    return error.value.problems, made[0].found, made[0].stale


def test_the_helper_finds_the_same_errors_in_the_same_order(data, monkeypatch):
    here, found_here, stale_here = _problems(data, monkeypatch, helper=False)
    said = []
    there, found_there, stale_there = _problems(data, monkeypatch, helper=True, said=said)
    assert not [text for text in said if "judging them here" in text]  # the helper answered: nothing to say
    assert there == here and found_there == found_here and stale_there == stale_here
    fields = {(p.record, p.field) for p in here}
    assert {("said-3", "summary"), ("review-0", "findings"), ("victim-aged-13-said", "id"),
            ("a-second-report", "url"), ("a-second-report", "text_file"),
            ("croydon-2020-child-in-care", "summary")} <= fields
    assert not {p for p in here if p.record in ("said-1", "said-2")}  # restricted; under an exception


def test_a_helper_that_dies_leaves_the_texts_to_be_judged_here(data, monkeypatch):
    here = _problems(data, monkeypatch, helper=False)
    said = []
    assert _problems(data, monkeypatch, helper=True, judge="tests.processes_targets:exit_3", said=said) == here
    assert ("the process judging the public texts ended without an answer (exit code 3: killed, or out of memory?); "
            "judging them here") in said


def test_a_helper_that_cannot_start_leaves_the_texts_to_be_judged_here(data, monkeypatch):
    here = _problems(data, monkeypatch, helper=False)

    def refused(*args, **kwargs):
        raise OSError(11, "Resource temporarily unavailable")

    monkeypatch.setattr(safety, "Child", refused)
    made = []
    forced = safety.SafetyCheck

    class Forced(forced):
        def __init__(self, tables, rules=None, helper=False, progress=None):
            super().__init__(tables, rules, helper=True, progress=progress)
            made.append(self)

    monkeypatch.setattr(_LOAD, "SafetyCheck", Forced)
    said = []
    with pytest.raises(LoadError) as error:
        load([data], progress=said.append)
    assert error.value.problems == here[0] and made[0]._helper is None
    assert ("the public texts could not be handed to a process judging them ([Errno 11] Resource temporarily "
            "unavailable); judging them here") in said


def test_a_failure_in_the_helper_is_raised(data, monkeypatch):
    with pytest.raises(ValueError, match="broken helper"):
        _problems(data, monkeypatch, helper=True, judge="tests.processes_targets:broken")


def test_its_file_is_removed(data, monkeypatch, tmp_path):
    monkeypatch.setattr("tempfile.tempdir", str(tmp_path))
    _problems(data, monkeypatch, helper=True)
    assert not list(tmp_path.iterdir())
