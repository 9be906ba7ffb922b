"""Records held column by column while a load resolves and checks them.

A validated record is not kept as a model: its values go into one Python list
per column, and where it came from into two more. A pydantic model costs
~870 bytes per record in a large load and a column ~430 (measured in
BENCHMARKS.md); a million-record load must fit on a laptop.
"""

from __future__ import annotations

from array import array
from collections import deque
from functools import cache
from itertools import chain
from operator import itemgetter
from sys import intern
from typing import Any, Callable, Iterable

from pydantic import BaseModel

from casegraph.loaders.raw import RawRecord
from casegraph.schemas.common import minimum_flags
from casegraph.schemas.arrow import ENDPOINT_COLUMNS, arrow_schema
from casegraph.schemas.text import shown_path

__all__ = ["ColumnTable", "Collected", "Tables", "table_columns", "rows_with"]

_each = deque(maxlen=0).extend
"""Runs an iterator to its end, keeping nothing."""

_FIELD = {"from": "from_"}  # a relationship's `from` column is its `from_` field


@cache
def table_columns(label_or_type: str) -> tuple[str, ...]:
    """A table's columns, as its Arrow schema has them (`from` and `to` first for a relationship)."""
    return tuple(arrow_schema(label_or_type).names)


@cache
def _getter(model: type[BaseModel]) -> tuple[str, Callable[[dict], tuple]]:
    """A record type's table name and a function of its `__dict__` giving its row in column order."""
    name = getattr(model, "label", None) or model.type
    fields = [_FIELD.get(c, c) for c in table_columns(name)]
    return name, itemgetter(*fields)


def rows_with(values: list, among: list[int], hit: Callable[[Any], Any]) -> list[int]:
    """The rows of `among` (ascending row numbers of the column `values`), in order, whose value (in a list
    column, one of its items) `hit` is true of. `hit` is asked once per distinct value, never of None: the text
    checks read each distinct text once, then only the rows holding a hit one by one."""
    taken = values if len(among) == len(values) else [values[row] for row in among]  # every row: `among` is 0..n-1
    lists = next((v for v in taken if v is not None), None).__class__ is list
    distinct = set(chain.from_iterable(filter(None, taken))) if lists else set(taken)
    hits = {value for value in distinct if value is not None and hit(value)}
    if not hits:
        return []
    if lists:
        return [among[at] for at, items in enumerate(taken) if items and not hits.isdisjoint(items)]
    return [among[at] for at, value in enumerate(taken) if value in hits]


class ColumnTable:
    """Rows of one node label or relationship type: a list per column, and each row's origin."""

    __slots__ = ("name", "columns", "values", "files", "lines", "field_lines", "given", "is_rel", "restated")

    def __init__(self, name: str, values: dict[str, list[Any]] | None = None):
        self.name = name
        self.columns = table_columns(name)
        self.values = values if values is not None else {c: [] for c in self.columns}
        self.files: list[str | None] = []
        self.lines = array("i")  # each row's line, 0 for none: 4 bytes a row, not an int object and a pointer
        self.field_lines: dict[int, dict[str, int]] = {}  # row -> field lines, where the format has them
        self.given: list[frozenset[str] | None] = []  # the fields each record states (None: all)
        self.is_rel = self.columns[0] == ENDPOINT_COLUMNS[0]
        self.restated: dict[int, list[RawRecord]] = {}  # row -> the later records merged into it (`merge_rows`)

    def __len__(self) -> int:
        return len(self.lines)

    def __getitem__(self, column: str) -> list[Any]:
        return self.values[column]

    def append(self, row: tuple, file: str | None = None, line: int | None = None,
               field_lines: dict[str, int] | None = None, given: frozenset[str] | None = None) -> None:
        _each(map(list.append, self.values.values(), row))  # a value to each column's list, in C
        if field_lines:
            self.field_lines[len(self.lines)] = field_lines
        self.files.append(file)
        self.lines.append(line or 0)
        self.given.append(given)

    def given_fields(self, row: int) -> frozenset[str] | tuple[str, ...]:
        """The columns a row's record stated (every column for a record made in code)."""
        given = self.given[row] if row < len(self.given) else None
        return self.columns if given is None else given

    def also_stated(self, row: int, field: str | None = None) -> str:
        """Where else a merged row's record is stated, for a message about its `field`: "" for a row
        stated once, else " (stated again at FILE:LINE, ...)", each at the line of `field` where known."""
        others = self.restated.get(row)
        if not others:
            return ""
        return " (stated again at " + ", ".join(f"{shown_path(o.file)}:{o.line_of(field)}" for o in others) + ")"

    def origin(self, row: int) -> RawRecord:
        """Where a row came from, named as messages name it (its id, or `TYPE from -> to`)."""
        if self.is_rel:
            data = {"rel": self.name, "from": self.values["from"][row], "to": self.values["to"][row]}
        else:
            data = {"id": self.values["id"][row]}
        return RawRecord(self.files[row], self.lines[row] or None, data, self.field_lines.get(row))

    def concat(self, later: "ColumnTable") -> None:
        """Append the rows of `later`, a table of the same name read after this one (in place)."""
        offset = len(self)
        for column, values in self.values.items():
            values.extend(later.values[column])
        self.files.extend(later.files)
        self.lines.extend(later.lines)
        self.given.extend(later.given)
        self.field_lines.update({offset + row: lines for row, lines in later.field_lines.items()})
        self.restated.update({offset + row: records for row, records in later.restated.items()})

    def take(self, rows: list[int], replace: dict[str, list[Any]] | None = None,
             copy: bool = False) -> "ColumnTable":
        """A table of these rows, in this order; `replace` gives whole new columns for them. Taking
        every row shares the column lists, unless `copy` (for a table that will be changed in place)."""
        replace = replace or {}
        if len(rows) == len(self) and not copy:  # every row, in order: share the lists
            taken = ColumnTable(self.name, {**self.values, **replace})
            taken.files, taken.lines, taken.field_lines = self.files, self.lines, self.field_lines
            taken.given = self.given
            taken.restated = self.restated
            return taken
        taken = ColumnTable(self.name, {c: replace[c] if c in replace else [values[i] for i in rows]
                                        for c, values in self.values.items()})
        taken.files = [self.files[i] for i in rows]
        taken.lines = array("i", [self.lines[i] for i in rows])
        taken.given = [self.given[i] for i in rows]
        positions = {old: new for new, old in enumerate(rows) if old in self.field_lines}
        taken.field_lines = {new: self.field_lines[old] for old, new in positions.items()}
        if self.restated:
            taken.restated = {new: self.restated[old] for new, old in enumerate(rows) if old in self.restated}
        return taken


