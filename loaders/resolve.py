"""Resolve references: ids, names and aliases to one node; endpoints checked.

"the Met" and "Metropolitan Police" name one institution: a relationship may
point at a node by id, name or alias, and resolves to its id here, before
anything is written.
"""

from __future__ import annotations

import re
import sys
from collections import ChainMap, defaultdict

from casegraph.loaders.dataset import Dataset
from casegraph.loaders.problems import Problem
from casegraph.loaders.raw import RawRecord
from casegraph.schemas import schema
from casegraph.schemas.common import Fact
from casegraph.schemas.nodes import Node, SourceDocument
from casegraph.schemas.relationships import Relationship

__all__ = ["normalise_name", "resolve"]

_QUOTES = re.compile(r"[\"'‘’“”]")
_SPACE = re.compile(r"\s+")


def normalise_name(name: str) -> str:
    """Fold case, quotes, spacing and a leading "the", for matching names."""
    text = _SPACE.sub(" ", _QUOTES.sub("", name)).strip().casefold()
    return text[4:] if text.startswith("the ") else text


def _names(node: Node) -> list[str]:
    names = [getattr(node, node.name_field, None)]
    names.extend(getattr(node, "aliases", ()))
    return [n for n in names if n]


def resolve(
    nodes: list[tuple[Node, RawRecord]],
    rels: list[tuple[Relationship, RawRecord]],
    invalid: set[str] = frozenset(),
) -> tuple[Dataset, ChainMap[str, RawRecord], list[Problem]]:
    """Resolve references; return the dataset, where each record came from, and problems.

    Relationships are resolved in place (the loader owns the records it has just
    validated), and endpoint and source ids are interned, so that a million
    relationships share their nodes' id strings instead of holding copies."""
    graph = schema()
    problems: list[Problem] = []
    dataset = Dataset()
    first_seen: dict[str, RawRecord] = {}
    by_name: dict[str, set[str]] = defaultdict(set)

    for node, raw in nodes:
        if node.id in first_seen:
            other = first_seen[node.id]
            problems.append(Problem(raw.file, raw.line_of("id"), node.id, "id",
                                    f"duplicate id: already defined at {other.file}:{other.line}"))
            continue
        first_seen[sys.intern(node.id)] = raw
        dataset.add_node(node)
        for name in _names(node):
            by_name[normalise_name(name)].add(node.id)

    sources = {n.id: n.id for n in dataset.nodes.get(SourceDocument.label, ())}
    for node, raw in nodes:
        if isinstance(node, Fact) and node.source not in sources:
            problems.append(_unknown_source(node.source, raw, node.id))

    def lookup(ref: str, allowed: frozenset[str], raw: RawRecord, rel: Relationship, field: str) -> str | None:
        if ref in dataset.labels and dataset.labels[ref] in allowed:
            return sys.intern(ref)
        found = {i for i in by_name.get(normalise_name(ref), ()) if dataset.labels[i] in allowed}
        if len(found) == 1:
            return found.pop()
        if ref in invalid:
            return None  # the record it names failed validation, reported already
        kinds = " or ".join(sorted(graph.node(label).kind for label in allowed))
        if not found:
            hint = ""
            if ref in dataset.labels:
                hint = f" ({ref!r} is a {graph.node(dataset.labels[ref]).kind})"
            message = f"unknown reference {ref!r}: expected the id, name or alias of a node of kind {kinds}{hint}"
        else:
            message = f"ambiguous reference {ref!r}: it names {', '.join(sorted(found))}; use the id"
        problems.append(Problem(raw.file, raw.line_of(field), _name(rel), field, message))
        return None

    # Per relationship type, once: the labels each end may have, and the pairs allowed.
    ends = {rtype.type: (rtype, frozenset(a for a, _ in rtype.endpoints),
                         frozenset(b for _, b in rtype.endpoints), frozenset(rtype.endpoints))
            for rtype in graph.rels}
    labels = dataset.labels
    seen: dict[str, RawRecord] = {}  # relationship id (a digest of its key) -> where first stated
    for rel, raw in rels:
        rtype, froms, tos, pairs = ends[rel.type]
        from_id = lookup(rel.from_, froms, raw, rel, "from")
        to_id = lookup(rel.to, tos, raw, rel, "to")
        source = sources.get(rel.source)
        if source is None:
            problems.append(_unknown_source(rel.source, raw, _name(rel)))
        if from_id is None or to_id is None:
            continue
        pair = (labels[from_id], labels[to_id])
        if pair not in pairs:
            allowed = ", ".join(f"{a} -> {b}" for a, b in rtype.endpoints)
            problems.append(Problem(raw.file, raw.line, _name(rel), "to",
                                    f"{rel.type} cannot join {pair[0]} -> {pair[1]}: expected {allowed}"))
            continue
        if rtype.undirected and from_id > to_id:
            from_id, to_id, pair = to_id, from_id, (pair[1], pair[0])
        rel_id = rel.stable_id(from_id, to_id)
        other = seen.get(rel_id)
        if other is not None:
            problems.append(Problem(raw.file, raw.line, _name(rel), None,
                                    f"duplicate relationship: already stated at {other.file}:{other.line}"))
            continue
        rel.resolve_ids(from_id, to_id, rel_id)
        if source is not None:
            rel.__dict__["source"] = source  # one string for every record of a source
        seen[rel_id] = raw
        raw.record = rel
        dataset.add_rel(rel, pair)
    return dataset, ChainMap(first_seen, seen), problems


def _name(rel: Relationship) -> str:
    """How a relationship is called in messages."""
    return f"{rel.type} {rel.from_} -> {rel.to}"


def _unknown_source(source: str, raw: RawRecord, record: str | None) -> Problem:
    return Problem(raw.file, raw.line_of("source"), record, "source",
                   f"unknown source {source!r}: expected the id of a source document (kind: source)")
