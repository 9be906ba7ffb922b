"""Run queries on a store view: catalog queries (bound parameters, the engine's text, paging) and
ad-hoc ones.

Both run bounded (the view's timeout, and its engine's memory limit: see
`casegraph.graph.limits`). Ad-hoc text passes the read-only guard
(`casegraph.queries.guard`) first; the view's read-only engine is the second layer.
"""

from __future__ import annotations

import json
import re
from typing import Any

from casegraph.graph.store import QueryFailed, Result, View
from casegraph.queries.catalog import Query, QueryError, get_query
from casegraph.queries.guard import check_read_only, tokenize
from casegraph.queries.returned import returned_names
from casegraph.schemas.text import shown_path

__all__ = ["run_query", "run_named", "run_adhoc"]


def _sortable(value: Any) -> tuple:
    if isinstance(value, dict):  # {id, name, ...}: by id, then everything else
        return (False, "dict", str(value.get("id")), json.dumps(value, sort_keys=True, default=str))
    return (value is None, str(type(value)), value if value is not None else 0)


_PAGE = re.compile(r"\$(offset|limit)\b")


WRITTEN_PAGES = 2
"""How many first pages of a paged query (at its usual size) LadybugDB runs with `offset` and `limit`
written into the text (`_text`): the first page and the next, what a reader asks for most."""


def _text(engine: str, query: Query, bound: dict[str, Any], labels: dict[str, str]) -> str:
    """The text `engine` runs for the call (`Query.text`). On LadybugDB the first `WRITTEN_PAGES` pages
    of a paged query at its usual size have `offset` and `limit` written into it (integers `Query.bind`
    checked): LadybugDB plans a SKIP or LIMIT given as a parameter again on every run (at 10,000 cases
    case-detail 6.0 -> 1.7 ms of CPU, status-history 19 -> 8 ms, paths-between-cases 155-317 -> 92-187
    ms), a written one once per text. Not every page: its Python client keeps every text's plan for
    good (3 MB for case-detail, 35 MB for paths-between-cases), so a text per page would grow without end."""
    text = query.text(engine, bound, labels)
    page = query.header.page
    if engine != "ladybug" or not page or bound["limit"] != page.limit \
            or bound["offset"] not in range(0, WRITTEN_PAGES * page.limit, page.limit):
        return text
    return _PAGE.sub(lambda match: str(int(bound[match.group(1)])), text)


def _execute(view: View, query: Query, bound: dict[str, Any], labels: dict[str, str]) -> Result:
    try:
        return view.run(_text(view.engine, query, bound, labels), bound, bounded=True)
    except QueryError:
        raise
    except Exception as error:  # the engine's message, pointed at the query file
        raise QueryError(f"{shown_path(query.path)}:{query.body_line}: query {query.name!r} failed on "
                         f"{view.engine}: {error}") from error


def _take_total(query: Query, view: View, bound: dict[str, Any], labels: dict[str, str], result: Result) -> None:
    """A paged query's `total` column -> `result.total` (every row holds the same count). A text may answer
    a page past its last row with one row of a negative total, -1 - the total, standing for no row: then
    the query is not run again to count."""
    index = result.columns.index("total")
    if result.rows and result.rows[0][index] < 0:
        result.total = -1 - result.rows[0][index]
        result.rows.clear()
    elif result.rows:
        result.total = result.rows[0][index]
    elif bound["offset"] == 0:
        result.total = 0
    else:  # a page past the end has no row to carry the total: ask for the first row
        result.total = _first_total(query, view, bound, labels)[1]
    result.columns.pop(index)
    for row in result.rows:
        row.pop(index)


SAFE_SKIP = 5_000
"""The deepest page LadybugDB is asked for without first counting the answer. Its process crashes (a
segmentation fault, no error to catch) on an ORDER BY ... SKIP some 10,000 rows past the end of an
answer (measured on LadybugDB 0.x: 21 rows, SKIP 10,000 ran, SKIP 12,000 crashed; 100,000 rows, SKIP
100,000 ran, SKIP 200,000 crashed), and the explorer with it. So a page from further down runs only
once the first row's `total` says the answer reaches it."""


