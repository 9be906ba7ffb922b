"""Bad input never changes data silently: each kind, in each format, is refused precisely or kept as written."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from casegraph.loaders import LoadError, data_files, load
from tests.loaders.test_bad_input import CASE, SOURCES, load_texts, only, problems
from tests.loaders.test_columns import problems_of

INDICATOR_JSON = ('{"kind": "indicator", "id": "ind-a", "name": "A", "description": "d", '
                  '"source": "casegraph-indicators", "locator": "x"}')
CSV_HEAD = "kind,id,name,aliases,institution_type,source,paragraphs\n"
CSV_ROW = "institution,inst-a,A,,police,express-mylondon-2025,28\n"
PERSON = """\
- kind: person
  id: person-a
  name: Test Person A
  person_type: group
  source: express-mylondon-2025
  paragraphs: [7]
"""


def _csv(tmp_path: Path, text: str, encoding: str = "utf-8") -> Path:
    path = tmp_path / "a.csv"
    path.write_text(text, encoding=encoding)
    return path


# 1. Duplicate keys -----------------------------------------------------------------------


def test_yaml_duplicate_key_names_file_both_lines_and_key(tmp_path):
    text = PERSON.replace("  source:", "  sensitivity: restricted\n  source:") + "  sensitivity: public\n"
    problem = only(problems(tmp_path, a_yaml=text))
    assert problem.file.endswith("a.yaml") and problem.line == 8
    assert problem.message == ("duplicate key 'sensitivity': first at line 5, again at line 8; "
                               "a record states each field once")


def test_jsonl_duplicate_key_names_file_line_and_key(tmp_path):
    line = INDICATOR_JSON[:-1] + ', "name": "B"}'
    problem = only(problems(tmp_path, a_jsonl=INDICATOR_JSON + "\n" + line + "\n"))
    assert (problem.file.endswith("a.jsonl"), problem.line) == (True, 2)
    assert problem.message == "duplicate key 'name': stated twice on line 2; a record states each field once"


def test_csv_repeated_header_column_names_both_columns(tmp_path):
    path = _csv(tmp_path, CSV_HEAD.replace("paragraphs", "name") + CSV_ROW)
    problem = only(problems_of(path))
    assert (problem.line, problem.field) == (1, "name")
    assert problem.message == ("duplicate column 'name' in the header: columns 3 and 7; "
                               "a record states each field once")


# 2. YAML 1.2 core rules: no implicit conversion ------------------------------------------


def test_yaml_numbers_are_decimal_and_dates_stay_text(tmp_path):
    dataset = load_texts(tmp_path, a_yaml=CASE.replace("paragraphs: [7]", "paragraphs: [010, 7]"))
    (case,) = dataset.nodes["CaseFile"]
    assert case.paragraphs == [10, 7] and all(type(p) is int for p in case.paragraphs)
    source = next(s for s in load_texts(tmp_path, a_yaml=SOURCE).nodes["Source"] if s.id == "other-source")
    assert source.published == "2025-11-10"


@pytest.mark.parametrize("value,message", [
    ("0x10", "number '0x10' is not decimal: write it in decimal digits"),
    ("0o10", "number '0o10' is not decimal: write it in decimal digits"),
])
def test_yaml_hex_and_octal_are_refused_not_converted(tmp_path, value, message):
    problem = only(problems(tmp_path, a_yaml=CASE.replace("paragraphs: [7]", f"paragraphs: [{value}]")))
    assert (problem.line, problem.message) == (7, message)


@pytest.mark.parametrize("field,value,message", [
    ("group_size", "1:30", "expected a whole number, got '1:30'"),
    ("group_size", "yes", "expected a whole number, got 'yes'"),
    ("group_size", "true", "expected a whole number, got True"),
    ("group_size", "12.0", "expected a whole number, got 12.0"),
    ("pseudonym", "on", "expected true or false, got 'on'"),
    ("pseudonym", "1", "expected true or false, got 1"),
])
def test_yaml_values_of_another_type_areproblems_of(tmp_path, field, value, message):
    problem = only(problems(tmp_path, a_yaml=PERSON + f"  {field}: {value}\n"))
    assert (problem.record, problem.field, problem.line, problem.message) == ("person-a", field, 7, message)


def test_yaml_11_directive_isproblems_of(tmp_path):
    problem = only(problems(tmp_path, a_yaml="%YAML 1.1\n---\n" + CASE))
    assert problem.message == "a `%YAML` directive for another version: data files are YAML 1.2"


# 3. Untrusted structure: aliases, nesting, unbounded values in messages ------------------


BOMB = """\
- kind: case
  a: &a [x, x, x, x, x, x, x, x, x]
  b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]
  c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]
  d: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]
  e: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d]
  f: &f [*e, *e, *e, *e, *e, *e, *e, *e, *e]
  g: &g [*f, *f, *f, *f, *f, *f, *f, *f, *f]
  h: &h [*g, *g, *g, *g, *g, *g, *g, *g, *g]
  i: &i [*h, *h, *h, *h, *h, *h, *h, *h, *h]
  id: *i
