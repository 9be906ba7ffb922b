"""Checks across records, run after references resolve and before any write.

Each guards a rule of the subject: no year a source could not report, no
victim left public, no adult age in a child case, no pseudonym in public text.
"""

from __future__ import annotations

import re
from typing import Callable

from casegraph.loaders.dataset import Dataset
from casegraph.loaders.problems import Problem
from casegraph.loaders.raw import RawRecord
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
    longest = max(len(words) for words in names)
    problems = []
    records = [*dataset.all_nodes(), *dataset.all_rels()]
    for record in records:
        if getattr(record, "sensitivity", None) == _RESTRICTED:
            continue
        for field, value in record:
            texts = value if isinstance(value, list) else [value]
            for text in texts:
                if not isinstance(text, str) or field in ("id", "from_", "to", "source"):
                    continue
                hit = _find(text, names, longest)
                if hit:
                    problems.append(_problem(where(record.id), field,
                        f"public text names {hit!r}, a restricted person: "
                        f"expected no victim name or pseudonym in public records"))
    return problems


def _find(text: str, names: dict[tuple[str, ...], str], longest: int) -> str | None:
    words = [w.casefold() for w in _WORD.findall(text)]
    for size in range(1, longest + 1):
        for start in range(len(words) - size + 1):
            if tuple(words[start:start + size]) in names:
                return " ".join(words[start:start + size])
    return None
