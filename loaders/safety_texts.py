"""The publication-safety rules applied to one text: what `loaders/safety.py` finds in each public text.

A rule (`Rule`, read from `schemas/publication-safety.yaml` by `safety.load_rules`) hits a text where one of its
patterns, or the name of a place of its types, matches the text folded (`loaders/folding.py`). A value is read as
its field gives it (`as_read`): an id or a source text's file name as words, a web address as its words.

This module imports nothing of casegraph but the folding, so that the helper process judging a large load's texts
while the load runs its other checks (`judge_texts`, a lean `processes.Child`) costs ~15 MB, not the ~110 MB of
all of casegraph: what it needs (the rules, the place names) comes with its task.
"""

from __future__ import annotations

import pickle
import re
from dataclasses import dataclass
from typing import Callable, Iterable, Iterator
from urllib.parse import unquote, urlsplit

from casegraph.loaders.folding import fold

__all__ = ["Rule", "Check", "ID_SEPARATORS", "as_read", "kind_of", "matcher", "text_hits", "write_texts",
           "judge_texts"]

ID_SEPARATORS = re.compile(r"[-_.]+")
_URL_SEPARATORS = re.compile(r"[-_.~:/?#\[\]@!$&'()*+,;=\s]+")
"""What separates the words of a web address: its delimiters and punctuation ("croydon-girl-13.example.org",
"/news/girl-13-from-croydon.html", "?name=girl+13&from=croydon", "#victim-aged-12")."""


@dataclass(frozen=True)
class Rule:
    """One rule of the rules file: an id, what it refuses (`what`), what it deliberately lets through
    (`public`: where its line is drawn), its compiled patterns, the place types whose names it refuses (all of
    them, or with `place_names` those a name of which it matches whole: a home named by its street), and
    `needs`: a quick search that every hit of its patterns contains (a text without it is not searched with
    them)."""

    id: str
    what: str
    patterns: tuple[re.Pattern, ...] = ()
    place_types: tuple[str, ...] = ()
    public: str = ""
    needs: re.Pattern | None = None
    place_names: re.Pattern | None = None


Names = dict[str, list[str]]
"""Place names a rule refuses, by their first word in lower case (folded, as the texts are matched)."""
Check = tuple[Rule, Callable[[str], "tuple[int, int] | None"]]
"""A rule and its search (`matcher`)."""


def kind_of(field: str) -> str:
    """How a field's values are read: "id" (an id or a file name, as words), "url" (a web address, as its
    words) or "text"."""
    return "id" if field in ("id", "text_file") else "url" if field == "url" else "text"


def as_read(kind: str, text: str) -> str:
    """A value as the rules read it (`kind_of` its field): "victim-aged-13" as "victim aged 13", a web
    address as its words (`_url_words`), any other text as it is."""
    if kind == "id":
        return ID_SEPARATORS.sub(" ", text)
    return _url_words(text) if kind == "url" else text


def _url_words(url: str) -> str:
    """The words of a whole web address, separators as spaces: its user, its host's labels (an IDNA label,
    "xn--...", as the letters it stands for), path, query keys and values and fragment, percent-decoded until no
    escape is left ("%252D" is "%2D" once, "-" twice); not its scheme or port. Every part is public text: a
    subdomain, a query or a fragment names a child as surely as a slug.

    >>> _url_words("https://croydon-girl-13.example.org/news/a%20council?name=girl+13#victim-aged-12")
    ' croydon girl 13 example org news a council name girl 13 victim aged 12'
    """
    parts = urlsplit(url)  # the load checked it is one (`schemas/text.py` `check_web_url`)
    host = ".".join(_host_label(label) for label in (parts.hostname or "").split("."))
    text = " ".join((parts.username or "", parts.password or "", host, parts.path, parts.query, parts.fragment))
    while (decoded := unquote(text)) != text:  # each round shortens the text: it ends
        text = decoded
    return _URL_SEPARATORS.sub(" ", text)


def _host_label(label: str) -> str:
    """A host's label as a reader sees it: an IDNA label ("xn--...") decoded, any other as it is."""
    if label.startswith("xn--"):
        try:
            return label.encode("ascii").decode("idna")
        except UnicodeError:
            return label
    return label


