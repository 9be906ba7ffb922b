"""What every exporter shares: the item stream, the metadata, the profile rules.

An exporter is fed one neutral graph (the projection: node attribute `label`
plus properties, edge attribute `type` plus properties, edge key = the
relationship id) as a stream of `NodeItem`s then `EdgeItem`s through
`write(item)`, and writes its files in `finalize()`. One format per module.

What the public profile leaves out is decided in one place for all of
casegraph, `casegraph.graph.selection.public_subgraph` (the projection's
public profile applies it). What is kept here, for every format, is the
guard behind it: a `public` export never contains a restricted node or
relationship, nor a relationship to a node it does not hold; `write` raises
`ExportError` before any file is written if it is handed one. A
`restricted` export says so in its metadata and carries `.restricted` in
its file names.
"""

from __future__ import annotations

import importlib.util

import math
from dataclasses import dataclass, field, replace
from itertools import chain
from pathlib import Path
from typing import Any, Iterator, Literal

import networkx as nx

from casegraph import __version__
from casegraph.graph.selection import is_restricted
from casegraph.graph.values import conditional_in, conditional_of  # the count's one rule; importable from here too
from casegraph.schemas.citations import CITATION_COLUMNS, CONTESTED_COLUMNS, PARTIAL_COLUMNS, unknown_as_null
from casegraph.schemas.text import INT64_RANGE, UNSAFE_CHARACTERS, clip, value_problem
from casegraph.schemas.words import counted, plural

__all__ = [
    "NodeItem", "EdgeItem", "ExportMeta", "Exporter", "ExportError",
    "items", "export_graph", "marked_path", "conditional_citations", "conditional_in", "conditions_notice", "RESTRICTED_NOTICE", "refuse_unfit", "refuse_unfit_graph", "PROFILES", "FACT_FIELDS",
]

PROFILES = ("public", "restricted")
RESTRICTED_NOTICE = "RESTRICTED: contains data about victims and minors that could identify them. Not for publication."
"""What every restricted output says of itself: files (their metadata), and what a command prints on stdout."""

FACT_FIELDS = ("source", "paragraphs", "locator", "quote", "status", "sensitivity", "basis",
               "period", "year_start", "year_end", "status_as_of", "status_source", *CITATION_COLUMNS,
               "independent_sources", *CONTESTED_COLUMNS, *PARTIAL_COLUMNS)
"""Provenance (every citation), claim status, sensitivity and time: every format keeps these."""


class ExportError(ValueError):
    """An export that must not be written (restricted data in a public export, bad path...)."""


@dataclass(frozen=True)
class NodeItem:
    id: str
    label: str
    properties: dict[str, Any]


@dataclass(frozen=True)
class EdgeItem:
    id: str
    type: str
    source: str
    target: str
    properties: dict[str, Any]


@dataclass
class ExportMeta:
    """What an export says about itself (written into each format's header or metadata)."""

    profile: Literal["public", "restricted"] = "public"
    selection: dict[str, Any] = field(default_factory=lambda: {"whole_graph": True})
    analytics: dict[str, str] = field(default_factory=dict)  # property -> what it means
    generator: str = f"casegraph {__version__}"
    conditional: int = 0  # citations with 3x5x2 handling code C in what is written (`conditional_citations`)

    def __post_init__(self) -> None:
        if self.profile not in PROFILES:
            raise ExportError(f"profile must be one of {', '.join(PROFILES)}, got {self.profile!r}")

    @property
    def restricted(self) -> bool:
        return self.profile == "restricted"

    @property
    def notice(self) -> str:
        """The profile's notice, then what handling code C asks of whoever shares it (`conditions_notice`)."""
        base = RESTRICTED_NOTICE if self.restricted else (
            "public profile: restricted nodes and relationships (and every relationship touching one) are left out.")
        conditions = conditions_notice(self.conditional)
        return f"{base} {conditions}" if conditions else base

    def as_dict(self) -> dict[str, Any]:
        """The metadata every format writes: generator, profile, notice, selection, analytics, and
        `conditional_citations` when some citation carries handling code C."""
        data = {
            "generator": self.generator,
            "profile": self.profile,
            "notice": self.notice,
            "selection": self.selection,
            "analytics": self.analytics,
        }
        if self.conditional:
            data["conditional_citations"] = self.conditional
        return data


def conditional_citations(graph: nx.MultiDiGraph) -> int:
    """How many citations in `graph` (on its nodes and relationships) carry the 3x5x2 handling code C:
    sharing permitted with conditions the source sets, which casegraph does not hold."""
    return (sum(conditional_of(a) for _, a in graph.nodes(data=True))
            + sum(conditional_of(a) for _, _, a in graph.edges(data=True)))


def conditions_notice(conditional: int) -> str | None:
    """What every output holding `conditional` (> 0) citations with handling code C says: a sentence;
    None when there are none. One rule for exports, dossiers and the commands' warnings."""
    if not conditional:
        return None
    return (f"{counted(conditional, 'citation')} here {plural(conditional, 'carries', 'carry')} handling code C (3x5x2: sharing permitted with conditions): check each such source's "
            "conditions before publishing or passing this on (`citation_handling` names them).")


