"""What a tooltip says: a record's facts, each with its source and paragraph.

Tooltips are read by journalists checking a picture before publication, so
every node and relationship shows where it comes from (document, paragraph
or locator, the short quote) and how established it is. Fields are listed
from the schema, not by hand, so a new field shows up without a change here.
Everything returned is plain text; renderers escape it.
"""

from __future__ import annotations

from typing import Any, Mapping

from casegraph.schemas import schema

__all__ = ["short", "node_name", "node_facts", "rel_facts", "source_line", "credit_line", "fact_text", "Sources"]

Sources = Mapping[str, Mapping[str, Any]]
"""Source documents by id (their properties), for citing."""

_NOT_FACTS = {"id", "source", "paragraphs", "locator", "sensitivity", "year_start", "year_end", "status"}


def short(text: str, limit: int = 40) -> str:
    """Text clipped to `limit` characters with an ellipsis (labels stay short; tooltips hold the rest)."""
    text = " ".join(str(text).split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def node_name(attrs: Mapping[str, Any]) -> str:
    """A node's display name: its name, title or summary (per schema), else its id."""
    label = attrs.get("label")
    field = "name"
    try:
        field = schema().node(label).model.name_field
    except KeyError:
        pass
    return str(attrs.get(field) or attrs.get("name") or attrs.get("title") or attrs.get("id") or "")


def fact_text(value: Any) -> str:
    """A field's value as text: yes/no for booleans, lists joined with "; "."""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, (list, tuple)):
        return "; ".join(fact_text(v) for v in value)
    return str(value)


def _fields(attrs: Mapping[str, Any], name_field: str | None, columns) -> list[tuple[str, str]]:
    rows = []
    for column in columns:
        name = column.name
        if name in _NOT_FACTS or name == name_field:
            continue
        value = attrs.get(name)
        if value is None or value == [] or value == "":
            continue
        text = fact_text(value)
        if name == "quote":
            text = f"“{text}”"
        rows.append((name.replace("_", " "), text))
    return rows


def node_facts(attrs: Mapping[str, Any]) -> list[tuple[str, str]]:
    """(field, value) rows for a node's tooltip: type, claim status, then its own fields."""
    label = attrs.get("label", "")
    try:
        node_type = schema().node(label)
        columns, name_field = node_type.columns, node_type.model.name_field
    except KeyError:
        columns, name_field = (), None
    from casegraph.viz.style import node_style

    rows = [("type", node_style(label).name)]
    if attrs.get("status"):
        rows.append(("claim status", str(attrs["status"])))
    if attrs.get("sensitivity") == "restricted":
        rows.append(("sensitivity", "RESTRICTED: not for publication"))
    return rows + _fields(attrs, name_field, columns)


def rel_facts(attrs: Mapping[str, Any]) -> list[tuple[str, str]]:
    """(field, value) rows for a relationship's tooltip."""
    rel = attrs.get("type", "")
    try:
        columns = schema().rel(rel).columns
    except KeyError:
        columns = ()
    rows = [("relationship", rel.replace("_", " ").lower()), ("claim status", str(attrs.get("status") or "reported"))]
    if attrs.get("sensitivity") == "restricted":
        rows.append(("sensitivity", "RESTRICTED: not for publication"))
    return rows + _fields(attrs, None, columns)


def source_line(attrs: Mapping[str, Any], sources: Sources) -> str:
    """Where a fact comes from: document, then paragraph(s) or locator."""
    source_id = attrs.get("source")
    if not source_id:
        return ""
    doc = sources.get(source_id)
    if doc:
        where = f"{doc.get('publisher', '')}, “{doc.get('title', source_id)}” ({doc.get('published', 'n.d.')})"
    else:
        where = str(source_id)
    paragraphs = attrs.get("paragraphs") or []
    if paragraphs:
        label = "para." if len(paragraphs) == 1 else "paras"
        where += f", {label} {', '.join(str(p) for p in paragraphs)}"
    elif attrs.get("locator"):
        where += f", {attrs['locator']}"
    return where


def credit_line(source_ids, sources: Sources) -> str:
    """The caption's source credit: every document the drawn facts cite."""
    parts = []
    for source_id in sorted(set(source_ids)):
        doc = sources.get(source_id)
        if doc:
            parts.append(f"{doc.get('publisher', '')}, “{doc.get('title', source_id)}” ({doc.get('published', 'n.d.')})")
        else:
            parts.append(str(source_id))
    if not parts:
        return "casegraph"
    return "Sources: " + "; ".join(parts) + ". Compiled with casegraph."
