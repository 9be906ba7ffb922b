"""Check every citation against its source's text: checksum, paragraphs, quotes, no copied prose.

A source may name its text (`text_file`, looked up in a texts folder: texts
of copyrighted sources stay outside the repository) and its `sha256`. For
every citation of such a source: each cited paragraph (paragraph N is line N)
exists and is not blank, and its quote is in the cited paragraphs (the whole
text for a citation with a locator), compared with typographic quotes made
straight, whitespace collapsed and case folded; `...` (or `…`) marks an
elision: every part must be there, in order, hold at least `ELIDED_PART_WORDS` words, and
follow the part before it within `ELIDED_GAP` characters. No other text field of a record
citing the source, nor of any source record (its title and description are
written from what the texts say of it), repeats `COPIED_WORDS` consecutive words
of a text: casegraph holds facts and short quotes, never a source's prose.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable

from casegraph.loaders.lineage import citation_field
from casegraph.loaders.load import READERS, data_files
from casegraph.loaders.problems import Problem
from casegraph.loaders.validate import validate_record
from casegraph.schemas.citations import citations_of
from casegraph.schemas.nodes import SourceDocument
from casegraph.schemas.text import shown_path
from casegraph.schemas.words import counted

__all__ = ["verify", "VerifyReport", "normalise_text", "COPIED_WORDS"]

COPIED_WORDS = 12
"""A run of this many words of a source in a non-quote field is prose copied, not a fact."""

_QUOTES = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"', "\u00a0": " "})
_SPACE = re.compile(r"\s+")
_ELISION = re.compile(r"\.\.\.|\u2026")
ELIDED_PART_WORDS = 2
"""Fewest words each part of an elided quote holds: "a ... e" is found in any text and proves nothing."""
ELIDED_GAP = 300
"""Most characters (of the normalised text) an elision may leave out between two parts: a quote leaves
out a clause or a sentence, never stitches words from across a paragraph into what the source never said."""
_WORDS = re.compile(r"[\w']+")
_NOT_PROSE = frozenset(("id", "from_", "to", "source", "quote", "paragraphs", "citation_quotes"))


def normalise_text(text: str) -> str:
    """Typographic quotes straight, whitespace collapsed, case folded: how quotes are compared."""
    return _SPACE.sub(" ", text.translate(_QUOTES)).strip().casefold()


@dataclass
class _Text:
    lines: list[str]
    grams: set[tuple[str, ...]]


@dataclass
class VerifyReport:
    """What `verify` checked and every problem it found (file, line, record, field, message)."""

    problems: list[Problem] = field(default_factory=list)
    texts: int = 0  # source texts read and matched
    citations: int = 0  # citations checked against a text
    quotes: int = 0  # quotes found
    unchecked: int = 0  # citations of sources without a text

    def as_dict(self) -> dict:
        return {"valid": not self.problems, "texts": self.texts, "citations": self.citations,
                "quotes": self.quotes, "unchecked": self.unchecked,
                "problems": [p.as_dict() for p in self.problems]}


def verify(paths: Iterable[Path], texts: Path) -> VerifyReport:
    """Verify the citations of the data files under `paths` against the texts in folder `texts`.

    A record that fails validation is a problem here too (and its citations go unchecked).
    Returns the report; raises LoadError for a path that is no data file."""
    report = VerifyReport()
    records = []
    for path in data_files(paths):
        for raw in READERS[path.suffix](path):
            record, found = validate_record(raw)
            report.problems.extend(found)
            if record is not None:
                records.append((raw, record))
    sources = {r.id: (raw, r) for raw, r in records if isinstance(r, SourceDocument)}
    read = {sid: _read(raw, source, Path(texts), report) for sid, (raw, source) in sources.items()}
    for raw, record in records:
        if isinstance(record, SourceDocument):  # described from what the texts say of it: none is copied
            for source, text in sorted(read.items()):
                if text is not None:
                    _prose(raw, record, source, text, report)
            continue
        given = record.model_fields_set
        cited = set()
        for index, citation in enumerate(citations_of(record.__dict__)):
            text = read.get(citation["source"])
            if text is None:
                report.unchecked += 1
                continue
            report.citations += 1
            cited.add(citation["source"])
            _check(raw, given, index, citation, text, report)
        for source in sorted(cited):
            _prose(raw, record, source, read[source], report)
    report.problems.sort(key=lambda p: (p.file, p.line or 0, p.message))
    return report


def _read(raw, source: SourceDocument, texts: Path, report: VerifyReport) -> _Text | None:
    if not source.text_file:
        return None
    path = texts / source.text_file
    if not path.is_file():
        report.problems.append(Problem(raw.file, raw.line_of("text_file"), source.id, "text_file",
                                       f"no text at {shown_path(path)}: expected the source's text there (--texts DIR)"))
        return None
    data = path.read_bytes()
    digest = hashlib.sha256(data).hexdigest()
    if source.sha256 and digest != source.sha256:
        report.problems.append(Problem(raw.file, raw.line_of("sha256"), source.id, "sha256",
                                       f"{shown_path(path)} has sha256 {digest}: expected {source.sha256} (another text?)"))
        return None
    report.texts += 1
    lines = data.decode("utf-8").split("\n")
    if lines and lines[-1] == "":  # the newline ending the last line starts no line (as `wc -l` counts)
        lines.pop()
    words = _WORDS.findall(normalise_text(" ".join(lines)))
    grams = {tuple(words[i:i + COPIED_WORDS]) for i in range(len(words) - COPIED_WORDS + 1)}
    return _Text(lines, grams)


def _check(raw, given, index: int, citation: dict, text: _Text, report: VerifyReport) -> None:
    def problem(name: str, message: str) -> None:
        where = citation_field(given, index, name)
        report.problems.append(Problem(raw.file, raw.line_of(where), raw.name, where,
                                       f"{citation['source']}: {message}"))

    missing = [p for p in citation["paragraphs"] or () if p > len(text.lines) or not text.lines[p - 1].strip()]
    if missing:
        problem("paragraphs", f"paragraph {', '.join(map(str, missing))} does not exist "
                              f"(the text has {counted(len(text.lines), 'line')}; blank lines are no paragraphs)")
        return
    if not citation["quote"]:
        return
    paragraphs = citation["paragraphs"]
    where = f"paragraph {', '.join(map(str, paragraphs))}" if paragraphs else "the text"
    body = normalise_text(" ".join(text.lines[p - 1] for p in paragraphs) if paragraphs else " ".join(text.lines))
    at = None
    parts = [w for w in (normalise_text(part).strip(" ,;:") for part in _ELISION.split(citation["quote"])) if w]
    for wanted in parts:
        if len(parts) > 1 and len(_WORDS.findall(wanted)) < ELIDED_PART_WORDS:
            problem("quote", f"quote part {wanted!r}: each part of an elided quote needs at least "
                             f"{ELIDED_PART_WORDS} words (a shorter one is found in any text)")
            return
        found = body.find(wanted, at or 0)
        if found < 0:
            later = "" if body.find(wanted) < 0 else " after the part before it"
            problem("quote", f"{where}: quote part {wanted!r} not found{later}")
            return
        if at is not None and found - at > ELIDED_GAP:
            problem("quote", f"{where}: quote part {wanted!r} is {found - at:,} characters after the part before "
                             f"it: an elision leaves out at most {ELIDED_GAP} (quote the parts as two citations)")
            return
        at = found + len(wanted)
    report.quotes += 1


def _prose(raw, record, source: str, text: _Text, report: VerifyReport) -> None:
    for name, value in record.__dict__.items():
        if name in _NOT_PROSE:
            continue
        for one in value if isinstance(value, list) else [value]:
            if not isinstance(one, str):
                continue
            words = _WORDS.findall(normalise_text(one))
            for i in range(len(words) - COPIED_WORDS + 1):
                if tuple(words[i:i + COPIED_WORDS]) in text.grams:
                    report.problems.append(Problem(
                        raw.file, raw.line_of(name), raw.name, name,
                        f"repeats {COPIED_WORDS}+ consecutive words of {source} "
                        f"({' '.join(words[i:i + COPIED_WORDS])!r}): expected facts and short quotes, "
                        f"never the source's prose"))
                    break
