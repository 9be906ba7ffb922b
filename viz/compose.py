"""Graph + positions -> Figure: the part every view shares.

A view decides which nodes and relationships to show and where; this module
turns them into marks and links with their labels, sizes and tooltips (facts
and sources), and writes the text around the picture: subtitle, notes,
caption and the source credit. Views stay small and say only what is
particular to them.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from functools import cache
from typing import Iterable, Mapping

import networkx as nx

from casegraph.schemas import schema
from casegraph.schemas.citations import cited_sources
from casegraph.schemas.words import counted, plural
from casegraph.viz.facts import credit_line, node_facts, node_name, rel_facts, short, source_lines
from casegraph.viz.figure import Figure, Guide, Link, Mark
from casegraph.viz.reading import sources_of
from casegraph.viz.style import line_style, link_words, node_style

__all__ = ["Options", "compose", "describe_figure", "make_mark", "make_link", "BASE_SIZE"]

BASE_SIZE = {"CaseFile": 18.0, "Borough": 22.0, "Indicator": 17.0, "Institution": 15.0}


@dataclass
class Options:
    """What an editor sets for any view."""

    title: str | None = None
    caption: str | None = None
    include_restricted: bool = False
    budget: int = 1500
    filters: list[str] = field(default_factory=list)  # the filters, described
    tips: bool = True  # False: marks and links without their facts and sources (the explorer's `/tip` gives them)


@cache
def _undirected(rel_type: str) -> bool:
    """Whether the schema has `rel_type` undirected (asked of every link: the schema's list walked once a type)."""
    try:
        return schema().rel(rel_type).undirected
    except KeyError:
        return False


def make_mark(graph: nx.MultiDiGraph, node: str, at: tuple[float, float], sources: Mapping,
              size: float | None = None, label: str | None = None, tips: bool = True) -> Mark:
    """A node as drawn, with its tooltip's facts and sources unless not `tips` (a group's always)."""
    attrs = graph.nodes[node]
    kind = attrs.get("label", "")
    restricted = attrs.get("sensitivity") == "restricted"
    if attrs.get("group"):
        return _group_mark(node, attrs, at, sources, size)
    name = node_name(attrs)
    text = label if label is not None else short(name)
    if restricted:
        text += " (restricted)"
    variant = "declined" if attrs.get("statement_type") == "declined-to-comment" else None
    if variant and label is None:
        text = "Declined to comment: " + short(name, 28)
    return Mark(
        id=node, label=text, kind=kind, x=at[0], y=at[1], size=size or BASE_SIZE.get(kind, 14.0),
        status=attrs.get("status"), restricted=restricted, variant=variant, heading=name,
        facts=node_facts(attrs) if tips else [], sources=source_lines(attrs, sources) if tips else [], asked=not tips,
    )


def _group_mark(node: str, attrs: Mapping, at, sources: Mapping, size: float | None) -> Mark:
    style = node_style(attrs["label"])
    count = attrs["count"]
    facts = [("type", f"group of {style.plural}"), ("stands for", style.counted(count)),
             ("group", str(attrs.get("part", "")))]
    statuses = attrs.get("statuses") or {}
    if statuses:
        facts.append(("claim statuses", ", ".join(f"{n:,} {s}" for s, n in sorted(statuses.items()))))
    if attrs.get("internal"):
        facts.append(("links inside the group", f"{attrs['internal']:,}"))
    names = attrs.get("member_names") or []
    if names:
        more = f" and {count - len(names):,} more" if count > len(names) else ""
        facts.append(("members", "; ".join(short(n, 50) for n in names) + more))
    return Mark(
        id=node, label=f"{style.counted(count)}: {short(str(attrs.get('part', '')), 28)}", kind=attrs["label"],
        x=at[0], y=at[1], size=size or min(18.0 + 7.0 * math.log2(count + 1), 60.0),
        status=attrs.get("status"), count=count, heading=f"{style.counted(count)}: {attrs.get('part', '')}",
        facts=facts, sources=[credit_line([s], sources).removeprefix("Sources: ").removesuffix(" Compiled with casegraph.")
                              for s in attrs.get("sources", [])],
    )


@cache
def _heading(rel_type: str) -> str:
    """A relationship type as a link's tooltip heads it: `ACTIVE_IN` -> "active in" (asked of every link)."""
    return rel_type.replace("_", " ").lower()


def make_link(u: str, v: str, key: str, attrs: Mapping, sources: Mapping, restricted_nodes: set[str],
              faint: bool = False, tips: bool = True) -> Link:
    """A relationship as drawn, with its tooltip's facts and sources unless not `tips` (a bundle's always)."""
    rel_type = attrs.get("type", "")
    status = attrs.get("status") or "reported"
    restricted = attrs.get("sensitivity") == "restricted" or u in restricted_nodes or v in restricted_nodes
    if attrs.get("group"):
        style = line_style(status)
        count = attrs.get("count", 1)
        breakdown = ", ".join(f"{n:,} {s}" for s, n in sorted((attrs.get("statuses") or {}).items()))
        facts = [("relationship", rel_type.replace("_", " ").lower()), ("bundle of", counted(count, "relationship")),
                 ("claim statuses", breakdown)]
        cited = [credit_line([s], sources).removeprefix("Sources: ").removesuffix(" Compiled with casegraph.")
                 for s in attrs.get("sources", [])]
        label = f"×{count:,}" + (f" {style.mark}" if style.mark else "")
        return Link(id=str(key), source=u, target=v, type=rel_type, status=status, label=label,
                    width=min(style.width + 1.5 * math.log2(count), 12.0), arrow=not _undirected(rel_type),
                    count=count, faint=faint, heading=f"{count:,} × {rel_type}", facts=facts, sources=cited)
    independent = int(attrs.get("independent_sources") or 1)
    return Link(
        id=str(key), source=u, target=v, type=rel_type, status=status, label=link_words(status, independent),
        arrow=not _undirected(rel_type), restricted=restricted, faint=faint, independent=independent,
        contested=bool(attrs.get("contested_fields")),
        heading=_heading(rel_type), facts=rel_facts(attrs) if tips else [],
        sources=source_lines(attrs, sources) if tips else [], asked=not tips,
    )


def compose(view: str, title: str, graph: nx.MultiDiGraph, positions: Mapping[str, tuple[float, float]],
            options: Options, *, sources_graph: nx.MultiDiGraph | None = None,
            edges: Iterable[tuple[str, str, str, dict]] | None = None, sizes: Mapping[str, float] | None = None,
            labels: Mapping[str, str] | None = None, faint: Iterable[str] = ("NEIGHBOURS",),
            guides: Iterable[Guide] = (), notes: Iterable[str] = (), describe: str = "") -> Figure:
    """The Figure of `graph`'s nodes that have a position, and the given (default: all) relationships between them."""
    records = sources_graph if sources_graph is not None else graph
    sources = sources_of(records)
    sizes, labels, faint = sizes or {}, labels or {}, set(faint)
    # without `options.tips`, only a record's tooltip is left out (`/tip` reads it); a view's own marks and
    # links (a decade's marker, a link re-keyed per decade) keep theirs
    marks = [make_mark(graph, n, positions[n], sources, sizes.get(n), labels.get(n), options.tips or n not in records)
             for n in graph.nodes if n in positions]
    drawn = {m.id for m in marks}
    restricted = {m.id for m in marks if m.restricted}
    if edges is None:
        edges = graph.edges(keys=True, data=True)
    links, cited = [], []
    for u, v, k, a in edges:
        if u in drawn and v in drawn:
            links.append(make_link(u, v, k, a, sources, restricted, faint=a.get("type") in faint,
                                   tips=options.tips or (records is not graph and not records.has_edge(u, v, k))))
            cited += [*cited_sources(a), *a.get("sources", [])]
    for m in marks:
        cited += [*cited_sources(graph.nodes[m.id]), *graph.nodes[m.id].get("sources", [])]
    figure = Figure(
        view=view, title=options.title or title, caption=options.caption or "",
        credit=credit_line([c for c in cited if c], sources),
        marks=marks, links=links, guides=list(guides), notes=list(notes),
        include_restricted=options.include_restricted, aggregated=any(m.count for m in marks), tips=options.tips,
    )
    parts = [describe] if describe else []
    parts.append(f"{counted(len(marks), 'node')}, {counted(len(links), 'relationship')}")
    if options.filters:
        parts.append("; ".join(options.filters))
    figure.subtitle = " · ".join(parts)
    if not marks:
        figure.empty = True
        figure.notes.append("Nothing to draw: no node in this graph matches this view and its filters.")
    figure.alt = describe_figure(figure, describe)
    figure.caption = options.caption or figure.alt
    return figure


def _counted(counts: Mapping[str, int], noun) -> str:
    return ", ".join(f"{n:,} {noun(k, n)}" for k, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])))


