"""Check the ids a catalog query is given before it runs.

A parameter whose header names a node label (`node: CaseFile`) takes an id.
The id is looked up in the store: an exact id is used as it is; otherwise
`casegraph.graph.selection.match_reference` (the one rule for every id a
user types) finds it in any case, or by its name or an alias, or raises
`NodeNotFound` with the closest matches. So a wrong id is an error, never a
silent `(no rows)`.
"""

from __future__ import annotations

from typing import Any

from casegraph.graph.search import Entry, names_of
from casegraph.graph.selection import SelectionError, kind_word, match_reference
from casegraph.graph.store import View
from casegraph.schemas import schema

__all__ = ["resolve_id", "resolve_ids"]

_NAME_FIELDS = ("name", "title", "aliases")
_WHY_NOT = {"Source": "a source is what facts cite; it has no claim status of its own"}
"""Why a parameter takes no id of a label, where the label's nature says it (else: give another id)."""


def _a(label: str) -> str:
    kind = kind_word(label)
    return f"{'an' if kind[0] in 'aeiou' else 'a'} {kind}"


def resolve_id(view: View, ref: str, labels: str | tuple[str, ...]) -> tuple[str, str]:
    """(id, label) of the node of one of `labels` that `ref` means, from the store behind `view`.

    `labels` come from a query header checked against the schema, never from the
    user. Raises `NodeNotFound` / `SelectionError` (see `match_reference`), and
    `SelectionError` for the exact id of a node of another label (saying which it is)."""
    labels = (labels,) if isinstance(labels, str) else labels
    for label in labels:
        if view.run(f"MATCH (n:{label}) WHERE n.id = $id RETURN n.id", {"id": ref}).rows:
            return ref, label
    if ref.strip():
        for label in (n.label for n in schema().nodes if n.label not in labels):
            if view.run(f"MATCH (n:{label}) WHERE n.id = $id RETURN n.id", {"id": ref}).rows:
                wanted = " or ".join(_a(taken) for taken in labels) if len(labels) <= 3 else "a fact of the graph"
                raise SelectionError(f"{ref!r} is {_a(label)}, not {wanted}: "
                                     f"{_WHY_NOT.get(label, f'give the id of {wanted}')}")
    entries = []
    for label in labels:
        fields = [c.name for c in schema().columns_of(label) if c.name in _NAME_FIELDS]
        returned = ", ".join(["n.id", *(f"n.{f}" for f in fields)])
        rows = view.run(f"MATCH (n:{label}) RETURN {returned} ORDER BY n.id").rows
        entries += [Entry(row[0], label, names_of(dict(zip(["id", *fields], row)))) for row in rows]
    found = match_reference(ref, entries, labels[0] if len(labels) == 1 else None)
    return found, next(entry.label for entry in entries if entry.id == found)


def resolve_ids(view: View, query, bound: dict[str, Any]) -> tuple[dict[str, Any], dict[str, str]]:
    """`bound` with every id-taking parameter of `query` resolved by `resolve_id`, and the label of the
    node each of those parameters names (parameter -> label: `Query.text` may pick its text by it).
    Raises `SelectionError` when two parameters name one node and the header says they may not
    (`differs_from`)."""
    resolved, labels = dict(bound), {}
    for name, param in query.header.parameters.items():
        if param.labels and isinstance(resolved.get(name), str):
            resolved[name], labels[name] = resolve_id(view, resolved[name], param.labels)
    for name, param in query.header.parameters.items():
        other = param.differs_from
        if other and resolved.get(name) is not None and resolved.get(name) == resolved.get(other):
            raise SelectionError(f"query {query.name!r}: {other!r} and {name!r} both name {resolved[name]!r}: "
                                 f"give two different {kind_word(labels[name])}s")
    return resolved, labels
