"""What values casegraph holds: text every output can carry, bounded numbers, web links, calendar dates.

One rule for the loaders (which refuse such text with file, line, record and
field) and for every writer (which refuses it before writing a file):

- no control character other than tab and newline (C0, DEL, C1: a form feed
  from pdftotext, a NUL, a carriage return), no surrogate (JSON `\\ud800`
  escapes make them), and not U+FFFE / U+FFFF. XML 1.0 (GraphML, GEXF, SVG)
  cannot hold most of these at all, CSV readers choke on NUL, and a lone
  surrogate cannot be encoded as UTF-8;
- no invisible formatting character that can make a published label read
  other than it is: the bidirectional embeddings, overrides and isolates
  (U+202A-U+202E, U+2066-U+2069, the "Trojan Source" set), the zero-width
  space and word joiner (U+200B, U+2060), a byte-order mark inside text
  (U+FEFF) and the line and paragraph separators (U+2028, U+2029, which
  also end a line in JavaScript). Zero-width (non-)joiners stay allowed:
  Persian, Indic and emoji text needs them;
- a number is finite, and an integer fits 64 bits (what every store and
  format holds; pyarrow would otherwise stop with an OverflowError);
- a URL is `http://` or `https://` with a host, and nothing a link could
  turn into markup or script (no whitespace, quotes, angle brackets or
  backslashes);
- a publication date is `YYYY`, `YYYY-MM` or `YYYY-MM-DD`, and a real day
  of the calendar (`2025-13-45` is refused, not passed on for FollowTheMoney
  to drop).
"""

from __future__ import annotations

import datetime
import math
import os
import re
from typing import Annotated, Any
from urllib.parse import urlsplit

from pydantic import AfterValidator, BeforeValidator, WithJsonSchema

__all__ = ["NOT_BLANK", "NUMBER_TEXT", "UNSAFE_CHARACTERS", "INT64_RANGE", "MAX_DEPTH", "unsafe_character", "text_problem", "value_problem",
           "describe_character", "clip", "shown_path",
           "check_web_url", "is_web_url", "check_date", "refuse_future", "WebUrl", "CalendarDate", "DATE_PATTERN"]

NOT_BLANK = r"\S"
"""The pattern every free-text field matches: some character that is not a space (a summary of "   " says
nothing; JSON Schema's `pattern` and pydantic's both search, so this is "contains", not "is")."""

NUMBER_TEXT = {"int": re.compile(r"[+-]?[0-9]+"), "float": re.compile(r"[+-]?([0-9]+\.?[0-9]*|\.[0-9]+)([eE][+-]?[0-9]+)?")}
"""A number a user writes as text (a parameter, a URL's page, a decade), by type: ASCII digits only. What
Python's `int` and `float` read beyond them (fullwidth or other scripts' digits, `1_000`, `nan`, `inf`)
is no number a user means as one; every reader of a number from text refuses it by this rule."""

UNSAFE_CHARACTERS = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff"
                               "\u200b\u2060\ufeff\u2028\u2029\u202a-\u202e\u2066-\u2069]")
"""Characters no casegraph text may hold (tab and newline are allowed): see the module docstring."""
_FORMATTING = re.compile("[\u200b\u2060\ufeff\u2028\u2029\u202a-\u202e\u2066-\u2069]")

MAX_DEPTH = 32
"""Deepest nesting of lists and mappings a value or data file may have (records need 3)."""

INT64_RANGE = (-(2**63), 2**63 - 1)
"""What every store holds in an INT64 column, and every output can write as a number."""

DATE_PATTERN = r"^\d{4}(-\d{2}(-\d{2})?)?$"
_DATE = re.compile(DATE_PATTERN)
_NOT_IN_URL = r"\s\"'<>\\`{}|^"
"""What a link may not hold: it could end the link or start markup in some output."""
_URL_FORBIDDEN = re.compile(f"[{_NOT_IN_URL}]")


def unsafe_character(text: str) -> tuple[int, str] | None:
    """The first character of `text` no output can hold, as (index, character), or None."""
    match = UNSAFE_CHARACTERS.search(text)
    return (match.start(), match.group()) if match else None


def text_problem(text: str) -> str | None:
    """What makes `text` unfit for casegraph (the character and where), or None."""
    match = UNSAFE_CHARACTERS.search(text)
    if match is None:
        return None
    char = match.group()
    what = ("an invisible formatting character: it can make a published label read other than it is"
            if _FORMATTING.match(char) else "a control character or non-character: no output can carry it")
    return f"holds {describe_character(char)} ({what}) at character {match.start() + 1}; remove it or write a space"