"""


def test_alias_bomb_as_an_id_is_refused_at_once(tmp_path):
    started = time.perf_counter()
    problem = only(problems(tmp_path, a_yaml=BOMB))
    assert time.perf_counter() - started < 5
    assert problem.line == 7  # `f`: its first alias passes the budget (e's 66,430 values after 74,718)
    assert problem.message == "aliases (`*name`) repeat more than 100,000 values: write the values out"


def test_aliases_as_pyyaml_writes_them_load_as_their_values(tmp_path):
    """PyYAML aliases a list that several records share; the values are read as written out."""
    import yaml

    shared = [7]
    records = [{"kind": "case", "id": f"case-{n}", "title": "T", "summary": "S", "period": 2012,
                "source": "express-mylondon-2025", "paragraphs": shared} for n in "ab"]
    text = yaml.safe_dump(records)
    assert "*id001" in text
    cases = load_texts(tmp_path, a_yaml=text).nodes["CaseFile"]
    assert [c.paragraphs for c in cases] == [[7], [7]]


def test_alias_that_nests_too_deep_or_names_nothing_is_refused(tmp_path):
    deep = "- kind: case\n  a: &a " + "[" * 30 + "]" * 30 + "\n  b: [[[*a]]]\n"
    assert only(problems(tmp_path, a_yaml=deep)).message == "nested more than 32 levels deep (through an alias)"
    problem = only(problems(tmp_path, b_yaml="- kind: case\n  id: *nothing\n"))
    assert (problem.line, problem.message) == (2, "alias 'nothing' names no anchor before it")


def test_deep_nesting_is_refused_in_yaml_and_jsonl(tmp_path):
    yaml_problem = only(problems(tmp_path, a_yaml="- id: " + "[" * 20000 + "]" * 20000 + "\n"))
    assert (yaml_problem.line, yaml_problem.message) == (1, "nested more than 32 levels deep")
    jsonl = '{"id": ' + "[" * 20000 + "]" * 20000 + "}\n"
    jsonl_problem = only(problems(tmp_path, b_jsonl=jsonl))
    assert (jsonl_problem.line, jsonl_problem.message) == (1, "nested more than 32 levels deep")
    shallower = INDICATOR_JSON[:-1] + ', "extra": ' + "[" * 40 + "]" * 40 + "}\n"
    field_problem = only(problems(tmp_path, c_jsonl=shallower))
    assert (field_problem.line, field_problem.record, field_problem.field, field_problem.message) == (
        1, "ind-a", "extra", "nested more than 32 levels deep")


def test_messages_never_hold_an_unbounded_value(tmp_path):
    huge = "x" * 1_000_000
    found = problems(tmp_path, a_yaml=f"- kind: {huge}\n  id: [{', '.join(['y' * 1000] * 1000)}]\n")
    assert all(len(str(p)) < 400 for p in found), [len(str(p)) for p in found]
    number = "9" * 10_000
    found = problems(tmp_path, b_jsonl=INDICATOR_JSON[:-1] + f', "extra": {number}}}\n')
    assert only(found).message == "a number of 10000 digits: no field holds it"


# 4. Text no output can hold --------------------------------------------------------------


CONTROL = "a control character or non-character: no output can carry it"
FORMATTING = "an invisible formatting character"  # a right-to-left override can make a published label lie


@pytest.mark.parametrize("code, what", [
    *((code, CONTROL) for code in (0x0C, 0x00, 0x1B, 0x0D, 0x7F, 0x85, 0xFFFE, 0xFFFF)),
    *((code, FORMATTING) for code in (0x202E, 0x202A, 0x2066, 0x2069, 0x200B, 0x2060, 0xFEFF, 0x2028)),
])
def test_unfit_characters_are_refused_in_yaml_with_file_line_record_field(tmp_path, code, what):
    escaped = f"\\u{code:04x}"
    problem = only(problems(tmp_path, a_yaml=PERSON.replace("name: Test Person A",
                                                            f'name: "Test Person A{escaped}"')))
    assert (problem.line, problem.record, problem.field) == (3, "person-a", "name")
    assert problem.message.startswith(f"holds U+{code:04X} ({what}")
    assert "at character 14" in problem.message


def test_zero_width_joiners_stay_allowed(tmp_path):  # Persian, Indic and emoji text needs them
    dataset = load_texts(tmp_path, a_yaml=PERSON.replace("name: Test Person A", 'name: "Test Person\\u200cA"'))
    assert dataset.node_tables["Person"].column("name").to_pylist() == ["Test Person\u200cA"]


def test_raw_form_feed_in_yaml_text_names_its_line(tmp_path):
    problem = only(problems(tmp_path, a_yaml=PERSON.replace("Test Person A", "Test Person A\f")))
    assert (problem.line, problem.message) == (3, "not valid YAML: character U+000C is not allowed in YAML text")


def test_control_characters_and_surrogates_are_refused_in_jsonl(tmp_path):
    lines = [INDICATOR_JSON.replace('"name": "A"', '"name": "A\\f"'),
             INDICATOR_JSON.replace('"ind-a"', '"ind-b"').replace('"description": "d"', '"description": "\\ud800"'),
             INDICATOR_JSON.replace('"ind-a"', '"ind-c"').replace('"locator"', '"loc\\u0000ator"')]
    found = problems(tmp_path, a_jsonl="\n".join(lines) + "\n")
    assert [(p.line, p.record, p.field, p.message[:12]) for p in found] == [
        (1, "ind-a", "name", "holds U+000C"), (2, "ind-b", "description", "holds U+D800"),
        (3, "ind-c", None, "a fact needs"),  # its other problem: no `locator` is given (validate lists every one)
        (3, "ind-c", "loc\x00ator", "holds U+0000")]


def test_control_characters_are_refused_in_csv_cells(tmp_path):
    path = _csv(tmp_path, CSV_HEAD + CSV_ROW.replace(",A,", ",A\x00\f,"))
    problem = only(problems_of(path))
    assert (problem.line, problem.record, problem.field) == (2, "inst-a", "name")
    assert problem.message.startswith("holds U+0000")


def test_tab_and_newline_are_text(tmp_path):
    dataset = load_texts(tmp_path, a_yaml=PERSON.replace("name: Test Person A", 'name: "Test\\tPerson\\nA"'))
    assert dataset.nodes["Person"][0].name == "Test\tPerson\nA"


# 5. Values that only look valid ----------------------------------------------------------

SOURCE = """\
- kind: source
  id: other-source
  title: Another source
  publisher: Someone
  published: 2025-11-10
  doc_type: article
  url: https://example.org/a
