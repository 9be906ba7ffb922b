"""A Dataset's tables as stores write them: columns in the schema's order, endpoints first.

Every engine stores the same properties under the same names. A table wraps
the Dataset's Arrow table: the embedded store COPYs it as it is, the Neo4j
store asks for columns a batch at a time.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Iterator

import pyarrow as pa

from casegraph.loaders.dataset import Dataset
from casegraph.schemas import schema

__all__ = ["Table", "node_tables", "rel_tables"]


@dataclass
class Table:
    """Rows for one node label, or one relationship type between two labels."""

    name: str  # label or relationship type
    arrow: pa.Table
    from_label: str | None = None
    to_label: str | None = None

    @property
    def columns(self) -> list[str]:
        return self.arrow.column_names

    def __len__(self) -> int:
        return self.arrow.num_rows

    @property
    def rows(self) -> list[dict[str, Any]]:
        """One dict per record, column -> value."""
        return self.arrow.to_pylist()

    def column_batches(self, size: int, columns: list[str] | None = None) -> Iterator[dict[str, list[Any]]]:
        """One list per column, `size` rows at a time: only one batch at a time becomes Python objects."""
        table = self.arrow if columns is None else self.arrow.select(columns)
        for start in range(0, len(self), size):
            yield table.slice(start, size).to_pydict()


def node_tables(dataset: Dataset) -> Iterator[Table]:
    """One table per node label, in the schema's order (empty ones too)."""
    for node_type in schema().nodes:
        yield Table(node_type.label, dataset.node_table(node_type.label))


def rel_tables(dataset: Dataset) -> Iterator[Table]:
    """One table per (type, from label, to label) that has rows, with `from` and `to` first."""
    for rel_type in schema().rels:
        for (from_label, to_label), table in dataset.rel_groups(rel_type.type).items():
            yield Table(rel_type.type, table, from_label, to_label)
