"""The Python API, for notebooks and programs; the `casegraph` command is a thin layer over it.

    import casegraph

    cg = casegraph.open()                          # the embedded store (or open("DIR"), open(neo4j="bolt://..."))
    cg.search("malone")                            # ids to use next
    rows = cg.query("similar-cases", case_id="lambeth-2022-hotel-room")
    rows.to_dataframe()                            # pandas (pip install 'casegraph[notebook]')
    g = cg.select(borough="hillingdon", decade="2000s")   # a networkx MultiDiGraph
    cg.view("map", borough="hillingdon")           # shows inline in Jupyter; .save("map.png")

Every method that reads the graph takes `profile="public"` (the default:
restricted data about victims and minors is left out) or
`profile="restricted"`, and the selection keywords of
`casegraph.graph.selection.Selection` (`case`, `borough`, `decade`,
`indicator`, `institution`, `person`, `around`, `hops`, `query`, `params`,
`type`, `status`; each a value or a list of values; and `min_grade`, one
3x5x2 grade such as `"2B"`).

Errors a user can act on are casegraph's own, with a message saying what
to fix: `ArgumentError` (a `TypeError`: an argument missing, unknown, or of
a type the function's annotation does not allow, named with what was
expected; every public function checks its arguments so,
`casegraph.arguments.checked`), `SelectionError` / `NodeNotFound` (a name
or id that means nothing here; the message gives the closest matches),
`QueryError` (an unknown query or a bad parameter), `StoreError` (no graph
built yet, server down), `WriteRefused` (an ad-hoc query that would write).
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable

import networkx as nx

from casegraph.arguments import ArgumentError, checked
from casegraph.graph.profile import PROFILES, PUBLIC, RESTRICTED
from casegraph.graph.selection import Selection
from casegraph.graph.store import Result

__all__ = ["open", "Casegraph", "Rows", "Picture", "selection_from", "ArgumentError", "PROFILES"]


_SELECTION_KEYWORDS = {"case": "cases", "borough": "boroughs", "decade": "decades", "indicator": "indicators",
                       "institution": "institutions", "person": "people", "type": "types", "status": "statuses"}


def _values(value: Any) -> tuple:
    if value is None:
        return ()
    if isinstance(value, (str, int)):
        return (value,)
    return tuple(value)


@checked
def selection_from(around: Any = None, hops: int = 1, query: str | None = None,
                   params: dict[str, Any] | None = None, min_grade: str | None = None, **criteria: Any) -> Selection:
    """A `Selection` from keywords as a person writes them: `borough="hillingdon"`, `decade=["1990s", 2000]`.

    `criteria` keys are `case`, `borough`, `decade`, `indicator`, `institution`,
    `person`, `type` and `status` (the plural field names work too); `min_grade` keeps only facts with a
    citation graded at least that (`"2B"`, `"2"`, `"B"`: see `Selection`). Raises
    `ArgumentError` (a `TypeError`) for an unknown keyword and `SelectionError` for a value that
    cannot be read (a decade, a node type, a claim status)."""
    fields: dict[str, tuple] = {}
    for key, value in criteria.items():
        name = _SELECTION_KEYWORDS.get(key, key)
        if name not in _SELECTION_KEYWORDS.values():
            raise ArgumentError(f"no selection keyword {key!r}: expected {', '.join(_SELECTION_KEYWORDS)}, around, "
                            "hops, query, params, min_grade")
        fields[name] = fields.get(name, ()) + _values(value)
    return Selection(**fields, around=tuple((node, hops) for node in _values(around)), query=query,
                     params=dict(params or {}), min_grade=min_grade)


def _check_profile(profile: str) -> bool:
    if profile not in PROFILES:
        from casegraph.graph.selection import SelectionError

        raise SelectionError(f"a profile is public or restricted, got {profile!r}")
    return profile == "restricted"


@dataclass
class Rows:
    """A query's answer: `columns` and `rows` (lists of plain values; nodes, relationships and
    paths as the dicts of `casegraph.graph.values`); `total` is the whole answer's row count
    for a paged catalog query (pass `limit=` and `offset=` for other pages), else None;
    `profile`: the graph it was read from ("public", or "restricted": not for publication);
    `conditional`: how many citations in the rows carry the 3x5x2 handling code C (sharing permitted
    with conditions the source sets), and `conditions` what that asks of whoever publishes or passes the
    answer on (a sentence; None when there are none)."""

    columns: list[str]
    rows: list[list[Any]]
    total: int | None = None
    profile: str = "public"

    def records(self) -> list[dict[str, Any]]:
        """One dict per row, column -> value."""
        return [dict(zip(self.columns, row)) for row in self.rows]

    @property
    def conditional(self) -> int:
        """Citations with handling code C in the rows (`graph.values.conditional_in`, as `Result.conditional`)."""
        from casegraph.graph.values import conditional_in

        return conditional_in(self.records())

    @property
    def conditions(self) -> str | None:
        """What handling code C asks of this answer (`exports.base.conditions_notice`), None without it."""
        from casegraph.exports.base import conditions_notice

        return conditions_notice(self.conditional)

    def to_dataframe(self):
        """A pandas DataFrame of the rows (pandas is the optional extra `casegraph[notebook]`).

        Raises `ImportError` saying how to install pandas when it is missing."""
        try:
            import pandas
        except ImportError:
            raise ImportError("to_dataframe needs pandas: pip install 'casegraph[notebook]'") from None
        return pandas.DataFrame(self.rows, columns=self.columns)

    def __len__(self) -> int:
        return len(self.rows)

    def __iter__(self):
        return iter(self.records())

    def _repr_html_(self) -> str:
        from html import escape

        from casegraph.graph.values import text_of

        head = "".join(f"<th>{escape(c)}</th>" for c in self.columns)
        body = "".join("<tr>" + "".join(f"<td>{escape(text_of(v))}</td>" for v in row) + "</tr>" for row in self.rows)
        return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


@dataclass
class Picture:
    """A drawn view (`figure`: a `casegraph.viz.figure.Figure` for a network, a `casegraph.viz.charts.Chart`
    for a chart; `filters`: the selection in words): `save(path)` writes it (.html, .png, .svg);
    in Jupyter it shows inline as the interactive page."""

    figure: Any
    filters: list[str] = field(default_factory=list)

    @checked
    def save(self, path: Path | str, width: int | None = None) -> Path:
        """Write the picture and return the file written (`.restricted` in its name for a picture of the
        restricted profile); `width` is a still's width in pixels (PNG 3,200, SVG 2,400 by default).

        Raises `ValueError` for an unknown extension and `BrowserError` when PNG needs a browser."""
        from casegraph.viz.pages import write_figure

        return write_figure(self.figure, path, width)

    def html(self) -> str:
        """The self-contained page (no network) as text."""
        from casegraph.viz.html import page_html

        return page_html(self.figure)

    def _repr_html_(self) -> str:
        from html import escape

        return (f'<iframe srcdoc="{escape(self.html(), quote=True)}" style="width:100%;height:720px;border:0" '
                'sandbox="allow-scripts"></iframe>')


class Casegraph:
    """A casegraph store opened for reading (and building): see the module docstring.

    `store` is an `EmbeddedStore` or a `Neo4jStore`."""

    def __init__(self, store):
        self.store = store
        self._projections: dict[tuple, nx.MultiDiGraph] = {}

    def __repr__(self) -> str:
        return f"<casegraph {self.store.describe()}>"

    @checked
    def describe(self) -> str:
        """Which store this is, in words."""
        return self.store.describe()

    # -- building ------------------------------------------------------------------------------

    @checked
    def build(self, data: Iterable[Path | str] = (), progress=None):
        """Validate, resolve and load `data` (files or folders; default: `casegraph.data_source()`).

        Returns the store's `BuildResult` (build id, changed, counts, warnings, contested facts).
        Raises `LoadError` listing every problem (file, line, record, field), the store left as it was."""
        from casegraph.graph.store import input_checksum
        from casegraph.loaders import data_files
        from casegraph.loaders.source import data_source

        paths = list(data) or data_source().paths
        files = data_files(paths)
        return self.store.build_files(files, input_checksum(files), progress=progress)

    # -- reading -------------------------------------------------------------------------------

    @checked
    def restricted_counts(self) -> dict[str, int]:
        """Nodes per label that the public profile leaves out (restricted, or citing a restricted
        source): the full graph's count minus the public graph's; labels with none omitted."""
        from casegraph.schemas import schema

        counts = {}
        with self.store.view(RESTRICTED) as full, self.store.view(PUBLIC) as public:
            for label in schema().labels:
                cypher = f"MATCH (n:{label}) RETURN count(n)"
                left_out = full.run(cypher).rows[0][0] - public.run(cypher).rows[0][0]
                if left_out:
                    counts[label] = left_out
        return counts

    @checked
    def query(self, name: str, params: dict[str, Any] | None = None, profile: str = "public", **kwargs) -> Rows:
        """Run catalog query `name` (see `casegraph.queries.catalog()`), parameters as keywords or `params`.

        It reads the profile's graph (`store.view(profile)`): the public graph holds no restricted
        data. A query's `include_restricted` parameter follows the profile (`queries.restricted`):
        true by default with `profile="restricted"`, refused (`RestrictedRefused`) when it asks for
        restricted data in the public profile. Ids are checked (any case) before the query runs.
        Raises `QueryError` (unknown query, with the closest names; bad parameter) and `NodeNotFound`
        (unknown id, with the closest ids)."""
        from casegraph.queries import get_query, run_query
        from casegraph.queries.restricted import answering_view, profile_params

        query = get_query(name)
        _check_profile(profile)
        given = profile_params(query, {**(params or {}), **kwargs}, profile)
        with self.store.view(profile) as view:
            answering = answering_view(view, query, given)
            result = run_query(answering, query, given)
        return Rows(result.columns, result.rows, result.total, answering.profile)

    @checked
    def cypher(self, text: str, params: dict[str, Any] | None = None, profile: str = "public", **kwargs) -> Rows:
        """Run an ad-hoc read-only Cypher query on the profile's graph (the public graph holds no
        restricted data); values reach the engine as parameters.

        Raises `WriteRefused` unless it is one read-only statement, `QueryLimitHit` past the time or
        memory limit (`casegraph.queries.run.run_adhoc`), and `StoreError` for an engine error."""
        from casegraph.queries import run_adhoc

        _check_profile(profile)
        with self.store.view(profile) as view:
            result: Result = run_adhoc(view, text, {**(params or {}), **kwargs})
        return Rows(result.columns, result.rows, profile=profile)

    @checked
    def graph(self, profile: str = "public") -> nx.MultiDiGraph:
        """The whole graph as a networkx MultiDiGraph (node keys are ids; `label` and the stored
        properties are attributes; each edge has `type` and its properties): a new copy each call.

        An embedded store's projection is kept per build (`store.current`) and profile, so a
        notebook that asks many questions reads the store once; a rebuild is seen at once."""
        _check_profile(profile)
        with self.store.view(profile) as view:
            return self._projected(view, profile)

    def _projected(self, view, profile: str) -> nx.MultiDiGraph:
        from casegraph.graph.projection import project

        build = getattr(self.store, "current", None)
        if build is None:  # Neo4j: no cheap way to know the graph did not change
            return project(view)
        key = (build, profile)
        if key not in self._projections:
            self._projections = {key: project(view)}
        return self._projections[key].copy()

    @checked
    def select(self, profile: str = "public", selection: Selection | None = None, with_analytics: bool = False,
               fields: Iterable[str] | None = None, **keywords) -> nx.MultiDiGraph:
        """The part of the graph a selection names, as a networkx MultiDiGraph (see `selection_from`).

        `with_analytics` adds community, centrality and connector properties (`analytics_*`),
        computed on the whole graph of the profile before selecting; what they mean is in
        `graph.graph["analytics"]`. With `fields`, nodes and relationships carry only an outline's
        properties and those named (`casegraph.graph.projection.outline`), read from the store for
        this call alone: what the analyses read (`casegraph.analysis.ANALYSED_FIELDS`), in a fraction
        of the memory and with no second copy of the whole graph. Raises `SelectionError` /
        `NodeNotFound` for a name that means nothing in this profile."""
        from casegraph.graph.selection import select

        selection = selection or selection_from(**keywords)
        _check_profile(profile)
        with self.store.view(profile) as view:
            if fields is None:
                graph = self._projected(view, profile)
            else:
                from casegraph.graph.projection import outline

                graph = outline(view, tuple(fields))
            meaning = {}
            if with_analytics:
                from casegraph.analysis import annotate

                meaning = annotate(graph)
            part = graph if fields is not None and selection.is_empty else select(graph, selection, view)
        if meaning:
            part.graph["analytics"] = meaning
        return part

    @checked
    def search(self, text: str, kind: str | Iterable[str] = (), limit: int = 20, profile: str = "public",
               borough: str | None = None, decade: str | int | None = None) -> list:
        """Nodes whose id, name, title or alias match `text`, best first: `Hit`s (id, kind, name,
        borough, period, matched, score; None for a borough, period or match there is none of); `borough`
        (an id) and `decade` (`1990s`) filter as the explorer's search does. Raises `KeyError` for an unknown kind, `SelectionError` for an unknown borough or a
        decade not written 1990s or 1990."""
        from casegraph.graph.search import search

        return search(self.graph(profile), text, _values(kind), limit, borough, decade)

    @checked
    def list(self, kind: str, profile: str = "public") -> list:
        """Every node of a kind (`cases`, `people`, `places`, `institutions`, ...), by id, as `Hit`s (a
        borough or period there is none of: None)."""
        from casegraph.graph.search import list_nodes

        return list_nodes(self.graph(profile), kind)

    @checked
    def view(self, name: str, profile: str = "public", title: str | None = None, caption: str | None = None,
             budget: int | None = None, node: str | None = None, measure: str = "cases",
             selection: Selection | None = None, **keywords) -> Picture:
        """Draw view `name` (`casegraph.viz.views.VIEWS`) of the graph or a selection: a `Picture`.

        `node` (and `hops`, default 2) is the ego view's centre (else the first node of `around`); `measure` colours the tiles view
        (`cases`, `pattern=ID`, `status=STATUS`). A restricted picture carries a banner. Raises
        `KeyError` for an unknown view and `SelectionError` as `select` does."""
        from casegraph.viz.aggregate import DEFAULT_BUDGET
        from casegraph.viz.compose import Options
        from casegraph.viz.views import figure_for

        restricted = _check_profile(profile)
        params = {}
        if name == "ego":  # its centre: `node`, else the first node it is drawn `around`
            around = _values(keywords.get("around"))
            params = {"node": node or (around[0] if around else None), "hops": keywords.pop("hops", 2)}
        elif name == "tiles":
            params = {"measure": measure}
        selection = selection or selection_from(**keywords)
        options = Options(title=title, caption=caption, include_restricted=restricted,
                          budget=budget or DEFAULT_BUDGET)
        with self.store.view(profile) as view:
            graph = self._projected(view, profile)
            figure = figure_for(name, graph, options, selection, store_view=view, **params)
        return Picture(figure, list(options.filters))

    @checked
    def export(self, path: Path | str, profile: str = "public", with_analytics: bool = False,
               selection: Selection | None = None, **keywords) -> list[Path]:
        """Export the graph or a selection; the format comes from `path` (`casegraph.exports.format_of`).

        Returns the files written. Raises `ExportError` for a path whose format cannot be told,
        and `SelectionError` as `select` does."""
        selection = selection or selection_from(**keywords)
        return self.export_graph(self.select(profile, selection, with_analytics), path, profile, selection)

    @checked
    def export_graph(self, graph: nx.MultiDiGraph, path: Path | str, profile: str = "public",
                     selection: Selection | None = None) -> list[Path]:
        """Export a graph you selected (`select`) or changed yourself, in the format `path` names.

        `profile` and `selection` are written into the files' metadata, with what
        `graph.graph["analytics"]` says the analytics properties mean; a public export of a
        graph holding restricted data raises `ExportError`."""
        from casegraph.exports import ExportMeta, export, format_of

        fmt = format_of(path)
        described = (selection or Selection()).describe()
        return export(graph, fmt, path, ExportMeta(profile=profile, selection=described,
                                                   analytics=dict(graph.graph.get("analytics", {}))))

    @checked
    def report(self, path: Path | str, profile: str = "public", selection: Selection | None = None,
               graph: nx.MultiDiGraph | None = None, **keywords) -> Path:
        """Write a dossier (.md or .html) of the graph or a selection, a citation behind every fact;
        return the file written (`.restricted` in its name in the restricted profile).

        `graph` is the already selected graph, when you have it. A selection of exactly one
        person (`person=ID`) titles the dossier by that person. Raises `ReportError` for another
        extension and `SelectionError` as `select` does."""
        from casegraph.exports.base import ExportMeta
        from casegraph.reports import write_report

        selection = selection or selection_from(**keywords)
        graph = graph if graph is not None else self.select(profile, selection)
        return write_report(graph, path, ExportMeta(profile=profile, selection=selection.describe()))


@checked
def open(store: Path | str | None = None, *, neo4j: str | None = None) -> Casegraph:  # noqa: A001 (like gzip.open)
    """Open a store: the embedded LadybugDB store in `store` (default `$CASEGRAPH_STORE`, else
    `~/.local/share/casegraph/store`), or the Neo4j server at `neo4j` (credentials from
    NEO4J_USER, NEO4J_PASSWORD, NEO4J_DATABASE; `NEO4J_URI` is used when neither is given).

    Opening reads nothing yet: a store with no graph raises `StoreError` on first read."""
    uri = neo4j or (os.environ.get("NEO4J_URI") if store is None else None)
    if uri:
        from casegraph.graph.neo4j_store import Neo4jStore

        return Casegraph(Neo4jStore.from_environment(uri))
    from casegraph.graph.embedded import EmbeddedStore

    return Casegraph(EmbeddedStore(store))