def refuse_unfit(what: str, values: dict[str, Any]) -> None:
    """Raise ExportError if a name or value could not be written faithfully in every format.

    The loaders refuse such values; this guard makes each writer safe on its
    own (a graph built in code, a selection's text): a control character no
    XML file can hold, a lone surrogate no UTF-8 file can hold, NaN or an
    integer beyond 64 bits. Names the item, the property and the character.
    """
    found = _unfit(values)
    if found:
        raise ExportError(f"{what}: property {clip(found[0])} {found[1]}; nothing was written")


def _unfit(values: dict[str, Any]) -> tuple[str, str] | None:
    """The first (name, problem) `value_problem` finds among `values`' names and values, or None.

    Every record is checked on every export and every view, so the common record (texts, numbers
    in range, lists of them) is checked at once: its names and texts joined by a tab (a character
    every text may hold; a list of texts joined first, in C, `_plain`) and searched once for
    `UNSAFE_CHARACTERS`; anything else (a name not text too), or a record with a match, goes
    through `value_problem` name by name, which says what and where."""
    texts = [value for value in values.values() if type(value) is str]
    if all(_plain(value, texts) for value in values.values() if type(value) is not str):
        texts.extend(values)
        try:
            if not UNSAFE_CHARACTERS.search("\t".join(texts)):
                return None
        except TypeError:  # a name that is not text
            pass
    for key, value in values.items():
        problem = value_problem(key) or value_problem(value)
        if problem:
            return key, problem
    return None


def _plain(value: Any, texts: list[str], depth: int = 0) -> bool:
    """True if `value` is text (added to `texts`), a number `value_problem` accepts, a truth value,
    None, or a list of these (nested at most twice); False when `value_problem` must look.
    (A list's texts are added joined by a tab, as `_unfit` joins them all.)"""
    kind = type(value)
    if kind is str:
        texts.append(value)
        return True
    if kind is int:
        return INT64_RANGE[0] <= value <= INT64_RANGE[1]
    if kind is float:
        return math.isfinite(value)
    if value is None or kind is bool:
        return True
    if kind is not list and kind is not tuple or depth >= 2:
        return False
    try:  # a list of texts (an indicator's hundreds of case names): joined in C, not a call per item
        texts.append("\t".join(value))
        return True
    except TypeError:
        return all(_plain(item, texts, depth + 1) for item in value)


def refuse_unfit_graph(graph: nx.MultiDiGraph) -> None:
    """`refuse_unfit` for every node and relationship of a graph (ids and keys too).

    The common graph (every value plain: `_plain`) is checked at once, its texts and names joined and
    searched once (a borough at 100,000 cases, 2,400 records: a third of the time of a search per
    record); a graph with anything else, or a match, is looked at record by record, which says where."""
    if _plain_graph(graph):
        return
    for node, attrs in graph.nodes(data=True):
        if _unfit({"id": node, **attrs}):
            refuse_unfit(f"node {clip(node)}", {"id": node, **attrs})
    for source, target, key, attrs in graph.edges(keys=True, data=True):
        if _unfit({"id": key, "from": source, "to": target, **attrs}):
            refuse_unfit(f"relationship {clip(key)}", {"id": key, "from": source, "to": target, **attrs})


def _plain_graph(graph: nx.MultiDiGraph) -> bool:
    """Whether every id, key, name and value of `graph` is plain (`_plain`) and no text holds an
    `UNSAFE_CHARACTERS` character: `_unfit` over the whole graph at once."""
    texts: list[str] = []
    names: set = set()
    records = chain((((node,), attrs) for node, attrs in graph.nodes(data=True)),
                    (((source, target, key), attrs) for source, target, key, attrs in graph.edges(keys=True, data=True)))
    for ids, attrs in records:
        texts += ids
        names.update(attrs)
        for value in attrs.values():
            if type(value) is str:
                texts.append(value)
            elif not _plain(value, texts):
                return False
    texts.extend(names)
    try:
        return not UNSAFE_CHARACTERS.search("\t".join(texts))
    except TypeError:  # an id or a name that is not text
        return False


def marked_path(path: Path | str, restricted: bool) -> Path:
    """`out.graphml` -> `out.restricted.graphml` when `restricted` (unchanged if public, or already marked).

    The one naming rule for every file of restricted data casegraph writes or offers for download:
    exports, their CSV folder's files and the explorer's zip of them, pictures and stills, dossiers."""
    path = Path(path)
    if not restricted or ".restricted" in path.name:
        return path
    suffix = path.suffix
    return path.with_name(path.name[: len(path.name) - len(suffix)] + ".restricted" + suffix)


