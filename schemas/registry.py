"""The schema registry: every node and relationship type, and their columns.

Built on demand (never at import time) in two passes: collect the models,
then resolve each relationship's endpoint kinds to labels. Everything that
must agree with the schema (store DDL, JSON Schema, docs, the loader's
checks, the stores' column lists) reads it from here.
"""

from __future__ import annotations

import types
import typing
from dataclasses import dataclass
from enum import Enum
from functools import cache
from typing import Any, Literal

from pydantic import BaseModel
from pydantic.fields import FieldInfo

from casegraph.schemas.aggregates import FiledFact, aggregate_fields
from casegraph.schemas.common import DERIVED_FIELDS, INPUT_ONLY, Timed, is_restricted_field
from casegraph.schemas.nodes import NODE_MODELS, Node
from casegraph.schemas.relationships import REL_MODELS, Relationship

__all__ = ["Column", "NodeType", "RelType", "Schema", "schema", "filed_columns", "written_fields"]


@dataclass(frozen=True)
class Column:
    """One stored property: its name, its engine-neutral type, its description."""

    name: str
    type: str  # STRING, INT64, DOUBLE, BOOLEAN, STRING[], INT64[]
    description: str = ""
    choices: tuple[str, ...] = ()  # the allowed values, for enumerated fields
    restricted: bool = False  # restricted text: left out of the public profile (`RESTRICTED_TEXT`)

    @property
    def is_list(self) -> bool:
        return self.type.endswith("[]")


@dataclass(frozen=True)
class NodeType:
    kind: str
    label: str
    model: type[Node]
    columns: tuple[Column, ...]

    @property
    def doc(self) -> str:
        return (self.model.__doc__ or "").strip()


@dataclass(frozen=True)
class RelType:
    type: str
    model: type[Relationship]
    endpoints: tuple[tuple[str, str], ...]  # (from label, to label)
    columns: tuple[Column, ...]

    @property
    def undirected(self) -> bool:
        return self.model.undirected

    @property
    def doc(self) -> str:
        return (self.model.__doc__ or "").strip()


@dataclass(frozen=True)
class Schema:
    nodes: tuple[NodeType, ...]
    rels: tuple[RelType, ...]

    def node(self, kind_or_label: str) -> NodeType:
        for node in self.nodes:
            if kind_or_label in (node.kind, node.label):
                return node
        raise KeyError(kind_or_label)

    def rel(self, rel_type: str) -> RelType:
        for rel in self.rels:
            if rel.type == rel_type:
                return rel
        raise KeyError(rel_type)

    @property
    def labels(self) -> tuple[str, ...]:
        return tuple(node.label for node in self.nodes)

    @property
    def rel_types(self) -> tuple[str, ...]:
        return tuple(rel.type for rel in self.rels)

    @property
    def cited_labels(self) -> tuple[str, ...]:
        """The labels whose nodes are facts with citations and a claim status (every label but a source's)."""
        return tuple(node.label for node in self.nodes if any(c.name == "citation_sources" for c in node.columns))

    def restricted_columns(self, label_or_type: str) -> tuple[str, ...]:
        """Names of the restricted text fields of a label or type (left out of the public profile)."""
        return tuple(c.name for c in self.columns_of(label_or_type) if c.restricted)

    def columns_of(self, label_or_type: str) -> tuple[Column, ...]:
        if label_or_type in self.rel_types:
            return self.rel(label_or_type).columns
        return self.node(label_or_type).columns


def _unwrap(annotation: Any) -> Any:
    """Strip Optional and Annotated wrappers."""
    while True:
        origin = typing.get_origin(annotation)
        if origin is typing.Annotated:
            annotation = typing.get_args(annotation)[0]
        elif origin in (typing.Union, types.UnionType):
            args = [a for a in typing.get_args(annotation) if a is not type(None)]
            if len(args) != 1:
                raise TypeError(f"unsupported union {annotation!r}")
            annotation = args[0]
        else:
            return annotation


def _scalar_type(annotation: Any) -> str:
    annotation = _unwrap(annotation)
    if typing.get_origin(annotation) is Literal:
        values = typing.get_args(annotation)
        return _scalar_type(type(values[0]))
    if isinstance(annotation, type) and issubclass(annotation, Enum):
        return "STRING"
    if annotation is bool:
        return "BOOLEAN"
    if annotation is int:
        return "INT64"
    if annotation is float:
        return "DOUBLE"
    if annotation is str:
        return "STRING"
    raise TypeError(f"no store type for {annotation!r}")


def choices(annotation: Any) -> tuple[str, ...]:
    """The allowed values of a Literal or Enum field (or of its list items)."""
    annotation = _unwrap(annotation)
    if typing.get_origin(annotation) is list:
        annotation = _unwrap(typing.get_args(annotation)[0])
    if typing.get_origin(annotation) is Literal:
        return tuple(str(v) for v in typing.get_args(annotation))
    if isinstance(annotation, type) and issubclass(annotation, Enum):
        return tuple(str(m.value) for m in annotation)
    return ()


def store_type(annotation: Any) -> str:
    """The engine-neutral store type of a field annotation."""
    annotation = _unwrap(annotation)
    if typing.get_origin(annotation) is list:
        return _scalar_type(typing.get_args(annotation)[0]) + "[]"
    return _scalar_type(annotation)


def _columns(model: type, skip: set[str]) -> tuple[Column, ...]:
    """Columns in a reader's order: id, the type's own fields, the fact fields, then the aggregates."""
    fields: dict[str, FieldInfo] = model.model_fields
    shared = set(Timed.model_fields)
    aggregates = set(aggregate_fields(model))
    names = sorted(
        (name for name in fields if name not in skip and name not in INPUT_ONLY),
        key=lambda name: (name != "id", name in aggregates, name in shared),
    )
    return tuple(
        Column(name, store_type(fields[name].annotation), fields[name].description or "",
               choices(fields[name].annotation), is_restricted_field(fields[name]))
        for name in names
    )


@cache
def written_fields(model: type[BaseModel]) -> tuple[str, ...]:
    """The fields a data file may give for a record of `model`, as it spells them (`from`, not `from_`), in
    declaration order: every field but those casegraph derives (from the citations, `year_*` from `period`)
    and the aggregates it counts when it builds the graph."""
    derived = {"year_start", "year_end", *DERIVED_FIELDS, *aggregate_fields(model)}
    return tuple(info.alias or name for name, info in model.model_fields.items() if name not in derived)


def filed_columns() -> tuple[Column, ...]:
    """The columns of LadybugDB's `FiledFact` table (`casegraph.schemas.aggregates.FiledFact`), key first."""
    fields = FiledFact.model_fields
    return tuple(Column(name, store_type(info.annotation), info.description or "") for name, info in fields.items())


@cache
def schema() -> Schema:
    """The schema, built once on first use."""
    nodes = tuple(NodeType(m.kind, m.label, m, _columns(m, set())) for m in NODE_MODELS)
    by_kind = {node.kind: node.label for node in nodes}
    rels = []
    for model in REL_MODELS:
        endpoints = tuple((by_kind[a], by_kind[b]) for a, b in model.endpoints)
        rels.append(RelType(model.type, model, endpoints, _columns(model, {"from_", "to"})))
    return Schema(nodes, tuple(rels))
