"""Where a fact comes from and how established it is, as the explorer shows it.

One helper for every record the explorer shows (a node, a relationship):
`provenance(attrs, graph)` reads whatever provenance the record carries and
returns it as plain data the templates lay out (and escape):

- the claim status, with its date when the record has one (`status_as_of`),
  and the number of independent sources when it is counted;
- its citations: the stored citation columns decoded by
  `casegraph.schemas.citations.citations_of` (the many-sources form), else
  the record's own `source`, `paragraphs`, `locator` and `quote` (the
  one-source form); each citation names its source document (title,
  publisher, date), its own status, date (`as_of`) and 3x5x2 grade
  (`grade_text`; "not graded" when it has none);
- the fields only some of its sources state (`partial_of`: a restatement
  gives only what its source states), so no listed citation reads as the
  source of a field it never gave;
- for an inferred fact, the basis of the inference.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any, Mapping

import networkx as nx

from casegraph.schemas.citations import citations_of, contested_of, grade_text, partial_of
from casegraph.schemas.words import plural

__all__ = ["Citation", "Provenance", "provenance"]



@dataclass
class Citation:
    """One source behind a fact: the document, where in it, its words, and any further fields."""

    source: str
    title: str = ""
    publisher: str = ""
    published: str = ""
    known: bool = False  # the source document is in the graph (so it has a page)
    where: str = ""  # "para. 12", "paras 3, 4", or a locator
    quote: str = ""
    status: str = ""
    extra: list[tuple[str, str]] = field(default_factory=list)


@dataclass
class Provenance:
    status: str = ""
    status_as_of: str = ""
    status_source: str = ""  # the source whose citation gives the current status
    independent_sources: Any = None
    basis: str = ""
    citations: list[Citation] = field(default_factory=list)
    contested: list[tuple[str, str, str]] = field(default_factory=list)  # (field, value, sources), per value
    partial: list[tuple[str, str]] = field(default_factory=list)  # (fields, sources): only these sources state them


def _where(paragraphs: Any, locator: Any) -> str:
    if isinstance(paragraphs, str):
        paragraphs = [p for p in paragraphs.replace(";", ",").split(",") if p.strip()]
    paragraphs = [str(p).strip() for p in paragraphs or ()]
    if paragraphs:
        return plural(len(paragraphs), "para.", "paras") + " " + ", ".join(paragraphs)
    return str(locator) if locator else ""


def _raw_citations(attrs: Mapping[str, Any]) -> list[dict[str, Any]]:
    if attrs.get("citation_sources"):
        return citations_of(dict(attrs))  # the one decoder of the stored citation columns
    if attrs.get("source"):
        return [{"source": attrs["source"], "paragraphs": attrs.get("paragraphs"), "locator": attrs.get("locator"),
                 "quote": attrs.get("quote"), "status": attrs.get("status")}]
    return []


def provenance(attrs: Mapping[str, Any], graph: nx.MultiDiGraph) -> Provenance:
    """The provenance of one record (node or relationship properties); `graph` resolves source documents."""
    citations = []
    for raw in _raw_citations(attrs):
        source = str(raw.get("source") or "")
        doc = graph.nodes[source] if source in graph else {}
        citations.append(Citation(
            source=source, title=str(doc.get("title") or ""), publisher=str(doc.get("publisher") or ""),
            published=str(doc.get("published") or ""), known=bool(doc),
            where=_where(raw.get("paragraphs"), raw.get("locator")), quote=str(raw.get("quote") or ""),
            status=str(raw.get("status") or ""),
            extra=[(name, value) for name, value in (("as of", raw.get("as_of")),
                                                     ("grade", grade_text(raw) or "not graded")) if value],
        ))
    return Provenance(
        status=str(attrs.get("status") or ""), status_as_of=str(attrs.get("status_as_of") or ""),
        status_source=str(attrs.get("status_source") or ""),
        independent_sources=attrs.get("independent_sources"), basis=str(attrs.get("basis") or ""),
        citations=citations,
        contested=[(c["field"].replace("_", " "), str(json.loads(c["value"])), ", ".join(c["sources"]))
                   for c in contested_of(dict(attrs))],
        partial=[(", ".join(name.replace("_", " ") for name in names), ", ".join(sources))
                 for sources, names in partial_of(attrs)],
    )
