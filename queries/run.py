"""Run queries on a store view: catalog queries (bound parameters, the engine's text) and ad-hoc ones.

Both run bounded (the view's timeout, and its engine's memory limit: see
`casegraph.graph.limits`). Ad-hoc text passes the read-only guard
(`casegraph.queries.guard`) first; the view's read-only engine is the second layer.
"""

from __future__ import annotations

from typing import Any

from casegraph.graph.store import Result, View
from casegraph.queries.catalog import Query, QueryError, get_query
from casegraph.queries.guard import check_read_only

__all__ = ["run_query", "run_named", "run_adhoc"]


def _sortable(value: Any) -> tuple:
    return (value is None, str(type(value)), value if value is not None else 0)


def run_query(view: View, query: Query, params: dict[str, Any] | None = None) -> Result:
    """Run one catalog query; list columns declared as sets come back sorted."""
    bound = query.bind(params or {})
    try:
        result = view.run(query.text(view.engine), bound, bounded=True)
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


def run_adhoc(view: View, cypher: str, params: dict[str, Any] | None = None) -> Result:
    """Run a user's Cypher text: refused (WriteRefused) unless the guard knows it for one read statement;
    QueryLimitHit when it reaches the view's timeout or memory limit; QueryFailed for the engine's errors."""
    check_read_only(cypher, view.engine)
    return view.run(cypher, params or {}, bounded=True)