def value_problem(value: Any, depth: int = 0) -> str | None:
    """What makes a property value unfit for every output format, or None.

    Checks text (keys and items of lists and mappings too), numbers (finite,
    integers within 64 bits) and nesting (at most MAX_DEPTH levels).
    """
    if type(value) is int:  # the commonest values first, by exact type (a subclass takes the general path)
        return None if INT64_RANGE[0] <= value <= INT64_RANGE[1] else f"{clip(value)} is beyond 64 bits"
    if isinstance(value, str):
        return text_problem(value)
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, int):
        return None if INT64_RANGE[0] <= value <= INT64_RANGE[1] else f"{clip(value)} is beyond 64 bits"
    if isinstance(value, float):
        return None if math.isfinite(value) else f"{value!r} is not a finite number"
    if depth >= MAX_DEPTH:
        return f"nested more than {MAX_DEPTH} levels deep"
    if isinstance(value, dict):
        items = [item for pair in value.items() for item in pair]
    elif isinstance(value, (list, tuple)):
        items = value
    else:
        return None
    for item in items:
        if type(item) is str:  # most items (a record's lists and keys): one search, no call
            if _UNSAFE(item):
                return text_problem(item)
            continue
        problem = value_problem(item, depth + 1)
        if problem:
            return problem
    return None


_UNSAFE = UNSAFE_CHARACTERS.search


def describe_character(char: str) -> str:
    """`U+000C`: how messages name a character (never the raw character)."""
    return f"U+{ord(char):04X}"


_PATH_UNSAFE = re.compile(f"[\t\n{UNSAFE_CHARACTERS.pattern[1:-1]}]")


def shown_path(path: str | os.PathLike) -> str:
    """A file or folder name as every message prints it: as it is, or, when it holds a character that
    would break the one-line `file:line: record ...: field ...: message` form or hide what it says (a
    newline, a tab, any `UNSAFE_CHARACTERS`: a control, a bidirectional override, an undecodable byte's
    surrogate), quoted with those characters escaped (`'/data/a\\nb.yaml'`), so that it stays one line
    and names the file exactly."""
    text = os.fsdecode(path)
    return repr(text) if _PATH_UNSAFE.search(text) else text


def clip(value: Any, limit: int = 60) -> str:
    """A short `repr` of a value for a message, whatever its size (never `str()` of all of it)."""
    if isinstance(value, str):
        text = repr(value[: limit + 1])
    elif isinstance(value, (bool, float)) or value is None:
        text = repr(value)
    elif isinstance(value, int):
        text = repr(value) if value.bit_length() < 200 else f"an integer of {value.bit_length()} bits"
    else:
        text = f"a {type(value).__name__}"
    return text if len(text) <= limit else text[: limit - 1] + "…"


def check_web_url(value: str) -> str:
    """A web link, unchanged: http(s), a host, no character that could end a link or start markup.

    Raises ValueError saying what was expected.
    """
    expected = "expected an http:// or https:// URL"
    if _URL_FORBIDDEN.search(value) or UNSAFE_CHARACTERS.search(value):
        raise ValueError(f"{expected} without spaces, quotes, angle brackets or backslashes")
    try:
        parts = urlsplit(value)
    except ValueError:
        raise ValueError(expected) from None
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        raise ValueError(expected)
    return value


def is_web_url(value: Any) -> bool:
    """Whether `value` is a web link `check_web_url` accepts (for writers that link only those)."""
    try:
        return isinstance(value, str) and check_web_url(value) == value
    except ValueError:
        return False


def check_date(value: Any) -> Any:
    """`YYYY`, `YYYY-MM` or `YYYY-MM-DD` that the calendar has; a bare integer year becomes text.

    Raises ValueError with the date and what was expected.
    """
    if isinstance(value, int) and not isinstance(value, bool):
        value = str(value)
    if not isinstance(value, str):
        return value  # the str type reports it
    if not _DATE.match(value):
        raise ValueError("expected a date YYYY, YYYY-MM or YYYY-MM-DD")
    year, month, day = (value.split("-") + ["01", "01"])[:3]
    try:
        first = datetime.date(int(year), int(month), int(day))
    except ValueError:
        raise ValueError("not a day of the calendar: expected YYYY, YYYY-MM or YYYY-MM-DD") from None
    refuse_future(value, first)
    return value


def refuse_future(text: str, first: datetime.date) -> None:
    """Raise ValueError for a date (`text`; `first`, its first day: a year's 1 January) after today: a source
    is published, and says what it says, on a day that has come (a typed 2031 for 2013 must not become a
    status's latest word). The one rule for publication dates and citations' `as_of`."""
    today = datetime.date.today()
    if first > today:
        raise ValueError(f"{text} is after today ({today.isoformat()}): a source's date and a status's as_of "
                         "are days that have come")


_URL_PATTERN = f"^[hH][tT][tT][pP][sS]?://[^{_NOT_IN_URL}]+$"
WebUrl = Annotated[str, AfterValidator(check_web_url),
                   WithJsonSchema({"type": "string", "format": "uri", "pattern": _URL_PATTERN})]
"""A source's web address: http(s) only (never `javascript:`), kept exactly as written."""

CalendarDate = Annotated[str, BeforeValidator(check_date),
                         WithJsonSchema({"anyOf": [{"type": "integer"}, {"type": "string", "pattern": DATE_PATTERN}]})]
"""A publication date: YYYY, YYYY-MM or YYYY-MM-DD, checked against the calendar."""
