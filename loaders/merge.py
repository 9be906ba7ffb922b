"""Records that state the same fact become one fact, with every citation; disagreements are kept.

The identity rule: two node records state the same node when they have the
same id (and kind); two relationship records state the same relationship when
they have the same explicit `id`, or, without one, the same type, resolved
endpoints and qualifiers (e.g. `role`), whatever their sources
(`Relationship.key`). The merged fact keeps the first record's row, with:

- every citation of every record, in load order (a citation given twice
  counts once: `lineage.drop_repeated_citations`, run after the merge);
- `sensitivity: restricted` if any record says so (the stricter wins);
- `note` and `basis` every distinct text, joined with " / ";
- any other field: the value the records give. Where two records give
  different values (a period of 2011 and 2012), nothing is overwritten:
  `contested_fields`, `contested_values` (JSON) and `contested_sources` list
  every value with the sources that give it, and the field shows the value
  `settle_contested` picks once citations are dated, whatever the order of
  files and records. Only fields a record states count (`ColumnTable.given`):
  a record that leaves a field out does not contest it, and its sources are
  not credited with it: where some of the fact's sources state a field and
  others do not, `partial_fields` and `partial_sources` name the sources
  that state it (`schemas.citations.stating_sources` reads them), so no
  output shows a value beside a citation that never gave it.

A list field (aliases, outcomes, findings, ...) is one value like any other:
two lists are the same value when they hold the same items (order and
repeats aside), and different otherwise, also when one only adds items.
A union would credit each item to every source, also to a source that never
gave it (a court report's "died" shown as the newspaper's); kept apart, each
list stays with the sources that give it.

One source cannot disagree with itself: two records citing the same source
that give one field different values are an error (`merge_rows` returns
it, at the later record, naming the earlier one's file and line), not a
contest between sources.

The shown value of a contested field (`settle_contested`): the value of the
latest-dated citation (its `as_of`, else its source's publication date; a
year counts as before its months), as the current claim status is the latest
one; a tie goes to the value more sources give, then to the value whose
smallest source id sorts first. Every output that shows the field marks it
contested, with each value and its sources.
"""

from __future__ import annotations

import json
from functools import cache
from typing import Any

from casegraph.loaders.columns import ColumnTable
from casegraph.loaders.problems import Problem
from casegraph.schemas.citations import CITATION_COLUMNS, CONTESTED_COLUMNS, PARTIAL_COLUMNS
from casegraph.schemas import schema
from casegraph.schemas.common import minimum_flags, parse_period
from casegraph.schemas.text import shown_path

__all__ = ["merge_rows", "settle_contested", "NOT_COMPARED"]

NOT_COMPARED = frozenset((
    "id", "from", "to", "source", "paragraphs", "locator", "quote", "status", "status_as_of",
    "status_source", "independent_sources", "sensitivity", "note", "basis", "year_start", "year_end",
    *CITATION_COLUMNS, *CONTESTED_COLUMNS, *PARTIAL_COLUMNS,
))
"""Columns that are provenance (merged as citations) or derived, never compared as values."""

_COMPANIONS = {"period": ("year_start", "year_end")}
"""Derived columns that follow the value chosen for a field."""

_JOINED = ("note", "basis")


@cache
def _minimum_flags() -> frozenset[str]:
    """Every field saying a count is a minimum (`schemas.common.minimum_flags`): stated with its count
    (`loaders.columns._given`), so the sources stating it are the count's, never listed apart."""
    return frozenset(flag for node in schema().nodes for flag in minimum_flags(node.model).values())