def _beyond_the_end(query: Query, view: View, bound: dict[str, Any], labels: dict[str, str]) -> Result | None:
    """For a LadybugDB page deeper than SAFE_SKIP: the empty page (its `total` counted from the first row)
    when the answer ends before it, else None (the page may run)."""
    if view.engine != "ladybug" or bound["offset"] <= SAFE_SKIP:
        return None
    columns, total = _first_total(query, view, bound, labels)
    if bound["offset"] < total:
        return None
    empty = Result([c for c in columns if c != "total"], [])
    empty.total = total
    return empty


def _first_total(query: Query, view: View, bound: dict[str, Any], labels: dict[str, str]) -> tuple[list[str], int]:
    """(columns, the whole answer's row count) of a paged query, from a run for its first row alone."""
    first = _execute(view, query, {**bound, "offset": 0, "limit": 1}, labels)
    total = first.rows[0][first.columns.index("total")] if first.rows else 0
    return first.columns, -1 - total if total < 0 else total  # a marker row of a page past the end


def run_query(view: View, query: Query, params: dict[str, Any] | None = None) -> Result:
    """Run one catalog query; list columns declared as sets come back sorted, and an unknown list
    element (stored `""`: an ungraded citation's grade, a missing locator) comes back None
    (`schemas.citations.unknown_in_answer`).

    A paged query (`page` in its header) returns one page, `limit` rows from
    `offset`, and the whole answer's row count in `Result.total`. Raises
    QueryError for a bad parameter or an engine failure (pointing at the file). Ids are
    checked first (`queries.ids`): an unknown id raises `NodeNotFound` with the closest ids."""
    from casegraph.queries.competing import reshape_competing
    from casegraph.queries.ids import resolve_ids
    from casegraph.schemas.citations import unknown_in_answer

    bound, labels = resolve_ids(view, query, query.bind(params or {}))
    result = _beyond_the_end(query, view, bound, labels) if query.header.page else None
    if result is None:
        result = _execute(view, query, bound, labels)
        if query.header.page:
            _take_total(query, view, bound, labels, result)
    for column in query.header.sort_lists:
        if column in result.columns:
            index = result.columns.index(column)
            for row in result.rows:
                if isinstance(row[index], list):
                    row[index] = sorted(row[index], key=_sortable)
    if query.header.competing_values:
        result.columns = reshape_competing(result.columns, result.rows)
    result.rows = [[unknown_in_answer(value) for value in row] for row in result.rows]  # an ungraded grade: null
    return result


def run_named(view: View, name: str, params: dict[str, Any] | None = None) -> Result:
    return run_query(view, get_query(name), params)


def _refuse_deep_skip(cypher: str, params: dict[str, Any], engine: str) -> None:
    """On LadybugDB, refuse (QueryFailed) a SKIP or OFFSET of more than SAFE_SKIP rows, a number or a
    parameter: past the end of an answer it crashes the engine's process (see SAFE_SKIP), and an
    ad-hoc query's answer cannot be counted first."""
    if engine != "ladybug":
        return
    tokens = tokenize(cypher)
    for word, value in zip(tokens, tokens[1:]):
        if word.kind == "word" and word.text.upper() in ("SKIP", "OFFSET"):
            skip = int(value.text) if value.kind == "number" and value.text.isdigit() else \
                params.get(value.text[1:]) if value.kind == "param" else None
            if isinstance(skip, int) and skip > SAFE_SKIP:
                raise QueryFailed(f"refused on LadybugDB: {word.text} {skip:,} (more than {SAFE_SKIP:,}) can crash the "
                                  "engine past the end of an answer; narrow the answer instead, e.g. WHERE n.id > "
                                  "the last id seen, ORDER BY n.id")


def run_adhoc(view: View, cypher: str, params: dict[str, Any] | None = None) -> Result:
    """Run a user's Cypher text: refused (WriteRefused) unless the guard knows it for one read statement;
    QueryLimitHit when it reaches the view's timeout or memory limit; QueryFailed for the engine's errors.
    Its columns are named as the text names them on every engine (`returned_names`); an unknown list element
    (stored `""`: a node's or a column's `citation_reliability`) comes back None, as in a catalog answer
    (`schemas.citations.unknown_in_answer`)."""
    from casegraph.schemas.citations import unknown_in_answer

    check_read_only(cypher, view.engine)
    _refuse_deep_skip(cypher, params or {}, view.engine)
    result = view.run(cypher, params or {}, bounded=True)
    names = returned_names(cypher)
    if names and len(names) == len(result.columns):  # the text's names, not an engine's internal ones
        result.columns = names
    result.rows = [[unknown_in_answer(value) for value in row] for row in result.rows]
    return result
