"""Bulk data: CSV (one record per row) and JSONL (one record per line).

A row says what it is with a `kind` (node) or `rel` (relationship) column.
In CSV, every cell is text: an empty cell is a missing value, list fields
are `;`-separated and numbers and booleans are parsed by the validator
(`RawRecord.text_cells`). CSV is read as spreadsheets write it: a
byte-order mark before the header (Excel's "CSV UTF-8") is dropped. A
repeated header column, a repeated JSON key, an unclosed quote, `NaN`, and
JSON nested deeper than `MAX_DEPTH` are errors with their line; a row or
line that cannot be read whole is one failed record, named by the fields
that could be read (its id), so that references to it are not reported again.
"""

from __future__ import annotations

import csv
import json
import re
from pathlib import Path
from typing import Any, Iterator

from casegraph.loaders.problems import LoadError, Problem
from casegraph.loaders.raw import RawRecord
from casegraph.schemas.text import MAX_DEPTH, clip
from casegraph.schemas.words import counted

__all__ = ["read_csv", "read_jsonl"]

_DIGITS = 40
"""Longer JSON integers are refused before Python parses them (no field holds them)."""


def _header(name: str, fields: list[str]) -> None:
    seen: dict[str, int] = {}
    for column, field in enumerate(fields, start=1):
        if field in seen:
            raise LoadError([Problem(name, 1, None, field,
                                     f"duplicate column {clip(field)} in the header: columns {seen[field]} "
                                     f"and {column}; a record states each field once")])
        seen[field] = column


def read_csv(path: Path) -> Iterator[RawRecord]:
    """Yield one record per row (its line = the line the row starts on, its position = its row).

    A row with more cells than the header is yielded `broken` (`RawRecord`), with the cells the header
    names (its id among them). Raises LoadError, after the last row it can read, for a quote left open
    (naming the line the row starts on: the rows after it cannot be told apart); at once for a repeated
    header column (which cell is which field cannot be told).
    """
    name = str(path)
    problems = []
    with path.open(newline="", encoding="utf-8-sig") as handle:
        reader = csv.reader(handle, strict=True)
        end = 0  # the last line of the previous row
        try:
            header = next(reader, None)
            if header is None:
                return
            _header(name, header)
            end = reader.line_num
            for position, cells in enumerate(reader, start=1):
                line, end = end + 1, reader.line_num
                data = {key: value for key, value in zip(header, cells) if value != ""}
                broken = None
                if len(cells) > len(header):
                    broken = (f"{counted(len(cells), 'cell')}, more than the {counted(len(header), 'column')} "
                              f"of the header: expected one cell per column (a cell holding a comma is quoted: "
                              f"\"a, b\")")
                yield RawRecord(name, line, data, text_cells=True, broken=broken, position=position)
        except csv.Error as error:  # the rest of the file cannot be told apart into rows: the last problem
            message = str(error)
            if "end of data" in message:
                message = "a quoted cell is never closed (a `\"` is missing)"
            problems.append(Problem(name, end + 1, None, None, f"not valid CSV: {message}"))
    if problems:
        raise LoadError(problems)


class _Refused(ValueError):
    pass


def _pairs(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    data = dict(pairs)
    if len(data) == len(pairs):  # no key repeated (nearly every object): made in C
        return data
    data = {}
    for key, value in pairs:
        if key in data:
            raise _Refused(f"duplicate key {clip(key)}: a record states each field once")
        data[key] = value
    return data


def _integer(text: str) -> int:
    if len(text) > _DIGITS and len(text.lstrip("-")) > _DIGITS:
        raise _Refused(f"a number of {len(text)} digits: no field holds it")
    return int(text)


def _constant(text: str) -> float:
    raise _Refused(f"{text} is not a number JSON allows")


_DECODER = json.JSONDecoder(object_pairs_hook=_pairs, parse_int=_integer, parse_constant=_constant)
"""One decoder for every line (json.loads with hooks would build one per call)."""


def read_jsonl(path: Path) -> Iterator[RawRecord]:
    """Yield one record per non-blank line (a JSON object; its position counts the non-blank lines). A line
    that is not one is yielded `broken` (`RawRecord`) with its problem (what was expected) and the fields
    read before it went wrong (`_fields_before`): text that is not JSON, a repeated key (its line, twice: a
    JSONL record is one line), NaN or Infinity, an integer longer than any field holds, nesting too deep for
    the parser (shallower nesting past MAX_DEPTH is refused field by field, by the value checks), a value
    that is not an object. A bad line never hides the next one's problems."""
    name = str(path)
    position = 0
    with path.open(encoding="utf-8-sig") as handle:
        for number, text in enumerate(handle, start=1):
            if not text.strip():
                continue
            position += 1
            try:
                data = _DECODER.decode(text)
            except json.JSONDecodeError as error:
                broken = f"not valid JSON: {error.msg} at column {error.pos + 1}"  # of the line, also at its end
            except _Refused as error:
                broken = str(error)
                if broken.startswith("duplicate key"):  # a JSONL record is one line: both are on it
                    broken = broken.replace(":", f": stated twice on line {number};", 1)
            except RecursionError:
                broken = f"nested more than {MAX_DEPTH} levels deep"
            else:
                if isinstance(data, dict):
                    yield RawRecord(name, number, data, position=position)
                    continue
                broken = "expected a JSON object (a record) on each line"
            yield RawRecord(name, number, _fields_before(text), broken=broken, position=position)


_SPACE = re.compile(r"[ \t\n\r]*")


def _fields_before(text: str) -> dict[str, Any]:
    """The top-level fields of a line that failed as a JSON object, read up to the first that cannot be
    (the first value of a repeated key): enough to name the record, as far as the line allows."""
    data: dict[str, Any] = {}
    skip = _SPACE.match
    at = skip(text).end()
    if not text.startswith("{", at):
        return data
    at += 1
    try:
        while True:
            key, at = _DECODER.scan_once(text, skip(text, at).end())
            at = skip(text, at).end()
            if not isinstance(key, str) or not text.startswith(":", at):
                return data
            value, at = _DECODER.scan_once(text, skip(text, at + 1).end())
            data.setdefault(key, value)
            at = skip(text, at).end()
            if not text.startswith(",", at):
                return data
            at += 1
    except (StopIteration, ValueError, RecursionError):  # `_Refused` and JSONDecodeError are ValueErrors
        return data
