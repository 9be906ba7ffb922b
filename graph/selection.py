"""Cut a subgraph out of the projected graph: cases, boroughs, decades, ...

Exports, analytics and reports all work on "the graph, or a part of it". A
`Selection` names that part; `select(graph, selection)` returns it as a new
MultiDiGraph with the same node and edge attributes as the projection.

How criteria combine (one rule, stated once; `casegraph export`, `analyze`,
`report`, `viz` and the Python API all select through it):

- the case filters `boroughs`, `decades`, `indicators`, `institutions` and
  `people` pick the cases that match *every* filter given (and *any* value
  within one filter): `--borough newham --borough hackney --decade 2010s`
  means cases in Newham or Hackney that count in the 2010s (`decades_of`);
- `cases` adds those cases by id, and `query` the nodes a catalog query
  returns (node values, path nodes, and any cell or {id, ...} record holding
  a node id; the cases among them count as picked cases): one page of it, as
  the query's `limit` and `offset` say (its header's page size by default);
- every picked case brings its context, the nodes one relationship away (its
  borough, places, people, institutions, indicators, the reviews that
  examined it, the statements about it), and a review, investigation,
  recommendation or statement brings the chain it belongs to (what a review
  recommended, the responses to it); the filter nodes named (the borough,
  institution, person or indicator itself) are kept, with what links to them;
- a filter also bounds that context: with `boroughs` no other borough (but
  the boroughs a picked case is filed under), with `indicators` no other
  indicator, with `decades` no dated record of another decade comes along,
  and no case that was not picked;
- `around` adds the k-hop neighbourhood of a node (ignoring direction); a
  source document's first hop is the facts that cite it (`citing`: no
  relationship links a source to them, their citations name it), so a
  source's export, view or dossier holds what it states;
- the result is every relationship among the chosen nodes, plus the source
  documents their facts cite, so an export's provenance stays resolvable;
- last, `types` keeps only nodes of those kinds (and the sources),
  `statuses` only relationships of those claim statuses and the nodes they join,
  and `min_grade` only facts with a citation graded at least that
  (`schemas.citations.meets_grade`: `2B` takes 1A-2B, an ungraded citation
  none): those relationships, the nodes they join, the nodes so graded
  themselves, and the sources they cite.

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

import weakref
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any, Iterable, Mapping

import networkx as nx

from casegraph.graph.profile import is_restricted, public_subgraph
from casegraph.graph.search import Entry, names_of, rank
from casegraph.schemas.names import display_name
from casegraph.schemas.citations import cited_sources, meets_grade, parse_grade
from casegraph.schemas.text import NUMBER_TEXT

__all__ = [
    "Selection", "SelectionError", "SEARCH_HINT", "NodeNotFound", "MAX_HOPS", "select", "public_subgraph", "is_restricted",
    "resolve_node", "match_reference", "citing", "citing_index", "kind_word", "of_another_kind", "ordered_subgraph", "parse_decade", "decades_of", "neighbours", "within", "linked_cases", "cases_in_borough", "CONTEXT_LABELS",
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

def kind_word(label: str | None) -> str:
    """A label as a word in a message: "case" for a CaseFile, else the label in lower case ("node": none)."""
    return "case" if label == CASE else (label or "node").lower()


SEARCH_HINT = "`casegraph search TEXT` finds ids"
"""Where a message about a reference sends the user to find an id (the explorer names its own search)."""


def match_reference(ref: str, entries: Iterable[Entry], label: str | None = None, public: bool = False) -> str:
    """The id `ref` means among `entries`: an id, else an exact name, title or alias, in any case.

    The one rule for every id a user types (selection options, view filters,
    catalog query parameters, the Python API): `--borough Newham`, `--around
    newham` and `case_id=LAMBETH-2022-hotel-room` all find their node. A name
    shared by several nodes is a `SelectionError` listing their ids (never a
    silent pick); no match is a `NodeNotFound` suggesting the closest names
    (the ranking of `casegraph search`). `public` says the entries come from
    a public profile (the message then says restricted data was left out).
    """
    entries = list(entries)
    wanted = str(ref).strip()
    if not wanted:
        raise SelectionError(f"an empty reference: give the id or name of {'a' if label else 'any'} "
                             f"{kind_word(label)} ({SEARCH_HINT})")
    if any(e.id == wanted for e in entries):
        return wanted
    folded = wanted.casefold()
    found = sorted({e.id for e in entries if folded in {n.casefold() for n in e.names}})
    if len(found) == 1:
        return found[0]
    kind = kind_word(label)
    if found:
        raise SelectionError(f"{ref!r} names several {kind}s: {', '.join(found)}; give an id")
    close = [entry.id for entry, _, _ in rank(wanted, entries, limit=5)]
    hint = f"; did you mean {', '.join(close)}?" if close else f"; {SEARCH_HINT}"
    raise NodeNotFound(f"no {kind} {ref!r} in this graph{hint}", public)


_WHY_NOT = {"Source": "a source is a document facts cite, with no claim status of its own"}
"""Why a node of a label is not what was asked for, where the label's nature says it."""


