"""Every kind of bad input is an error that names file, line, record and field."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from casegraph.loaders import LoadError, load

SOURCES = Path(__file__).resolve().parents[2] / "data" / "sources.yaml"

CASE = """\
- kind: case
  id: case-a
  title: A case
  summary: Something reported.
  period: 2012
  source: express-mylondon-2025
  paragraphs: [7]
"""


def load_texts(tmp_path: Path, **files: str):
    paths = [SOURCES]
    for name, text in files.items():
        path = tmp_path / name.replace("_", ".", 1) if "_" in name else tmp_path / name
        path.write_text(textwrap.dedent(text))
        paths.append(path)
    return load(paths)


def problems(tmp_path: Path, **files: str):
    with pytest.raises(LoadError) as caught:
        load_texts(tmp_path, **files)
    return caught.value.problems


def only(found):
    assert len(found) == 1, [str(p) for p in found]
    return found[0]


def test_good_records_load(tmp_path):
    dataset = load_texts(tmp_path, a_yaml=CASE)
    assert dataset.node_counts()["CaseFile"] == 1


def test_unknown_field_is_named_with_its_line(tmp_path):
    problem = only(problems(tmp_path, a_yaml=CASE + "  colour: red\n"))
    assert problem.file.endswith("a.yaml")
    assert problem.line == 8
    assert problem.record == "case-a"
    assert problem.field == "colour"
    assert "unknown field" in problem.message


def test_missing_required_field(tmp_path):
    problem = only(problems(tmp_path, a_yaml=CASE.replace("  summary: Something reported.\n", "")))
    assert problem.field == "summary"
    assert "required field is missing" in problem.message


def test_one_id_in_two_files_is_one_node(tmp_path):
    dataset = load_texts(tmp_path, a_yaml=CASE, b_yaml=CASE)
    (case,) = dataset.nodes["CaseFile"]
    assert case.citation_sources == ["express-mylondon-2025"]  # one citation given twice counts once
    (warning,) = dataset.warnings
    assert (Path(warning.file).name, warning.line, warning.record) == ("a.yaml", 1, "case-a")
    assert "cited 2 times for this fact" in warning.message and "b.yaml:1" in warning.message


def test_one_id_for_two_kinds_is_an_error(tmp_path):
    other = CASE.replace("kind: case", "kind: person").replace("title: A case\n  summary: Something reported.\n"
                                                               "  period: 2012\n", "name: Someone\n")
    problem = only(problems(tmp_path, a_yaml=CASE, b_yaml=other))
    assert problem.field == "id" and problem.file.endswith("b.yaml")
    assert "duplicate id" in problem.message and "a.yaml:1" in problem.message


def test_year_outside_what_the_source_could_report(tmp_path):
    problem = only(problems(tmp_path, a_yaml=CASE.replace("period: 2012", "period: 2031")))
    assert problem.field == "period"
    assert problem.line == 5
    assert "outside what source 'express-mylondon-2025' could report" in problem.message
    assert "1900-2025" in problem.message


def test_year_before_any_plausible_report(tmp_path):
    problem = only(problems(tmp_path, a_yaml=CASE.replace("period: 2012", "period: 1012")))
    assert "outside what source" in problem.message


def test_span_that_ends_before_it_starts(tmp_path):
    problem = only(problems(tmp_path, a_yaml=CASE.replace("period: 2012", 'period: "2016-2012"')))
    assert problem.field == "period"
    assert "ends before it starts" in problem.message


def test_period_that_is_not_a_year(tmp_path):
    problem = only(problems(tmp_path, a_yaml=CASE.replace("period: 2012", "period: around 2010")))
    assert problem.field == "period"
    assert "expected a year" in problem.message


VICTIM = """\
- kind: person
  id: victim-a
  name: Pseudo
  pseudonym: true
  sensitivity: restricted
  source: express-mylondon-2025
  paragraphs: [7]
- rel: INVOLVES
  from: case-a
  to: victim-a
  role: victim
  age_from: 13
  source: express-mylondon-2025
  paragraphs: [7]
