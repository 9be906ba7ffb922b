"""Bulk data: CSV (one record per row) and JSONL (one record per line).

A row says what it is with a `kind` (node) or `rel` (relationship) column.
In CSV, an empty cell is a missing value and list fields are `;`-separated.
"""

from __future__ import annotations

import csv
import json
from pathlib import Path
from typing import Iterator

from casegraph.loaders.problems import LoadError, Problem
from casegraph.loaders.raw import RawRecord

__all__ = ["read_csv", "read_jsonl"]


def read_csv(path: Path) -> Iterator[RawRecord]:
    name = str(path)
    with path.open(newline="", encoding="utf-8") as handle:
        reader = csv.DictReader(handle)
        line = 1
        for row in reader:
            line = reader.line_num
            if None in row:
                raise LoadError([Problem(name, line, None, None,
                                         f"more cells than the {len(reader.fieldnames)} columns of the header")])
            data = {key: value for key, value in row.items() if value not in ("", None)}
            yield RawRecord(name, line, data)


def read_jsonl(path: Path) -> Iterator[RawRecord]:
    name = str(path)
    with path.open(encoding="utf-8") as handle:
        for number, text in enumerate(handle, start=1):
            if not text.strip():
                continue
            try:
                data = json.loads(text)
            except json.JSONDecodeError as error:
                raise LoadError([Problem(name, number, None, None,
                                         f"not valid JSON: {error.msg} at column {error.colno}")]) from None
            if not isinstance(data, dict):
                raise LoadError([Problem(name, number, None, None,
                                         "expected a JSON object (a record) on each line")])
            yield RawRecord(name, number, data)
