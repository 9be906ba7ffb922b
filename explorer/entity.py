"""An entity page as data: every fact of one node, where each comes from, and what it connects.

`entity_page(explorer, node)` returns an `EntityPage`:

- `facts`: every stored field of the node (in schema order), as text;
- `provenance`: its claim status, status date, citations (see `provenance`);
- `groups`: its neighbours grouped by relationship type and direction, each
  link with its own claim status and citations;
- `cases`: the cases it connects (one step, or two through an investigation,
  review or statement: `casegraph.graph.selection.linked_cases`);
- `cited_by`: for a source document, the records whose facts cite it.

Long lists are cut at `SHOWN` items; the page says how many there are.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache
from typing import Any

from casegraph.explorer.provenance import Provenance, provenance
from casegraph.graph.selection import is_restricted, linked_cases
from casegraph.schemas import schema
from casegraph.schemas.names import display_name
from casegraph.viz.facts import fact_text
from casegraph.viz.style import node_style

__all__ = ["EntityPage", "Link", "Group", "entity_page", "kind_name", "SHOWN", "NOT_FACTS"]

SHOWN = 100

NOT_FACTS = {"id", "label", "source", "paragraphs", "locator", "quote", "status", "sensitivity", "basis",
             "status_as_of", "independent_sources"}
"""Fields the provenance block shows (and `citation_*` columns), not the facts table."""


def kind_name(label: str) -> str:
    """What a node type is called on screen (the pictures' legend name: "Case", "Borough", ...)."""
    return node_style(label).name


@dataclass
class Link:
    """A neighbour, and the relationship that links it."""

    id: str
    label: str
    name: str
    status: str
    restricted: bool
    provenance: Provenance


@dataclass
class Group:
    heading: str
    links: list[Link]
    total: int


@dataclass
class EntityPage:
    id: str
    label: str
    kind: str
    name: str
    restricted: bool
    facts: list[tuple[str, str]]
    provenance: Provenance
    groups: list[Group] = field(default_factory=list)
    cases: list[tuple[str, str]] = field(default_factory=list)
    case_total: int = 0
    cited_by: list[tuple[str, str, str]] = field(default_factory=list)
    cited_total: int = 0


def _facts(attrs: dict[str, Any]) -> list[tuple[str, str]]:
    label = attrs.get("label", "")
    try:
        names = [c.name for c in schema().node(label).columns]
    except KeyError:
        names = []
    names += sorted(set(attrs) - set(names))
    rows = []
    for name in names:
        value = attrs.get(name)
        if name in NOT_FACTS or name.startswith("citation_") or value is None or value in ("", [], ()):
            continue
        rows.append((name.replace("_", " "), fact_text(value)))
    return rows


@cache
def _heading(rel_type: str, outgoing: bool) -> str:
    words = rel_type.replace("_", " ").lower()
    try:
        undirected = schema().rel(rel_type).undirected
    except KeyError:
        undirected = False
    return words if undirected or outgoing else f"{words} (pointing here)"


def _link(graph, other: str, data: dict) -> Link:
    attrs = graph.nodes[other]
    return Link(other, attrs.get("label", ""), display_name(attrs, other), str(data.get("status") or ""),
                is_restricted(attrs) or is_restricted(data), provenance(data, graph))


def entity_page(explorer, node: str) -> EntityPage:
    """The page of `node` (an id the explorer's graph holds; raises KeyError otherwise)."""
    graph = explorer.graph
    attrs = graph.nodes[node]
    label = attrs.get("label", "")
    grouped: dict[str, list[tuple[str, dict]]] = {}
    edges = [(v, d, True) for _, v, d in graph.out_edges(node, data=True)]
    edges += [(u, d, False) for u, _, d in graph.in_edges(node, data=True)]
    for other, data, outgoing in edges:
        grouped.setdefault(_heading(data.get("type", ""), outgoing), []).append((other, data))
    groups = []
    for heading in sorted(grouped):
        found = sorted(grouped[heading], key=lambda item: (display_name(graph.nodes[item[0]], item[0]).casefold(),
                                                           item[0], str(item[1].get("id"))))
        groups.append(Group(heading, [_link(graph, other, data) for other, data in found[:SHOWN]], len(found)))
    cases = sorted(linked_cases(graph, node) - {node})
    cited = explorer.cited_by.get(node, []) if label == "Source" else []
    return EntityPage(
        id=node, label=label, kind=kind_name(label), name=display_name(attrs, node), restricted=is_restricted(attrs),
        facts=_facts(attrs), provenance=provenance(attrs, graph), groups=groups,
        cases=[(c, display_name(graph.nodes[c], c)) for c in cases[:SHOWN]], case_total=len(cases),
        cited_by=[(n, kind_name(graph.nodes[n].get("label", "")), display_name(graph.nodes[n], n))
                  for n in cited[:SHOWN]],
        cited_total=len(cited),
    )

