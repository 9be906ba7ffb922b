"""What a tooltip says: a record's facts, each with its source and paragraph.

Tooltips are read by journalists checking a picture before publication, so
every node and relationship shows where it comes from (document, paragraph
or locator, the short quote) and how established it is. Fields are listed
from the schema, not by hand, so a new field shows up without a change here.
Everything returned is plain text; renderers escape it.
"""

from __future__ import annotations

from functools import cache
from typing import Any, Mapping

from casegraph.schemas import schema
from casegraph.schemas.aggregates import aggregate_fields
from casegraph.schemas.common import as_stated, minimum_flags
from casegraph.schemas.citations import (
    CITATION_COLUMNS, CONTESTED_COLUMNS, PARTIAL_COLUMNS, citation_count, citation_text, citations_of, contested_of,
    partial_of,
)

__all__ = ["short", "node_name", "node_facts", "rel_facts", "fact_rows", "source_lines", "credit_line", "fact_text", "Sources",
           "NOT_FACTS"]

Sources = Mapping[str, Mapping[str, Any]]
"""Source documents by id (their properties), for citing."""

NOT_FACTS = frozenset({"id", "label", "source", "paragraphs", "locator", "quote", "sensitivity", "year_start", "year_end",
                       "status", "status_as_of", "status_source", "basis", "independent_sources", *CITATION_COLUMNS,
                       *CONTESTED_COLUMNS, *PARTIAL_COLUMNS})
"""Fields never listed among a record's own facts: its provenance and status, which each output shows its
own way (a tooltip's claim status, sources and basis, `_evidence`; an entity page's provenance block), and
the years its `period` gives."""


def short(text: str, limit: int = 40) -> str:
    """Text clipped to at most `limit` characters with an ellipsis, cut between words, never inside one
    (labels stay short; tooltips hold the rest). A first word longer than `limit` is clipped as a last resort."""
    text = " ".join(str(text).split())
    if len(text) <= limit:
        return text
    head = text[: limit]
    cut = head.rsplit(" ", 1)[0] if " " in head else head[: limit - 1]
    return cut.rstrip(" ,;:·-–") + "…"


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
        try:  # a list of texts: joined in C, not a call per item
            return "; ".join(value)
        except TypeError:
            return "; ".join(fact_text(v) for v in value)
    return str(value)


def fact_rows(attrs: Mapping[str, Any], name: str, leave_out: str | None = None) -> list[tuple[str, str]]:
    """(field, text) for each of a record's own facts, in schema order: the columns of node label or
    relationship type `name` (none for a name the schema lacks) with a value, except `NOT_FACTS`,
    `leave_out` (a tooltip's name field, its title) and the aggregates (counts and lists the build
    derives for the catalog queries, over the whole graph: `schemas.aggregates`, `docs/schema.md`).
    The one rule for tooltips and the explorer's facts tables; a quote is shown in quotation marks."""
    return _fields(attrs, leave_out, _fact_columns(name))


@cache
def _fact_columns(name: str) -> tuple[tuple[str, type | None], ...]:
    """(field, its record model if it is a count that may be a minimum, else None) of each fact column of
    `name`; the flags saying so are no facts (`schemas.common.minimum_flags`: "victims at least: no" beside
    no count says nothing)."""
    graph = schema()
    if name not in graph.labels and name not in graph.rel_types:
        return ()
    record = graph.node(name) if name in graph.labels else graph.rel(name)
    derived = set(aggregate_fields(record.model))
    flags = minimum_flags(record.model)
    return tuple((c.name, record.model if c.name in flags else None) for c in record.columns
                 if c.name not in derived and c.name not in NOT_FACTS and c.name not in flags.values())


def _fields(attrs: Mapping[str, Any], name_field: str | None, columns) -> list[tuple[str, str]]:
    rows = []
    for name, counted_in in columns:
        if name == name_field:
            continue
        value = attrs.get(name)
        if value is None or value == [] or value == "":
            continue
        text = fact_text(value)
        if name == "quote":
            text = f"“{text}”"
        elif counted_in is not None:
            text = as_stated(attrs, counted_in, name, text)
        rows.append((name.replace("_", " "), text))
    return rows


def node_facts(attrs: Mapping[str, Any]) -> list[tuple[str, str]]:
    """(field, value) rows for a node's tooltip: type, claim status, then its own fields."""
    label = attrs.get("label", "")
    try:
        name_field = schema().node(label).model.name_field
    except KeyError:
        name_field = None
    from casegraph.viz.style import node_style

    rows = [("type", node_style(label).name)]
    if attrs.get("status"):
        rows.append(("claim status", _status(attrs)))
    if attrs.get("sensitivity") == "restricted":
        rows.append(("sensitivity", "RESTRICTED: not for publication"))
    return rows + _evidence(attrs) + fact_rows(attrs, label, name_field)


def _status(attrs: Mapping[str, Any]) -> str:
    """The current claim status with its date and source: `alleged (2017, per src-x)`."""
    when = [str(attrs[k]) for k in ("status_as_of", "status_source") if attrs.get(k)]
    status = str(attrs.get("status") or "reported")
    if when and citation_count(attrs) > 1:
        status += f" ({', per '.join(when) if len(when) == 2 else when[0]})"
    return status


def _evidence(attrs: Mapping[str, Any]) -> list[tuple[str, str]]:
    """How many independent sources, any value they disagree on, and the fields only some of them state
    (the tooltip lists every citation below: `partial_of` says which gave which field)."""
    rows = []
    cited = len(attrs.get("citation_sources") or ())
    if cited > 1:
        rows.append(("sources", f"{cited} citations, {attrs.get('independent_sources', 1)} independent"))
    for item in contested_of(attrs):
        rows.append((f"contested {item['field'].replace('_', ' ')}", f"{item['value']} per {', '.join(item['sources'])}"))
    for sources, names in partial_of(attrs):
        rows.append((f"stated only by {', '.join(sources)}", ", ".join(n.replace("_", " ") for n in names)))
    if attrs.get("basis"):  # what casegraph inferred, and from what
        rows.append(("basis", str(attrs["basis"])))
    return rows


def rel_facts(attrs: Mapping[str, Any]) -> list[tuple[str, str]]:
    """(field, value) rows for a relationship's tooltip."""
    rel = attrs.get("type", "")
    rows = [("relationship", rel.replace("_", " ").lower()), ("claim status", _status(attrs))]
    if attrs.get("sensitivity") == "restricted":
        rows.append(("sensitivity", "RESTRICTED: not for publication"))
    return rows + _evidence(attrs) + fact_rows(attrs, rel)


def source_lines(attrs: Mapping[str, Any], sources: Sources) -> list[str]:
    """Where a fact comes from: one line per citation (document, paragraphs or locator, the status
    it gives with its date, its grade, its quote), in citation order."""
    lines = []
    for citation in citations_of(attrs) or ([{"source": attrs["source"], "paragraphs": attrs.get("paragraphs"),
                                                     "locator": attrs.get("locator"), "quote": attrs.get("quote"),
                                                     "status": attrs.get("status")}] if attrs.get("source") else []):
        doc = sources.get(citation["source"])
        title = (f"{doc.get('publisher', '')}, “{doc.get('title', citation['source'])}”" if doc
                 else str(citation["source"]))
        lines.append(citation_text(citation, title))
    return lines


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