def merge_rows(table: ColumnTable, groups: dict[int, list[int]]) -> list[Problem]:
    """Merge each group's later rows into its first, in place (the caller then drops the later rows);
    return the problems: a source giving one field two values (see the module docstring).

    `groups` maps a first row to the rows restating it, in load order."""
    values = table.values
    problems: list[Problem] = []
    compared = [c for c in table.columns if c not in NOT_COMPARED]
    for first, later in groups.items():
        rows = [first, *later]
        table.restated[first] = [table.origin(row) for row in later]  # what a later check names too
        sources = {row: values["citation_sources"][row] for row in rows}
        for column in CITATION_COLUMNS:
            values[column][first] = [v for row in rows for v in values[column][row]]
        if "restricted" in (values["sensitivity"][row] for row in rows):
            values["sensitivity"][first] = "restricted"
        for column in _JOINED:
            texts = list(dict.fromkeys(values[column][row] for row in rows if values[column][row]))
            values[column][first] = " / ".join(texts) or None
        contested: list[tuple[str, str, str]] = []
        partial: list[tuple[str, str]] = []
        for column in compared:
            _merge_field(table, column, rows, sources, contested, problems, partial)
        for column, items in zip(CONTESTED_COLUMNS, zip(*contested) if contested else ((), (), ())):
            values[column][first] = list(items)
        partial = [item for item in partial if item[0] not in _minimum_flags()]  # credited as their counts are
        for column, items in zip(PARTIAL_COLUMNS, zip(*partial) if partial else ((), ())):
            values[column][first] = list(items)
    return problems


def _merge_field(table: ColumnTable, column: str, rows: list[int], sources: dict, contested: list,
                 problems: list[Problem], partial: list) -> None:
    values, first = table.values[column], rows[0]
    stating = [row for row in rows if column in table.given_fields(row)]
    if not stating:
        return
    if len(stating) < len(rows):  # a record leaving the field out: its sources are credited only if others state it
        named = dict.fromkeys(s for row in stating for s in sources[row])
        if any(s not in named for row in rows for s in sources[row]):
            partial.append((column, ";".join(named)))
    by_value: dict[str, list[int]] = {}  # a value's comparison key -> the rows giving it
    for row in stating:
        by_value.setdefault(_same(values[row]), []).append(row)
    chosen = stating[0]
    values[first] = values[chosen]
    for companion in _COMPANIONS.get(column, ()):
        table.values[companion][first] = table.values[companion][chosen]
    if len(by_value) < 2:
        return
    given_by: dict[str, int] = {}  # source -> the first row citing it
    for row in stating:
        for source in dict.fromkeys(sources[row]):
            earlier = given_by.setdefault(source, row)
            if _same(values[earlier]) != _same(values[row]):
                problems.append(_self_contradiction(table, column, source, earlier, row))
    for at in by_value.values():
        named = dict.fromkeys(s for row in at for s in sources[row])
        contested.append((column, _key(values[at[0]]), ";".join(named)))


def _self_contradiction(table: ColumnTable, column: str, source: str, earlier: int, row: int) -> Problem:
    origin, other = table.origin(row), table.origin(earlier)
    return Problem(origin.file, origin.line_of(column), origin.name, column,
                   f"source {source!r} gives {column} {_key(table.values[column][row])} here and "
                   f"{_key(table.values[column][earlier])} at {shown_path(other.file)}:{other.line_of(column)}: "
                   f"one source states one value; correct one of the two records (two records citing one "
                   f"source for one fact are one record: give each fact once per source)")


def _key(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, default=str)


def _same(value: Any) -> str:
    """What two values must share to be the same value: a list's items, whatever their order and repeats."""
    if isinstance(value, (list, tuple)):
        return _key(sorted(set(map(_key, value))))
    return _key(value)


def settle_contested(table: ColumnTable, row: int) -> None:
    """Set each contested field of `row` to the value the module docstring's rule picks, in place.

    Needs the row's dated citations (`citation_as_of` filled in by `derive_citations`)."""
    values = table.values
    dated: dict[str, str] = {}
    for source, as_of in zip(values["citation_sources"][row], values["citation_as_of"][row]):
        dated[source] = max(dated.get(source, ""), as_of or "")
    competing: dict[str, list[tuple]] = {}
    for field, value, named in zip(*(values[c][row] for c in CONTESTED_COLUMNS)):
        sources = named.split(";")
        competing.setdefault(field, []).append((max(dated.get(s, "") for s in sources), len(sources),
                                                min(sources), value))
    for field, ranked in competing.items():
        if field not in values:
            continue
        ranked.sort(key=lambda item: item[2])  # stable: the smaller source id first among equals
        value = json.loads(max(ranked, key=lambda item: item[:2])[3])
        values[field][row] = value
        if field in _COMPANIONS:
            years = parse_period(value)[1:] if value is not None else (None, None)
            for companion, year in zip(_COMPANIONS[field], years):
                values[companion][row] = year
