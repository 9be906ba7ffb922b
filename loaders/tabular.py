"""Bulk data: CSV (one record per row) and JSONL (one record per line).

A row says what it is with a `kind` (node) or `rel` (relationship) column.
In CSV, every cell is text: an empty cell is a missing value, list fields
are `;`-separated and numbers and booleans are parsed by the validator
(`RawRecord.text_cells`). CSV is read as spreadsheets write it: a
byte-order mark before the header (Excel's "CSV UTF-8") is dropped. A
repeated header column, a repeated JSON key, an unclosed quote, `NaN`, and
JSON nested deeper than `MAX_DEPTH` are errors with their line.
"""

from __future__ import annotations

import csv
import json
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
    """Yield one record per row (its line = the line the row starts on).

    Raises LoadError, after the last row it can read, for every row with more
    cells than the header and a quote left open (naming the line the row starts
    on: the rows after it cannot be told apart); at once for a repeated header
    column (which cell is which field cannot be told).
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
            for cells in reader:
                line, end = end + 1, reader.line_num
                if len(cells) > len(header):
                    problems.append(Problem(name, line, None, None,
                                            f"more cells than the {counted(len(header), 'column')} of the header"))
                    continue
                data = {key: value for key, value in zip(header, cells) if value != ""}
                yield RawRecord(name, line, data, text_cells=True)
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
    """Yield one record per non-blank line (a JSON object), then raise LoadError with a problem (file, line,
    what was expected) for every line that is not one: text that is not JSON, a repeated key (its line,
    twice: a JSONL record is one line), NaN or Infinity, an integer longer than any field holds, nesting
    too deep for the parser (shallower nesting past MAX_DEPTH is refused field by field, by the value
    checks), a value that is not an object. A bad line never hides the next one's problems."""
    name = str(path)
    problems = []
    with path.open(encoding="utf-8-sig") as handle:
        for number, text in enumerate(handle, start=1):
            if not text.strip():
                continue
            try:
                data = _DECODER.decode(text)
            except json.JSONDecodeError as error:
                problems.append(Problem(name, number, None, None,
                                        f"not valid JSON: {error.msg} at column {error.colno}"))
                continue
            except _Refused as error:
                message = str(error)
                if message.startswith("duplicate key"):  # a JSONL record is one line: both are on it
                    message = message.replace(":", f": stated twice on line {number};", 1)
                problems.append(Problem(name, number, None, None, message))
                continue
            except RecursionError:
                problems.append(Problem(name, number, None, None, f"nested more than {MAX_DEPTH} levels deep"))
                continue
            if not isinstance(data, dict):
                problems.append(Problem(name, number, None, None, "expected a JSON object (a record) on each line"))
                continue
            yield RawRecord(name, number, data)
    if problems:
        raise LoadError(problems)
