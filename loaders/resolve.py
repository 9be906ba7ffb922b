"""Resolve references: ids, names and aliases to one node; endpoints checked.

"the Met" and "Metropolitan Police" name one institution: a relationship may
point at a node by id, name or alias, and resolves to its id here, before
anything is written. Works on columns (`loaders/columns.py`), not models.
"""

from __future__ import annotations

import json
import sys
from itertools import repeat
from collections import defaultdict
from typing import Iterable

from casegraph.loaders.columns import ColumnTable, Collected, Tables
from casegraph.loaders.merge import merge_rows
from casegraph.loaders.problems import Problem
from casegraph.loaders.public_versions import PublicVersions
from casegraph.loaders.unloaded import Unloaded
from casegraph.schemas import schema
from casegraph.schemas.names import normalise_name
from casegraph.schemas.relationships import relationship_id
from casegraph.schemas.text import shown_path

__all__ = ["resolve"]

def _names(table: ColumnTable) -> Iterable[tuple[str, list[str]]]:
    """Each node's id and the names it can be called by (its name field, its aliases, and every
    value of them a source gives where sources disagree: any source's name finds the node)."""
    model = schema().node(table.name).model
    names = table[model.name_field] if model.name_field in table.values else [None] * len(table)
    aliases = table["aliases"] if "aliases" in table.values else [()] * len(table)
    contested = zip(table["contested_fields"], table["contested_values"]) if "contested_fields" in table.values \
        else repeat(((), ()))
    naming = (model.name_field, "aliases")
    for node_id, name, more, (fields, values) in zip(table["id"], names, aliases, contested):
        given = [json.loads(v) for f, v in zip(fields, values) if f in naming]
        yield node_id, [n for n in (name, *(more or ()), *_flat(given)) if n]


def _flat(values: list) -> Iterable[str]:
    for value in values:
        yield from value if isinstance(value, list) else (value,)


class _Nodes:
    """Every node by id, name and alias; unique ids enforced in the order records came."""

    def __init__(self, collected: Collected, problems: list[Problem], versions: PublicVersions):
        self.versions = versions
        self.labels: dict[str, str] = {}  # node id -> label
        self.by_name: dict[str, set[str]] = defaultdict(set)
        self.tables: dict[str, ColumnTable] = {}
        self._rows: dict[int, tuple[ColumnTable, dict[str, int]]] = {}  # id -> row, made only to report a duplicate
        for label, table in collected.nodes.items():
            self.tables[label] = self._unique(table, problems)
        for table in self.tables.values():
            for node_id, names in _names(table):
                for name in names:
                    self.by_name[normalise_name(name)].add(node_id)

    def _unique(self, table: ColumnTable, problems: list[Problem]) -> ColumnTable:
        """One row per id: a fact restated (same id and kind) merges into its first row
        (`loaders/merge.py`); an id of another kind, or a source defined twice, is an error."""
        keep, ids = [], table["id"]
        first_row: dict[str, int] = {}
        restated: dict[int, list[int]] = {}
        mergeable = "citation_sources" in table.values
        for row, node_id in enumerate(ids):
            if node_id in self.labels:
                if mergeable and node_id in first_row:
                    restated.setdefault(first_row[node_id], []).append(row)
                    continue
                other = self._first(node_id, table)
                origin = table.origin(row)
                problems.append(Problem(origin.file, origin.line_of("id"), node_id, "id",
                                        f"duplicate id: already defined at {shown_path(other.file)}:{other.line}"))
                continue
            ids[row] = node_id = sys.intern(node_id)  # relationships will share this string
            self.labels[node_id] = table.name
            first_row[node_id] = row
            keep.append(row)
        first_of = {row: first for first, later in restated.items() for row in later}
        for first, rows in self.versions.facts_citing_hidden(table, first_of).items():
            self.versions.add(table.name, table, rows)
        if restated:
            problems.extend(merge_rows(table, restated))
        return table if len(keep) == len(table) else table.take(keep)

    def _first(self, node_id: str, reading: ColumnTable):
        """Where a node id was first defined (the first row with it wins)."""
        table = self.tables.get(self.labels[node_id], reading)
        known = self._rows.get(id(table))
        if known is None or known[0] is not table:
            rows: dict[str, int] = {}
            for row, other in enumerate(table["id"]):
                rows.setdefault(other, row)
            known = self._rows[id(table)] = (table, rows)
        return table.origin(known[1][node_id])