"""


@pytest.mark.parametrize("date", ["2025-13-45", "2025-02-29", "2025-00", "2025-04-31"])
def test_publication_dates_are_checked_against_the_calendar(tmp_path, date):
    problem = only(problems(tmp_path, a_yaml=SOURCE.replace("2025-11-10", date)))
    assert (problem.line, problem.record, problem.field) == (5, "other-source", "published")
    assert problem.message == f"not a day of the calendar: expected YYYY, YYYY-MM or YYYY-MM-DD (got '{date}')"


def test_leap_day_and_partial_dates_load(tmp_path):
    for date in ("2024-02-29", "2024-02", "2024"):
        (source,) = [s for s in load_texts(tmp_path, a_yaml=SOURCE.replace("2025-11-10", date)).nodes["Source"]
                     if s.id == "other-source"]
        assert source.published == date


@pytest.mark.parametrize("fmt", ["yaml", "jsonl", "csv"])
def test_integers_beyond_64_bits_are_messages(tmp_path, fmt):
    big = str(2**64)
    if fmt == "yaml":
        path = tmp_path / "a.yaml"
        path.write_text(PERSON + f"  group_size: {big}\n")
        line = 7
    elif fmt == "jsonl":
        path = tmp_path / "a.jsonl"
        path.write_text('{"kind": "person", "id": "person-a", "name": "A", "person_type": "group", '
                        f'"source": "express-mylondon-2025", "paragraphs": [7], "group_size": {big}}}\n')
        line = 1
    else:
        path = _csv(tmp_path, "kind,id,name,person_type,source,paragraphs,group_size\n"
                              f"person,person-a,A,group,express-mylondon-2025,7,{big}\n")
        line = 2
    problem = only(problems_of(path))
    assert (problem.line, problem.record, problem.field) == (line, "person-a", "group_size")
    assert problem.message == f"{big} is beyond 64 bits"


@pytest.mark.parametrize("url", ["javascript:alert(1)", "data:text/html,x", "https://x.org/\"><script>",
                                 "ftp://x.org/a", "//x.org/a", "https://"])
def test_source_urls_are_http_or_https_only(tmp_path, url):
    problem = only(problems(tmp_path, a_yaml=SOURCE.replace("https://example.org/a", f"'{url}'")))
    assert (problem.line, problem.field) == (7, "url")
    assert problem.message.startswith("expected an http:// or https:// URL")


# 6. CSV as spreadsheets write it ---------------------------------------------------------


def test_csv_with_a_byte_order_mark_loads(tmp_path):
    path = _csv(tmp_path, CSV_HEAD + CSV_ROW, encoding="utf-8-sig")
    assert path.read_bytes()[:3] == b"\xef\xbb\xbf"
    (institution,) = load([SOURCES, path]).nodes["Institution"]
    assert (institution.id, institution.paragraphs) == ("inst-a", [28])


def test_csv_unclosed_quote_names_the_line_it_opens_on(tmp_path):
    path = _csv(tmp_path, CSV_HEAD + CSV_ROW + 'institution,inst-b,"B,,police,express-mylondon-2025,28\n' + CSV_ROW)
    problem = only(problems_of(path))
    assert (problem.line, problem.message) == (3, 'not valid CSV: a quoted cell is never closed (a `"` is missing)')


def test_csv_cells_are_parsed_as_their_column_types(tmp_path):
    path = _csv(tmp_path, "kind,id,name,person_type,source,paragraphs,group_size,pseudonym\n"
                          "person,person-a,A,group,express-mylondon-2025,7;8,12,false\n")
    (person,) = load([SOURCES, path]).nodes["Person"]
    assert (person.paragraphs, person.group_size, person.pseudonym) == ([7, 8], 12, False)
    assert type(person.group_size) is int and type(person.pseudonym) is bool


def test_semicolons_split_lists_only_in_csv(tmp_path):
    review = """\
