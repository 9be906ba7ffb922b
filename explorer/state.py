"""What the explorer holds while it runs: the graph's outline in one profile, its indexes, a read-only view.

`Explorer.open(store, include_restricted)` reads the graph's outline once
through a read-only store View of one profile (`store.view(profile)`;
`casegraph.graph.projection.outline`: every node and relationship with only
what names, search, selections and the public-profile rule need, a fraction
of the whole graph's memory). The public profile's graph holds no restricted
data (`casegraph.graph.profile`, the one public-profile rule). What a page
shows in full (an entity's facts and citations, a selection for a view, an
export or a dossier, the steps of a path) is read back from the store by
`hydrate`. Catalog queries and hydration run on the same read-only View, one
at a time (a View is one connection). What a selection's pages make from it
(the selection read whole, a view's figure, a still, an export) is kept
between pages (`casegraph.explorer.kept`), under the build it came from.
"""

from __future__ import annotations

import gc
import threading
import time
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

import networkx as nx

from casegraph.exports.base import refuse_unfit_graph
from casegraph.explorer.downloads import Rasteriser
from casegraph.explorer.kept import Kept
from casegraph.graph.projection import hydrate, outline
from casegraph.graph.search import SearchIndex
from casegraph.graph.profile import profile_of
from casegraph.graph.selection import CASE, citing_index
from casegraph.graph.store import Result
from casegraph.queries import Query, run_query
from casegraph.queries.restricted import answering_view, profile_params
from casegraph.schemas.names import display_name

__all__ = ["Explorer", "settle", "KEPT_ELEMENTS", "KEPT_KB", "HUB_LINKS", "YOUNG_COLLECTION"]

KEPT_ELEMENTS = 100_000
"""Most nodes and relationships (of kept selections, each held as read and as prepared for drawing)
and marks and links (of kept figures) the explorer keeps between pages: about ten boroughs'
selections at 100,000 cases (some 1,200 nodes and 3,800 relationships each), a few hundred MB."""
HUB_LINKS = 1_000
"""A node linked to more nodes than this has its entity page's lists made when the explorer opens
(`Explorer.lists`): the indicators and boroughs, a few hundred thousand links at 100,000 cases."""
REBUILT_CHECK_SECONDS = 1.0
"""How often a running explorer over Neo4j reads which build the store holds (its metadata: a few
milliseconds), to stop answering from an outline of a build the store no longer holds."""
YOUNG_COLLECTION = 100_000
"""Allocations between two young collections of a server's cyclic garbage collector (CPython's default:
700). A borough's first page at 100,000 cases allocates about a million objects, its records' dicts and
lists, most kept for the next page or freed by reference counting; at 700 the collector ran some 600
times a page, walking each new record's dict, and made the largest borough's page two to three times
slower (BENCHMARKS.md). The older generations keep CPython's thresholds."""
KEPT_KB = 64 * 1024
"""Most kilobytes of files (exports, stills) the explorer keeps between pages."""

_TEXT_FIELDS = ("id", "name", "title", "summary", "description", "quote", "aliases")


