"""Find nodes by what people type: an id, a name, an alias or a title, with typos.

`SearchIndex(graph)` indexes the words of every node's id, display name,
title and aliases (`casegraph.schemas.names.display_name` is the name rule);
`index.search(text, ...)` returns the matching nodes, best first, with
filters by kind, borough and decade. It indexes the graph it is given, so
an index of a public projection never finds restricted data.

How a hit is ranked (one rule, stated once):

- every word typed must match a word of the node: exactly (3 points), as the
  start of a word (2), or within a small edit distance (1 edit for words of
  4-6 letters, 2 for longer ones: 1.5 points less 0.5 per edit), the best
  match counting;
- the whole text equal to the node's id, name or an alias adds 6, the name
  starting with it adds 2;
- ties go to cases first (what investigators look for), then by name.

Filters use the graph's own rules: a borough means the cases filed under it
or at a place in it, with their context (`select` with `Selection(boroughs=)`);
a decade means `decades_of` for timed records and the decades of the linked
cases (`linked_cases`) for everything else.

Written for the explorer (`casegraph serve`); a library search for the CLI
can reuse it as it is.
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from collections import defaultdict
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Iterable

import networkx as nx
from rapidfuzz import process
from rapidfuzz.distance import Levenshtein

from casegraph.graph.selection import CASE, Selection, decades_of, linked_cases, select
from casegraph.schemas.names import display_name

__all__ = ["SearchIndex", "SearchPage", "Hit", "words"]

_WORD = re.compile(r"[^\W_]+")
EXACT, PREFIX, FUZZY = 3.0, 2.0, 1.5
WHOLE, STARTS = 6.0, 2.0
PREFIX_LIMIT = 400  # words sharing a typed prefix that count (a one-letter prefix matches too much to rank)


def words(text: str) -> list[str]:
    """Lowercase words without accents: "Saint-Hélène's" -> ["saint", "helene", "s"]."""
    plain = unicodedata.normalize("NFKD", str(text))
    plain = "".join(c for c in plain if not unicodedata.combining(c)).casefold()
    return _WORD.findall(plain)


def _edits_allowed(word: str) -> int:
    return 0 if len(word) < 4 else 1 if len(word) <= 6 else 2


@dataclass(frozen=True)
class Hit:
    """One found node: its id, label, display name and score (higher is better)."""

    id: str
    label: str
    name: str
    score: float


@dataclass
class SearchPage:
    """One page of hits, and how many matched in all."""

    total: int
    hits: list[Hit] = field(default_factory=list)


class SearchIndex:
    """The words of every node of `graph` (see the module docstring for the ranking)."""

    def __init__(self, graph: nx.MultiDiGraph):
        self.graph = graph
        self.ids: list[str] = []
        self.labels: list[str] = []
        self.names: list[str] = []
        self._whole: list[frozenset[str]] = []
        postings: dict[str, list[int]] = defaultdict(list)
        for node, attrs in graph.nodes(data=True):
            index = len(self.ids)
            name = display_name(attrs, node)
            texts = [node, name, attrs.get("title") or "", *(attrs.get("aliases") or ())]
            self.ids.append(node)
            self.labels.append(attrs.get("label", ""))
            self.names.append(name)
            self._whole.append(frozenset(" ".join(words(t)) for t in texts if t))
            for word in {w for t in texts if t for w in words(t)}:
                postings[word].append(index)
        self.vocabulary = sorted(postings)
        self._postings = dict(postings)
        self._position = {node: i for i, node in enumerate(self.ids)}
        self._members = lru_cache(maxsize=64)(self._borough_members)

    # -- matching ------------------------------------------------------------------------------

    def _matches(self, word: str) -> dict[int, float]:
        """Node positions matching one typed word, with the points of their best match."""
        points: dict[int, float] = {}

        def add(vocab_word: str, value: float) -> None:
            for position in self._postings[vocab_word]:
                if points.get(position, 0.0) < value:
                    points[position] = value

        start = bisect.bisect_left(self.vocabulary, word)
        for vocab_word in self.vocabulary[start:start + PREFIX_LIMIT]:
            if not vocab_word.startswith(word):
                break
            add(vocab_word, EXACT if vocab_word == word else PREFIX)
        edits = _edits_allowed(word)
        if edits:
            for vocab_word, distance, _ in process.extract(word, self.vocabulary, scorer=Levenshtein.distance,
                                                           score_cutoff=edits, limit=50):
                add(vocab_word, FUZZY - 0.5 * distance)
        return points

    def _scored(self, text: str) -> dict[int, float]:
        typed = words(text)
        scores: dict[int, float] | None = None
        for word in dict.fromkeys(typed):
            found = self._matches(word)
            if scores is None:
                scores = found
            else:
                scores = {p: s + found[p] for p, s in scores.items() if p in found}
            if not scores:
                return {}
        whole = " ".join(typed)
        for position in scores:
            if whole in self._whole[position]:
                scores[position] += WHOLE
            elif " ".join(words(self.names[position])).startswith(whole):
                scores[position] += STARTS
        return scores or {}

    # -- filters -------------------------------------------------------------------------------

    def _borough_members(self, borough: str) -> frozenset[str]:
        return frozenset(select(self.graph, Selection(boroughs=(borough,))).nodes)

    def _in_decade(self, node: str, decade: int) -> bool:
        attrs = self.graph.nodes[node]
        if attrs.get("year_start") is not None:
            return decade in decades_of(attrs)
        return any(decade in decades_of(self.graph.nodes[c]) for c in linked_cases(self.graph, node))

    def search(self, text: str = "", *, labels: Iterable[str] = (), borough: str | None = None,
               decade: int | None = None, limit: int = 20, offset: int = 0) -> SearchPage:
        """The nodes matching `text` (every node when it is empty), best first, one page of them.

        `labels`: keep nodes of these labels (e.g. "CaseFile"); `borough`: a borough id
        (raises `NodeNotFound`/`SelectionError` for one the graph lacks); `decade`: e.g. 1990.
        Source documents are found only by text. `limit`/`offset` page the sorted hits.
        """
        labels = set(labels)
        if text.strip() and words(text):
            scored = self._scored(text)
        else:
            scored = {i: 0.0 for i, label in enumerate(self.labels) if label != "Source"}
        if labels:
            scored = {p: s for p, s in scored.items() if self.labels[p] in labels}
        if borough:
            members = self._members(borough)
            scored = {p: s for p, s in scored.items() if self.ids[p] in members}
        if decade is not None:
            decade -= decade % 10
            scored = {p: s for p, s in scored.items() if self._in_decade(self.ids[p], decade)}
        order = sorted(scored, key=lambda p: (-scored[p], self.labels[p] != CASE, self.names[p].casefold(),
                                              self.ids[p]))
        page = order[offset:offset + limit]
        return SearchPage(len(order), [Hit(self.ids[p], self.labels[p], self.names[p], scored[p]) for p in page])
