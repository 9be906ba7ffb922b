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
everything else. Together they hold per case: a node in a borough only
through its cases (a person, an indicator) is kept when one of those cases
is both in the borough and of the decade, never for a case in the borough
in the 1990s and another elsewhere in the 2010s (`SearchIndex.search`).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import asdict, dataclass, field
from typing import Iterable, Sequence

import networkx as nx
from rapidfuzz import fuzz, utils

from casegraph.schemas import schema
from casegraph.schemas.citations import contested_text
from casegraph.schemas.names import display_name

__all__ = ["Hit", "Entry", "KINDS", "kind_label", "names_of", "rank", "search", "list_nodes", "period_of",
           "boroughs_of", "borough_text", "SearchIndex", "SearchPage"]

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
    """The boroughs a node is shown in (its home: where a search hit says it is, where a picture places
    it): its own, its place's, or its cases'.

    A case: IN_BOROUGH, or (when it has none) the borough of a place it happened at. Anything
    else: a direct link to a borough, else the boroughs of the cases it is linked to. A borough
    is its own. Which cases a borough holds is `selection.cases_in_borough` (also a place's
    borough when the case is filed elsewhere): a filter by borough uses that rule.
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
    for other in _neighbours(graph, node):
        if graph.nodes[other].get("label") == "CaseFile":
            found |= boroughs_of(graph, other)
    return found


def borough_text(graph: nx.MultiDiGraph, node: str, boroughs: Iterable[str]) -> str | None:
    """The boroughs a row shows for `node` (`boroughs`: `boroughs_of` it), by name; a borough the
    node's own links reach only by casegraph's inference (claim status `inferred`) is marked
    `(inferred)`, as the entity page and `cases-by-borough` mark it: never shown as a fact. None
    when there is none (no borough is known: JSON null, an empty cell, never a blank text)."""
    stated, inferred = set(), set()
    for _, target, data in graph.out_edges(node, data=True):
        if data.get("type") in _TO_BOROUGH and graph.nodes[target].get("label") == "Borough":
            (inferred if data.get("status") == "inferred" else stated).add(target)
    inferred -= stated
    return ", ".join(sorted(display_name(graph.nodes[b], b) + (" (inferred)" if b in inferred else "")
                            for b in boroughs)) or None


def _neighbours(graph: nx.MultiDiGraph, node: str) -> set[str]:
    return set(graph.successors(node)) | set(graph.predecessors(node))


def period_of(attrs) -> str | None:
    """A timed record's period as written (`2000-2016`, `2019-`, the data's own `unknown`), or None for a
    node without one (no period known: JSON null, an empty cell, never a blank text); a period its sources
    disagree on names which source gives which value (`contested_text`):
    `2011 per article; contested: also 2010 per court-report` (the value shown: `loaders.merge.settle_contested`)."""
    if "period" in attrs and attrs["period"]:
        return contested_text(attrs, "period", str(attrs["period"]))
    if attrs.get("year_start") is not None:
        end = attrs.get("year_end")
        return f"{attrs['year_start']}" + (f"-{end}" if end and end != attrs["year_start"] else "")
    return None


@dataclass(frozen=True)
class Hit:
    """One row of `list_nodes` or `search`: a node, the kind, where and when; for search, what matched.
    `borough`, `period` and `matched` are None when there is none (`_hit`), never a blank text."""

    id: str
    kind: str
    name: str
    borough: str | None
    period: str | None
    matched: str | None = None
    score: float = 0.0

    def as_dict(self) -> dict:
        return asdict(self)


def _kind_of(label: str) -> str:
    return next(n.kind for n in schema().nodes if n.label == label)


def _hit(graph: nx.MultiDiGraph, node: str, boroughs: Iterable[str], matched: str | None = None,
         score: float = 0.0) -> Hit:
    """The row of `node` (`boroughs`: `boroughs_of` it). `matched` is kept only when it says something the
    id and name do not (an alias, a title), else None."""
    attrs = graph.nodes[node]
    name = display_name(attrs, node)
    return Hit(node, _kind_of(attrs["label"]), name, borough_text(graph, node, boroughs), period_of(attrs),
               None if matched in (None, "", node, name) else matched, score)


def _entries(graph: nx.MultiDiGraph, labels: set[str] | None) -> list[Entry]:
    return [Entry(n, a.get("label", ""), names_of({"id": n, **a})) for n, a in graph.nodes(data=True)
            if labels is None or a.get("label") in labels]


def list_nodes(graph: nx.MultiDiGraph, kind: str) -> list[Hit]:
    """Every node of a kind (`cases`, `people`, `places`, ...), by id: id, kind, name, borough, period.

    Raises `KeyError` (message lists the kinds) for an unknown kind."""
    label = kind_label(kind)
    return [_hit(graph, n, boroughs_of(graph, n))
            for n in sorted(n for n, a in graph.nodes(data=True) if a.get("label") == label)]


def search(graph: nx.MultiDiGraph, text: str, kinds: Iterable[str] = (), limit: int = 20,
           borough: str | None = None, decade: str | int | None = None) -> list[Hit]:
    """Nodes whose id, name, title or alias match `text`, fuzzily, best first (see the module docstring).

    `kinds` narrows to some kinds (`case`, `people`, ...); `borough` (an id) and `decade` (`1990s`, `1990`)
    keep the nodes the explorer's search keeps for them (`SearchIndex`: a case filed under or at a place in
    the borough, and what is linked to such cases; a record of the decade, or linked to a case of it; both
    together: one case in the borough and of the decade, for a node in the borough through its cases);
    `limit` caps the rows. Raises `KeyError` for an unknown kind, `SelectionError` (`NodeNotFound`) for a
    decade written otherwise or a borough the graph lacks."""
    labels = {kind_label(k) for k in kinds} or None
    if borough is not None or decade is not None:
        from casegraph.graph.selection import parse_decade, resolve_node

        return SearchIndex(graph).search(
            text, labels=labels or (), limit=limit, borough=None if borough is None else resolve_node(graph, borough, "Borough"),
            decade=None if decade is None else parse_decade(decade)).hits
    return [_hit(graph, entry.id, boroughs_of(graph, entry.id), matched, score)
            for entry, matched, score in rank(text, _entries(graph, labels), limit=limit)]


# -- the same search, filtered and paged, for a long-lived caller -------------------------------


class _Vocabulary:
    """The words of a search index, and the two ways a typed word finds them, without a Python
    pass over every word (some 200,000 at 100,000 cases, a quarter of a second a typed word):

    - `containing(word)`: the words `word` is part of, by `str.find` over all of them joined;
    - `like(word, cutoff)`: the words whose rapidfuzz `ratio` with `word` is >= `cutoff`, scored
      by rapidfuzz only among the words that could reach it: `ratio` is 200 x LCS / (sum of the
      lengths), and the longest common subsequence is at most the characters the two words share
      (counted per character, in 64 buckets: a shared bucket only raises the bound), so a word
      sharing fewer is not scored. The same words as scoring every word (tested)."""

    BUCKETS = 64

    def __init__(self, words: Sequence[str]):
        import numpy as np

        self.words = list(words)
        self._joined = "\n".join(self.words)  # processed words hold no line break
        self._starts, at = [], 0
        for word in self.words:
            self._starts.append(at)
            at += len(word) + 1
        self._lengths = np.fromiter((len(w) for w in self.words), dtype=np.int32, count=len(self.words))
        codes = np.frombuffer("".join(self.words).encode("utf-32-le"), dtype=np.uint32)
        owner = np.repeat(np.arange(len(self.words), dtype=np.int64), self._lengths)
        counts = np.bincount(owner * self.BUCKETS + codes % self.BUCKETS,
                             minlength=len(self.words) * self.BUCKETS).reshape(len(self.words), self.BUCKETS)
        # one column a bucket (a typed word reads only its own few), at most 255 (a bound still: see `like`)
        self._counts = [np.minimum(counts[:, b], 255).astype(np.uint8) for b in range(self.BUCKETS)]

    def containing(self, word: str) -> set[int]:
        """The positions of the words `word` occurs in."""
        from bisect import bisect_right

        found: set[int] = set()
        if not word:
            return found
        at = self._joined.find(word)
        while at != -1:
            i = bisect_right(self._starts, at) - 1
            found.add(i)
            at = self._joined.find(word, self._starts[i + 1]) if i + 1 < len(self._starts) else -1
        return found

    def like(self, word: str, cutoff: float) -> set[int]:
        """The positions of the words whose `fuzz.ratio` with `word` is >= `cutoff`."""
        import numpy as np
        from rapidfuzz import process

        if not word or not self.words:
            return set()
        wanted = Counter(ord(char) % self.BUCKETS for char in word)
        shared = np.zeros(len(self.words), dtype=np.int32)
        for bucket, count in wanted.items():
            shared += np.minimum(self._counts[bucket], min(count, 255))
        # a word sharing too few characters cannot reach `cutoff` (so neither can a word too short or too long)
        possible = np.flatnonzero(200.0 * shared >= cutoff * (self._lengths + len(word)) - 1e-6)
        choices = [self.words[i] for i in possible]
        return {int(possible[at]) for _, _, at in process.extract(word, choices, scorer=fuzz.ratio,
                                                                   score_cutoff=cutoff, limit=None)}


@dataclass
class SearchPage:
    """One page of `SearchIndex.search` hits, and how many matched in all."""

    total: int
    hits: list[Hit] = field(default_factory=list)


class SearchIndex:
    """`search` over one graph, indexed once, with borough/decade filters and paging.

    Built for a long-lived caller over a large graph (the explorer at 100,000 cases): a
    request never scans every node. The index holds every word of every entry's names
    (`utils.default_process`, as `rank` reads them) with the entries it occurs in. A typed
    word matches a word by rapidfuzz `ratio` >= `WORD_CUTOFF` or as a substring; a text's
    candidates are the entries matching any typed word, or, when that is more than
    `MAX_CANDIDATES` (common words in a large graph), the entries matching every typed
    word (if none: those of the rarest word), at most `MAX_CANDIDATES`; `rank` then scores
    the candidates exactly as `search` scores every node (tested: the same hits as a full
    scan on the London graph). Filters read per-node tables made once: a
    borough is what `--borough` means (`_borough_table`), a decade `decades_of` for a timed
    record, else the decades of its linked cases (`linked_cases`); a borough and a decade
    together, per case (`_in_borough_and_decade`).
    """

    WORD_CUTOFF = 70.0
    MAX_CANDIDATES = 5_000

    def __init__(self, graph: nx.MultiDiGraph):
        from casegraph.graph.selection import CASE

        self.graph = graph
        self.entries = _entries(graph, None)
        postings: dict[str, list[int]] = {}
        for i, entry in enumerate(self.entries):
            for word in {w for name in entry.names for w in utils.default_process(name).split()}:
                postings.setdefault(word, []).append(i)
        self._words = sorted(postings)
        self._postings = [postings[w] for w in self._words]
        self._vocabulary = _Vocabulary(self._words)
        names = [(e.names[1] if len(e.names) > 1 else e.id).casefold() for e in self.entries]
        # the order of an empty search: cases first, then by name, then id
        self._listed = sorted(range(len(self.entries)),
                              key=lambda i: (self.entries[i].label != CASE, names[i], self.entries[i].id))
        self._listed_at = {at: n for n, at in enumerate(self._listed)}
        self._boroughs: dict[str, frozenset[str]] = {}
        self._members: dict[str, frozenset[int]] = {}
        self._decades: dict[str, frozenset[int]] = {}
        self._case_decades: dict[str, frozenset[int]] = {}  # `decades_of` a linked case, once each
        self._both: dict[tuple[str, int], frozenset[int]] = {}  # (borough, decade) -> `_in_borough_and_decade`
        # the filter tables, once, here: made by the first filtered request they would cost it seconds
        self._borough_table()
        for entry in self.entries:
            self.decades(entry.id)

    # casegraph.graph.selection imports this module (its "did you mean"): its rules are imported late

    def _borough_table(self) -> dict[str, frozenset[int]]:
        """Borough id -> the entries a borough filter keeps: the borough, the cases `--borough` means
        (`selection.cases_in_borough`, the one rule: filed under it or at a place in it), the nodes linked
        to it directly (a place in it, an institution based in it), and any other node through the cases
        it is linked to. So a search filtered by a borough finds the cases its views and exports show."""
        from casegraph.graph.selection import CASE, cases_in_borough

        if not self._members:
            graph, at = self.graph, {entry.id: i for i, entry in enumerate(self.entries)}
            in_boroughs: dict[str, set[str]] = {}
            for borough, attrs in graph.nodes(data=True):
                if attrs.get("label") == "Borough":
                    in_boroughs.setdefault(borough, set()).add(borough)
                    for case in cases_in_borough(graph, borough):
                        in_boroughs.setdefault(case, set()).add(borough)
            members: dict[str, set[int]] = {}
            for node, attrs in graph.nodes(data=True):
                found = in_boroughs.get(node) if attrs.get("label") in ("Borough", CASE) else \
                    _direct_boroughs(graph, node) or {b for other in _neighbours(graph, node)
                                                      if graph.nodes[other].get("label") == CASE
                                                      for b in in_boroughs.get(other, ())}
                for borough in found or ():
                    members.setdefault(borough, set()).add(at[node])
            self._members = {b: frozenset(m) for b, m in members.items()} or {"": frozenset()}
        return self._members

    def _in_borough_and_decade(self, borough: str, decade: int) -> frozenset[int]:
        """The entries a borough and a decade filter keep together (`decade`: its first year), once per pair.

        A node in the borough only through the cases it is linked to (`_borough_table`: no borough, case or
        timed record, and no direct link to a borough) is kept when one of those cases is itself in the
        borough and of the decade: someone linked to a case in the borough in the 1990s and to another
        elsewhere in the 2010s is not "in the borough in the 2010s". Any other node of the borough is kept
        when it is of the decade (`decades`): a case or a timed record by its own period, a place in the
        borough or the borough itself by its linked cases."""
        from casegraph.graph.selection import CASE

        key = (borough, decade)
        found = self._both.get(key)
        if found is None:
            graph, members = self.graph, self._borough_table().get(borough, frozenset())
            # what the borough's cases of the decade link to: read from those cases, not from each node (an
            # indicator links to tens of thousands of cases)
            linked = {node for i in members if self.entries[i].label == CASE and decade in self._own_decades(
                self.entries[i].id) for node in _neighbours(graph, self.entries[i].id)}

            def kept(node: str) -> bool:
                attrs = graph.nodes[node]
                if attrs.get("label") in ("Borough", CASE) or attrs.get("year_start") is not None \
                        or _direct_boroughs(graph, node):
                    return decade in self.decades(node)
                return node in linked

            found = self._both[key] = frozenset(i for i in members if kept(self.entries[i].id))
        return found

    def boroughs(self, node: str) -> frozenset[str]:
        """`boroughs_of(node)`, computed once per node."""
        found = self._boroughs.get(node)
        if found is None:
            found = self._boroughs[node] = frozenset(boroughs_of(self.graph, node))
        return found

    def decades(self, node: str) -> frozenset[int]:
        """The decades a node belongs to (see the class docstring), computed once per node."""
        from casegraph.graph.selection import decades_of, linked_cases

        found = self._decades.get(node)
        if found is None:
            attrs = self.graph.nodes[node]
            if attrs.get("year_start") is not None:
                found = frozenset(decades_of(attrs))
            else:  # each case's own decades read once (an indicator links to tens of thousands of cases)
                found = frozenset().union(*(self._own_decades(c) for c in linked_cases(self.graph, node)))
            self._decades[node] = found
        return found

    def _own_decades(self, case: str) -> frozenset[int]:
        from casegraph.graph.selection import decades_of

        found = self._case_decades.get(case)
        if found is None:
            found = self._case_decades[case] = frozenset(decades_of(self.graph.nodes[case]))
        return found

    def _word_hits(self, word: str) -> set[int]:
        hits: set[int] = set()
        for at in self._vocabulary.like(word, self.WORD_CUTOFF) | self._vocabulary.containing(word):
            hits.update(self._postings[at])
        return hits

    def _candidates(self, text: str) -> list[int]:
        per_word = sorted((self._word_hits(w) for w in set(utils.default_process(text).split())), key=len)
        if not per_word:
            return []
        found = set.union(*per_word)
        if len(found) > self.MAX_CANDIDATES:  # common words: only entries matching them all
            found = set.intersection(*per_word) or per_word[0]
        return sorted(found)[:self.MAX_CANDIDATES]

    def hit(self, node: str, matched: str | None = None, score: float = 0.0) -> Hit:
        """A search row for `node` (as `search` shows it), its boroughs read from the index."""
        return _hit(self.graph, node, self.boroughs(node), matched, score)

    def search(self, text: str = "", *, labels: Iterable[str] = (), borough: str | None = None,
               decade: int | None = None, limit: int = 20, offset: int = 0) -> SearchPage:
        """The nodes matching `text` by `rank` (when it is empty, every node but sources, unless `labels` names
        "Source"), one page of them.

        `labels`: keep nodes of these labels (e.g. "CaseFile"); `borough`: a borough id
        (raises `NodeNotFound`/`SelectionError` for one the graph lacks); `decade`: e.g. 1990
        (any year of it); a borough and a decade together hold per case (`_in_borough_and_decade`:
        a person is kept for one case of theirs in the borough and of the decade, not for one
        case in the borough and another of the decade). Empty text lists cases first, then by
        name. `limit`/`offset` page the hits.
        """
        from casegraph.graph.selection import resolve_node

        labels = set(labels)
        if decade is not None:
            decade -= decade % 10
        members = None  # the entries the borough filter keeps (with the decade's, when both are given)
        if borough:
            borough = resolve_node(self.graph, borough, "Borough")
            members = self._borough_table().get(borough, frozenset()) if decade is None \
                else self._in_borough_and_decade(borough, decade)

        def keep(i: int) -> bool:
            entry = self.entries[i]
            return ((not labels or entry.label in labels) and (members is None or i in members)
                    and (members is not None or decade is None or decade in self.decades(entry.id)))

        if text.strip():
            candidates = [self.entries[i] for i in self._candidates(text) if keep(i)]
            found = [(e.id, matched, score) for e, matched, score in rank(text, candidates, limit=len(candidates) or 1)]
        else:
            order = self._listed if members is None else sorted(
                members, key=lambda i: self._listed_at.get(i, len(self._listed)))
            # source documents only when asked for by kind (the home page's "Source documents"): a listing of
            # the graph's records is not one of the documents that report them
            sources = "Source" in labels
            found = [(self.entries[i].id, None, 0.0) for i in order
                     if (sources or self.entries[i].label != "Source") and keep(i)]
        return SearchPage(len(found), [self.hit(node, matched, score)
                                       for node, matched, score in found[offset:offset + limit]])
