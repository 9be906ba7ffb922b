"""One entry per competing value, for answers about contested facts (`competing_values` in a header).

A contested fact is stored as parallel lists: one element per competing
value (`contested_fields`, `contested_values`, `contested_sources`) and one
per citation (`citation_*`). Side by side they do not line up; this turns
them into one `competing` column whose entries each read alone:
`{field, value, sources, citations}`, the citations being those of the
value's sources (source, paragraphs, locator, status, as_of, handling), and
a `citation_handling` column beside it: the 3x5x2 handling code of each
citation the entries show, each once, however many values it supports, so
an answer's notice of handling code C (`graph.values.conditional_in`) counts
each such citation once.
"""

from __future__ import annotations

import json
from typing import Any

from casegraph.schemas.citations import paragraph_numbers

__all__ = ["COMPETING_INPUT", "competing_entries", "shown_handling", "reshape_competing"]

COMPETING_INPUT = ("fields", "values", "value_sources", "sources", "paragraphs", "locators", "statuses", "as_of",
                   "citation_handling")
"""The columns a `competing_values` query returns for the runner to reshape, in this order."""


def competing_entries(fields, values, value_sources, sources, paragraphs, locators, statuses, as_of, handling
                      ) -> list[dict[str, Any]]:
    """The stored lists of one fact -> `[{field, value, sources: [..], citations: [{source,
    paragraphs: [int] or None, locator, status, as_of, handling}]}]`, one entry per competing value, in stored
    order. A citation that supports several values is one dict, shared by their entries (`shown_handling`)."""
    citations = [{"source": s, "paragraphs": paragraph_numbers(para),
                  "locator": loc or None, "status": st or None, "as_of": d or None, "handling": code or None}
                 for s, para, loc, st, d, code in zip(sources or [], paragraphs or [], locators or [],
                                                      statuses or [], as_of or [], handling or [])]
    entries = []
    for field, value, named in zip(fields or [], values or [], value_sources or []):
        giving = named.split(";")
        entries.append({"field": field, "value": json.loads(value), "sources": giving,
                        "citations": [c for c in citations if c["source"] in giving]})
    return entries


def shown_handling(entries: list[dict[str, Any]]) -> list[str]:
    """The handling codes (`P`, `C`, `""` for none) of the citations `entries` (`competing_entries`) show, each
    citation once in the order first shown: a source giving two of the values (a period and a victim
    count) is one citation, under both entries."""
    shown = {id(c): c for entry in entries for c in entry["citations"]}
    return [c["handling"] or "" for c in shown.values()]


def reshape_competing(columns: list[str], rows: list[list[Any]]) -> list[str]:
    """Replace the `COMPETING_INPUT` columns of `rows` (in place) by a `competing` column and a
    `citation_handling` column (`shown_handling`) placed where `fields` was; returns the new column
    names. A column the query does not return counts as empty."""
    at = [columns.index(c) if c in columns else None for c in COMPETING_INPUT]
    drop = {i for i in at if i is not None}
    place = at[0] if at[0] is not None else len(columns)
    before = sum(1 for i in range(place) if i not in drop)
    for number, row in enumerate(rows):
        entries = competing_entries(*(row[i] if i is not None else None for i in at))
        kept = [v for i, v in enumerate(row) if i not in drop]
        kept[before:before] = [entries, shown_handling(entries)]
        rows[number] = kept
    kept_columns = [c for i, c in enumerate(columns) if i not in drop]
    kept_columns[before:before] = ["competing", "citation_handling"]
    return kept_columns
