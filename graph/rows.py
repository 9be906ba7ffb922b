"""Records -> store rows: one column list per schema column, shared by every store.

Columns follow the schema's order, so every engine stores the same
properties under the same names, and a relationship's rows start with its
endpoint ids.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Iterator

from casegraph.loaders.dataset import Dataset
from casegraph.schemas import schema

__all__ = ["Table", "node_tables", "rel_tables", "record_row"]


@dataclass
class Table:
    """Rows for one node label, or one relationship type between two labels."""

    name: str  # label or relationship type
    columns: list[str]
    rows: list[dict[str, Any]]
    from_label: str | None = None
    to_label: str | None = None

    def column_lists(self) -> dict[str, list[Any]]:
        return {c: [row[c] for row in self.rows] for c in self.columns}


def record_row(record, columns: list[str]) -> dict[str, Any]:
    """The stored properties of a node or relationship record."""
    data = record.__dict__
    return {name: data[name] for name in columns}


def node_tables(dataset: Dataset) -> Iterator[Table]:
    for node_type in schema().nodes:
        records = dataset.nodes.get(node_type.label, [])
        columns = [c.name for c in node_type.columns]
        yield Table(node_type.label, columns, [record_row(r, columns) for r in records])


def rel_tables(dataset: Dataset) -> Iterator[Table]:
    """One table per (type, from label, to label), with `from` and `to` first."""
    for rel_type in schema().rels:
        groups = dataset.rels_by_endpoints(rel_type.type)
        columns = [c.name for c in rel_type.columns]
        for (from_label, to_label), records in sorted(groups.items()):
            rows = [{"from": r.from_, "to": r.to, **record_row(r, columns)} for r in records]
            yield Table(rel_type.type, ["from", "to", *columns], rows, from_label, to_label)
