"""Raw values checked against their column's type before the model sees them.

pydantic's lax mode would accept `True` as the number 1, `"on"` as true,
`2012.0` as 2012 and `"1_000"` as 1000: a value would change without a
word. Here a value must already be of its column's type (a whole number
for INT64, a finite number for DOUBLE, true/false for BOOLEAN, a list for a
list column), within 64 bits; only a CSV cell, which is always text, is
parsed: a whole number in decimal digits, a decimal number, `true`/`false`,
and a list as `a;b;c`. Text anywhere (keys and values, nested too) may not
hold a character `casegraph.schemas.text` refuses.

Column types come from the schema (`Column.type`), never listed here.
"""

from __future__ import annotations

import re
from functools import cache
from typing import Any

from casegraph.schemas import schema
from casegraph.schemas.text import clip, value_problem

__all__ = ["column_types", "check_values"]

_WHOLE = re.compile(r"^[-+]?[0-9]+$")
_DECIMAL = re.compile(r"^[-+]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][-+]?[0-9]+)?$")


@cache
def column_types(kind: str | None, rel: str | None) -> dict[str, str]:
    """A node kind's or relationship type's field names -> column types (STRING, INT64[], ...)."""
    graph = schema()
    owner = graph.rel(rel) if rel is not None else next(n for n in graph.nodes if n.kind == kind)
    return {column.name: column.type for column in owner.columns}


def _whole(value: Any, text_cell: bool) -> Any:
    if text_cell and isinstance(value, str) and _WHOLE.match(value.strip()):
        value = int(value.strip()) if len(value) <= 40 else value
    if isinstance(value, bool) or not isinstance(value, int):
        raise ValueError(f"expected a whole number, got {clip(value)}")
    problem = value_problem(value)
    if problem:
        raise ValueError(problem)
    return value


def _number(value: Any, text_cell: bool) -> Any:
    if text_cell and isinstance(value, str) and _DECIMAL.match(value.strip()):
        value = float(value.strip())
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise ValueError(f"expected a number, got {clip(value)}")
    problem = value_problem(value)
    if problem:
        raise ValueError(problem)
    return value


def _boolean(value: Any, text_cell: bool) -> Any:
    if text_cell and isinstance(value, str) and value.strip().lower() in ("true", "false"):
        value = value.strip().lower() == "true"
    if not isinstance(value, bool):
        raise ValueError(f"expected true or false, got {clip(value)}")
    return value


_CHECKS = {"INT64": _whole, "DOUBLE": _number, "BOOLEAN": _boolean}


def check_values(data: dict[str, Any], types: dict[str, str], text_cells: bool) -> dict[str, str]:
    """Check (and, for CSV cells, parse) `data` in place; return field -> what is wrong.

    `types` maps field names to column types (see `column_types`); a field
    not in it is left for the model to report.
    """
    problems: dict[str, str] = {}
    for key in list(data):
        value = data[key]
        problem = value_problem(key) or value_problem(value)
        if problem:
            problems[key] = problem
            continue
        kind = types.get(key)
        if kind is None:
            continue
        is_list = kind.endswith("[]")
        if is_list and text_cells and isinstance(value, str):
            value = [part.strip() for part in value.split(";") if part.strip()]
        check = _CHECKS.get(kind.removesuffix("[]"))
        try:
            if is_list and isinstance(value, list) and check:
                value = [check(item, text_cells) for item in value]
            elif not is_list and check:
                value = check(value, text_cells)
        except ValueError as error:
            problems[key] = str(error)
            continue
        data[key] = value
    return problems
