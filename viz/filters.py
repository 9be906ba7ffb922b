"""The editor's cut of the graph a picture shows.

`Filters` select by borough, decade, indicator, node type and claim status.
A borough, decade or indicator selects cases; the picture keeps those cases
and what is linked to them (and, for a review or a statement, the chain of
recommendations and responses it belongs to), but no other case, borough,
indicator or decade.

What a picture must never show is not decided here: `views.figure_for`
leaves restricted data out through `casegraph.graph.selection.public_subgraph`
(the rule exports use too) before any filter runs. Names resolve, decades
count and a borough holds cases by the same rules as exports (`resolve_node`,
`decades_of`, `cases_in_borough`), and a
value that names nothing raises the same `SelectionError`.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import networkx as nx

from casegraph.graph.selection import SelectionError, cases_in_borough, decades_of, neighbours, resolve_node
from casegraph.schemas import ClaimStatus, schema
from casegraph.viz.reading import decade_name, label_of, nodes_of

__all__ = ["Filters", "TIMED_LABELS"]

TIMED_LABELS = {"CaseFile", "Investigation", "Review", "Statement"}
_CHAIN = {"Review", "Investigation", "Recommendation", "Statement"}


def _decade(value: str) -> int:
    text = str(value).strip().lower().rstrip("s")
    if not text.isdigit() or len(text) != 4:
        raise SelectionError(f"a decade is written 1990s or 1990, got {value!r}")
    return int(text) // 10 * 10


def _label(value: str) -> str:
    try:
        return schema().node(value).label
    except KeyError:
        for node in schema().nodes:
            if value.casefold() in (node.kind, node.label.casefold()):
                return node.label
    kinds = ", ".join(node.kind for node in schema().nodes)
    raise SelectionError(f"no node type {value!r}: expected one of {kinds}")


def _status(value: str) -> str:
    values = [s.value for s in ClaimStatus]
    if value.lower() not in values:
        raise SelectionError(f"no claim status {value!r}: expected one of {', '.join(values)}")
    return value.lower()


@dataclass
class Filters:
    """The editor's cut, as written on the command line (`--decade 1990s`, `--type case`);
    after `apply`, `described` says what was applied, for the picture's caption."""

    boroughs: tuple[str, ...] = ()
    decades: tuple[str, ...] = ()
    indicators: tuple[str, ...] = ()
    types: tuple[str, ...] = ()
    statuses: tuple[str, ...] = ()
    described: list[str] = field(default_factory=list)

    def __bool__(self) -> bool:
        return any((self.boroughs, self.decades, self.indicators, self.types, self.statuses))

    def apply(self, graph: nx.MultiDiGraph) -> nx.MultiDiGraph:
        """The part of `graph` these filters select (a new graph; `graph` is untouched)."""
        boroughs = {resolve_node(graph, b, "Borough") for b in self.boroughs}
        indicators = {resolve_node(graph, i, "Indicator") for i in self.indicators}
        decades = {_decade(d) for d in self.decades}
        labels = {_label(t) for t in self.types}
        statuses = {_status(s) for s in self.statuses}
        self.described = []
        if boroughs:
            self.described.append("borough: " + ", ".join(sorted(graph.nodes[b].get("name", b) for b in boroughs)))
        if decades:
            self.described.append("decade: " + ", ".join(decade_name(d) for d in sorted(decades)))
        if indicators:
            self.described.append("indicator: " + ", ".join(sorted(graph.nodes[i].get("name", i) for i in indicators)))
        if labels:
            self.described.append("type: " + ", ".join(sorted(labels)))
        if statuses:
            self.described.append("claim status: " + ", ".join(sorted(statuses)))

        keep = set(graph.nodes)
        if boroughs or decades or indicators:
            keep = self._scope(graph, boroughs, decades, indicators)
        if labels:
            keep = {n for n in keep if label_of(graph, n) in labels}
        sub = graph.subgraph(keep).copy()
        if statuses:
            sub = _by_status(sub, statuses)
        return sub

    @staticmethod
    def _scope(graph, boroughs: set[str], decades: set[int], indicators: set[str]) -> set[str]:
        in_boroughs = set().union(*(cases_in_borough(graph, b) for b in boroughs))

        def case_selected(case: str) -> bool:
            if boroughs and case not in in_boroughs:
                return False
            if decades and not decades.intersection(decades_of(graph.nodes[case])):
                return False
            if indicators and not any(
                data.get("type") == "SHOWS" and target in indicators
                for _, target, data in graph.out_edges(case, data=True)
            ):
                return False
            return True

        def allowed(node: str) -> bool:
            label = label_of(graph, node)
            if label == "CaseFile":
                return node in cases
            if label == "Borough" and boroughs:
                return node in boroughs
            if label == "Indicator" and indicators:
                return node in indicators
            if label in TIMED_LABELS and decades and graph.nodes[node].get("year_start") is not None:
                return bool(decades.intersection(decades_of(graph.nodes[node])))
            return True

        cases = {c for c in nodes_of(graph, "CaseFile") if case_selected(c)}
        seeds = cases | boroughs | indicators
        scope = set(seeds)
        for seed in seeds:
            scope |= {n for n in neighbours(graph, seed) if allowed(n)}
        frontier = [n for n in scope if label_of(graph, n) in _CHAIN]
        while frontier:
            node = frontier.pop()
            for other in neighbours(graph, node):
                if other not in scope and allowed(other):
                    scope.add(other)
                    if label_of(graph, other) in _CHAIN:
                        frontier.append(other)
        return scope


def _by_status(graph: nx.MultiDiGraph, statuses: set[str]) -> nx.MultiDiGraph:
    """Relationships of the chosen statuses and the nodes they join (an isolated node stays if its own status is chosen)."""
    sub = nx.MultiDiGraph()
    for node, attrs in graph.nodes(data=True):
        if graph.degree(node) == 0 and attrs.get("status", "reported") in statuses:
            sub.add_node(node, **attrs)
    for u, v, k, attrs in graph.edges(keys=True, data=True):
        if attrs.get("status", "reported") in statuses:
            sub.add_node(u, **graph.nodes[u])
            sub.add_node(v, **graph.nodes[v])
            sub.add_edge(u, v, key=k, **attrs)
    return sub
