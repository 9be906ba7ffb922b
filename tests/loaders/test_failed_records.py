"""A record that fails is one error, naming the record, in every format; nothing refers to it again.

A row or line the reader cannot read whole (a stray comma in a CSV row, a line that is no JSON) is a failed
record like one that fails validation: its error names it (its id, read as far as the row allows) and says
what was expected, and the references to it are not each an "unknown reference"."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from casegraph.loaders import LoadError, default_data_dir, load
from tests.loaders.test_bad_input import CASE, problems

PERSON = {"kind": "person", "id": "person-j", "name": "Jay Doe", "source": "express-mylondon-2025",
          "paragraphs": [7]}
INVOLVES = {"rel": "INVOLVES", "from": "case-a", "to": "person-j", "role": "other",
            "source": "express-mylondon-2025", "paragraphs": [7]}


def data_copy(tmp_path: Path) -> Path:
    data = tmp_path / "data"
    shutil.copytree(default_data_dir(), data, ignore=shutil.ignore_patterns("*.py", "__pycache__"))
    return data


def load_problems(paths: list[Path]):
    with pytest.raises(LoadError) as caught:
        load(paths)
    return caught.value.problems


def test_a_stray_comma_in_a_csv_row_is_one_error_naming_its_record(tmp_path):
    data = data_copy(tmp_path)
    authorities = data / "reference" / "london" / "authorities.csv"
    lines = authorities.read_text().splitlines(keepends=True)
    [bexley] = [n for n, line in enumerate(lines) if line.startswith("borough,bexley,")]
    lines[bexley] = lines[bexley].replace("centroid approximate", "centroid approximate, roughly")
    authorities.write_text("".join(lines))
    [problem] = load_problems([data])  # the neighbours of bexley are not each an unknown reference
    assert (Path(problem.file).name, problem.line, problem.record) == ("authorities.csv", bexley + 1, "bexley")
    assert problem.message.startswith("13 cells, more than the 12 columns of the header: expected one cell per "
                                      "column (a cell holding a comma is quoted")


@pytest.mark.parametrize("line, message", [
    ('{"kind": "person", "id": "person-j", "name": "Jay Doe", "status": maybe}',
     "not valid JSON: Expecting value at column 67"),
    ('{"kind": "person", "id": "person-j", "name": "Jay", "name": "Jay Doe"}',
     "duplicate key 'name': stated twice on line 1; a record states each field once"),
    ('{"kind": "person", "id": "person-j", "name": "Jay Doe"',
     "not valid JSON: Expecting ',' delimiter at column 56"),
])
def test_a_jsonl_line_that_is_no_json_object_names_its_record_and_is_not_referred_to_again(tmp_path, line,
                                                                                          message):
    people = tmp_path / "people.jsonl"
    people.write_text(line + "\n")
    rels = tmp_path / "rels.jsonl"
    rels.write_text(json.dumps(INVOLVES) + "\n")
    case = tmp_path / "case.yaml"
    case.write_text(CASE)
    [problem] = load_problems([default_data_dir() / "sources.yaml", case, people, rels])
    assert (Path(problem.file).name, problem.line, problem.record, problem.field) == \
        ("people.jsonl", 1, "person-j", None)
    assert problem.message == message


def test_a_jsonl_line_that_is_no_object_is_a_failed_record_and_the_next_lines_still_load(tmp_path):
    found = problems(tmp_path, a_yaml=CASE, b_jsonl="[1, 2]\n" + json.dumps(PERSON) + "\n"
                     + json.dumps(INVOLVES) + "\n")
    assert [(Path(p.file).name, p.line, p.message) for p in found] == \
        [("b.jsonl", 1, "expected a JSON object (a record) on each line")]


CROYDON = "croydon-2020-child-in-care"
RESTATEMENT = {"kind": "case", "id": CROYDON, "period": 2020, "source": "src-croydon-cspr", "locator": "p. 1"}


def restatement_file(folder: Path, fmt: str, record: dict) -> None:
    """`record` as a data file of format `fmt` in `folder`."""
    if fmt == "csv":
        (folder / "zz-restated.csv").write_text(",".join(record) + "\n" + ",".join(map(str, record.values())) + "\n")
    elif fmt == "jsonl":
        (folder / "zz-restated.jsonl").write_text(json.dumps(record) + "\n")
    else:
        (folder / "zz-restated.yaml").write_text("- " + json.dumps(record) + "\n")


@pytest.mark.parametrize("fmt", ["yaml", "jsonl", "csv"])
def test_a_restatement_of_a_record_that_failed_lacks_nothing(tmp_path, fmt):
    data = data_copy(tmp_path)
    case = data / "london" / "cases" / f"{CROYDON}.yaml"
    case.write_text(case.read_text().replace("  victims_reported: 1\n", "  victims_reported: one\n"))
    restatement_file(data / "london", fmt, RESTATEMENT)
    [problem] = load_problems([data])
    assert (Path(problem.file).name, problem.record, problem.field) == (case.name, CROYDON, "victims_reported")


@pytest.mark.parametrize("fmt", ["yaml", "jsonl", "csv"])
def test_a_restatement_with_another_problem_gives_that_problem_alone(tmp_path, fmt):
    data = data_copy(tmp_path)
    restatement_file(data / "london", fmt, {**RESTATEMENT, "victims_reported": "several"})
    [problem] = load_problems([data])
    assert (Path(problem.file).name, problem.record, problem.field) == \
        (f"zz-restated.{fmt}", CROYDON, "victims_reported")
    assert problem.message == "expected a whole number, got 'several'"


def test_a_record_lacking_fields_that_restates_nothing_gives_every_problem(tmp_path):
    record = {**RESTATEMENT, "id": "case-nowhere", "victims_reported": "several"}
    found = problems(tmp_path, a_jsonl=json.dumps(record) + "\n")
    assert sorted(p.field for p in found) == ["summary", "title", "victims_reported"]


BROKEN = {**PERSON, "id": "broken-person", "name": "Broken person", "aliases": ["B. Person", "The Broken One"],
          "status": "maybe"}


def person_file(fmt: str, record: dict) -> dict[str, str]:
    """`record` as the text of a data file of format `fmt`, keyed as `problems` takes files."""
    if fmt == "csv":
        cells = {k: ";".join(map(str, v)) if isinstance(v, list) else str(v) for k, v in record.items()}
        return {"p_csv": ",".join(cells) + "\n" + ",".join(cells.values()) + "\n"}
    if fmt == "jsonl":
        return {"p_jsonl": json.dumps(record) + "\n"}
    return {"p_yaml": "- " + json.dumps(record) + "\n"}


@pytest.mark.parametrize("fmt", ["yaml", "jsonl", "csv"])
@pytest.mark.parametrize("ref", ["broken-person", "Broken person", "the broken  person", "B. Person",
                                 "The Broken One"])
def test_a_reference_to_a_failed_record_by_id_name_or_alias_is_not_reported_again(tmp_path, fmt, ref):
    rel = {**INVOLVES, "to": ref}
    [problem] = problems(tmp_path, a_yaml=CASE, b_jsonl=json.dumps(rel) + "\n", **person_file(fmt, BROKEN))
    assert (problem.record, problem.field) == ("broken-person", "status")


def test_a_citation_naming_a_failed_source_by_its_title_is_still_unknown(tmp_path):
    """A citation's source is an id, never a name: the failed source's title does not cover it."""
    source = "- {kind: source, id: src-b, title: A report, publisher: A council, published: 2020, doc_type: nope}\n"
    cited = CASE.replace("  paragraphs: [7]\n", "  paragraphs: [7]\n  citations: [{source: A report, locator: p}]\n")
    found = problems(tmp_path, a_yaml=cited, b_yaml=source)
    assert sorted(p.field for p in found) == ["citations.0.source", "doc_type"], [str(p) for p in found]




def field_problem(tmp_path: Path, fmt: str, record: dict):
    """The one problem of `record`, written as a data file of format `fmt` beside CASE."""
    [problem] = problems(tmp_path, a_yaml=CASE, **person_file(fmt, record))
    return problem


@pytest.mark.parametrize("fmt", ["yaml", "jsonl", "csv"])
def test_a_citation_field_on_the_record_says_it_goes_inside_a_citation(tmp_path, fmt):
    problem = field_problem(tmp_path, fmt, {**PERSON, "reliability": 1})
    assert problem.field == "reliability"
    assert problem.message == ("unknown field: `reliability` is a field of a citation, not of the record: give it "
                               "inside one (`citations: [{source: ..., reliability: ...}]`)")
    assert "citation_reliability" not in problem.message  # derived: never to be written


@pytest.mark.parametrize("field, message", [
    ("description", "a place has no `description` (a field of source, person, indicator, INVOLVES, "
                    "ASSOCIATED_WITH)"),  # not "did you mean 'citations'"
    ("nmae", "not in the schema (did you mean 'name'?)"),
    ("citation_source", "not in the schema (did you mean 'citations'?)"),  # not the derived `citation_sources`
    ("case_link", "not in the schema (check its spelling)"),  # not the aggregate `case_links`
])
def test_an_unknown_field_suggests_only_a_close_field_that_may_be_written(tmp_path, field, message):
    place = {"kind": "place", "id": "place-a", "name": "A park", "place_type": "park",
             "source": "express-mylondon-2025", "paragraphs": [7], field: "x"}
    problem = field_problem(tmp_path, "jsonl", place)
    assert (problem.field, problem.message) == (field, f"unknown field: {message}")


def test_an_unknown_field_of_a_citation_suggests_a_field_of_a_citation(tmp_path):
    cited = {**PERSON, "citations": [{"source": "express-mylondon-2025", "paragraphs": [7], "credibilty": "A"}]}
    problem = field_problem(tmp_path, "jsonl", cited)
    assert (problem.field, problem.message) == ("citations.0.credibilty",
                                                "unknown field: not in the schema (did you mean 'credibility'?)")


def test_a_list_item_that_is_no_record_is_named_by_its_position_at_its_line(tmp_path):
    found = problems(tmp_path, a_yaml=CASE + "- just a string\n- [a, list]\n")
    assert [(p.line, p.record, p.message) for p in found] == [
        (8, "#2", "expected a mapping of fields (a record), got 'just a string'"),
        (9, "#3", "expected a mapping of fields (a record), got a list")]


CITED = CASE.replace("  paragraphs: [7]\n", """\
  paragraphs: [7]
  citations:
    - source: express-mylondon-2025
      paragraphs: [8]
      credibility: F
    - {source: express-mylondon-2025, locator: p. 2,
       as_of: soon}