@dataclass
class Explorer:
    """The graph one `casegraph serve` shows, in one profile, and how to ask it more."""

    store: Any
    view: Any
    graph: nx.MultiDiGraph
    include_restricted: bool
    loaded_seconds: float = 0.0
    build_id: str = ""
    search: SearchIndex = field(init=False)
    connections: nx.Graph = field(init=False)
    cited_by: dict[str, list[str]] = field(init=False)
    counts: Counter = field(init=False)
    boroughs: list[tuple[str, str]] = field(init=False)
    rasteriser: Rasteriser = field(default_factory=Rasteriser, init=False)
    kept: Kept = field(default_factory=lambda: Kept(KEPT_ELEMENTS), init=False)
    kept_files: Kept = field(default_factory=lambda: Kept(KEPT_KB), init=False)
    _lock: threading.Lock = field(default_factory=threading.Lock, init=False)
    _lists: dict[str, Any] = field(default_factory=dict, init=False)
    _rebuilt: str | None = field(default=None, init=False)
    _checked_at: float = field(default=float("-inf"), init=False)

    def __post_init__(self) -> None:
        self.search = SearchIndex(self.graph)
        self.connections = _connection_graph(self.graph)
        self.cited_by = _cited_by(self.graph)
        self.counts = Counter(a.get("label") for _, a in self.graph.nodes(data=True))
        self.boroughs = sorted((display_name(a, n), n) for n, a in self.graph.nodes(data=True)
                               if a.get("label") == "Borough")
        hubs = [node for node in self.graph if self._links(node) > HUB_LINKS]
        if hubs:  # the hubs' lists, sorted once here (one sort by name): made by their first page, seconds each
            from casegraph.explorer.entity import lists_of, name_order

            order = name_order(self.graph)
            for node in hubs:
                self._lists[node] = lists_of(self.graph, node, order)

    @classmethod
    def open(cls, store, include_restricted: bool = False) -> "Explorer":
        """Read the store (raises `StoreError` when it holds no graph or cannot be reached)."""
        started = time.perf_counter()
        view = store.view(profile_of(include_restricted))  # the public graph holds no restricted data
        try:
            graph = nx.freeze(outline(view))  # read-only from here: selections keep its order (`ordered_subgraph`)
            build = _build_of(store, view)
            if getattr(view, "records", None) is not None:  # a selection's first page reads them indexed
                view.records.index()
        except BaseException:
            view.close()
            raise
        return cls(store, view, graph, include_restricted, time.perf_counter() - started, build)

    def rebuilt(self) -> str | None:
        """What to tell a user once the store holds another build than the one this explorer read (its
        outline, search index and kept pages would mix two graphs), else None. Only a Neo4j store changes
        under a reader (an embedded View reads one build's own files); read at most every
        `REBUILT_CHECK_SECONDS`, and once rebuilt, rebuilt for good. Raises `StoreError` for a store that
        cannot be reached."""
        if self.view is None or getattr(self.view, "path", None) is not None or self._rebuilt:
            return self._rebuilt
        now = time.monotonic()
        if now - self._checked_at >= REBUILT_CHECK_SECONDS:
            self._checked_at = now
            if _build_of(self.store, self.view) != self.build_id:
                self._rebuilt = (f"{self.store.describe()} was rebuilt after this explorer read it: restart "
                                 "`casegraph serve` to explore the new graph")
        return self._rebuilt

    def key(self, *what) -> tuple:
        """The key a page's work is kept under (`kept`, `kept_files`): this build, this profile, `what`."""
        return (self.build_id, self.profile, *what)

    @property
    def profile(self) -> str:
        return "restricted" if self.include_restricted else "public"

    def run(self, query: Query, params: dict[str, Any]) -> Result:
        """Run a catalog query on the read-only View of this profile's graph (validated by `Query.bind`;
        `include_restricted` by the profile's rule, `queries.restricted.profile_params`; asked false of the
        restricted profile, the build's public graph answers, `answering_view`). Raises
        `QueryError` (`RestrictedRefused` for restricted data asked of the public profile), and
        `NodeNotFound` for an id that graph lacks, suggesting only ids it holds."""
        params = profile_params(query, params, self.profile)
        with self._lock:
            return run_query(answering_view(self.view, query, params), query, params)

    def hydrate(self, part: nx.MultiDiGraph) -> nx.MultiDiGraph:
        """`part` (a subgraph of `graph` made for this: `select`, `ordered_subgraph`) with every stored
        property, from the store, filled in (`projection.hydrate`); as it is for an explorer made over a
        whole graph in memory (no view: tests, notebooks)."""
        if self.view is None:
            return part
        with self._lock:
            return hydrate(self.view, part, self._links, self.counts)

    def refuse_unfit(self, whole: nx.MultiDiGraph) -> None:
        """Refuse (`ExportError`) a part read whole (`hydrate`) that holds a value no page or file can hold
        (`exports.base.refuse_unfit_graph`, the rule of `schemas.text`), unless it was read from an
        embedded build's record files: that build's load refused every such value by the same rule before
        it wrote them (`graph.records`), so a second look, a fifth of a borough's first page at 100,000
        cases, would find nothing. A Neo4j store (which others can write) and a graph in memory are
        looked at."""
        if getattr(self.view, "records", None) is None:
            refuse_unfit_graph(whole)

    def lists(self, node: str):
        """What `node`'s entity page pages (`entity.Lists`), kept for a node of more than `HUB_LINKS`
        links or with a list of more than a page; made again for any other (a few links: cheaper)."""
        from casegraph.explorer.entity import SHOWN, lists_of

        found = self._lists.get(node)
        if found is None:
            found = lists_of(self.graph, node)
            if self._links(node) > HUB_LINKS or found.size > SHOWN:
                self._lists[node] = found
        return found

    def forget(self) -> None:
        """Forget what pages kept (`kept`, `kept_files`)."""
        self.kept.clear()
        self.kept_files.clear()

    def _links(self, node: str) -> int:
        """How many nodes `node` links to (O(1): a multigraph's `degree` walks every parallel link)."""
        return len(self.graph.succ[node]) + len(self.graph.pred[node])

    def close(self) -> None:
        """Close the store View and stop the PNG stills' browser, if one was started."""
        self.rasteriser.close()
        if self.view is not None:
            self.view.close()


def _build_of(store, view) -> str:
    """The build `view` reads: an embedded View is opened on one build's folder (a later build
    is another folder); a Neo4j store names its current build in its metadata."""
    path = getattr(view, "path", None)
    if path is not None:
        return path.parent.name
    meta = store.meta() if hasattr(store, "meta") else None
    return (meta or {}).get("build_id", "")


def settle() -> None:
    """For a long-running server: move everything loaded so far out of the cyclic garbage
    collector's reach (`gc.freeze`), and let its young collections come every `YOUNG_COLLECTION`
    allocations. The graph is read-only from here on; without this, every full collection walks its
    millions of objects, a pause of seconds in the middle of a page at 100,000 cases."""
    gc.collect()
    gc.freeze()
    gc.set_threshold(YOUNG_COLLECTION)


def _connection_graph(graph: nx.MultiDiGraph) -> nx.Graph:
    """The graph paths run on: undirected, one link per pair, without source documents and
    journalistic investigations (the reporters who examined every case are the source, not a
    link between cases: the rule `linked_cases(skip_journalism=True)` keeps for analytics)."""
    skip = {n for n, a in graph.nodes(data=True)
            if a.get("label") == "Source" or a.get("investigation_type") == "journalistic"}
    links = nx.Graph()
    links.add_nodes_from(n for n in graph.nodes if n not in skip)
    links.add_edges_from((u, v) for u, v in graph.edges() if u not in skip and v not in skip and u != v)
    return links


def _cited_by(graph: nx.MultiDiGraph) -> dict[str, list[str]]:
    """Source id -> the nodes whose facts cite it (`graph.selection.citing_index`, the rule selections
    and dossiers follow), cases first, then by id."""
    return {source: sorted(nodes, key=lambda n: (graph.nodes[n].get("label") != CASE, n))
            for source, nodes in citing_index(graph).items()}