"""


def test_child_case_with_an_adult_victim_age(tmp_path):
    problem = only(problems(tmp_path, a_yaml=CASE + VICTIM.replace("age_from: 13", "age_from: 19")))
    assert problem.field == "age_from"
    assert "contradicts child case 'case-a'" in problem.message


def test_ages_in_the_wrong_order(tmp_path):
    problem = only(problems(tmp_path, a_yaml=CASE + VICTIM.replace("age_from: 13", "age_from: 15\n  age_to: 13")))
    assert "age_to 13 is below age_from 15" in problem.message


def test_victim_must_be_restricted(tmp_path):
    problem = only(problems(tmp_path, a_yaml=CASE + VICTIM.replace("  sensitivity: restricted\n", "")))
    assert problem.record == "victim-a"
    assert problem.field == "sensitivity"
    assert "expected `sensitivity: restricted`" in problem.message


PUBLIC_OTHER = """\
- kind: person
  id: person-b
  name: Jane Roe
  description: {description}
  source: express-mylondon-2025
  paragraphs: [7]
- rel: INVOLVES
  from: case-a
  to: person-b
  role: {role}
  {age}
  source: express-mylondon-2025
  paragraphs: [7]
"""


@pytest.mark.parametrize("description", ["A victim of the group", "the survivor who spoke out",
                                         "A woman who said she was groomed by the men"])
@pytest.mark.parametrize("role", ["other", "reporter", "associate"])
def test_a_public_person_described_as_a_victim_in_another_role(tmp_path, description, role):
    text = CASE + PUBLIC_OTHER.format(description=description, role=role, age="")
    problem = only(problems(tmp_path, a_yaml=text))
    assert (problem.record, problem.field) == ("person-b", "description")
    assert "'person-b' is described as a victim here" in problem.message


@pytest.mark.parametrize("description", ["A victim of the Redbridge ring, now a campaigner.",
                                         "Campaigner groomed as a 14-year-old in Redbridge in 2011.",
                                         "Campaigner, formerly a victim of the ring."])
def test_a_public_person_described_as_a_victim_without_a_case(tmp_path, description):
    person = PUBLIC_OTHER.format(description=description, role="other", age="").split("- rel:")[0]
    found = problems(tmp_path, a_yaml=CASE + person)
    assert {(p.record, p.field) for p in found} == {("person-b", "description")}
    assert any("'person-b' is described as a victim here" in p.message for p in found)
    # her age is identifying detail besides, in any public record (the publication-safety check)
    assert ["rule 'individual-age'" in p.message for p in found if "described as" not in p.message] == \
        ([True] if "14-year-old" in description else [])


def test_an_involves_description_that_says_victim(tmp_path):
    text = CASE + PUBLIC_OTHER.format(description="A campaigner", role="reporter", age="") \
        .replace("  role: reporter\n", "  role: reporter\n  description: she was groomed by the men\n")
    problem = only(problems(tmp_path, a_yaml=text))
    assert problem.field == "description" and "(reporter in 'case-a')" in problem.message


def test_a_public_person_who_was_a_child_at_the_time(tmp_path):
    text = CASE + PUBLIC_OTHER.format(description="A witness", role="reporter", age="age_from: 15")
    problem = only(problems(tmp_path, a_yaml=text))
    assert (problem.record, problem.field) == ("person-b", "sensitivity")
    assert "was 15, a child, at the time" in problem.message


@pytest.mark.parametrize("description", ["A council officer who met victims' families",
                                         "The detective who led the inquiry"])
def test_a_public_person_who_speaks_of_victims_is_not_one(tmp_path, description):
    text = CASE + PUBLIC_OTHER.format(description=description, role="police", age="age_from: 40")
    assert load_texts(tmp_path, a_yaml=text).node_counts()["Person"] == 1


def test_pseudonym_in_public_text(tmp_path):
    text = CASE.replace("Something reported.", "What happened to Pseudo.") + VICTIM
    problem = only(problems(tmp_path, a_yaml=text))
    assert problem.record == "case-a"
    assert problem.field == "summary"
    assert "restricted person" in problem.message


def test_pseudonym_in_a_public_id(tmp_path):
    """An id is shown wherever its record is: `pseudo-accused-men` names her as surely as a summary."""
    text = CASE + VICTIM + ("- {kind: person, id: pseudo-accused-men, name: Accused men, person_type: group, "
                            "source: express-mylondon-2025, paragraphs: [7]}\n")
    problem = only(problems(tmp_path, a_yaml=text))
    assert (problem.record, problem.field) == ("pseudo-accused-men", "id")
    assert "names 'pseudo', a restricted person" in problem.message


def test_unknown_reference(tmp_path):
    text = CASE + VICTIM.replace("to: victim-a", "to: nobody")
    found = problems(tmp_path, a_yaml=text)
    problem = next(p for p in found if p.field == "to")
    assert problem.line == 17  # the `to:` line of the relationship
    assert "unknown reference 'nobody'" in problem.message


def test_reference_to_the_wrong_kind(tmp_path):
    text = CASE + """\