def _a(label: str) -> str:
    kind = kind_word(label)
    return f"{'an' if kind[0] in 'aeiou' else 'a'} {kind}"


def of_another_kind(ref: str, label: str, wanted: Iterable[str]) -> SelectionError:
    """The error for the exact id `ref` of a node of `label` given where a node of one of `wanted` was
    asked for: it says what the node is ("'redbridge' is a borough, not a case"), never "no node"."""
    wanted = tuple(wanted)
    kinds = " or ".join(_a(w) for w in wanted) if len(wanted) <= 3 else "a fact of the graph"
    return SelectionError(f"{ref!r} is {_a(label)}, not {kinds}: {_WHY_NOT.get(label, f'give the id of {kinds}')}")


def resolve_node(graph: nx.MultiDiGraph, ref: str, label: str | None = None) -> str:
    """The node `ref` means in `graph` (of `label` if given), by `match_reference`; the exact id of a
    node of another label is `of_another_kind`'s error."""
    if ref in graph and (label is None or graph.nodes[ref].get("label") == label):
        return ref
    if ref in graph:
        raise of_another_kind(ref, graph.nodes[ref].get("label", ""), (label,))
    entries = [Entry(n, a.get("label", ""), names_of({"id": n, **a})) for n, a in graph.nodes(data=True)
               if label is None or a.get("label") == label]
    public = not any(is_restricted(a) for _, a in graph.nodes(data=True))
    return match_reference(ref, entries, label, public)


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

def parse_decade(value: Any) -> int:
    """A decade as a user writes it, `1990s` or `1990`, as its first year (1990).

    Raises `SelectionError` saying how to write one; for a year not a decade's first too (`2025`, `2025s`):
    read as its decade, it would answer another question than the one asked in silence (`2025` may mean that year)."""
    text = str(value).strip().lower().removesuffix("s").removesuffix("'")
    if not NUMBER_TEXT["int"].fullmatch(text) or len(text) != 4:  # ASCII digits alone: `２０１０` is refused
        raise SelectionError(f"a decade is written 1990s or 1990, got {value!r}")
    if text[-1] != "0":
        raise SelectionError(f"a decade is written 1990s or 1990, got {value!r}: a year, not a decade's first "
                             f"(for the decade of {text}, write {text[:3]}0s)")
    return int(text)


def parse_type(value: str) -> str:
    """A node type as a user writes it (`case`, `cases`, `CaseFile`) -> its label; `SelectionError` lists them."""
    from casegraph.graph.search import kind_label

    try:
        return kind_label(value)
    except KeyError as error:
        raise SelectionError(str(error.args[0]).replace("no kind", "no node type")) from None


def parse_status(value: str) -> str:
    """A claim status (any case); `SelectionError` lists the statuses."""
    from casegraph.schemas import ClaimStatus

    values = [s.value for s in ClaimStatus]
    if str(value).lower() not in values:
        raise SelectionError(f"no claim status {value!r}: expected one of {', '.join(values)}")
    return str(value).lower()


def _parse_grade(value: str) -> str:
    try:
        return parse_grade(value)
    except ValueError as error:
        raise SelectionError(str(error)) from None


