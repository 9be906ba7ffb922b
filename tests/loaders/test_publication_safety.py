"""The publication-safety check: identifying detail in public text linked to a restricted person."""

from __future__ import annotations

from pathlib import Path

import pytest

from casegraph.loaders import LoadError, load
from casegraph.loaders.safety import RULES_FILE, load_rules

BASE = """
- {kind: source, id: src, title: A source, publisher: P, published: 2024, doc_type: article}
- {kind: borough, id: town, name: Town, gss_code: E09000101, region: London, source: src, paragraphs: [1]}
- {kind: place, id: hill-school, name: Hilltop Academy, place_type: school, source: src, paragraphs: [1], sensitivity: restricted}
- {kind: person, id: girl, name: Ruth, pseudonym: true, source: src, paragraphs: [1], sensitivity: restricted}
- {rel: INVOLVES, from: a-case, to: girl, role: victim, source: src, paragraphs: [1], sensitivity: restricted}
- {kind: review, id: a-review, name: A review, review_type: other, period: 2020, source: src, paragraphs: [1],
   findings: [FINDING]}
- {rel: EXAMINED, from: a-review, to: a-case, source: src, paragraphs: [1]}
- kind: case
  id: a-case
  title: A case in Town
  summary: SUMMARY
  period: 2020
  source: src
  paragraphs: [1]
"""


def _load(tmp_path: Path, summary: str, finding: str = "Nothing identifying.", extra: str = "") -> None:
    path = tmp_path / "data.yaml"
    path.write_text(BASE.replace("SUMMARY", summary).replace("FINDING", finding) + extra, encoding="utf-8")
    load([path])


@pytest.mark.parametrize("summary, rule", [
    ("A girl, aged 14, was abused.", "individual-age"),
    ("She was abused from the age of 13.", "individual-age"),
    ("The victim, a 13-year-old, told police.", "individual-age"),
    ("She was the daughter of one of the men.", "family-relation"),
    ("She went to Hilltop Academy.", "school"),
    ("She had a miscarriage.", "health"),
    ("She later took her own life.", "health"),
    ("She died of an overdose.", "health"),
])
def test_a_hit_is_an_error_with_file_line_record_and_field(tmp_path, summary, rule):
    with pytest.raises(LoadError) as caught:
        _load(tmp_path, summary)
    [problem] = caught.value.problems
    assert (Path(problem.file).name, problem.record, problem.field) == ("data.yaml", "a-case", "summary")
    assert problem.line == 13  # the line of `summary:`
    assert f"rule {rule!r}" in problem.message and "restricted_detail" in problem.message


def test_records_linked_through_the_case_are_scanned_too(tmp_path):
    with pytest.raises(LoadError) as caught:
        _load(tmp_path, "Nothing identifying.", finding="She was aged 15 then.")
    [problem] = caught.value.problems
    assert (problem.record, problem.field) == ("a-review", "findings")


def test_restricted_detail_is_where_identifying_detail_goes(tmp_path):
    _load(tmp_path, "A girl was abused.", extra="  restricted_detail: aged 14, went to Hilltop Academy\n")


def test_an_editorial_exception_lets_a_record_keep_flagged_text(tmp_path):
    exception = ("  safety_exception_by: Jane Editor\n  safety_exception_on: 2026-11-30\n"
                 "  safety_exception_reason: already published under the conviction\n")
    _load(tmp_path, "A girl, aged 14, was abused.", extra=exception)
    with pytest.raises(LoadError, match="who, when, why"):
        _load(tmp_path, "A girl, aged 14, was abused.", extra="  safety_exception_by: Jane Editor\n")


def test_group_ranges_and_unlinked_records_are_not_individual_details(tmp_path):
    _load(tmp_path, "Girls between the ages of 13 and 15 were approached.")


def test_the_rules_are_a_reviewed_data_file():
    text = RULES_FILE.read_text(encoding="utf-8")
    assert "reviewed_by:" in text and "reviewed_on:" in text
    assert {rule.id for rule in load_rules()} == {"individual-age", "family-relation", "school", "health"}
    assert next(r for r in load_rules() if r.id == "school").place_types == ("school",)