""")


def test_a_bad_field_of_a_citation_is_at_its_own_line(tmp_path):
    found = problems(tmp_path, a_yaml=CITED)
    assert [(p.line, p.field) for p in found] == [(11, "citations.0.credibility"), (13, "citations.1.as_of")]


def test_an_unknown_source_of_a_citation_is_at_its_line(tmp_path):
    cited = CITED.replace("      credibility: F\n", "").replace("as_of: soon", "as_of: 2020") \
        .replace("- source: express-mylondon-2025", "- source: no-such-source")
    [problem] = problems(tmp_path, a_yaml=cited)
    assert (problem.line, problem.field) == (9, "citations.0.source")
    assert problem.message.startswith("unknown source 'no-such-source'")


@pytest.mark.parametrize("fmt, given", [
    *((fmt, given) for fmt in ("yaml", "jsonl") for given in (None, "", "  ", ["a", "list"], 7)),
    ("csv", ""), ("csv", "  "),  # a CSV cell is text
])
def test_a_record_whose_id_is_no_usable_text_is_named_by_its_position(tmp_path, fmt, given):
    record = {**PERSON, "id": given}
    found = problems(tmp_path, a_yaml=CASE, **person_file(fmt, record))
    assert {(p.record, p.field) for p in found} == {("#1", "id")}, [str(p) for p in found]


def test_a_field_of_other_records_on_a_relationship_names_them(tmp_path):
    rel = {**INVOLVES, "to": "person-j", "place_type": "park"}
    [problem] = problems(tmp_path, a_yaml=CASE, b_jsonl=json.dumps(PERSON) + "\n" + json.dumps(rel) + "\n")
    assert (problem.field, problem.message) == ("place_type",
                                                "unknown field: relationship INVOLVES has no `place_type` "
                                                "(a field of place)")
