"""Checks across records, run after references resolve and before any write.

Each guards a rule of the subject: no year a source could not report, no
victim left public, no adult age in a child case, no pseudonym in public text.
"""

from __future__ import annotations

import re
from itertools import chain
from typing import Callable

from casegraph.loaders.dataset import Dataset
from casegraph.loaders.problems import Problem
from casegraph.loaders.raw import RawRecord
from casegraph.schemas import schema
from casegraph.schemas.common import Sensitivity, Timed
from casegraph.schemas.nodes import CaseFile, Person, SourceDocument
from casegraph.schemas.relationships import Involves

__all__ = ["check_dataset", "EARLIEST_YEAR"]

EARLIEST_YEAR = 1900
"""No source here reports abuse before this year; an earlier year is a typo."""

_RESTRICTED = Sensitivity.restricted.value
_WORD = re.compile(r"[\w]+", re.UNICODE)

Where = Callable[[str], RawRecord]


def check_dataset(dataset: Dataset, where: Where) -> list[Problem]:
    problems: list[Problem] = []
    problems += _years(dataset, where)
    problems += _victims(dataset, where)
    problems += _pseudonyms(dataset, where)
    return problems


def _problem(raw: RawRecord, field: str, message: str) -> Problem:
    return Problem(raw.file, raw.line_of(field), raw.name, field, message)


def _years(dataset: Dataset, where: Where) -> list[Problem]:
    published = {s.id: s.year for s in dataset.nodes.get(SourceDocument.label, ())}
    problems = []
    for node in dataset.all_nodes():
        if not isinstance(node, Timed) or node.year_start is None:
            continue
        latest = published.get(node.source)
        for year in (node.year_start, node.year_end):
            if year is None:
                continue
            if year < EARLIEST_YEAR or (latest is not None and year > latest):
                problems.append(_problem(where(node.id), "period",
                    f"year {year} is outside what source {node.source!r} could report: "
                    f"expected {EARLIEST_YEAR}-{latest}"))
                break
    return problems


def _victims(dataset: Dataset, where: Where) -> list[Problem]:
    people = {p.id: p for p in dataset.nodes.get(Person.label, ())}
    cases = {c.id: c for c in dataset.nodes.get(CaseFile.label, ())}
    problems = []
    for rel in dataset.rels.get(Involves.type, ()):
        if rel.role != "victim":
            continue
        person = people.get(rel.to)
        if person is not None and person.sensitivity != _RESTRICTED:
            problems.append(_problem(where(person.id), "sensitivity",
                f"{person.id!r} is a victim in {rel.from_!r}: expected `sensitivity: restricted`"))
        case = cases.get(rel.from_)
        ages = [a for a in (rel.age_from, rel.age_to) if a is not None]
        if case is not None and case.child_case and any(age >= 18 for age in ages):
            problems.append(_problem(where(rel.id), "age_from" if rel.age_from and rel.age_from >= 18 else "age_to",
                f"victim age {max(ages)} contradicts child case {case.id!r}: expected an age under 18"))
    return problems


def _pseudonyms(dataset: Dataset, where: Where) -> list[Problem]:
    """A restricted person's name or pseudonym must not appear in any public text.

    Groups' names are descriptions ("victims of ..."), not names, and are not searched.
    """
    names: dict[tuple[str, ...], str] = {}
    for person in dataset.nodes.get(Person.label, ()):
        if person.sensitivity != _RESTRICTED or (person.person_type == "group" and not person.pseudonym):
            continue
        for name in (person.name, *person.aliases):
            words = tuple(w.casefold() for w in _WORD.findall(name))
            if words:
                names[words] = person.id
    if not names:
        return []
    sizes: dict[str, set[int]] = {}  # a name's first word -> the lengths of names starting with it
    for words in names:
        sizes.setdefault(words[0], set()).add(len(words))
    seen: dict[str, str | None] = {}  # text -> the name it contains: public texts repeat a lot
    problems = []
    graph = schema()
    for label, records in chain(dataset.nodes.items(), dataset.rels.items()):
        fields = [c.name for c in graph.columns_of(label) if c.type.startswith("STRING") and c.name not in _NOT_TEXT]
        for record in records:
            data = record.__dict__
            if data.get("sensitivity") == _RESTRICTED:
                continue
            for field in fields:
                value = data[field]
                if value is None:
                    continue
                for text in value if isinstance(value, list) else (value,):
                    hit = seen.get(text, _UNSEEN)
                    if hit is _UNSEEN:
                        hit = seen[text] = _find(text, names, sizes)
                    if hit:
                        problems.append(_problem(where(record.id), field,
                            f"public text names {hit!r}, a restricted person: "
                            f"expected no victim name or pseudonym in public records"))
    return problems


_NOT_TEXT = frozenset(("id", "from_", "to", "source"))
_UNSEEN = object()


def _find(text: str, names: dict[tuple[str, ...], str], sizes: dict[str, set[int]]) -> str | None:
    """The shortest, then first, restricted name in the text, as a phrase of whole words."""
    words = [w.casefold() for w in _WORD.findall(text)]
    starts = [i for i, word in enumerate(words) if word in sizes]
    if not starts:
        return None
    for size in sorted({n for i in starts for n in sizes[words[i]]}):
        for start in starts:
            if size in sizes[words[start]] and tuple(words[start:start + size]) in names:
                return " ".join(words[start:start + size])
    return None