- kind: review
  id: review-a
  name: A review
  review_type: inquiry
  period: 2020
  findings: ["one finding; with a semicolon"]
  source: express-mylondon-2025
  paragraphs: [7]
"""
    (loaded,) = load_texts(tmp_path, a_yaml=review).nodes["Review"]
    assert loaded.findings == ["one finding; with a semicolon"]
    problem = only(problems(tmp_path, b_yaml=review.replace('["one finding; with a semicolon"]', '"a; b"')
                            .replace("review-a", "review-b")))
    assert (problem.field, problem.line) == ("findings", 6)


# 7. Inputs that are not what they seem --------------------------------------------------


@pytest.mark.parametrize("name,text", [("a.yaml", ""), ("a.yaml", "# only a comment\n"), ("a.jsonl", "\n"),
                                       ("a.csv", ""), ("a.csv", CSV_HEAD)])
def test_an_empty_data_file_is_an_error(tmp_path, name, text):
    path = tmp_path / name
    path.write_text(text)
    problem = only(problems_of(path))
    assert (problem.file, problem.message) == (
        str(path), "no records: the file is empty (a data file holds at least one record)")


def test_an_empty_folder_is_an_error_not_the_shipped_data(tmp_path):
    with pytest.raises(LoadError) as caught:
        load([tmp_path])
    assert str(only(caught.value.problems)) == f"{tmp_path}: no data files (.yaml, .yml, .csv, .jsonl) in this folder"
    with pytest.raises(LoadError, match="no data files were given"):
        load([])


def test_upper_case_suffix_is_read(tmp_path):
    (tmp_path / "x.YAML").write_text(CASE)
    assert data_files([tmp_path]) == [tmp_path / "x.YAML"]
    assert load([SOURCES, tmp_path]).node_counts()["CaseFile"] == 1


def test_dangling_symlink_is_an_error(tmp_path):
    (tmp_path / "x.yaml").write_text(CASE)
    (tmp_path / "gone.yaml").symlink_to(tmp_path / "missing.yaml")
    problem = only(problems_of(tmp_path))
    assert (problem.file, problem.message) == (str(tmp_path / "gone.yaml"), "a symbolic link to nothing")


def test_a_file_that_cannot_be_read_is_a_message(tmp_path):
    (tmp_path / "x.yaml").symlink_to("/proc/self/mem")  # reading it from the start fails (EIO), even as root
    problem = only(problems_of(tmp_path))
    assert problem.message.startswith("cannot read the file: ")


_UNREADABLE = """
import sys
from casegraph.loaders import LoadError, load
try:
    load(sys.argv[1:])