MAX_HOPS = 10
"""Most hops a selection reaches around a node (`--hops`, the Python API's `hops`): ten hops from one case
reach most of a national graph, which no view draws and no export needs selected this way."""


@dataclass(frozen=True)
class Selection:
    """Which part of the graph: see the module docstring for how criteria combine.

    Values are read as a user writes them: `decades` as `1990s`, `1990` or
    1990; `types` as a kind (`case`, `people`) or a label; `statuses` as a
    claim status in any case; `min_grade` as a 3x5x2 grade, `2B`, `2` or `B`
    (the lowest source evaluation and/or information assessment kept). A value that cannot be read raises
    `SelectionError` at once; names are resolved against a graph by `select`.
    """

    cases: tuple[str, ...] = ()
    boroughs: tuple[str, ...] = ()
    decades: tuple[int, ...] = ()
    indicators: tuple[str, ...] = ()
    institutions: tuple[str, ...] = ()
    people: tuple[str, ...] = ()
    around: tuple[tuple[str, int], ...] = ()
    query: str | None = None
    params: dict[str, Any] = field(default_factory=dict)
    types: tuple[str, ...] = ()
    statuses: tuple[str, ...] = ()
    min_grade: str | None = None

    def __post_init__(self):
        normal = {
            "decades": tuple(sorted({parse_decade(d) for d in self.decades})),
            "types": tuple(sorted({parse_type(t) for t in self.types})),
            "statuses": tuple(sorted({parse_status(s) for s in self.statuses})),
        }
        for name in ("cases", "boroughs", "indicators", "institutions", "people", "around"):
            normal[name] = tuple(getattr(self, name))
        # `is not None`: an empty grade or query name asks for something (`--min-grade ""`), and is refused,
        # never read as no filter
        normal["min_grade"] = None if self.min_grade is None else _parse_grade(self.min_grade)
        if self.query is not None and not self.query.strip():
            raise SelectionError("an empty query name: give a catalog query's name (`casegraph queries` lists them)")
        for node, hops in normal["around"]:
            if type(hops) is not int or not 0 <= hops <= MAX_HOPS:
                raise SelectionError(f"hops around {node!r}: expected a whole number from 0 to {MAX_HOPS}, got {hops!r}")
        for name, value in normal.items():
            object.__setattr__(self, name, value)

    @property
    def is_empty(self) -> bool:
        return not (self.cases or self.filters_given or self.around or self.query or self.types or self.statuses
                    or self.min_grade)

    def caption(self, graph: nx.MultiDiGraph) -> list[str]:
        """The selection in words, for a picture's subtitle: `borough: Croydon`, `decade: 2010s`, ..."""
        def named(refs, label):
            return ", ".join(sorted(display_name(graph.nodes[n], n) for n in {resolve_node(graph, r, label) for r in refs}))

        words = []
        for title, refs, label in (("case", self.cases, CASE), ("borough", self.boroughs, "Borough"),
                                   ("indicator", self.indicators, "Indicator"),
                                   ("institution", self.institutions, "Institution"), ("person", self.people, "Person")):
            if refs:
                words.append(f"{title}: {named(refs, label)}")
        if self.decades:
            words.append("decade: " + ", ".join(f"{d}s" for d in self.decades))
        if self.around:
            words.append("around: " + ", ".join(f"{named([n], None)} ({h} hops)" for n, h in self.around))
        if self.query:
            words.append(f"query: {self.query}")
        if self.types:
            words.append("type: " + ", ".join(self.types))
        if self.statuses:
            words.append("claim status: " + ", ".join(self.statuses))
        if self.min_grade:
            words.append(f"graded at least {self.min_grade}")
        return words

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
        for name in ("types", "statuses"):
            if getattr(self, name):
                data[name] = list(getattr(self, name))
        if self.min_grade:
            data["min_grade"] = self.min_grade
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
    from casegraph.queries.restricted import answering_view, profile_params

    if view is None:
        raise SelectionError("a --query selection needs a store to run the query on")
    query = get_query(name)
    # the view's profile decides, never a parameter: `include_restricted=true` on a public view is refused
    params = profile_params(query, params, view.profile)
    result = run_query(answering_view(view, query, params), query, params)
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


