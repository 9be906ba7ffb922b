"""An allegation is never worded as a conviction: the load refuses public text that reads as a conviction
under a status short of one (`loaders/conviction.py`), in every field and kind of record, and lets
negations and reversals through; the dossier applies the same rule."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from casegraph.cli import cli
from casegraph.loaders import LoadError, load
from casegraph.reports.model import Citation, Fact, ReportError
from casegraph.loaders.conviction import conviction_wording

BASE = """\
- {kind: source, id: src, title: A source, publisher: P, published: 2024, doc_type: article}
- {kind: borough, id: town, name: Town, gss_code: E09000101, region: London, source: src, paragraphs: [1]}
- {kind: case, id: a-case, title: A case in Town, summary: Men were tried., period: 2020, source: src, paragraphs: [1]}
"""


def _write(tmp_path: Path, records: str) -> Path:
    path = tmp_path / "data.yaml"
    path.write_text(BASE + records, encoding="utf-8")
    return path


def _problems(tmp_path: Path, records: str) -> list:
    with pytest.raises(LoadError) as error:
        load([_write(tmp_path, records)])
    return error.value.problems


@pytest.mark.parametrize("status", ["alleged", "charged", "acquitted"])
def test_a_name_worded_as_a_conviction_is_refused_under_every_status_short_of_one(tmp_path, status):
    problems = _problems(tmp_path, f"- {{kind: person, id: john-doe, name: Convicted paedophile John Doe, "
                                   f"source: src, paragraphs: [1], status: {status}}}\n")
    assert [(p.line, p.record, p.field) for p in problems] == [(4, "john-doe", "name")]
    message = problems[0].message
    assert "'Convicted'" in message and f"the record is {status!r}" in message and "status: convicted" in message


@pytest.mark.parametrize("field, value", [
    ("description", "A convicted sex offender."),
    ("aliases", "[Doe, The convicted man]"),
    ("note", "He was found guilty in 2019."),
    ("quote", "\"pleaded guilty to rape\""),
])
def test_every_public_text_field_of_a_node_is_read(tmp_path, field, value):
    problems = _problems(tmp_path, f"- {{kind: person, id: john-doe, name: John Doe, {field}: {value}, "
                                   f"source: src, paragraphs: [1], status: alleged}}\n")
    assert [(p.record, p.field) for p in problems] == [("john-doe", field)]


def test_an_id_a_relationship_and_a_citation_are_read_each_against_its_own_status(tmp_path):
    problems = _problems(tmp_path, """\
- {kind: person, id: convicted-man-town, name: A man, source: src, paragraphs: [1], status: charged}
- {kind: person, id: other-man, name: Another man, source: src, paragraphs: [1]}
- {rel: INVOLVES, from: a-case, to: other-man, role: perpetrator, description: convicted of rape,
   source: src, paragraphs: [1], status: alleged}
- {kind: source, id: court, title: A court report, publisher: C, published: 2025, doc_type: report}
- {rel: ACTIVE_IN, from: other-man, to: town, source: src, paragraphs: [1], status: alleged, quote: "the convicted man",
   citations: [{source: court, locator: p. 2, status: convicted, quote: "jailed"}]}
""")
    found = {(p.record, p.field) for p in problems}
    assert found == {("convicted-man-town", "id"), ("INVOLVES a-case -> other-man", "description"),
                     ("ACTIVE_IN other-man -> town", "citation_quotes")}
    quote = next(p for p in problems if p.field == "citation_quotes")
    assert "its citation 1 is 'alleged'" in quote.message  # the record is convicted, as the court's citation says


def test_an_involved_party_named_as_convicted_is_refused_at_its_involvement(tmp_path):
    problems = _problems(tmp_path, """\
- {kind: person, id: john-doe, name: Convicted paedophile John Doe, source: src, paragraphs: [1]}
- {rel: INVOLVES, from: a-case, to: john-doe, role: perpetrator, source: src, paragraphs: [1], status: alleged}
""")
    assert [(p.line, p.field) for p in problems] == [(5, "to")]
    assert "'john-doe' is named as convicted" in problems[0].message and "data.yaml:4" in problems[0].message
    assert "this involvement is 'alleged'" in problems[0].message


NOT_A_CONVICTION = [
    "None were convicted.", "No one was convicted.", "The conviction was quashed on appeal.",
    "His conviction was overturned in 2015.", "He was acquitted; the jury did not convict.",
    "Cleared of all charges, though once convicted of theft.", "He was not convicted.",
    "He wasn\u2019t convicted.", "The source reports no charge or conviction.",
    "His convictions are for murder, not for offences in this case.", "He pleaded not guilty.",
    "A charge is not a conviction.", "Never convicted of anything.",
]


@pytest.mark.parametrize("text", NOT_A_CONVICTION)
def test_negations_and_reversals_pass(tmp_path, text):
    assert conviction_wording(text, "alleged") is None
    load([_write(tmp_path, f"- {{kind: person, id: john-doe, name: John Doe, description: {json.dumps(text)}, "
                           f"source: src, paragraphs: [1], status: alleged}}\n")])


@pytest.mark.parametrize("text", ["Convicted paedophile John Doe", "John Doe, a convicted paedophile, has not commented.",
                                  "John Doe was found guilty.", "J\u043ehn was c\u043envicted.",
                                  "X was convicted (alleged, not proven)"])
def test_a_conviction_beside_a_negation_of_something_else_is_still_one(text):
    assert conviction_wording(text, "alleged") is not None
    assert conviction_wording(text, "convicted") is None and conviction_wording(text, "reported") is None


def test_restricted_records_are_not_read(tmp_path):
    load([_write(tmp_path, "- {kind: person, id: john-doe, name: Convicted paedophile John Doe, source: src, "
                           "paragraphs: [1], status: alleged, sensitivity: restricted}\n")])


def test_validate_names_file_line_record_field_status_and_words(tmp_path):
    path = _write(tmp_path, "- {kind: person, id: john-doe, name: Convicted paedophile John Doe, source: src, "
                            "paragraphs: [1], status: alleged}\n")
    result = CliRunner().invoke(cli, ["validate", str(path), "--format", "json"])
    assert result.exit_code == 1
    problems = json.loads(result.stdout)["problems"]
    assert [(p["file"], p["line"], p["record"], p["field"]) for p in problems] == [(str(path), 4, "john-doe", "name")]
    assert "'alleged'" in problems[0]["message"]


def test_the_dossier_applies_the_same_rule():
    with pytest.raises(ReportError, match="an alleged fact worded as a conviction"):
        Fact("Convicted paedophile John Doe is alleged to have been a perpetrator", [Citation("s", (1,))],
             status="alleged")
    with pytest.raises(ReportError, match="a charged fact worded as a conviction"):
        Fact("John Doe, convicted", [Citation("s", (1,))], status="charged")
    assert "not a conviction" in Fact("John Doe was charged", [Citation("s", (1,))], status="charged").text
    Fact("No one was convicted", [Citation("s", (1,))], status="alleged")