- rel: SHOWS
  from: case-a
  to: case-a
  source: express-mylondon-2025
  paragraphs: [7]
"""
    problem = only(problems(tmp_path, a_yaml=text))
    assert problem.field == "to"
    assert "('case-a' is a case)" in problem.message


INSTITUTIONS = """\
- kind: institution
  id: met-police
  name: Metropolitan Police
  aliases: [the Met]
  institution_type: police
  source: express-mylondon-2025
  paragraphs: [28]
- kind: institution
  id: met-office
  name: Met Office
  aliases: [UK Met Office]
  institution_type: other
  source: express-mylondon-2025
  paragraphs: [28]
"""


def test_aliases_resolve_to_one_entity(tmp_path):
    text = CASE + INSTITUTIONS + """\
- rel: INVOLVES
  from: case-a
  to: "The Met"
  role: police
  source: express-mylondon-2025
  paragraphs: [8]
"""
    dataset = load_texts(tmp_path, a_yaml=text)
    (rel,) = dataset.rels["INVOLVES"]
    assert rel.to == "met-police"


def test_ambiguous_alias_is_an_error(tmp_path):
    text = CASE + INSTITUTIONS.replace("aliases: [UK Met Office]", "aliases: [Met]") + """\
- rel: INVOLVES
  from: case-a
  to: Met
  role: police
  source: express-mylondon-2025
  paragraphs: [8]