_CHAIN = ("Review", "Investigation", "Recommendation", "Statement")
"""Labels whose chain (recommendations, responses, what they examined) comes along with them."""


def select(graph: nx.MultiDiGraph, selection: Selection, view=None) -> nx.MultiDiGraph:
    """The part of `graph` the selection names (the whole graph when it is empty), as a new graph.

    `view` (a store View) is needed only for a `query` selection. Raises
    `SelectionError` (or `NodeNotFound`, with the closest names) for a name
    that means nothing in `graph`, and `QueryError` for a bad query or parameter.
    """
    if not (selection.cases or selection.filters_given or selection.around or selection.query):
        part = graph.copy()
    else:
        part = _with_sources(graph, _chosen(graph, selection, view))
    if selection.types:
        wanted = set(selection.types) | {"Source"}
        part = ordered_subgraph(part, (n for n, a in part.nodes(data=True) if a.get("label") in wanted))
    if selection.statuses:
        part = _by_status(part, set(selection.statuses))
    if selection.min_grade:
        part = _by_grade(part, selection.min_grade)
    return part


def _chosen(graph: nx.MultiDiGraph, selection: Selection, view) -> set[str]:
    keep: set[str] = set()
    picked: set[str] = set()
    if selection.filters_given:
        matching: set[str] | None = None  # the cases every filter names (no walk over the whole graph)
        for refs, label in ((selection.boroughs, "Borough"), (selection.indicators, "Indicator"),
                            (selection.institutions, "Institution"), (selection.people, "Person")):
            if refs:
                found = _filter(graph, refs, label, keep)
                matching = found if matching is None else matching & found
        if matching is None:  # decades alone: every case
            matching = {n for n, a in graph.nodes(data=True) if a.get("label") == CASE}
        if selection.decades:
            matching = {c for c in matching if set(selection.decades).intersection(decades_of(graph.nodes[c]))}
        picked |= matching
    picked |= {resolve_node(graph, ref, CASE) for ref in selection.cases}
    named = set(keep)
    if selection.query:
        found = _query_nodes(graph, view, selection.query, selection.params)
        keep |= found
        picked |= {n for n in found if graph.nodes[n].get("label") == CASE}
    keep |= _context(graph, selection, picked, named)
    if selection.around:
        for ref, hops in selection.around:
            if hops < 0:
                raise SelectionError(f"--hops must be 0 or more, got {hops}")
            node = resolve_node(graph, ref)
            start = {node} | (citing(graph, node) if hops and graph.nodes[node].get("label") == "Source" else set())
            for at in start:  # a source's citing facts are its first hop
                keep |= within(graph, at, hops - (at != node)) or set()  # (no `most`: never None)
    return keep


def citing(graph: nx.MultiDiGraph, source: str) -> set[str]:
    """The nodes whose facts cite `source`: the records citing it, and both ends of the relationships
    citing it (a relationship comes with its two nodes). `citing_index` gives it for every source."""
    return {node for cited, node in _citing_pairs(graph) if cited == source}


def citing_index(graph: nx.MultiDiGraph) -> dict[str, set[str]]:
    """Source id -> the nodes whose facts cite it (`citing`), for every source cited in `graph`: one
    pass over its nodes and relationships (the explorer reads it once for every source's page)."""
    found: dict[str, set[str]] = defaultdict(set)
    for source, node in _citing_pairs(graph):
        found[source].add(node)
    return dict(found)


def _citing_pairs(graph: nx.MultiDiGraph) -> Iterable[tuple[str, str]]:
    """(source, node) for each source a record cites, and for each source a relationship cites with each of
    its two ends: the one rule `citing` and `citing_index` read."""
    for node, attrs in graph.nodes(data=True):
        for source in cited_sources(attrs):
            yield source, node
    for u, v, attrs in graph.edges(data=True):
        for source in cited_sources(attrs):
            yield source, u
            yield source, v