def resolve(collected: Collected, unloaded: Unloaded | None = None,
            versions: PublicVersions | None = None) -> tuple[Tables, list[Problem]]:
    """Resolve references; return the resolved tables and the problems found. A reference to no node that
    may name what failed to load (`unloaded`) is left to it, not reported as unknown. `versions` collects
    the public versions of facts citing a restricted source (`loaders/public_versions.py`)."""
    graph = schema()
    problems: list[Problem] = []
    versions = versions if versions is not None else PublicVersions()
    unloaded = unloaded if unloaded is not None else Unloaded()
    nodes = _Nodes(collected, problems, versions)
    labels, by_name = nodes.labels, nodes.by_name

    def lookup(ref: str, allowed: frozenset[str], table: ColumnTable, row: int, field: str) -> str | None:
        label = labels.get(ref)
        if label is not None and label in allowed:
            return sys.intern(ref)
        found = {i for i in by_name.get(normalise_name(ref), ()) if labels[i] in allowed}
        if len(found) == 1:
            return found.pop()
        if not found and label is None and unloaded.covers(ref, names=True):
            return None  # it may name a record that failed to load, reported already
        kinds = " or ".join(sorted(graph.node(label).kind for label in allowed))
        if not found:
            hint = f" ({ref!r} is a {graph.node(label).kind})" if label is not None else ""
            message = f"unknown reference {ref!r}: expected the id, name or alias of a node of kind {kinds}{hint}"
        else:
            message = f"ambiguous reference {ref!r}: it names {', '.join(sorted(found))}; use the id"
        origin = table.origin(row)
        problems.append(Problem(origin.file, origin.line_of(field), origin.name, field, message))
        return None

    rels: dict[tuple[str, str, str], ColumnTable] = {}
    for rel_type, table in collected.rels.items():
        rels.update(_resolve_type(rel_type, table, lookup, labels, problems, versions))
    return Tables(nodes.tables, rels), problems


def _resolve_type(rel_type, table, lookup, labels, problems, versions) -> dict[tuple[str, str, str], ColumnTable]:
    """One relationship type's rows, resolved and grouped by (type, from label, to label)."""
    rtype = schema().rel(rel_type)
    froms = frozenset(a for a, _ in rtype.endpoints)
    tos = frozenset(b for _, b in rtype.endpoints)
    pairs = frozenset(rtype.endpoints)
    qualifiers = list(zip(*(table[name] for name in rtype.model.qualifiers))) or [()] * len(table)
    groups: dict[tuple[str, str], tuple[list[int], list[str], list[str], list[str]]] = {}
    seen: dict[str, tuple[int, str, str]] = {}  # relationship id -> the row that first stated it, its ends
    restated: dict[int, list[int]] = {}  # first row -> the rows that state the same relationship
    given_ids = table["id"]
    intern = sys.intern
    for row, (from_ref, to_ref, quals) in enumerate(zip(table["from"], table["to"], qualifiers)):
        # Most references are ids of nodes of an allowed label: settle those here, the rest in `lookup`.
        from_id = intern(from_ref) if labels.get(from_ref) in froms else lookup(from_ref, froms, table, row, "from")
        to_id = intern(to_ref) if labels.get(to_ref) in tos else lookup(to_ref, tos, table, row, "to")
        if from_id is None or to_id is None:
            continue
        pair = (labels[from_id], labels[to_id])
        if pair not in pairs:
            allowed = ", ".join(f"{a} -> {b}" for a, b in rtype.endpoints)
            origin = table.origin(row)
            problems.append(Problem(origin.file, origin.line, origin.name, "to",
                                    f"{rel_type} cannot join {pair[0]} -> {pair[1]}: expected {allowed}"))
            continue
        if rtype.undirected and from_id > to_id:
            from_id, to_id, pair = to_id, from_id, (pair[1], pair[0])
        rel_id = given_ids[row] or relationship_id(rel_type, from_id, to_id, quals)
        first = seen.get(rel_id)
        if first is not None:
            if first[1:] != (from_id, to_id):
                origin, other = table.origin(row), table.origin(first[0])
                problems.append(Problem(origin.file, origin.line_of("id"), origin.name, "id",
                                        f"id {rel_id!r} already names {rel_type} {first[1]} -> {first[2]} "
                                        f"at {shown_path(other.file)}:{other.line}: expected one id per relationship"))
            else:
                restated.setdefault(first[0], []).append(row)
            continue
        seen[rel_id] = (row, from_id, to_id)
        group = groups.get(pair)
        if group is None:
            group = groups[pair] = ([], [], [], [])
        rows, from_ids, to_ids, rel_ids = group
        rows.append(row)
        from_ids.append(from_id)
        to_ids.append(to_id)
        rel_ids.append(rel_id)
    first_of = {row: first for first, later in restated.items() for row in later}
    facts = versions.facts_citing_hidden(table, first_of)
    if facts:
        for rel_id, (first, from_id, to_id) in seen.items():
            if first in facts:
                key = (rel_type, labels[from_id], labels[to_id])
                versions.add(key, table, facts[first], {"from": from_id, "to": to_id, "id": rel_id})
    problems.extend(merge_rows(table, restated))
    return {(rel_type, *pair): table.take(rows, {"from": from_ids, "to": to_ids, "id": rel_ids})
            for pair, (rows, from_ids, to_ids, rel_ids) in sorted(groups.items())}