def matcher(rule: Rule, names: Names, patterns: Iterable[str] = ()) -> Callable[[str], tuple[int, int] | None] | None:
    """A rule's search: the span (start, end) of its leftmost hit in a text, among the rule's own patterns, the
    `patterns` of its place names that start with no letter or digit, and `names` (whole words, any case); None
    for a rule with none of them."""
    parts = [p.pattern for p in rule.patterns] + list(patterns)
    pattern = re.compile("|".join(f"(?:{p})" for p in parts), re.IGNORECASE) if parts else None
    needs = rule.needs  # half the texts have no number at all: the age rule's 25 patterns skip them
    if not names:
        if pattern is None:
            return None
        if needs is not None:
            return lambda text: (m.span() if needs.search(text) and (m := pattern.search(text)) else None)
        return lambda text: (m.span() if (m := pattern.search(text)) else None)
    if needs is not None:
        return lambda text: _first_hit(text, pattern if needs.search(text) else None, names)
    return lambda text: _first_hit(text, pattern, names)


_WORD = re.compile(r"\w+")


def _first_hit(text: str, pattern: re.Pattern | None, names: Names) -> tuple[int, int] | None:
    """The span of the leftmost of `pattern`'s match and a whole-word, any-case occurrence of one of `names`,
    the pattern first where both start at one place, as one regular expression of them all would
    choose (a thousand place names in one took a millisecond a text; this takes microseconds)."""
    found = pattern.search(text) if pattern is not None else None
    limit = found.start() if found else len(text)
    for word in _WORD.finditer(text):
        if word.start() >= limit:
            break
        for name in names.get(word.group(0).lower(), ()):
            stop = word.start() + len(name)
            if text[word.start():stop].lower() == name.lower() and _boundary(text, stop):
                return word.start(), stop
    return found.span() if found else None


def _boundary(text: str, at: int) -> bool:
    """Whether `\\b` holds at `at` (a word character on one side only)."""
    before = at > 0 and _is_word(text[at - 1])
    return before != (at < len(text) and _is_word(text[at]))


def _is_word(char: str) -> bool:
    return char.isalnum() or char == "_"


def text_hits(text: str, checks: list[Check]) -> list[tuple[Rule, str]]:
    """The rules of `checks` a text (as read: `as_read`) hits, each with what it found as written: the rules
    match what a reader sees (the text folded), the hit quotes what is written. (A check's first item, a rule,
    is given back as it is: the helper gives each rule's index.)"""
    folded = fold(text)
    return [(rule, folded.original_span(*span)) for rule, find in checks if (span := find(folded.text))]


_CHUNK = 10_000
"""Texts pickled together in the file `judge_texts` reads: the helper holds one such chunk at a time."""


def write_texts(path, texts: Iterable[tuple[str, Iterable[str]]]) -> None:
    """Write (kind, distinct values) pairs (`kind_of`) to `path` for `judge_texts`, in chunks of _CHUNK."""
    with open(path, "wb") as stream:
        for kind, values in texts:
            chunk = []
            for value in values:
                chunk.append(value)
                if len(chunk) == _CHUNK:
                    pickle.dump((kind, chunk), stream, pickle.HIGHEST_PROTOCOL)
                    chunk = []
            if chunk:
                pickle.dump((kind, chunk), stream, pickle.HIGHEST_PROTOCOL)


def _chunks(path) -> Iterator[tuple[str, list[str]]]:
    with open(path, "rb") as stream:
        while True:
            try:
                yield pickle.load(stream)
            except EOFError:
                return


def judge_texts(task: tuple, say: Callable[[str], None]) -> dict[tuple[str, str], list[tuple[int, str]]]:
    """The helper's task (`processes.Child`): (the rules, each rule's place names and patterns as `matcher`
    takes them, the file `write_texts` wrote). Its answer: each (kind, value) that a rule hits, with its hits
    (the rule's index in the rules, what it found as written: `text_hits`); a value with none is left out."""
    rules, places, path = task
    checks = [(at, find) for at, (rule, (names, patterns)) in enumerate(zip(rules, places))
              if (find := matcher(rule, names, patterns)) is not None]  # a hit names its rule by its index
    found: dict[tuple[str, str], list[tuple[int, str]]] = {}
    for kind, values in _chunks(path):
        for value in values:
            hits = text_hits(as_read(kind, value), checks)
            if hits:
                found[(kind, value)] = hits
    return found
