"""Run a catalog query on a store view: bind parameters, pick the engine's text."""

from __future__ import annotations

from typing import Any

from casegraph.graph.store import Result, View
from casegraph.queries.catalog import Query, QueryError, get_query

__all__ = ["run_query", "run_named"]


def _sortable(value: Any) -> tuple:
    return (value is None, str(type(value)), value if value is not None else 0)


def run_query(view: View, query: Query, params: dict[str, Any] | None = None) -> Result:
    """Run one catalog query; list columns declared as sets come back sorted.

    Ids are checked first (`queries.ids`): an unknown id raises `NodeNotFound` with the
    closest matches; a bad parameter or an engine failure raises `QueryError`."""
    from casegraph.queries.ids import resolve_ids

    bound = resolve_ids(view, query, query.bind(params or {}))
    try:
        result = view.run(query.text(view.engine), bound)
    except QueryError:
        raise
    except Exception as error:  # the engine's message, pointed at the query file
        raise QueryError(f"{query.path}:{query.body_line}: query {query.name!r} failed on "
                         f"{view.engine}: {error}") from error
    for column in query.header.sort_lists:
        if column in result.columns:
            index = result.columns.index(column)
            for row in result.rows:
                if isinstance(row[index], list):
                    row[index] = sorted(row[index], key=_sortable)
    return result


def run_named(view: View, name: str, params: dict[str, Any] | None = None) -> Result:
    return run_query(view, get_query(name), params)
