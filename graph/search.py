"""Find things in the graph: list the nodes of a kind, search names, and say which node an id means.

One fuzzy ranking (`rank`) serves `casegraph search`, the "did you mean"
of every id a user types, and the web explorer, so a misspelt id suggests
what a search for it would find. Scores come from rapidfuzz (0-100): an
exact id or name is 100, a name that starts with the text 95, a whole-word
or substring hit 90, else rapidfuzz's weighted ratio (`WRatio`), which
forgives typos, word order and partial names, or 0.9 of the worst typed
word's best `ratio` against the name's words (a typo in one word of a long
name), whichever is higher.

Works on the networkx projection (`casegraph.graph.projection`), so it
sees exactly the profile the caller projected: a public graph never finds
a restricted record.

`SearchIndex(graph)` is the same search for a long-lived caller (the
explorer, `casegraph serve`): the entries are read once, and its
`search` adds filters by borough and decade and paging. A borough means
the cases filed under it or at a place in it, with their context
(`select` with `Selection(boroughs=)`); a decade means `decades_of` for
timed records and the decades of the linked cases (`linked_cases`) for
everything else.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from functools import lru_cache
from typing import Iterable, Sequence

import networkx as nx
from rapidfuzz import fuzz, utils

from casegraph.schemas import schema
from casegraph.schemas.names import display_name

__all__ = ["Hit", "Entry", "KINDS", "kind_label", "names_of", "rank", "search", "list_nodes", "period_of",
           "boroughs_of", "SearchIndex", "SearchPage"]

SUGGEST_CUTOFF = 75.0
"""Lowest score a search hit or an id suggestion needs (rapidfuzz scale 0-100)."""


def _kinds() -> dict[str, str]:
    kinds = {}
    for node in schema().nodes:
        kinds[node.kind] = node.label
        kinds[node.kind + "s"] = node.label
    kinds.update({"people": "Person", "cases": "CaseFile", "places": "Place", "boroughs": "Borough"})
    return kinds


KINDS = _kinds()
"""What `casegraph list KIND` takes: every node kind of the schema, singular or plural."""


def kind_label(kind: str) -> str:
    """The label a kind names (`cases`, `case`, `CaseFile` -> `CaseFile`); `KeyError` lists the kinds."""
    text = kind.strip().casefold()
    for name, label in KINDS.items():
        if text in (name, label.casefold()):
            return label
    raise KeyError(f"no kind {kind!r}: expected one of {', '.join(sorted(n.kind + 's' for n in schema().nodes))}")


def names_of(attrs) -> list[str]:
    """What a node answers to: its id, its display name, its title and its aliases (id first)."""
    names = [attrs.get("id"), display_name(attrs, attrs.get("id")), attrs.get("title"), *(attrs.get("aliases") or ())]
    seen, out = set(), []
    for name in names:
        if name and str(name) not in seen:
            seen.add(str(name))
            out.append(str(name))
    return out


@dataclass(frozen=True)
class Entry:
    """A node as search sees it: its id, label and what it answers to."""

    id: str
    label: str
    names: Sequence[str]


def _score(text: str, name: str) -> float:
    wanted, have = utils.default_process(text), utils.default_process(name)
    if not wanted or not have:
        return 0.0
    if wanted == have:
        return 100.0
    if have.startswith(wanted):
        return 95.0
    if f" {wanted} " in f" {have} " or wanted in have:
        return 90.0
    # a typo in one word of a longer name ("rowly" for "Sir Mark Rowley") is lost in the whole-name
    # ratio: every typed word's best match among the name's words counts too, at 0.9 of its ratio
    by_word = min(max(fuzz.ratio(word, part) for part in have.split()) for word in wanted.split())
    return float(max(fuzz.WRatio(wanted, have), 0.9 * by_word))


def rank(text: str, entries: Iterable[Entry], limit: int = 10,
         cutoff: float = SUGGEST_CUTOFF) -> list[tuple[Entry, str, float]]:
    """The entries best matching `text`: (entry, the name that matched, score), best first.

    Ties break by how close the whole name is (`fuzz.ratio`), then by id, so the same
    text gives the same order every time."""
    found = []
    for entry in entries:
        best = max(((_score(text, name), name) for name in entry.names), default=(0.0, ""))
        if best[0] >= cutoff:
            found.append((entry, best[1], round(best[0], 1), fuzz.ratio(text.casefold(), best[1].casefold())))
    found.sort(key=lambda hit: (-hit[2], -hit[3], hit[0].id))
    return [hit[:3] for hit in found[:limit]]


# -- what a node is, in a row ------------------------------------------------------------------

_TO_BOROUGH = {"IN_BOROUGH", "PLACE_IN", "ACTIVE_IN", "BASED_IN", "ABOUT"}


def _direct_boroughs(graph: nx.MultiDiGraph, node: str) -> set[str]:
    return {t for _, t, d in graph.out_edges(node, data=True)
            if d.get("type") in _TO_BOROUGH and graph.nodes[t].get("label") == "Borough"}


def boroughs_of(graph: nx.MultiDiGraph, node: str) -> set[str]:
    """The boroughs a node belongs to: its own, its place's, or its cases'.

    A case: IN_BOROUGH, or the borough of a place it happened at. Anything
    else: a direct link to a borough, else the boroughs of the cases it is
    linked to. A borough is its own.
    """
    label = graph.nodes[node].get("label")
    if label == "Borough":
        return {node}
    found = _direct_boroughs(graph, node)
    if label == "CaseFile":
        if not found:
            for _, place, data in graph.out_edges(node, data=True):
                if data.get("type") == "AT_PLACE":
                    found |= _direct_boroughs(graph, place)
        return found
    if found:
        return found
    for other in set(graph.successors(node)) | set(graph.predecessors(node)):
        if graph.nodes[other].get("label") == "CaseFile":
            found |= boroughs_of(graph, other)
    return found


def period_of(attrs) -> str:
    """A timed record's period as written (`2000-2016`, `2019-`), `unknown`, or "" for an untimed node."""
    if "period" in attrs and attrs["period"]:
        return str(attrs["period"])
    if attrs.get("year_start") is not None:
        end = attrs.get("year_end")
        return f"{attrs['year_start']}" + (f"-{end}" if end and end != attrs["year_start"] else "")
    return ""