"""
    problem = only(problems(tmp_path, a_yaml=text))
    assert "ambiguous reference 'Met'" in problem.message
    assert "met-office" in problem.message and "met-police" in problem.message


def test_unknown_source(tmp_path):
    problem = only(problems(tmp_path, a_yaml=CASE.replace("source: express-mylondon-2025", "source: rumour")))
    assert problem.field == "source"
    assert "unknown source 'rumour'" in problem.message


def test_fact_without_provenance(tmp_path):
    problem = only(problems(tmp_path, a_yaml=CASE.replace("  paragraphs: [7]\n", "")))
    assert "needs `paragraphs`" in problem.message


def test_inferred_fact_needs_a_basis(tmp_path):
    problem = only(problems(tmp_path, a_yaml=CASE + "  status: inferred\n"))
    assert "needs a `basis`" in problem.message


@pytest.mark.parametrize("basis", ["x", "n/a", "see source", "'the  42 x y z'", "a b c d", "'  -  '",
                                   "TBD TBD TBD", "unknown unknown unknown", "the the the", "asdf asdf asdf",
                                   "'todo: fill this in'", "same as above", "not applicable here", "'TBC, see the source'"])
def test_a_basis_says_how_in_three_words(tmp_path, basis):
    """A basis of a letter, a placeholder, two words or one word said again says nothing of how the fact was
    inferred (the last seven: a newcomer's finding)."""
    problem = only(problems(tmp_path, a_yaml=CASE + f"  status: inferred\n  basis: {basis}\n"))
    assert (Path(problem.file).name, problem.line, problem.record, problem.field) == ("a.yaml", 9, "case-a", "basis")
    assert problem.message.startswith("expected how it was inferred, in 3 different words or more")
    assert "got " in problem.message


def test_a_basis_of_three_words_loads(tmp_path):
    load_texts(tmp_path, a_yaml=CASE + "  status: inferred\n  basis: the borough's police\n")
    load_texts(tmp_path, a_yaml=CASE + "  status: inferred\n  basis: the month is unknown; the year is the source's\n")


def test_all_problems_of_a_file_are_reported_together(tmp_path):
    text = CASE + CASE.replace("case-a", "case-b").replace("period: 2012", "period: 2099") + \
        CASE.replace("case-a", "case-c") + "  colour: red\n"
    found = problems(tmp_path, a_yaml=text)
    assert {p.record for p in found} == {"case-b", "case-c"}


def test_relationship_joining_the_wrong_kinds(tmp_path):
    text = CASE + INSTITUTIONS + """\
- rel: IN_BOROUGH
  from: case-a
  to: met-police
  source: express-mylondon-2025
  paragraphs: [7]
"""
    problem = only(problems(tmp_path, a_yaml=text))
    assert "expected the id, name or alias of a node of kind borough" in problem.message


def test_unknown_kind(tmp_path):
    problem = only(problems(tmp_path, a_yaml=CASE.replace("kind: case", "kind: crime")))
    assert problem.field == "kind"
    assert "unknown kind 'crime'" in problem.message


def test_invalid_yaml_names_the_line(tmp_path):
    problem = only(problems(tmp_path, a_yaml=CASE + "- kind: [unclosed\n"))
    assert problem.line == 8  # where the unclosed sequence starts
    assert "not valid YAML" in problem.message


def test_csv_row_problems_name_the_row_line(tmp_path):
    csv_text = "kind,id,name,aliases,institution_type,source,paragraphs\n" \
               "institution,inst-a,A,,police,express-mylondon-2025,28\n" \
               "institution,inst-b,B,,pirates,express-mylondon-2025,28\n"
    problem = only(problems(tmp_path, a_csv=csv_text))
    assert problem.line == 3
    assert problem.field == "institution_type"


def test_csv_lists_are_semicolon_separated(tmp_path):
    csv_text = "kind,id,name,aliases,institution_type,source,paragraphs\n" \
               "institution,inst-a,A,Alpha;The A,police,express-mylondon-2025,28;29\n"
    dataset = load_texts(tmp_path, a_csv=csv_text)
    (inst,) = dataset.nodes["Institution"]
    assert inst.aliases == ["Alpha", "The A"] and inst.paragraphs == [28, 29]


def test_jsonl_problems_name_the_line(tmp_path):
    jsonl = '{"kind": "indicator", "id": "ind-a", "name": "A", "description": "d", "source": "casegraph-indicators", "locator": "x"}\n' \
            '{"kind": "indicator", "id": "ind-b", "name": "B", "source": "casegraph-indicators", "locator": "x"}\n' \
            'not json\n'
    found = problems(tmp_path, a_jsonl=jsonl)
    assert [(p.line, p.field) for p in found] == [(2, "description"), (3, None)]


def test_messages_read_as_file_line_record_field(tmp_path):
    problem = only(problems(tmp_path, a_yaml=CASE + "  colour: red\n"))
    assert str(problem).endswith("a.yaml:8: record 'case-a': field 'colour': "
                                 "unknown field: not in the schema (check its spelling)")


def test_a_misspelt_field_suggests_the_schema_field(tmp_path):
    problem = only(problems(tmp_path, a_yaml=CASE + "  sumary_extra: x\n"))
    assert problem.message == "unknown field: not in the schema (did you mean 'summary'?)"


def test_one_problem_repeated_down_a_file_is_summed_up(tmp_path):
    """A misspelt CSV column fails every row the same way: three are spelled
    out, the rest summed up in one line, and every problem stays listed."""
    rows = "".join(f"institution,inst-{n},I{n},police,express-mylondon-2025,28\n" for n in range(10))
    with pytest.raises(LoadError) as caught:
        load_texts(tmp_path, a_csv="kind,id,name,institution_typ,source,paragraphs\n" + rows)
    assert len(caught.value.problems) == 10  # each row: the misspelt column (not also the missing one)
    message = str(caught.value).splitlines()
    assert message[0] == "10 problems in the data; nothing was written"
    assert sum("did you mean 'institution_type'?" in line for line in message) == 3
    summaries = [line for line in message if line.startswith("  ... the same in")]
    assert summaries == [f"  ... the same in 7 more records of {tmp_path / 'a.csv'} (lines 5-11)"]


def test_messages_read_as_the_loaders_own_not_the_validators(tmp_path):
    text = CASE + "- {kind: person, id: p-a, name: P, person_type: crowd, source: express-mylondon-2025, paragraphs: 7}\n"
    found = {p.field: p.message for p in problems(tmp_path, a_yaml=text)}
    assert found == {"person_type": "expected 'individual' or 'group', got 'crowd'",
                     "paragraphs": "expected a list, got 7"}


def test_a_misspelt_required_field_is_one_problem(tmp_path):
    problem = only(problems(tmp_path, a_yaml=CASE.replace("  summary:", "  sumary:")))
    assert (problem.field, problem.message) == ("sumary", "unknown field: not in the schema (did you mean 'summary'?)")


@pytest.mark.parametrize("bad", ["published: 2025-13", "titel: A source"])
def test_a_source_with_a_problem_is_not_also_unknown_to_every_fact_citing_it(tmp_path, bad):
    source = ("- {kind: source, id: doc, title: A source, publisher: P, published: 2024, doc_type: article}\n"
              .replace("published: 2024", bad if bad.startswith("published") else "published: 2024")
              .replace("title: A source", bad if bad.startswith("titel") else "title: A source"))
    found = problems(tmp_path, b_yaml=source, a_yaml=CASE.replace("express-mylondon-2025", "doc"))
    assert [p.record for p in found] == ["doc"] and not any("unknown source" in p.message for p in found)


@pytest.mark.parametrize("field, line", [
    ("  summary: \"   \"\n", "summary"),
    ("  title: \"\\t \\n\"\n", "title"),
    ("  quote: \"\\u00a0\"\n", "quote"),
    ("  locator: \"  \"\n", "locator"),
])
def test_text_of_only_spaces_is_an_error(tmp_path, field, line):
    """A summary, title, quote or locator of spaces says nothing: refused like an empty one
    (`schemas.text.NOT_BLANK`, on every free-text field and name)."""
    name = line.split(".")[0]
    lines = [row for row in CASE.splitlines(keepends=True) if not row.startswith(f"  {name}:")]
    problem = only(problems(tmp_path, a_yaml="".join(lines) + field))
    assert problem.field.split(".")[0] == name and "expected text, got only spaces" in problem.message


@pytest.mark.parametrize(("rows", "head", "rest"), [
    (1, "1 problem in the data", None), (2, "2 problems in the data", None),
    (4, "4 problems in the data", "1 more record of"), (5, "5 problems in the data", "2 more records of")])
def test_the_count_of_problems_and_of_repeated_records_is_worded_for_its_number(tmp_path, rows, head, rest):
    lines = "".join(f"institution,inst-{n},I{n},police,express-mylondon-2025,28\n" for n in range(rows))
    with pytest.raises(LoadError) as caught:
        load_texts(tmp_path, a_csv="kind,id,name,institution_typ,source,paragraphs\n" + lines)
    message = str(caught.value).splitlines()
    assert message[0] == f"{head}; nothing was written"
    assert [line for line in message if "the same in" in line] == (
        [f"  ... the same in {rest} {tmp_path / 'a.csv'} (lines {rows + 1}-{rows + 1})"] if rows == 4 else
        [f"  ... the same in {rest} {tmp_path / 'a.csv'} (lines 5-6)"] if rows == 5 else [])


@pytest.mark.parametrize("name", ["two\nlines.yaml", "tab\there.yaml", "over\u202eride.yaml", "bell\x07.yaml"])
def test_a_file_name_with_a_control_character_keeps_the_message_on_one_line(tmp_path, name):
    """`file:line: record ...: field ...: message` stays one line that names the file exactly: such a name is
    quoted with its characters escaped (`schemas.text.shown_path`), in the problem and in the summary line."""
    path = tmp_path / name
    path.write_text(CASE + "  colour: red\n")
    with pytest.raises(LoadError) as caught:
        load([SOURCES, path])
    message = str(caught.value).splitlines()
    assert message == ["1 problem in the data; nothing was written",
                       f"  {str(path)!r}:8: record 'case-a': field 'colour': unknown field: not in the schema "
                       "(check its spelling)"]
    plain = tmp_path / "plain.yaml"
    plain.write_text(CASE.replace("case-a", "case-b") + "  colour: red\n")
    with pytest.raises(LoadError) as caught:
        load([SOURCES, plain])
    assert str(caught.value).splitlines()[1].startswith(f"  {plain}:8: ")  # an ordinary name is printed as it is


def test_a_file_named_inside_a_message_is_escaped_too(tmp_path):
    first, second = tmp_path / "a\nfile.yaml", tmp_path / "b.yaml"
    first.write_text(CASE)
    second.write_text(CASE.replace("kind: case", "kind: person").replace(
        "title: A case\n  summary: Something reported.\n  period: 2012\n", "name: Someone\n"))
    with pytest.raises(LoadError) as caught:
        load([SOURCES, first, second])
    assert f"already defined at {str(first)!r}:1" in str(caught.value)
    assert len(str(caught.value).splitlines()) == 2
