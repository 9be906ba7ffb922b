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
from casegraph.schemas.text import clip, text_problem, value_problem

__all__ = ["column_types", "check_values"]

_WHOLE = re.compile(r"^[-+]?[0-9]+$")
_DECIMAL = re.compile(r"^[-+]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][-+]?[0-9]+)?$")
_BOOLEAN = re.compile(r"^(?:true|false)$", re.IGNORECASE)


@cache
def column_types(kind: str | None, rel: str | None) -> dict[str, str]:
    """A node kind's or relationship type's field names -> column types (STRING, INT64[], ...)."""
    graph = schema()
    owner = graph.rel(rel) if rel is not None else next(n for n in graph.nodes if n.kind == kind)
    return {column.name: column.type for column in owner.columns}


_TYPES = {
    "INT64": (_WHOLE, int, (int,), "a whole number"),
    "DOUBLE": (_DECIMAL, float, (int, float), "a number"),
    "BOOLEAN": (_BOOLEAN, lambda text: text.lower() == "true", (bool,), "true or false"),
}
"""Column type -> (a CSV cell's form, its parser, the Python types accepted, what messages expect)."""


def _typed(value: Any, kind: str, text_cell: bool) -> Any:
    """`value` checked against a scalar column type (a CSV cell parsed first); ValueError if it is not one."""
    pattern, parse, accepted, expected = _TYPES[kind]
    if text_cell and isinstance(value, str) and len(value) <= 60 and pattern.match(value.strip()):
        value = parse(value.strip())
    if not isinstance(value, accepted) or (isinstance(value, bool) and bool not in accepted):
        raise ValueError(f"expected {expected}, got {clip(value)}")
    problem = value_problem(value)
    if problem:
        raise ValueError(problem)
    return value


def check_values(data: dict[str, Any], types: dict[str, str], text_cells: bool) -> dict[str, str]:
    """Check (and, for CSV cells, parse) `data` in place; return field -> what is wrong.

    `types` maps field names to column types (see `column_types`); a field
    not in it is left for the model to report (its name is checked here).
    """
    problems: dict[str, str] = {}
    for key, value in data.items():
        kind = types.get(key)
        problem = (value_problem(key) if kind is None else None) or (
            text_problem(value) if type(value) is str else value_problem(value))
        if problem:
            problems[key] = problem
        elif kind is not None and kind != "STRING":
            try:
                data[key] = _column_value(value, kind, text_cells)
            except ValueError as error:
                problems[key] = str(error)
    return problems


def _column_value(value: Any, kind: str, text_cells: bool) -> Any:
    """A value of a column other than STRING, checked (a CSV cell parsed); ValueError if it is not one."""
    scalar = kind.removesuffix("[]")
    if scalar == kind:
        return _typed(value, scalar, text_cells) if scalar in _TYPES else value
    if text_cells and isinstance(value, str):
        value = [part.strip() for part in value.split(";") if part.strip()]
    if isinstance(value, list) and scalar in _TYPES:
        return [_typed(item, scalar, text_cells) for item in value]
    return value
