"""The records a load produces: validated nodes and resolved relationships.

Invariant: every relationship's endpoints are node ids of this dataset, of
labels its type allows, and every fact's source is a source document here.
Stores write a Dataset; nothing else reaches a store.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Iterator

from casegraph.schemas.nodes import Node
from casegraph.schemas.relationships import Relationship

__all__ = ["Dataset"]


@dataclass
class Dataset:
    nodes: dict[str, list[Node]] = field(default_factory=dict)  # by label
    rels: dict[str, list[Relationship]] = field(default_factory=dict)  # by type
    labels: dict[str, str] = field(default_factory=dict)  # node id -> label
    _by_endpoints: dict[str, dict[tuple[str, str], list[Relationship]]] = field(default_factory=dict, repr=False)

    def add_node(self, node: Node) -> None:
        self.nodes.setdefault(node.label, []).append(node)
        self.labels[node.id] = node.label

    def add_rel(self, rel: Relationship, pair: tuple[str, str] | None = None) -> None:
        """Add a relationship whose ends are nodes here; `pair` is their labels, if known."""
        self.rels.setdefault(rel.type, []).append(rel)
        if pair is None:
            pair = (self.labels[rel.from_], self.labels[rel.to])
        self._by_endpoints.setdefault(rel.type, {}).setdefault(pair, []).append(rel)

    def node_counts(self) -> dict[str, int]:
        return {label: len(items) for label, items in sorted(self.nodes.items())}

    def rel_counts(self) -> dict[str, int]:
        return {rtype: len(items) for rtype, items in sorted(self.rels.items())}

    def all_nodes(self) -> Iterator[Node]:
        for items in self.nodes.values():
            yield from items

    def all_rels(self) -> Iterator[Relationship]:
        for items in self.rels.values():
            yield from items

    def rels_by_endpoints(self, rel_type: str) -> dict[tuple[str, str], list[Relationship]]:
        """Relationships of a type grouped by (from label, to label), in the order added."""
        return dict(self._by_endpoints.get(rel_type, {}))

    def summary(self) -> Counter:
        return Counter({**self.node_counts(), **self.rel_counts()})
