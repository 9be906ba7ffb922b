"""Parameters as a user types them (`--param KEY=VALUE`), read one way for every engine.

A value that parses as JSON is that JSON value (`2012` is a number, `true` a
boolean, `[1, 2]` a list, `null` null); anything else is text. Quote a value
to keep it text: `--param 'y="2012"'`. Catalog queries then convert each value
to the type their header declares (`Parameter.convert`), which never reads
quoted text (`Quoted`) as a number or yes/no: the user said it is text; ad-hoc
queries get the value as parsed, so LadybugDB and Neo4j compare `c.year_start = $y` alike.
"""

from __future__ import annotations

import json
from typing import Any, Iterable

from casegraph.queries.catalog import QueryError, Quoted

__all__ = ["parse_value", "parse_params"]


def parse_value(text: str) -> Any:
    """`text` as its JSON value when it parses as JSON (a JSON string as `Quoted` text), else the text itself."""
    try:
        value = json.loads(text)
    except ValueError:
        return text
    return Quoted(value) if isinstance(value, str) else value


def parse_params(pairs: Iterable[str]) -> dict[str, Any]:
    """`["KEY=VALUE", ...]` -> `{KEY: value}` (see the module docstring). Raises `QueryError` for a pair
    without `=`, and for a KEY given twice: which value was meant cannot be told (the explorer's rule for a
    URL's parameter, `explorer.params.Takes`)."""
    params: dict[str, Any] = {}
    keys: list[str] = []
    for pair in pairs:
        key, sep, value = pair.partition("=")
        if not sep or not key.strip():
            raise QueryError(f"--param {pair!r}: expected KEY=VALUE")
        keys.append(key.strip())
        params[key.strip()] = parse_value(value)
    repeated = next((key for key in keys if keys.count(key) > 1), None)
    if repeated:
        raise QueryError(f"--param {repeated}: given {keys.count(repeated)} times; give it once")
    return params
