"""`casegraph verify`: citations checked against a source text, errors that say where and what."""

from __future__ import annotations

import hashlib
import json
import textwrap
from pathlib import Path

from click.testing import CliRunner

from casegraph.cli import cli
from casegraph.loaders.verify import verify

TEXT = "First line with \u201ccurly quotes\u201d and   spaces.\n\nThird line: the men were cleared, later four convicted.\n"


def setup(tmp_path: Path, records: str, text: str = TEXT, sha: str | None = None) -> tuple[Path, Path]:
    texts = tmp_path / "texts"
    texts.mkdir(parents=True)
    (texts / "doc.txt").write_text(text)
    digest = sha or hashlib.sha256(text.encode()).hexdigest()
    data = tmp_path / "data.yaml"
    data.write_text(textwrap.dedent(f"""\
        - kind: source
          id: doc
          title: A document
          publisher: Someone
          published: 2020
          doc_type: report
          text_file: doc.txt
          sha256: {digest}
        - {{kind: source, id: other, title: Other, publisher: Someone, published: 2020, doc_type: report}}
        """) + textwrap.dedent(records))
    return data, texts


def test_good_quotes_pass(tmp_path):
    data, texts = setup(tmp_path, """\
        - kind: indicator
          id: i-1
          name: One
          description: A pattern.
          source: doc
          paragraphs: [1]
          quote: '"curly quotes" and spaces'
          citations:
            - {source: doc, paragraphs: [3], quote: "the men were cleared ... four convicted"}
            - {source: other, locator: p. 2, quote: not checked}
        """)
    report = verify([data], texts)
    assert not report.problems, [str(p) for p in report.problems]
    assert (report.texts, report.citations, report.quotes, report.unchecked) == (1, 2, 2, 1)


def test_each_kind_of_bad_citation(tmp_path):
    data, texts = setup(tmp_path, """\
        - kind: indicator
          id: i-1
          name: One
          description: A pattern.
          source: doc
          paragraphs: [3]
          quote: four convicted ... the men were cleared
        - kind: indicator
          id: i-2
          name: Two
          description: A pattern.
          citations:
            - {source: doc, paragraphs: [1]}
            - {source: doc, paragraphs: [2, 9]}
        - kind: indicator
          id: i-3
          name: Three
          description: A pattern.
          source: doc
          paragraphs: [1]
          quote: straight quotes and tabs
        """)
    problems = {(p.record, p.field): p for p in verify([data], texts).problems}
    assert set(problems) == {("i-1", "quote"), ("i-2", "citations.1.paragraphs"), ("i-3", "quote")}
    order = problems["i-1", "quote"]
    assert order.file == str(data) and order.line == 16
    assert "paragraph 3: quote part 'the men were cleared' not found after the part before it" in order.message
    assert "paragraph 2, 9 does not exist" in problems["i-2", "citations.1.paragraphs"].message
    assert problems["i-2", "citations.1.paragraphs"].line == 23  # the citation item's line, not `citations:`
    assert "quote part 'straight quotes and tabs' not found" in problems["i-3", "quote"].message


def test_a_text_that_does_not_match_its_checksum(tmp_path):
    data, texts = setup(tmp_path, "", sha="ab" * 32)
    (problem,) = verify([data], texts).problems
    assert (problem.record, problem.field, problem.line) == ("doc", "sha256", 8)
    assert "expected abab" in problem.message


def test_a_missing_text(tmp_path):
    data, _ = setup(tmp_path, "")
    (problem,) = verify([data], tmp_path / "elsewhere").problems
    assert (problem.record, problem.field) == ("doc", "text_file") and "no text at" in problem.message


def test_copied_prose_is_an_error(tmp_path):
    text = "one two three four five six seven eight nine ten eleven twelve thirteen\n"
    data, texts = setup(tmp_path, """\
        - kind: indicator
          id: i-1
          name: One
          description: and one two three four five six seven eight nine ten eleven twelve
          source: doc
          paragraphs: [1]
        """, text=text)
    (problem,) = verify([data], texts).problems
    assert (problem.field, problem.line) == ("description", 13) and "repeats 12+ consecutive words" in problem.message


def test_cli_exit_status_and_json(tmp_path):
    data, texts = setup(tmp_path, """\
        - {kind: indicator, id: i-1, name: One, description: A pattern., source: doc, paragraphs: [1], quote: nowhere}
        """)
    result = CliRunner().invoke(cli, ["verify", str(data), "--texts", str(texts), "--format", "json"])
    assert result.exit_code == 1
    report = json.loads(result.stdout)
    assert report["valid"] is False and report["problems"][0]["record"] == "i-1"
    good, texts2 = setup(tmp_path / "ok", "")
    result = CliRunner().invoke(cli, ["verify", str(good), "--texts", str(texts2)])
    assert result.exit_code == 0 and "verified: 1 source text(s) read" in result.output


def test_cli_reads_the_data_the_other_commands_read(tmp_path, monkeypatch):
    """`verify` takes its data by the rule `build` and `validate` use ($CASEGRAPH_DATA here), says which,
    and a missing path is a load problem (exit status 1), not a usage error."""
    data, texts = setup(tmp_path, "")
    monkeypatch.setenv("CASEGRAPH_DATA", str(data))
    result = CliRunner().invoke(cli, ["verify", "--texts", str(texts)])
    assert result.exit_code == 0 and f"data: {data}" in result.stderr and "verified: 1 source text(s) read" in result.stdout
    missing = CliRunner().invoke(cli, ["verify", str(tmp_path / "nowhere"), "--texts", str(texts)])
    assert missing.exit_code == 1 and "no such file or folder" in missing.stderr


def test_an_elided_quote_cannot_stitch_scraps(tmp_path):
    """Each part of an elided quote holds two words or more, and follows the part before it closely:
    "a ... e" is in any text, and parts from across a paragraph make a sentence the source never wrote."""
    far = "The council said it had acted. " + "Nothing else of note was said that day by anyone at all. " * 8 + \
        "Later the men were cleared of every charge.\n"
    data, texts = setup(tmp_path, """\
        - kind: indicator
          id: scraps
          name: One
          description: A pattern.
          source: doc
          paragraphs: [1]
          quote: "First ... curly"
        - kind: indicator
          id: stitched
          name: Two
          description: A pattern.
          source: doc
          paragraphs: [1]
          quote: "the council said ... the men were cleared"
        - kind: indicator
          id: close
          name: Three
          description: A pattern.
          source: doc
          paragraphs: [1]
          quote: "the council said ... it had acted"
        """, text=far)
    problems = {p.record: p.message for p in verify([data], texts).problems}
    assert set(problems) == {"scraps", "stitched"}
    assert "each part of an elided quote needs at least 2 words" in problems["scraps"]
    assert "an elision leaves out at most 300" in problems["stitched"]


def test_a_source_record_copying_a_text_is_an_error(tmp_path):
    """A source's title and description are written from what the texts say of it: twelve words in a row
    of a text there are its prose copied into the project (a copyrighted article stays outside it)."""
    text = "The review found that the council had failed to act on repeated warnings from staff about the girls.\n"
    data, texts = setup(tmp_path, """\
        - kind: source
          id: the-review
          title: A review
          publisher: Someone
          doc_type: report
          description: The council had failed to act on repeated warnings from staff about the girls, it said.
        """, text=text)
    [problem] = verify([data], texts).problems
    assert (problem.record, problem.field) == ("the-review", "description")
    assert "repeats 12+ consecutive words of doc" in problem.message