@dataclass(frozen=True)
class Hit:
    """One row of `list_nodes` or `search`: a node, the kind, where and when; for search, what matched."""

    id: str
    kind: str
    name: str
    borough: str
    period: str
    matched: str = ""
    score: float = 0.0

    def as_dict(self) -> dict:
        return asdict(self)


def _kind_of(label: str) -> str:
    return next(n.kind for n in schema().nodes if n.label == label)


def _hit(graph: nx.MultiDiGraph, node: str, matched: str = "", score: float = 0.0) -> Hit:
    """`matched` is kept only when it says something the id and name do not (an alias, a title)."""
    attrs = graph.nodes[node]
    name = display_name(attrs, node)
    boroughs = sorted(display_name(graph.nodes[b], b) for b in boroughs_of(graph, node))
    return Hit(node, _kind_of(attrs["label"]), name, ", ".join(boroughs), period_of(attrs),
               "" if matched in (node, name) else matched, score)


def _entries(graph: nx.MultiDiGraph, labels: set[str] | None) -> list[Entry]:
    return [Entry(n, a.get("label", ""), names_of({"id": n, **a})) for n, a in graph.nodes(data=True)
            if labels is None or a.get("label") in labels]


def list_nodes(graph: nx.MultiDiGraph, kind: str) -> list[Hit]:
    """Every node of a kind (`cases`, `people`, `places`, ...), by id: id, kind, name, borough, period.

    Raises `KeyError` (message lists the kinds) for an unknown kind."""
    label = kind_label(kind)
    return [_hit(graph, n) for n in sorted(n for n, a in graph.nodes(data=True) if a.get("label") == label)]


def search(graph: nx.MultiDiGraph, text: str, kinds: Iterable[str] = (), limit: int = 20) -> list[Hit]:
    """Nodes whose id, name, title or alias match `text`, fuzzily, best first (see the module docstring).

    `kinds` narrows to some kinds (`case`, `people`, ...); `limit` caps the rows.
    Raises `KeyError` for an unknown kind."""
    labels = {kind_label(k) for k in kinds} or None
    return [_hit(graph, entry.id, matched, score)
            for entry, matched, score in rank(text, _entries(graph, labels), limit=limit)]


# -- the same search, filtered and paged, for a long-lived caller -------------------------------


@dataclass
class SearchPage:
    """One page of `SearchIndex.search` hits, and how many matched in all."""

    total: int
    hits: list[Hit] = field(default_factory=list)


class SearchIndex:
    """`search` over one graph whose entries are read once, with borough/decade filters and paging."""

    def __init__(self, graph: nx.MultiDiGraph):
        self.graph = graph
        self.entries = _entries(graph, None)
        self._members = lru_cache(maxsize=64)(self._borough_members)

    # casegraph.graph.selection imports this module (its "did you mean"): its rules are imported late

    def _borough_members(self, borough: str) -> frozenset[str]:
        from casegraph.graph.selection import Selection, select

        return frozenset(select(self.graph, Selection(boroughs=(borough,))).nodes)

    def _in_decade(self, node: str, decade: int) -> bool:
        from casegraph.graph.selection import decades_of, linked_cases

        attrs = self.graph.nodes[node]
        if attrs.get("year_start") is not None:
            return decade in decades_of(attrs)
        return any(decade in decades_of(self.graph.nodes[c]) for c in linked_cases(self.graph, node))

    def search(self, text: str = "", *, labels: Iterable[str] = (), borough: str | None = None,
               decade: int | None = None, limit: int = 20, offset: int = 0) -> SearchPage:
        """The nodes matching `text` by `rank` (every node but sources when it is empty), one page of them.

        `labels`: keep nodes of these labels (e.g. "CaseFile"); `borough`: a borough id
        (raises `NodeNotFound`/`SelectionError` for one the graph lacks); `decade`: e.g. 1990
        (any year of it). Empty text lists cases first, then by name. `limit`/`offset` page the hits.
        """
        labels = set(labels)
        entries = [e for e in self.entries if not labels or e.label in labels]
        if borough:
            members = self._members(borough)
            entries = [e for e in entries if e.id in members]
        if decade is not None:
            decade -= decade % 10
            entries = [e for e in entries if self._in_decade(e.id, decade)]
        if text.strip():
            found = [(e.id, matched, score) for e, matched, score in rank(text, entries, limit=len(entries) or 1)]
        else:
            names = {e.id: e.names[1] if len(e.names) > 1 else e.id for e in entries if e.label != "Source"}
            found = [(node, "", 0.0) for node in sorted(names, key=lambda n: (
                self.graph.nodes[n].get("label") != "CaseFile", names[n].casefold(), n))]
        return SearchPage(len(found), [_hit(self.graph, node, matched, score)
                                       for node, matched, score in found[offset:offset + limit]])
