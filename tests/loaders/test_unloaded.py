"""A record that failed to load is reported once: the references to it are not each an unknown reference, and
the references that may name a record of a file not read at all are counted in one line."""

from __future__ import annotations

from tests.loaders.test_bad_input import CASE, VICTIM, problems

PEOPLE = VICTIM.split("- rel: INVOLVES")[0]
INVOLVES = "- rel: INVOLVES" + VICTIM.split("- rel: INVOLVES")[1]
TWICE = INVOLVES + INVOLVES.replace("role: victim", "role: other")


def test_a_file_that_is_no_yaml_gives_its_error_and_one_line_for_the_references(tmp_path):
    broken = CASE.replace("  period: 2012\n", "  period: [2012\n")  # the whole file is no YAML
    found = problems(tmp_path, a_yaml=broken, b_yaml=PEOPLE + TWICE)
    messages = [p.message for p in found]
    assert not any("unknown reference" in m for m in messages), messages
    assert len(found) == 2, messages
    syntax = next(p for p in found if p.message.startswith("not valid YAML"))
    assert syntax.file.endswith("a.yaml") and syntax.line == 5  # the `period:` line
    line = next(p for p in found if p is not syntax)
    assert line.file.endswith("a.yaml") and line.line is None
    assert line.message.startswith("2 references to no loaded record not checked ('case-a')")
    assert "this file did not load" in line.message


def test_a_record_refused_for_a_look_alike_letter_covers_the_references_spelt_right(tmp_path):
    """`casе-a` with a Cyrillic е fails its pattern; the references spell `case-a`."""
    bad = CASE.replace("id: case-a", "id: cas\u0435-a")
    found = problems(tmp_path, a_yaml=bad, b_yaml=PEOPLE + TWICE)
    assert not any("unknown reference" in p.message for p in found), [str(p) for p in found]
    [pattern] = found
    assert (pattern.record, pattern.field, pattern.line) == ("cas\u0435-a", "id", 2)
    assert pattern.message.startswith("non-ASCII character '\u0435' (U+0435 CYRILLIC SMALL LETTER IE) at position 4: "
                                      "ids use a-z, 0-9 and '-'")


def test_a_citation_of_a_source_that_failed_to_load_is_not_unknown(tmp_path):
    source = ("- {kind: source, id: Src-b, title: A report, publisher: A council, published: 2020, doc_type: report,\n"
              "   url: 'https://example.org/b'}\n")
    cited = CASE.replace("  paragraphs: [7]\n", "  paragraphs: [7]\n  citations: [{source: src-b, locator: page 2}]\n")
    found = problems(tmp_path, a_yaml=cited, b_yaml=source)
    assert not any("unknown source" in p.message for p in found), [str(p) for p in found]
    assert [p.message.split(":")[0] for p in found] == ["capital letter 'S' at position 1"]


def test_an_unknown_reference_is_still_one_when_nothing_failed_to_load(tmp_path):
    found = problems(tmp_path, a_yaml=CASE + PEOPLE + INVOLVES.replace("from: case-a", "from: case-b"))
    assert [p.message.split(":")[0] for p in found] == ["unknown reference 'case-b'"]


def test_every_id_field_names_the_character_at_fault(tmp_path):
    """The relationship id and a citation's source are ids too: the rule is the one `Slug`."""
    rel = INVOLVES.replace("  role: victim\n", "  role: victim\n  id: inv_1\n")
    cited = CASE.replace("  paragraphs: [7]\n", "  paragraphs: [7]\n  citations: [{source: 'src b', locator: p}]\n")
    found = problems(tmp_path, a_yaml=cited + PEOPLE + rel)
    messages = {(p.field, p.message.split(":")[0]) for p in found}
    assert ("id", "character '_' at position 4") in messages, messages
    assert ("citations.0.source", "character ' ' at position 4") in messages, messages
