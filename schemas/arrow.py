"""Arrow schemas generated from the schema: how a Dataset holds its records.

One Arrow table per node label, and per relationship type between two
labels (its `from` and `to` node ids first). Typed from the schema's columns,
so a null stays a typed null and every store reads the same types.
"""

from __future__ import annotations

from functools import cache

import pyarrow as pa

from casegraph.schemas.registry import schema

__all__ = ["arrow_schema", "arrow_type", "ENDPOINT_COLUMNS"]

ENDPOINT_COLUMNS = ("from", "to")
"""A relationship table's first columns: the ids of the nodes it joins."""

_SCALARS = {
    "STRING": pa.string(),
    "INT64": pa.int64(),
    "DOUBLE": pa.float64(),
    "BOOLEAN": pa.bool_(),
}


def arrow_type(store_type: str) -> pa.DataType:
    """The Arrow type of an engine-neutral store type (`STRING`, `INT64[]`, ...)."""
    if store_type.endswith("[]"):
        return pa.list_(_SCALARS[store_type[:-2]])
    return _SCALARS[store_type]


@cache
def arrow_schema(label_or_type: str) -> pa.Schema:
    """The Arrow schema of a node label's table, or of a relationship type's tables."""
    graph = schema()
    fields = [pa.field(c.name, arrow_type(c.type)) for c in graph.columns_of(label_or_type)]
    if label_or_type in graph.rel_types:
        fields = [pa.field(name, pa.string(), nullable=False) for name in ENDPOINT_COLUMNS] + fields
    return pa.schema(fields)
