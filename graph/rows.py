"""Records -> store rows: one column list per schema column, shared by every store.

Columns follow the schema's order, so every engine stores the same
properties under the same names, and a relationship's rows start with its
endpoint ids. A table holds its records and makes rows (for batched writes)
or columns (for a bulk COPY) on demand, without building the other.
"""

from __future__ import annotations

from dataclasses import dataclass
from operator import itemgetter
from typing import Any, Iterator

from casegraph.loaders.dataset import Dataset
from casegraph.schemas import schema

__all__ = ["Table", "node_tables", "rel_tables", "record_row"]

_FIELD = {"from": "from_"}  # a relationship's `from` column is its `from_` field


@dataclass
class Table:
    """Rows for one node label, or one relationship type between two labels."""

    name: str  # label or relationship type
    columns: list[str]
    records: list[Any]
    from_label: str | None = None
    to_label: str | None = None

    def __len__(self) -> int:
        return len(self.records)

    @property
    def rows(self) -> list[dict[str, Any]]:
        """One dict per record, column -> value."""
        fields = [_FIELD.get(c, c) for c in self.columns]
        return [dict(zip(self.columns, (r.__dict__[f] for f in fields))) for r in self.records]

    def column_lists(self) -> dict[str, list[Any]]:
        """One list per column, straight from the records (no row dicts)."""
        if not self.records:
            return {c: [] for c in self.columns}
        fields = itemgetter(*(_FIELD.get(c, c) for c in self.columns))
        rows = map(fields, map(vars, self.records))
        if len(self.columns) == 1:
            return {self.columns[0]: list(rows)}
        return dict(zip(self.columns, map(list, zip(*rows))))


def record_row(record, columns: list[str]) -> dict[str, Any]:
    """The stored properties of a node or relationship record."""
    data = record.__dict__
    return {name: data[name] for name in columns}


def node_tables(dataset: Dataset) -> Iterator[Table]:
    for node_type in schema().nodes:
        records = dataset.nodes.get(node_type.label, [])
        yield Table(node_type.label, [c.name for c in node_type.columns], records)


def rel_tables(dataset: Dataset) -> Iterator[Table]:
    """One table per (type, from label, to label), with `from` and `to` first."""
    for rel_type in schema().rels:
        groups = dataset.rels_by_endpoints(rel_type.type)
        columns = [c.name for c in rel_type.columns]
        for (from_label, to_label), records in sorted(groups.items()):
            yield Table(rel_type.type, ["from", "to", *columns], records, from_label, to_label)
