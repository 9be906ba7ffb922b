"""List properties in formats that cannot hold lists: JSON arrays in strings.

GraphML and GEXF have no list type that networkx writes or Gephi reads
back faithfully (networkx refuses list attributes in GraphML, and treats a
list in GEXF as dynamic spells), and CSV has none at all. casegraph writes a
list property as a JSON array in a string attribute: `["Child O", "O"]`,
`[7, 8]`. Why JSON rather than `;`-joined: it keeps element types (paragraph
numbers stay numbers), survives values that contain `;` or commas, an empty
list stays distinguishable from a missing one, and every tool can parse it.
Gephi shows it as a string column.

Which properties are lists comes from the schema (a column typed `X[]`); no
property name is a list in one type and a scalar in another (tested).
"""

from __future__ import annotations

import json
from functools import cache
from typing import Any

import orjson

__all__ = ["list_columns", "column_types", "encode_list", "encode_lists", "decode_lists"]


@cache
def column_types() -> dict[str, str]:
    """Every stored property name -> its store type (STRING, INT64, DOUBLE, BOOLEAN, X[])."""
    from casegraph.schemas import schema

    types: dict[str, str] = {}
    for owner in (*schema().nodes, *schema().rels):
        for column in owner.columns:
            types.setdefault(column.name, column.type)
    return types


def list_columns() -> frozenset[str]:
    return frozenset(name for name, kind in column_types().items() if kind.endswith("[]"))


def encode_list(value: list | tuple) -> str:
    """A list as a compact JSON array (`["Child O","O"]`, `[7,8]`: no spaces, other than ASCII
    as it is), by orjson: a fifth of the time of `json`'s C encoder for the short lists of a
    record (45,000 lists a borough at 100,000 cases: 9 ms against 88). The same text as
    `json.dumps(value, ensure_ascii=False, separators=(",", ":"))`, but for a float that needs
    an exponent (`1e16`, not `1e+16`: the same number). Raises `TypeError` for a value JSON
    cannot hold (the unfit-value guard refuses such values first)."""
    return orjson.dumps(value).decode()


def encode_lists(properties: dict[str, Any]) -> dict[str, Any]:
    """A copy with every list value as a compact JSON array string."""
    return {key: encode_list(value) if isinstance(value, (list, tuple)) else value
            for key, value in properties.items()}


def decode_lists(properties: dict[str, Any], keys: frozenset[str] | set[str] | None = None) -> dict[str, Any]:
    """Undo `encode_lists` for the given keys (default: the schema's list columns)."""
    keys = list_columns() if keys is None else keys
    decoded = dict(properties)
    for key in keys:
        value = decoded.get(key)
        if isinstance(value, str):
            decoded[key] = json.loads(value)
    return decoded