except LoadError as error:
    print("|".join(f"{p.file}:{p.message}" for p in error.problems))
"""


def test_unreadable_folder_and_file_are_messages_not_tracebacks(tmp_path):
    """Run as an unprivileged user (root reads everything), with real permissions."""
    (tmp_path / "sources.yaml").write_bytes(SOURCES.read_bytes())
    locked = tmp_path / "locked"
    (locked / "inner").mkdir(parents=True)
    (locked / "a.yaml").write_text(CASE)
    (locked / "inner" / "b.yaml").write_text(CASE.replace("case-a", "case-b"))
    (locked / "a.yaml").chmod(0o000)
    (locked / "inner").chmod(0o000)
    prefix = [sys.executable, "-c", _UNREADABLE, str(tmp_path / "sources.yaml")]
    if os.geteuid() == 0:
        for parent in [tmp_path, *tmp_path.parents]:
            parent.chmod(parent.stat().st_mode | 0o005)
        prefix = ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", *prefix]

    def outcome(path: Path) -> list[str]:
        result = subprocess.run([*prefix, str(path)], capture_output=True, text=True, timeout=120,
                                env={**os.environ, "HOME": str(tmp_path)})
        assert "Traceback" not in result.stderr, result.stderr
        return result.stdout.strip().split("|")

    assert outcome(locked) == [f"{locked / 'inner'}:cannot list the folder: Permission denied"]
    assert outcome(locked / "a.yaml") == [f"{locked / 'a.yaml'}:cannot read the file: Permission denied"]
