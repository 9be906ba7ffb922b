"""Cut a subgraph out of the projected graph: cases, boroughs, decades, ...

Exports, analytics and reports all work on "the graph, or a part of it". A
`Selection` names that part; `select(graph, selection)` returns it as a new
MultiDiGraph with the same node and edge attributes as the projection.

How criteria combine (one rule, stated once):

- the case filters `boroughs`, `decades`, `indicators`, `institutions` and
  `people` pick the cases that match *every* filter given (and *any* value
  within one filter): `--borough newham --borough hackney --decade 2010`
  means cases in Newham or Hackney that count in the 2010s (`decades_of`);
- `cases` adds those cases by id, and `query` the nodes a catalog query
  returns (node values, path nodes, and any cell or {id, ...} record holding
  a node id; the cases among them count as picked cases): one page of it, as
  the query's `limit` and `offset` say (its header's page size by default);
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

Four rules every part of casegraph that cuts the graph shares, stated once
here so an export, an analysis, a report and a view never disagree:

- `public_subgraph`: what the public profile leaves out (defined in `casegraph.graph.profile`);
- `resolve_node`: which node an id, name or alias means;
- `decades_of`: which decades a timed record counts in (the catalog's rule);
- `cases_in_borough`: which cases `--borough` means (filed under the
  borough, or at a place in it).
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field
from typing import Any, Iterable, Mapping

import networkx as nx

from casegraph.graph.profile import is_restricted, public_subgraph
from casegraph.schemas.citations import cited_sources

__all__ = [
    "Selection", "SelectionError", "NodeNotFound", "select", "public_subgraph", "is_restricted",
    "resolve_node", "decades_of", "neighbours", "linked_cases", "cases_in_borough", "CONTEXT_LABELS",
]

CASE = "CaseFile"

INTERMEDIATE = ("Investigation", "Review", "Statement")
"""Labels through which an institution or person is linked to a case
(an institution that commissioned a review of the case, made a statement about it)."""

CONTEXT_LABELS = ("Borough", "Place", "Person", "Institution", "Indicator", "Investigation", "Review", "Statement")

PUBLIC_NOTE = "restricted data is left out of the public profile"


class SelectionError(ValueError):
    """A selection or filter that names nothing the graph holds (in this profile), or that
    casegraph cannot read (a decade, a node type, a claim status).

    One error type for exports, analytics, reports and views, so every command can
    turn it into the same one-line message; the message says what would work.
    """


class NodeNotFound(SelectionError):
    """No node answers to a reference.

    `public` is true when the graph searched holds no restricted record: the node may
    exist but be left out of the public profile, and the message says so. `message` is
    the text without that note, for a caller that can say how to bring restricted data
    in (a command-line flag).
    """

    def __init__(self, message: str, public: bool):
        self.message, self.public = message, public
        super().__init__(f"{message} ({PUBLIC_NOTE})" if public else message)


# -- which node a reference means --------------------------------------------------------------

def _names(graph: nx.MultiDiGraph, node: str) -> list[str]:
    """What a node answers to: its id, name, title and aliases (id and display name first)."""
    attrs = graph.nodes[node]
    names = [node, attrs.get("name"), attrs.get("title"), *(attrs.get("aliases") or ())]
    return [str(n) for n in names if n]


def _kind(label: str | None) -> str:
    return "case" if label == CASE else (label or "node").lower()


def resolve_node(graph: nx.MultiDiGraph, ref: str, label: str | None = None) -> str:
    """The node `ref` means: an id, else an exact name, title or alias (any case), of `label` if given.

    One rule for every command and view, so `--borough Newham`, `--around
    newham` and `viz ego --node Newham` find the same node. A name shared by
    several nodes is an error listing their ids (never a silent pick); no match
    is a `NodeNotFound` suggesting close names.
    """
    if ref in graph and (label is None or graph.nodes[ref].get("label") == label):
        return ref
    candidates = [n for n, a in graph.nodes(data=True) if label is None or a.get("label") == label]
    wanted = str(ref).strip().casefold()
    found = [n for n in candidates if wanted in {name.casefold() for name in _names(graph, n)}]
    if len(found) == 1:
        return found[0]
    kind = _kind(label)
    if found:
        raise SelectionError(f"{ref!r} names several {kind}s: {', '.join(sorted(found))}; give an id")
    known = {name.casefold(): name for n in candidates for name in _names(graph, n)[:2]}  # id, then name
    close = [known[k] for k in difflib.get_close_matches(wanted, sorted(known), n=5, cutoff=0.5)]
    hint = f"; did you mean {', '.join(close)}?" if close else "; `casegraph query --cypher` lists ids"
    public = not any(is_restricted(a) for _, a in graph.nodes(data=True))
    raise NodeNotFound(f"no {kind} {ref!r} in this graph{hint}", public)


# -- time --------------------------------------------------------------------------------------

def decades_of(attrs: Mapping[str, Any]) -> tuple[int, ...]:
    """The decades a timed record (case, investigation, review, statement) counts in, oldest first.

    Every decade from that of `year_start` to that of `year_end`: `2000-2016`
    counts in 2000 and 2010, `2012` in 2010. An ongoing `2019-` has no end
    year, so it counts in the decade it started (2010) only; an `unknown`
    period counts in no decade, never a guessed one. This is the rule of the
    catalog query `recurring-indicators` (decade of `year_start` to decade of
    `coalesce(year_end, year_start)`), so a `--decade` cut, an analysis and a
    view agree with what the catalog counts, and none depends on today's date.
    """
    start = attrs.get("year_start")
    if start is None:
        return ()
    end = attrs.get("year_end")
    if end is None:
        end = start
    return tuple(range(start - start % 10, end - end % 10 + 1, 10))


# -- selections --------------------------------------------------------------------------------

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


def neighbours(graph: nx.MultiDiGraph, node: str) -> set[str]:
    """Both directions: a relationship links two nodes whichever way it points."""
    return set(graph.successors(node)) | set(graph.predecessors(node))


def linked_cases(graph: nx.MultiDiGraph, node: str, skip_journalism: bool = False) -> set[str]:
    """Cases one step from `node`, or two steps through a review, investigation or statement.

    `skip_journalism` does not follow journalistic investigations: the
    reporters who examined every case are the source, not a link between
    the cases (analytics use it; selections do not).
    """
    found = set()
    for first in neighbours(graph, node):
        attrs = graph.nodes[first]
        label = attrs.get("label")
        if label == CASE:
            found.add(first)
        elif skip_journalism and attrs.get("investigation_type") == "journalistic":
            continue
        elif label in INTERMEDIATE:
            found |= {n for n in neighbours(graph, first) if graph.nodes[n].get("label") == CASE}
    return found


def cases_in_borough(graph: nx.MultiDiGraph, borough: str) -> set[str]:
    """The cases filed under a borough (IN_BOROUGH), and those at a place in it (AT_PLACE, PLACE_IN).

    A case filed under Hillingdon whose abuse happened at a flat in Hanworth
    is a Hounslow case too: crossing borough lines is what investigators look for."""
    found = set()
    for case, _, data in graph.in_edges(borough, data=True):
        if data.get("type") == "IN_BOROUGH":
            found.add(case)
        elif data.get("type") == "PLACE_IN":
            found |= {c for c, _, d in graph.in_edges(case, data=True) if d.get("type") == "AT_PLACE"}
    return {c for c in found if graph.nodes[c].get("label") == CASE}


def _filter(graph, refs: Iterable[str], label: str, keep: set[str]) -> set[str]:
    cases: set[str] = set()
    for ref in refs:
        node = resolve_node(graph, ref, label)
        keep.add(node)
        if label == "Borough":
            cases |= cases_in_borough(graph, node)
        elif label == "Indicator":
            cases |= {n for n in graph.predecessors(node) if graph.nodes[n].get("label") == CASE}
        else:
            cases |= linked_cases(graph, node)
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
            elif "id" in value:  # a record named in a cell: {id, name, ...}
                visit(value["id"])
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
            matching &= _filter(graph, selection.boroughs, "Borough", keep)
        if selection.indicators:
            matching &= _filter(graph, selection.indicators, "Indicator", keep)
        if selection.institutions:
            matching &= _filter(graph, selection.institutions, "Institution", keep)
        if selection.people:
            matching &= _filter(graph, selection.people, "Person", keep)
        if selection.decades:
            wanted = {d - d % 10 for d in selection.decades}
            matching = {c for c in matching if wanted.intersection(decades_of(graph.nodes[c]))}
        picked |= matching
    picked |= {resolve_node(graph, ref, CASE) for ref in selection.cases}
    if selection.query:
        found = _query_nodes(graph, view, selection.query, selection.params)
        keep |= found
        picked |= {n for n in found if graph.nodes[n].get("label") == CASE}
    for case in picked:
        keep.add(case)
        keep |= {n for n in neighbours(graph, case) if graph.nodes[n].get("label") in CONTEXT_LABELS}
    if selection.around:
        undirected = graph.to_undirected(as_view=True)
        for ref, hops in selection.around:
            if hops < 0:
                raise SelectionError(f"--hops must be 0 or more, got {hops}")
            node = resolve_node(graph, ref)
            keep |= set(nx.single_source_shortest_path_length(undirected, node, cutoff=hops))
    return _with_sources(graph, keep)


def _with_sources(graph: nx.MultiDiGraph, keep: set[str]) -> nx.MultiDiGraph:
    """The induced subgraph, plus the source documents its facts cite and the sources those derive from."""
    sub = graph.subgraph(keep)
    cited = {s for _, a in sub.nodes(data=True) for s in cited_sources(a)}
    cited |= {s for _, _, a in sub.edges(data=True) for s in cited_sources(a)}
    sources: set[str] = set()
    while cited:
        found = {s for s in cited if s in graph and graph.nodes[s].get("label") == "Source"} - sources
        sources |= found
        cited = {parent for s in found for parent in graph.nodes[s].get("derived_from") or ()}
    return graph.subgraph(keep | sources).copy()