def _node_order(graph: nx.MultiDiGraph) -> list[str]:
    from casegraph.schemas import schema

    rank = {label: i for i, label in enumerate(schema().labels)}
    return sorted(graph.nodes, key=lambda n: (rank.get(graph.nodes[n].get("label"), len(rank)), str(n)))


def items(graph: nx.MultiDiGraph) -> Iterator[NodeItem | EdgeItem]:
    """Nodes (by schema label order, then id), then edges (by type, then id): a stable order."""
    for node in _node_order(graph):
        attrs = dict(graph.nodes[node])
        label = attrs.pop("label")
        yield NodeItem(str(node), label, attrs)
    edges = sorted(graph.edges(keys=True, data=True), key=lambda e: (e[3].get("type", ""), str(e[2])))
    for source, target, key, attrs in edges:
        attrs = dict(attrs)
        rel_type = attrs.pop("type")
        yield EdgeItem(str(key), rel_type, str(source), str(target), attrs)


class Exporter:
    """Base of every format: `write(item)` for each item, then `finalize()` -> files written.

    `write` refuses (ExportError) a value no format can hold before any file
    is written (`refuse_unfit`); each format escapes everything else itself.
    It hands each format an unknown list element (an ungraded citation's grade,
    a missing locator or quote: stored `""`) as None (`unknown_as_null`), for
    the format to write as its own "no value"; a format that recreates the
    stores (`stored_unknown`) gets what they hold.
    """

    format: str = ""
    needs: tuple[str, str] | None = None
    """(module, extra) of an optional library the format is written with, installed by
    `pip install 'casegraph[EXTRA]'`; None: nothing beyond casegraph itself."""
    stored_unknown: bool = False
    """True: the format is handed an unknown list element as the stores write it (`""`), not None."""

    @classmethod
    def missing(cls) -> str | None:
        """What to install before this format can be written (a sentence with the pip command), or None
        when nothing is missing. Every caller that offers formats asks this, so none offers one that fails."""
        if cls.needs is None or importlib.util.find_spec(cls.needs[0]) is not None:
            return None
        return f"the {cls.format} export needs {cls.needs[0]}: pip install 'casegraph[{cls.needs[1]}]'"

    def __init__(self, path: Path | str, meta: ExportMeta | None = None):
        missing = self.missing()
        if missing:
            raise ExportError(missing)
        self.meta = meta or ExportMeta()
        refuse_unfit("the export's metadata", self.meta.as_dict())
        self.path = marked_path(path, self.meta.restricted)
        self._written: set[str] = set()
        # True while `export_graph` feeds items of a graph `refuse_unfit_graph` has passed as it is:
        # the same values, so `write` does not look at them again
        self.checked = False

    def write(self, item: NodeItem | EdgeItem) -> None:
        if not self.checked:
            if isinstance(item, NodeItem):
                values = {"id": item.id, "label": item.label, **item.properties}
            else:
                values = {"id": item.id, "type": item.type, "from": item.source, "to": item.target, **item.properties}
            if _unfit(values):
                refuse_unfit(f"{'node' if isinstance(item, NodeItem) else 'relationship'} {clip(item.id)}", values)
        if is_restricted(item.properties) and not self.meta.restricted:
            kind = "node" if isinstance(item, NodeItem) else "relationship"
            raise ExportError(f"restricted {kind} {item.id!r} handed to a public export")
        if not self.stored_unknown:
            properties = unknown_as_null(item.properties)
            if properties is not item.properties:  # a new item, not `dataclasses.replace`: 5x slower per record
                item = NodeItem(item.id, item.label, properties) if isinstance(item, NodeItem) else \
                    EdgeItem(item.id, item.type, item.source, item.target, properties)
        if isinstance(item, NodeItem):
            self._written.add(item.id)
            self.write_node(item)
        else:
            missing = {item.source, item.target} - self._written
            if missing:  # a relationship to a node left out (e.g. a restricted one)
                raise ExportError(f"relationship {item.id!r} touches {', '.join(sorted(missing))}, "
                                  "which this export does not hold; nodes must be written first")
            self.write_edge(item)

    def write_node(self, node: NodeItem) -> None:
        raise NotImplementedError

    def write_edge(self, edge: EdgeItem) -> None:
        raise NotImplementedError

    def finalize(self) -> list[Path]:
        raise NotImplementedError


def export_graph(graph: nx.MultiDiGraph, exporter: Exporter, checked: bool = False) -> list[Path]:
    """Feed a graph through an exporter; return the files it wrote. `checked`: the caller has had
    `refuse_unfit_graph(graph)` pass on this graph, unchanged since (a server's kept selection,
    checked once for all its views and exports), so its items are not checked one by one again."""
    conditional = conditional_citations(graph)
    if conditional != exporter.meta.conditional:  # what the files say of themselves, written at `finalize`
        exporter.meta = replace(exporter.meta, conditional=conditional)
    exporter.checked = checked
    try:
        for item in items(graph):
            exporter.write(item)
    finally:
        exporter.checked = False
    return exporter.finalize()