def within(graph: nx.Graph, node: str, hops: int, most: int | None = None) -> set[str] | None:
    """`node` and every node at most `hops` relationships from it, whichever way they point; None
    as soon as a node about to be walked from could take the nodes reached past `most`.

    A walk from `node` outwards (what `single_source_shortest_path_length` on the undirected
    graph gives, without making an undirected view: that costs a pass over every node, a
    third of a second per page at 100,000 cases)."""
    directed = graph.is_directed()
    seen, frontier = {node}, [node]
    for _ in range(hops):
        found = []
        for at in frontier:
            nearby = (*graph.succ[at], *graph.pred[at]) if directed else graph.adj[at]
            if most is not None and len(seen) + len(nearby) > most:
                return None
            for other in nearby:
                if other not in seen:
                    seen.add(other)
                    found.append(other)
        if not found:
            break
        frontier = found
    return seen


def _context(graph: nx.MultiDiGraph, selection: Selection, picked: set[str], named_nodes: set[str]) -> set[str]:
    """The picked cases and the nodes the filters name, with their context, bounded by the filters."""
    named = {label: {n for n in named_nodes if graph.nodes[n].get("label") == label}
             for label in ("Borough", "Indicator")}
    filed = {b for c in picked for _, b, d in graph.out_edges(c, data=True) if d.get("type") == "IN_BOROUGH"}
    decades = set(selection.decades)

    def allowed(node: str) -> bool:
        attrs = graph.nodes[node]
        label = attrs.get("label")
        if label == CASE:
            return node in picked
        if label == "Borough" and selection.boroughs:
            return node in named["Borough"] or node in filed
        if label == "Indicator" and selection.indicators:
            return node in named["Indicator"]
        if decades and label in INTERMEDIATE and attrs.get("year_start") is not None:
            return bool(decades.intersection(decades_of(attrs)))
        return label != "Source"

    scope = picked | named_nodes
    for node in picked | named["Borough"] | named["Indicator"]:
        scope |= {n for n in neighbours(graph, node) if allowed(n)}
    frontier = [n for n in scope if graph.nodes[n].get("label") in _CHAIN]
    while frontier:
        for other in neighbours(graph, frontier.pop()):
            if other not in scope and allowed(other):
                scope.add(other)
                if graph.nodes[other].get("label") in _CHAIN:
                    frontier.append(other)
    return scope


def _by_status(graph: nx.MultiDiGraph, statuses: set[str]) -> nx.MultiDiGraph:
    """Relationships of the chosen claim statuses and the nodes they join (an isolated node stays if its own
    status is chosen; a fact with no status is `reported`)."""
    sub = nx.MultiDiGraph()
    sub.graph.update(graph.graph)
    for node, attrs in graph.nodes(data=True):
        if graph.degree(node) == 0 and attrs.get("status", "reported") in statuses:
            sub.add_node(node, **attrs)
    for u, v, k, attrs in graph.edges(keys=True, data=True):
        if attrs.get("status", "reported") in statuses:
            sub.add_node(u, **graph.nodes[u])
            sub.add_node(v, **graph.nodes[v])
            sub.add_edge(u, v, key=k, **attrs)
    return sub


def _by_grade(graph: nx.MultiDiGraph, grade: str) -> nx.MultiDiGraph:
    """Facts with a citation graded at least `grade`: those relationships, the nodes they join, the nodes so
    graded themselves, and the source documents all of them cite (with their lineage). Raises `SelectionError`
    when no citation in `graph` is graded at all: an empty answer would read as "none good enough"."""
    if not any(_graded(a) for _, a in graph.nodes(data=True)) and not any(_graded(a) for *_, a in graph.edges(data=True)):
        raise SelectionError(f"--min-grade {grade}: no citation in this selection is graded (a citation's "
                             "`reliability`, 1-3, and `credibility`, A-E: README, Many sources per fact), so "
                             "no fact can meet a grade; leave --min-grade out, or grade the citations first")
    edges = [(u, v, k, a) for u, v, k, a in graph.edges(keys=True, data=True) if meets_grade(a, grade)]
    keep = {n for n, a in graph.nodes(data=True) if meets_grade(a, grade)}
    keep |= {end for u, v, _, _ in edges for end in (u, v)}
    cited = {s for n in keep for s in cited_sources(graph.nodes[n])} | {s for *_, a in edges for s in cited_sources(a)}
    sub = nx.MultiDiGraph()
    sub.graph.update(graph.graph)
    keep |= _sources(graph, cited)
    sub.add_nodes_from((n, a) for n, a in graph.nodes(data=True) if n in keep)
    sub.add_edges_from(edges)
    return sub


