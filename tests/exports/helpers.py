"""Helpers for export tests: compare graphs, collect restricted values, scan files for them."""

from __future__ import annotations

import html
import json
import re
import typing
from pathlib import Path

import networkx as nx


def typed(value):
    """A value with its type kept, for comparisons where `2012 == 2012.0` and `True == 1` must differ."""
    if isinstance(value, (list, tuple)):
        return (type(value).__name__, tuple(typed(v) for v in value))
    if isinstance(value, dict):
        return ("dict", tuple(sorted((k, typed(v)) for k, v in value.items())))
    return (type(value).__name__, value)


def _typed_props(props) -> dict:
    return {key: typed(value) for key, value in dict(props).items()}


def as_exported(graph: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """A copy of `graph` as every format but the Cypher script gives it back: each unknown list
    element (stored `""`) as None (`unknown_as_null`)."""
    from casegraph.schemas.citations import unknown_as_null

    copy = nx.MultiDiGraph(graph)
    for _, attrs in copy.nodes(data=True):
        attrs.update(unknown_as_null(attrs))
    for _, _, attrs in copy.edges(data=True):
        attrs.update(unknown_as_null(attrs))
    return copy


def graph_diff(expected: nx.MultiDiGraph, actual: nx.MultiDiGraph) -> list[str]:
    """Differences in nodes, edges and their properties, values compared with their types
    (empty when the graphs are the same)."""
    problems = []
    if set(expected.nodes) != set(actual.nodes):
        problems.append(f"nodes differ: missing {sorted(set(expected) - set(actual))[:5]}, "
                        f"extra {sorted(set(actual) - set(expected))[:5]}")
    for node in set(expected.nodes) & set(actual.nodes):
        a, b = _typed_props(expected.nodes[node]), _typed_props(actual.nodes[node])
        if a != b:
            keys = {k for k in set(a) | set(b) if a.get(k) != b.get(k)}
            problems.append(f"node {node}: {[(k, a.get(k), b.get(k)) for k in sorted(keys)]}")
    edges_a = {(u, v, k): d for u, v, k, d in expected.edges(keys=True, data=True)}
    edges_b = {(u, v, k): d for u, v, k, d in actual.edges(keys=True, data=True)}
    if set(edges_a) != set(edges_b):
        problems.append(f"edges differ: {sorted(set(edges_a) ^ set(edges_b))[:5]}")
    for key in set(edges_a) & set(edges_b):
        a, b = _typed_props(edges_a[key]), _typed_props(edges_b[key])
        if a != b:
            problems.append(f"edge {key}: {a} != {b}")
    return problems


def _vocabulary() -> set[str]:
    """Closed vocabularies of the schema (Literal and enum values): words, not data."""
    from casegraph.schemas import schema

    words: set[str] = {"public", "restricted"}
    for owner in (*schema().nodes, *schema().rels):
        for field in owner.model.model_fields.values():
            stack = [field.annotation]
            while stack:
                annotation = stack.pop()
                if typing.get_origin(annotation) is typing.Literal:
                    words |= {str(v) for v in typing.get_args(annotation)}
                elif isinstance(annotation, type) and hasattr(annotation, "__members__"):
                    words |= {str(m.value) for m in annotation}
                else:
                    stack.extend(typing.get_args(annotation))
    return words


def _strings(value) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, list):
        return [v for v in value if isinstance(v, str)]
    return []


def restricted_values(restricted: nx.MultiDiGraph, public: nx.MultiDiGraph) -> set[str]:
    """Every string property of restricted records (restricted nodes, restricted relationships and
    relationships touching a restricted node), minus the schema's vocabulary and any value a
    public record also holds (a shared source id is not a leak)."""
    hidden = {n for n, a in restricted.nodes(data=True) if a.get("sensitivity") == "restricted"}
    values: set[str] = set()
    for node in hidden:
        for value in restricted.nodes[node].values():
            values.update(_strings(value))
    for u, v, attrs in restricted.edges(data=True):
        if attrs.get("sensitivity") == "restricted" or u in hidden or v in hidden:
            for value in attrs.values():
                values.update(_strings(value))
    public_values: set[str] = set()
    for _, attrs in public.nodes(data=True):
        for value in attrs.values():
            public_values.update(_strings(value))
    for _, _, attrs in public.edges(data=True):
        for value in attrs.values():
            public_values.update(_strings(value))
    # paragraph references ("13", "25,26") locate a citation in its source: not content of the record
    return {v for v in values - public_values - _vocabulary()
            if len(v.strip()) >= 2 and not re.fullmatch(r"[\d,]+", v)}


def _variants(value: str) -> set[str]:
    from casegraph.exports.cypher import string_literal
    from casegraph.reports.markdown import escape_markdown

    return {
        value, json.dumps(value)[1:-1], json.dumps(value, ensure_ascii=False)[1:-1],
        html.escape(value), html.escape(value, quote=False), value.replace('"', '""'),
        string_literal(value)[1:-1], escape_markdown(value),
        html.escape(value).replace("\n", "&#10;"),
    }


def leaks(paths: list[Path], values: set[str]) -> list[tuple[str, str]]:
    """(file, value) for every restricted value found in the files (as a whole word)."""
    variants = {variant: value for value in values for variant in _variants(value) if variant}
    pattern = re.compile(r"(?<!\w)(?:" + "|".join(re.escape(v) for v in sorted(variants, key=len, reverse=True))
                         + r")(?!\w)")
    found = []
    for path in paths:
        text = Path(path).read_text(encoding="utf-8")
        hits = {variants[m.group(0)] for m in pattern.finditer(text)}
        found += [(Path(path).name, value) for value in sorted(hits)]
    return found
