"""`casegraph validate` lists every problem it can, each with file, line, record and field: every bad line
of a JSONL file, every bad row of a CSV file, every refused value and non-record of a YAML file, and each
record's every problem (a value of the wrong type does not hide an unknown field beside it)."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from casegraph.cli import cli

SOURCE = '{"kind": "source", "id": "src", "title": "A source", "publisher": "P", "published": 2024, "doc_type": "article"}'


def _validate(folder: Path) -> list[tuple]:
    result = CliRunner().invoke(cli, ["validate", str(folder), "--format", "json"])
    assert result.exit_code == 1, result.output
    return [(Path(p["file"]).name, p["line"], p["record"], p["field"], p["message"])
            for p in json.loads(result.stdout)["problems"]]


def test_every_bad_line_of_a_jsonl_file_and_every_problem_of_its_records(tmp_path):
    (tmp_path / "a.jsonl").write_text("\n".join([
        SOURCE,
        '{"kind": "case", "id": "c1", "title": "T"',
        '{"kind": "case", "id": "c2", "title": "T", "title": "U"}',
        "[1, 2]",
        '{"kind": "case", "id": "c3", "title": "T", "period": 2020, "victims_reported": "many", "sumary": "x", '
        '"source": "src", "paragraphs": [1]}',
        '{"kind": "case", "id": "c4", "title": NaN}',
    ]) + "\n", encoding="utf-8")
    found = _validate(tmp_path)
    assert [(line, record, field) for _, line, record, field, _ in found] == [
        (2, "c1", None), (3, "c2", None), (4, "#4", None), (5, "c3", "victims_reported"), (5, "c3", "sumary"),
        (6, "c4", None)]
    messages = [message for *_, message in found]
    assert messages[0].startswith("not valid JSON") and messages[1].startswith("duplicate key 'title'")
    assert messages[2] == "expected a JSON object (a record) on each line"
    assert messages[3] == "expected a whole number, got 'many'" and "did you mean 'summary'" in messages[4]
    assert messages[5] == "NaN is not a number JSON allows"


def test_every_bad_row_of_a_csv_file(tmp_path):
    (tmp_path / "a.jsonl").write_text(SOURCE + "\n", encoding="utf-8")
    (tmp_path / "b.csv").write_text("kind,id,name,source,paragraphs,group_size,nmae\n"
                                    "person,p1,P one,src,1,x,typo\n"
                                    "person,p2,P two,src,1,2,,extra\n"
                                    "person,p3,P three,src,1,3,,extra\n"
                                    "person,p4,,src,1,,\n", encoding="utf-8")
    found = [(line, record, field) for name, line, record, field, _ in _validate(tmp_path) if name == "b.csv"]
    assert found == [(2, "p1", "group_size"), (2, "p1", "nmae"), (3, "p2", None), (4, "p3", None), (5, "p4", "name")]


def test_every_refused_value_and_non_record_of_a_yaml_file_at_its_record_and_field(tmp_path):
    (tmp_path / "a.jsonl").write_text(SOURCE + "\n", encoding="utf-8")
    (tmp_path / "c.yaml").write_text("""\
- kind: person
  id: y1
  name: Y one
  name: Y again
  source: src
  paragraphs: [1]
- just text
- kind: person
  id: y2
  name: Y two
  group_size: 0x10
  source: src
  paragraphs: [0o7]
- kind: person
  id: y3
  nam: Y three
  group_size: lots
  source: src
  paragraphs: [1]
""", encoding="utf-8")
    found = _validate(tmp_path)
    assert [(line, record, field) for _, line, record, field, _ in found] == [
        (4, "y1", "name"), (7, "#2", None), (11, "y2", "group_size"), (13, "y2", "paragraphs"),
        (16, "y3", "nam"), (17, "y3", "group_size")]
    messages = [message for *_, message in found]
    assert messages[0].startswith("duplicate key 'name': first at line 3, again at line 4")
    assert messages[1] == "expected a mapping of fields (a record), got 'just text'"
    assert messages[2] == "number '0x10' is not decimal: write it in decimal digits"
    assert messages[3] == "number '0o7' is not decimal: write it in decimal digits"  # not also "needs paragraphs"
    assert "did you mean 'name'" in messages[4] and messages[5] == "expected a whole number, got 'lots'"