def _graded(attrs: Mapping[str, Any]) -> bool:
    return any(attrs.get("citation_reliability") or ()) or any(attrs.get("citation_credibility") or ())


def ordered_subgraph(graph: nx.MultiDiGraph, nodes: Iterable[str]) -> nx.MultiDiGraph:
    """The subgraph induced by `nodes`, as a new graph whose nodes and edges keep `graph`'s order.

    networkx's `graph.subgraph(nodes)` iterates a small node set in the set's order, which
    changes from one process to the next (string hashing is randomised): pages, pictures
    and exports made from it would differ byte for byte on every run."""
    keep = set(nodes)
    ordered = _in_graph_order(graph, keep)
    return _induced(graph, ordered, _edges_among(graph, ordered, keep))


def _edges_among(graph: nx.MultiDiGraph, ordered: list[str], keep: set[str]) -> list[tuple]:
    """(u, v, key, attrs) of the relationships between nodes of `keep` (`ordered`: them, in graph order),
    in graph order: the kept nodes' own relationships only (a small selection of a large graph never
    walks every relationship)."""
    return [(u, v, k, a) for u, v, k, a in graph.edges(ordered, keys=True, data=True) if v in keep]


def _induced(graph: nx.MultiDiGraph, ordered: Iterable[str], edges: list[tuple]) -> nx.MultiDiGraph:
    """A new graph of `ordered` (nodes of `graph`, in its order) and `edges` (`_edges_among` them)."""
    sub = nx.MultiDiGraph()
    sub.graph.update(graph.graph)
    sub.add_nodes_from((n, graph.nodes[n]) for n in ordered)
    sub.add_edges_from(edges)
    return sub


_ORDER: "weakref.WeakKeyDictionary[nx.Graph, dict[str, int]]" = weakref.WeakKeyDictionary()


def _in_graph_order(graph: nx.MultiDiGraph, keep: set[str]) -> list[str]:
    """The nodes of `keep` that `graph` holds, in `graph`'s order. A few nodes of a frozen graph
    (`nx.freeze`: the explorer's outline) are sorted by their place in it, kept once per graph,
    rather than found by a pass over every node (a tenth of a second at 100,000 cases)."""
    if nx.is_frozen(graph) and len(keep) * 8 < len(graph):
        at = _ORDER.get(graph)
        if at is None:
            at = _ORDER[graph] = {n: i for i, n in enumerate(graph)}
        return sorted((n for n in keep if n in at), key=at.__getitem__)
    return [n for n in graph if n in keep]


def _with_sources(graph: nx.MultiDiGraph, keep: set[str]) -> nx.MultiDiGraph:
    """The induced subgraph, plus the source documents its facts cite and the sources those derive from:
    `ordered_subgraph` of them all, the kept nodes' relationships walked once (a second time only if a
    source document added has relationships, which the schema gives none)."""
    ordered = _in_graph_order(graph, keep)
    edges = _edges_among(graph, ordered, keep)
    cited = {s for n in ordered for s in cited_sources(graph.nodes[n])}
    cited |= {s for *_, a in edges for s in cited_sources(a)}
    sources = _sources(graph, cited) - keep
    if not sources:
        return _induced(graph, ordered, edges)
    keep = keep | sources
    ordered = _in_graph_order(graph, keep)
    if any(graph.degree(s) for s in sources):
        edges = _edges_among(graph, ordered, keep)
    return _induced(graph, ordered, edges)


def _sources(graph: nx.MultiDiGraph, cited: set[str]) -> set[str]:
    """The source documents among `cited` that `graph` holds, and every source they derive from."""
    sources: set[str] = set()
    while cited:
        found = {s for s in cited if s in graph and graph.nodes[s].get("label") == "Source"} - sources
        sources |= found
        cited = {parent for s in found for parent in graph.nodes[s].get("derived_from") or ()}
    return sources