def describe_figure(figure: Figure, describe: str = "") -> str:
    """The alt text of a network figure: what it draws, how many of each type, how claims are established."""
    shown = [m for m in figure.marks if not m.more]
    kinds: dict[str, int] = {}
    for m in shown:
        kinds[m.kind] = kinds.get(m.kind, 0) + (m.count or 1)
    statuses: dict[str, int] = {}
    drawn = {m.id for m in shown}
    for link in figure.links:
        if link.source in drawn and link.target in drawn:
            statuses[link.status] = statuses.get(link.status, 0) + (link.count or 1)
    parts = [f"Network diagram: {describe}." if describe else "Network diagram."]
    if kinds:
        parts.append("It shows " + _counted(kinds, lambda k, n: node_style(k).word(n)) + ".")
    if statuses:
        parts.append("Relationships by current claim status: " + _counted(statuses, lambda k, n: k) + ".")
    drawn_links = [l for l in figure.links if l.source in drawn and l.target in drawn]
    corroborated = sum(1 for l in drawn_links if l.independent > 1)
    if corroborated:
        parts.append(f"{corroborated:,} of them {plural(corroborated, 'rests', 'rest')} on more than one independent "
                     "source (the number is on the line).")
    contested = sum(1 for l in drawn_links if l.contested)
    if contested:
        parts.append(f"{contested:,} {plural(contested, 'has', 'have')} a value its sources disagree on (contested).")
    return " ".join(parts)

