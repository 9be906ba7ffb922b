"""An entity page as data: every fact of one node, where each comes from, and what it connects.

`entity_page(explorer, node)` returns an `EntityPage`:

- `facts`: every stored field of the node (in schema order), as text;
- `provenance`: its claim status, status date, citations (see `provenance`);
- `groups`: its neighbours grouped by relationship type and direction, each
  link with its own claim status and citations;
- `cases`: the cases it connects (one step, or two through an investigation,
  review or statement: `casegraph.graph.selection.linked_cases`);
- `cited_by`: for a source document, the nodes whose facts cite it (`graph.selection.citing`: the records
  citing it and both ends of the relationships citing it).

Every list is paged, `SHOWN` items a page, with its total: a hub's lists
(an indicator shown by 25,000 cases, a borough) are sorted once and kept
by the explorer (`Lists`, `Explorer.lists`), so any page of them is a slice.
`entity_page(..., more=KEY, page=N)` shows page N of the list KEY (a
group's heading, "cases" or "cited") and page 1 of the others.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache
from typing import Any, Iterable, Mapping, TypeVar

import networkx as nx

from casegraph.exports.base import conditional_in, conditions_notice
from casegraph.explorer.paging import Pages, by_page_number
from casegraph.explorer.provenance import Provenance, provenance
from casegraph.graph.selection import is_restricted, linked_cases
from casegraph.schemas import schema
from casegraph.schemas.names import display_name
from casegraph.viz.facts import fact_rows
from casegraph.viz.style import node_style

__all__ = ["EntityPage", "Link", "Group", "Lists", "lists_of", "name_order", "entity_page", "kind_name", "SHOWN"]

SHOWN = 100
T = TypeVar("T")



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
class Lists:
    """What an entity page pages, whole and in page order: the node's links by heading, each
    (neighbour, start, end, key) sorted by the neighbour's name, id and key, and its linked cases
    sorted by name and id. The explorer keeps a hub's (`Explorer.lists`): made once, a page of an
    indicator shown by 25,000 cases is a slice, not a walk over all of them."""

    groups: dict[str, list[tuple[str, str, str, str]]]
    cases: list[str]

    @property
    def size(self) -> int:
        return sum(len(links) for links in self.groups.values()) + len(self.cases)


def lists_of(graph: nx.MultiDiGraph, node: str, order: Mapping[str, int] | None = None) -> Lists:
    """`node`'s `Lists`, made from the graph; `order`: every node's place by name and id
    (`name_order`), when the caller keeps it (the explorer: one sort for all the hubs' lists)."""
    grouped: dict[str, list[tuple[str, str, str, str]]] = {}
    for _, v, key, rel_type in graph.out_edges(node, keys=True, data="type", default=""):
        grouped.setdefault(_heading(rel_type, True), []).append((v, node, v, key))
    for u, _, key, rel_type in graph.in_edges(node, keys=True, data="type", default=""):
        grouped.setdefault(_heading(rel_type, False), []).append((u, u, node, key))
    cases = linked_cases(graph, node) - {node}
    if order is None:
        order = name_order(graph, {other for links in grouped.values() for other, *_ in links} | cases)
    for links in grouped.values():
        links.sort(key=lambda item: (order[item[0]], item[3]))
    return Lists(grouped, sorted(cases, key=order.__getitem__))


def name_order(graph: nx.MultiDiGraph, nodes: Iterable[str] | None = None) -> dict[str, int]:
    """Each of `nodes` (default: every node) -> its place when sorted by name (case-folded), then id:
    the order every list of an entity page shows."""
    nodes = graph.nodes if nodes is None else nodes
    ranked = sorted((display_name(graph.nodes[n], n).casefold(), n) for n in nodes)
    return {n: at for at, (_, n) in enumerate(ranked)}


def _page(items: list[T], page: int) -> list[T]:
    return items[(page - 1) * SHOWN:page * SHOWN]


def _pages(node: str, key: str, total: int, page: int) -> Pages:
    """Where page `page` of the list `key` of `node`'s page sits, by the rule of every paged list."""
    return Pages((page - 1) * SHOWN, SHOWN, total, max(0, min(SHOWN, total - (page - 1) * SHOWN)),
                 by_page_number(f"/entity/{node}", [("more", key)], SHOWN))


@dataclass
class Group:
    heading: str
    links: list[Link]
    total: int
    pages: Pages | None = None


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
    case_pages: Pages | None = None
    cited_pages: Pages | None = None
    conditions: str | None = None  # what handling code C asks of the facts shown (`exports.base.conditions_notice`)


def _facts(attrs: dict[str, Any]) -> list[tuple[str, str]]:
    """The record's own facts (`viz.facts.fact_rows`, the tooltips' rule; its provenance block shows the rest)."""
    return fact_rows(attrs, attrs.get("label", ""))


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


def entity_page(explorer, node: str, more: str = "", page: int = 1) -> EntityPage:
    """The page of `node` (an id the explorer's graph holds; raises KeyError otherwise), page
    `page` of the list `more` (a group heading, "cases" or "cited"; see the module docstring).

    Lists are chosen on the explorer's outline; the node and the links shown are read whole
    from the store (`Explorer.hydrate`). Raises `ValueError` for a `more` that names no list of the page."""
    graph = explorer.graph
    label = graph.nodes[node].get("label", "")
    lists = explorer.lists(node)
    grouped = lists.groups
    cited = explorer.cited_by.get(node, []) if label == "Source" else []
    named = [*sorted(grouped), *(["cases"] if lists.cases else []), *(["cited"] if cited else [])]
    if page != 1 and not more:  # a page of which list? (it showed page 1 of every list, as if asked)
        raise ValueError("page: a page number goes with more=LIST, the list to page; this page's lists are "
                         + (", ".join(repr(key) for key in named) or "none"))
    if more and more not in named:
        raise ValueError(f"more: this page has no list {more!r}; its lists are "
                         + (", ".join(repr(key) for key in named) or "none"))
    name_of = lambda n: display_name(graph.nodes[n], n)  # noqa: E731
    at = lambda key: page if more == key else 1  # noqa: E731
    shown = {heading: _page(found, at(heading)) for heading, found in grouped.items()}
    part = nx.MultiDiGraph()
    part.add_node(node, **graph.nodes[node])
    for items in shown.values():
        for other, u, v, key in items:
            part.add_node(other, **graph.nodes[other])
    for items in shown.values():
        for other, u, v, key in items:
            part.add_edge(u, v, key=key, **graph.edges[u, v, key])
    whole = explorer.hydrate(part)
    attrs = whole.nodes[node]
    groups = [Group(heading, [_link(graph, other, whole.edges[u, v, key]) for other, u, v, key in shown[heading]],
                    len(grouped[heading]), _pages(node, heading, len(grouped[heading]), at(heading)))
              for heading in sorted(grouped)]
    cases = lists.cases
    shown_cases, shown_cited = _page(cases, at("cases")), _page(cited, at("cited"))
    return EntityPage(
        id=node, label=label, kind=kind_name(label), name=display_name(attrs, node), restricted=is_restricted(attrs),
        facts=_facts(attrs), provenance=provenance(attrs, graph), groups=groups,
        cases=[(c, name_of(c)) for c in shown_cases], case_total=len(cases),
        cited_by=[(n, kind_name(graph.nodes[n].get("label", "")), name_of(n)) for n in shown_cited],
        cited_total=len(cited), case_pages=_pages(node, "cases", len(cases), at("cases")),
        cited_pages=_pages(node, "cited", len(cited), at("cited")),
        conditions=conditions_notice(conditional_in([attrs, *(whole.edges[u, v, key] for items in shown.values()
                                                               for _, u, v, key in items)])),
    )
