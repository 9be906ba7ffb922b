"""The public version of a fact that cites public and restricted sources.

A citation of a restricted source is itself restricted (issue 11). So a fact
citing only restricted sources becomes restricted (with a warning,
`loaders.safety.restrict_restricted_citations`), and a fact citing public and
restricted sources stays public with its public citations only. What the
public profile shows of such a fact is what its public citations alone give:
its records are taken again, each without its restricted citations (a record
citing only restricted sources drops out, with every value it states), and
merged by the same `merge_rows` as every fact; `derive_citations` then dates
them and derives the current status (with its date and source), the
independent-source count and the contested values, as for every fact. A
record's own `source`, `paragraphs`, `locator` and `quote` are its first
kept citation's until `derive_citations` makes them those of the citation
giving its current status (`lineage.cite_status`, as for every fact).

The versions are collected while `resolve` merges (before the merge changes
the rows) and only for facts that cite a restricted source; the public
projection (`graph.profile.public_dataset`) puts them in place of the facts.
"""

from __future__ import annotations

from typing import Any

from casegraph.loaders.columns import ColumnTable, Collected
from casegraph.loaders.lineage import citation_at, cite_status
from casegraph.loaders.merge import merge_rows
from casegraph.loaders.problems import Problem
from casegraph.schemas.citations import CITATION_COLUMNS
from casegraph.schemas.nodes import SourceDocument

__all__ = ["PublicVersions", "restricted_sources"]


def restricted_sources(collected: Collected) -> frozenset[str]:
    """The ids of the restricted source documents of a load."""
    sources = collected.nodes.get(SourceDocument.label)
    if sources is None:
        return frozenset()
    return frozenset(i for i, s in zip(sources["id"], sources["sensitivity"]) if s == "restricted")


class PublicVersions:
    """Public versions of the facts citing a restricted source: a table of rows per table key (a node
    label, or a relationship's (type, from label, to label)), one row per fact with a public citation."""

    def __init__(self, hidden: frozenset[str] = frozenset()):
        self.hidden = hidden
        self.tables: dict[Any, ColumnTable] = {}
        self.cited_at: dict[tuple[str, str], Problem] = {}
        """(table name, fact id) -> where the fact's first restricted citation is (file, line, record,
        field; no message): the record that cites it, not the fact's first record."""

    def facts_citing_hidden(self, table: ColumnTable, first_of: dict[int, int]) -> dict[int, list[int]]:
        """The facts of `table` that cite a restricted source: first row -> every row stating the fact
        (`first_of` maps a restating row to its fact's first row; any other row is a first row)."""
        if not self.hidden or "citation_sources" not in table.values:
            return {}
        touched: dict[int, list[int]] = {}
        hidden, seen = self.hidden, {}
        for row, cited in enumerate(table["citation_sources"]):
            hit = seen.get(id(cited))  # most rows share their source lists (`schemas.common._shared_list`)
            if hit is None:
                hit = seen[id(cited)] = not hidden.isdisjoint(cited)
            if hit:
                touched.setdefault(first_of.get(row, row), [])
        for later, first in first_of.items():
            if first in touched:
                touched[first].append(later)
        return {first: [first, *sorted(later)] for first, later in touched.items()}

    def add(self, key: Any, table: ColumnTable, rows: list[int], replace: dict[str, Any] | None = None) -> None:
        """Add the public version of the fact stated by `rows` of `table` (in load order; `replace`
        gives resolved values, e.g. endpoints, for all of them); nothing if no row has a public citation.
        Call it before the rows merge."""
        fact_id = (replace or {}).get("id") or table["id"][rows[0]]
        self.cited_at[(table.name, fact_id)] = self._first_hidden(table, rows)
        side = table.take(rows, {c: [v] * len(rows) for c, v in (replace or {}).items()}, copy=True)
        kept = [row for row in range(len(side)) if self._strip(side, row)]
        if not kept:
            return
        side = side.take(kept)
        if len(side) > 1:
            merge_rows(side, {0: list(range(1, len(side)))})  # its problems: the whole fact's, reported by `resolve`
        target = self.tables.get(key)
        if target is None:
            target = self.tables[key] = ColumnTable(table.name)
        target.append(tuple(values[0] for values in side.values.values()), side.files[0], side.lines[0],
                      side.field_lines.get(0), side.given[0])

    def _first_hidden(self, table: ColumnTable, rows: list[int]) -> Problem:
        row, index = next((row, index) for row in rows
                          for index, source in enumerate(table["citation_sources"][row]) if source in self.hidden)
        field, line = citation_at(table, row, index)
        origin = table.origin(row)
        return Problem(origin.file, line, origin.name, field, "")

    def _strip(self, table: ColumnTable, row: int) -> bool:
        """Drop a row's restricted citations in place; False if it has none left."""
        values = table.values
        cited = values["citation_sources"][row]
        keep = [i for i, source in enumerate(cited) if source not in self.hidden]
        if not keep:
            return False
        for column in CITATION_COLUMNS:
            items = values[column][row]
            values[column][row] = [items[i] for i in keep]
        cite_status(table, row, 0)  # its own citation fields: the first kept citation's, until derived
        return True