class Collected:
    """Validated records of a load, by node label and by relationship type, before resolving."""

    def __init__(self) -> None:
        self.nodes: dict[str, ColumnTable] = {}
        self.rels: dict[str, ColumnTable] = {}

    def add(self, record: BaseModel, raw: RawRecord | None = None, given: frozenset[str] | None = None) -> None:
        """Add a record, from `raw` (where it came from), stating `given` fields (default: those it was given)."""
        name, row = _getter(type(record))
        tables = self.rels if hasattr(record, "endpoints") else self.nodes
        table = tables.get(name)
        if table is None:
            table = tables[name] = ColumnTable(name)
        values = row(record.__dict__)
        if table.is_rel:  # one string per id, not one per reference (a large load holds millions)
            values = (intern(values[0]), intern(values[1]), *values[2:])
        if raw is None:
            table.append(values)
        else:
            table.append(values, raw.file, raw.line, raw.field_lines, _given(type(record), given or record.model_fields_set))

    def concat(self, later: "Collected") -> None:
        """Append the records of `later`, collected from files read after these (in place): each table's rows
        in the order one reading of all the files gives them."""
        for tables, more in ((self.nodes, later.nodes), (self.rels, later.rels)):
            for name, table in more.items():
                if name in tables:
                    tables[name].concat(table)
                else:
                    tables[name] = table

    def extend(self, records: Iterable[BaseModel]) -> "Collected":
        for record in records:
            self.add(record)
        return self


_GIVEN: dict[tuple[type, frozenset[str]], frozenset[str]] = {}


def _given(model: type, fields: Iterable[str]) -> frozenset[str]:
    """The fields a record of `model` stated (`from_` for a relationship's `from`), one shared set per
    combination. A count it gives states whether the count is a minimum too (`schemas.common.minimum_flags`:
    `victims_reported: 6` alone says exactly 6), so a second source's "at least 6" contests it rather than
    being credited to a source that never said it."""
    fields = frozenset(fields)
    found = _GIVEN.get((model, fields))
    if found is None:
        flags = minimum_flags(model)
        found = _GIVEN[(model, fields)] = fields | {flags[count] for count in fields & flags.keys()}
    return found


class Tables:
    """Resolved records: a table per node label, and per (relationship type, from label, to label)."""

    def __init__(self, nodes: dict[str, ColumnTable], rels: dict[tuple[str, str, str], ColumnTable]):
        self.nodes = nodes
        self.rels = rels

    def rels_of(self, rel_type: str) -> list[ColumnTable]:
        return [table for (name, _, _), table in self.rels.items() if name == rel_type]

    def all(self) -> Iterable[ColumnTable]:
        yield from self.nodes.values()
        yield from self.rels.values()
