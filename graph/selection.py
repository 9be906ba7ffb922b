"""Cut a subgraph out of the projected graph: cases, boroughs, decades, ...

Exports, analytics and reports all work on "the graph, or a part of it". A
`Selection` names that part; `select(graph, selection)` returns it as a new
MultiDiGraph with the same node and edge attributes as the projection.

How criteria combine (one rule, stated once):

- the case filters `boroughs`, `decades`, `indicators`, `institutions` and
  `people` pick the cases that match *every* filter given (and *any* value
  within one filter): `--borough newham --borough hackney --decade 2010`
  means cases in Newham or Hackney that touch the 2010s;
- `cases` adds those cases by id, and `query` the nodes a catalog query
  returns (node values, path nodes, and any cell holding a node id; the
  cases among them count as picked cases);
- every picked case brings its context, the nodes one relationship away (its
  borough, places, people, institutions, indicators, the reviews that
  examined it, the statements about it), and the filter nodes named
  (the borough, institution, person or indicator itself) are kept;
- `around` adds the k-hop neighbourhood of a node (ignoring direction);
- the result is every relationship among the chosen nodes, plus the source
  documents their facts cite, so an export's provenance stays resolvable.

An empty selection is the whole graph. Invariant: `select` only ever
returns nodes and edges of the graph it is given, so a selection made on a
public projection can never bring restricted data back.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from typing import Any, Iterable

import networkx as nx

__all__ = ["Selection", "SelectionError", "select", "resolve_node", "case_decades", "linked_cases", "CONTEXT_LABELS"]

CASE = "CaseFile"

INTERMEDIATE = ("Investigation", "Review", "Statement")
"""Labels through which an institution or person is linked to a case
(an institution that commissioned a review of the case, made a statement about it)."""

CONTEXT_LABELS = ("Borough", "Place", "Person", "Institution", "Indicator", "Investigation", "Review", "Statement")


class SelectionError(ValueError):
    """A selection names something the graph does not hold (in this profile)."""


@dataclass(frozen=True)
class Selection:
    """Which part of the graph: see the module docstring for how criteria combine."""

    cases: tuple[str, ...] = ()
    boroughs: tuple[str, ...] = ()
    decades: tuple[int, ...] = ()
    indicators: tuple[str, ...] = ()
    institutions: tuple[str, ...] = ()
    people: tuple[str, ...] = ()
    around: tuple[tuple[str, int], ...] = ()
    query: str | None = None
    params: dict[str, Any] = field(default_factory=dict)

    @property
    def is_empty(self) -> bool:
        return not (self.cases or self.filters_given or self.around or self.query)

    @property
    def filters_given(self) -> bool:
        return bool(self.boroughs or self.decades or self.indicators or self.institutions or self.people)

    def describe(self) -> dict[str, Any]:
        """The selection as plain data, for export metadata and report headers."""
        if self.is_empty:
            return {"whole_graph": True}
        data: dict[str, Any] = {}
        for name in ("cases", "boroughs", "decades", "indicators", "institutions", "people"):
            if getattr(self, name):
                data[name] = list(getattr(self, name))
        if self.around:
            data["around"] = [{"node": node, "hops": hops} for node, hops in self.around]
        if self.query:
            data["query"] = {"name": self.query, "params": dict(self.params)}
        return data


def _display(attrs: dict[str, Any]) -> str:
    return str(attrs.get("name") or attrs.get("title") or attrs.get("summary") or attrs.get("id"))


def resolve_node(graph: nx.MultiDiGraph, ref: str, label: str | None = None) -> str:
    """A node id from an id, or a name or alias (case-insensitive) of the given label."""
    if ref in graph and (label is None or graph.nodes[ref].get("label") == label):
        return ref
    wanted = ref.strip().casefold()
    found = [
        node for node, attrs in graph.nodes(data=True)
        if (label is None or attrs.get("label") == label)
        and (wanted in {str(attrs.get(k, "")).casefold() for k in ("name", "title")}
             or wanted in {str(a).casefold() for a in attrs.get("aliases") or ()})
    ]
    if len(found) == 1:
        return found[0]
    kind = (label or "node").lower().replace("casefile", "case")
    if len(found) > 1:
        raise SelectionError(f"{ref!r} names several {kind}s: {', '.join(sorted(found))}; give an id")
    raise SelectionError(
        f"no {kind} {ref!r} in this graph (restricted data is left out of the public profile; "
        f"`casegraph query --cypher` lists ids)"
    )


def case_decades(attrs: dict[str, Any], this_year: int | None = None) -> set[int]:
    """The decades a case's period touches; none when its period is unknown.

    `2000-2016` touches the 2000s and 2010s; an ongoing `2019-` runs to this
    year; `unknown` touches no decade (never a guessed one).
    """
    start = attrs.get("year_start")
    if start is None:
        return set()
    end = attrs.get("year_end")
    if end is None:
        ongoing = str(attrs.get("period", "")).endswith("-")
        end = (this_year or datetime.date.today().year) if ongoing else start
    return set(range(start - start % 10, end - end % 10 + 1, 10))


def _neighbours(graph: nx.MultiDiGraph, node: str) -> set[str]:
    return set(graph.successors(node)) | set(graph.predecessors(node))


def linked_cases(graph: nx.MultiDiGraph, node: str, via_places: bool = False,
                 skip_journalism: bool = False) -> set[str]:
    """Cases one step from `node`, or two steps through a review, investigation or statement.

    `skip_journalism` does not follow journalistic investigations: the
    reporters who examined every case are the source, not a link between
    the cases (analytics use it; selections do not).
    """
    found = set()
    for first in _neighbours(graph, node):
        attrs = graph.nodes[first]
        label = attrs.get("label")
        if label == CASE:
            found.add(first)
        elif skip_journalism and attrs.get("investigation_type") == "journalistic":
            continue
        elif label in INTERMEDIATE or (via_places and label == "Place"):
            found |= {n for n in _neighbours(graph, first) if graph.nodes[n].get("label") == CASE}
    return found


def _filter(graph, refs: Iterable[str], label: str, keep: set[str], via_places: bool = False) -> set[str]:
    cases: set[str] = set()
    for ref in refs:
        node = resolve_node(graph, ref, label)
        keep.add(node)
        if label == "Indicator":
            cases |= {n for n in graph.predecessors(node) if graph.nodes[n].get("label") == CASE}
        else:
            cases |= linked_cases(graph, node, via_places=via_places)
    return cases


def _query_nodes(graph: nx.MultiDiGraph, view, name: str, params: dict[str, Any]) -> set[str]:
    from casegraph.queries import get_query, run_query

    if view is None:
        raise SelectionError("a --query selection needs a store to run the query on")
    result = run_query(view, get_query(name), params)
    found: set[str] = set()

    def visit(value: Any) -> None:
        if isinstance(value, dict):
            if "labels" in value and "properties" in value:
                visit(value["properties"].get("id"))
            elif "nodes" in value and "relationships" in value:
                for node in value["nodes"]:
                    visit(node)
        elif isinstance(value, list):
            for item in value:
                visit(item)
        elif isinstance(value, str) and value in graph:
            found.add(value)

    for row in result.rows:
        for value in row:
            visit(value)
    return found


def select(graph: nx.MultiDiGraph, selection: Selection, view=None) -> nx.MultiDiGraph:
    """The part of `graph` the selection names (the whole graph when it is empty)."""
    if selection.is_empty:
        return graph.copy()
    keep: set[str] = set()
    cases = {n for n, a in graph.nodes(data=True) if a.get("label") == CASE}
    picked: set[str] = set()
    if selection.filters_given:
        matching = set(cases)
        if selection.boroughs:
            matching &= _filter(graph, selection.boroughs, "Borough", keep, via_places=True)
        if selection.indicators:
            matching &= _filter(graph, selection.indicators, "Indicator", keep)
        if selection.institutions:
            matching &= _filter(graph, selection.institutions, "Institution", keep)
        if selection.people:
            matching &= _filter(graph, selection.people, "Person", keep)
        if selection.decades:
            wanted = {d - d % 10 for d in selection.decades}
            matching = {c for c in matching if case_decades(graph.nodes[c]) & wanted}
        picked |= matching
    picked |= {resolve_node(graph, ref, CASE) for ref in selection.cases}
    if selection.query:
        found = _query_nodes(graph, view, selection.query, selection.params)
        keep |= found
        picked |= {n for n in found if graph.nodes[n].get("label") == CASE}
    for case in picked:
        keep.add(case)
        keep |= {n for n in _neighbours(graph, case) if graph.nodes[n].get("label") in CONTEXT_LABELS}
    if selection.around:
        undirected = graph.to_undirected(as_view=True)
        for ref, hops in selection.around:
            if hops < 0:
                raise SelectionError(f"--hops must be 0 or more, got {hops}")
            node = resolve_node(graph, ref)
            keep |= set(nx.single_source_shortest_path_length(undirected, node, cutoff=hops))
    return _with_sources(graph, keep)


def _with_sources(graph: nx.MultiDiGraph, keep: set[str]) -> nx.MultiDiGraph:
    """The induced subgraph, plus the source documents its facts cite."""
    sub = graph.subgraph(keep)
    cited = {a.get("source") for _, a in sub.nodes(data=True)}
    cited |= {a.get("source") for _, _, a in sub.edges(data=True)}
    sources = {s for s in cited if s in graph and graph.nodes[s].get("label") == "Source"}
    return graph.subgraph(keep | sources).copy()
