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
from casegraph.loaders.yaml_files import MAX_DEPTH
from casegraph.schemas.text import clip

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

    Raises LoadError for a repeated header column, a row with more cells than
    the header, or a quote left open (naming the line the row starts on).
    """
    name = str(path)
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
                    raise LoadError([Problem(name, line, None, None,
                                             f"more cells than the {len(header)} columns of the header")])
                data = {key: value for key, value in zip(header, cells) if value != ""}
                yield RawRecord(name, line, data, text_cells=True)
        except csv.Error as error:
            message = str(error)
            if "end of data" in message:
                message = "a quoted cell is never closed (a `\"` is missing)"
            raise LoadError([Problem(name, end + 1, None, None, f"not valid CSV: {message}")]) from None


class _Refused(ValueError):
    pass


def _pairs(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    data: dict[str, Any] = {}
    for key, value in pairs:
        if key in data:
            raise _Refused(f"duplicate key {clip(key)}: a record states each field once")
        data[key] = value
    return data


def _integer(text: str) -> int:
    if len(text.lstrip("-")) > _DIGITS:
        raise _Refused(f"a number of {len(text)} digits: no field holds it")
    return int(text)


def _constant(text: str) -> float:
    raise _Refused(f"{text} is not a number JSON allows")


def _depth(value: Any, level: int = 1) -> int:
    if level > MAX_DEPTH:
        return level
    children = value.values() if isinstance(value, dict) else value if isinstance(value, list) else ()
    return max((_depth(child, level + 1) for child in children), default=level)


def read_jsonl(path: Path) -> Iterator[RawRecord]:
    """Yield one record per non-blank line (a JSON object).

    Raises LoadError (file, line, what was expected) for text that is not
    JSON, a repeated key (its line, twice: a JSONL record is one line), NaN or
    Infinity, an integer longer than any field holds, or nesting deeper than
    MAX_DEPTH.
    """
    name = str(path)
    with path.open(encoding="utf-8-sig") as handle:
        for number, text in enumerate(handle, start=1):
            if not text.strip():
                continue
            try:
                data = json.loads(text, object_pairs_hook=_pairs, parse_int=_integer, parse_constant=_constant)
            except json.JSONDecodeError as error:
                raise LoadError([Problem(name, number, None, None,
                                         f"not valid JSON: {error.msg} at column {error.colno}")]) from None
            except _Refused as error:
                message = str(error)
                if message.startswith("duplicate key"):  # a JSONL record is one line: both are on it
                    message = message.replace(":", f": stated twice on line {number};", 1)
                raise LoadError([Problem(name, number, None, None, message)]) from None
            except RecursionError:
                raise LoadError([Problem(name, number, None, None,
                                         f"nested more than {MAX_DEPTH} levels deep")]) from None
            if not isinstance(data, dict):
                raise LoadError([Problem(name, number, None, None,
                                         "expected a JSON object (a record) on each line")])
            if _depth(data) > MAX_DEPTH:
                raise LoadError([Problem(name, number, None, None, f"nested more than {MAX_DEPTH} levels deep")])
            yield RawRecord(name, number, data)
