"""The dossier as data: sections of facts, each fact with its citations.

Invariant, kept by `Fact.__post_init__`: a fact has at least one citation,
and its wording matches its claim status: an `alleged` fact says "alleged";
no fact short of a conviction reads as one (`loaders/conviction.py`, the rule
the load applies to every record's text); a `charged` fact says a charge is not a conviction;
an `inferred` fact says it is inferred and why (its basis). The check is on
casegraph's own wording (`text`); the data's words (`detail`: a summary, a
description, a quote) follow it as they are, and may mention, say, another
person's conviction. The renderers only lay facts out; they never phrase them.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field, fields
from typing import Any

from casegraph.schemas.citations import citation_text, citations_of
from casegraph.loaders.conviction import conviction_wording

__all__ = ["Citation", "Fact", "Section", "Dossier", "ReportError", "qualify"]

DETAIL_SEPARATOR = " \u2014 "


class ReportError(ValueError):
    """A fact that would be stated without a citation, or worded against its status."""


@dataclass(frozen=True)
class Citation:
    """One citation of a fact: where, the status that source gives as of when, and its 3x5x2 grade."""

    source: str
    paragraphs: tuple[int, ...] = ()
    locator: str | None = None
    status: str | None = None
    as_of: str | None = None
    reliability: str | None = None
    credibility: str | None = None
    handling: str | None = None
    quote: str | None = None

    @classmethod
    def all_of(cls, props: dict[str, Any]) -> list["Citation"]:
        """Every citation of a stored record (its one `source` for a record without citation lists)."""
        cited = citations_of(props)
        if not cited and props.get("source"):
            cited = [{"source": props["source"], "paragraphs": props.get("paragraphs") or [],
                      "locator": props.get("locator"), "status": props.get("status"), "quote": props.get("quote")}]
        names = [f.name for f in fields(cls)]
        return [cls(**{**{k: c.get(k) for k in names}, "paragraphs": tuple(c.get("paragraphs") or ())})
                for c in cited]


def qualify(text: str, status: str | None, basis: str | None = None) -> str:
    """Text worded for its claim status (idempotent: says it once)."""
    lower = text.lower()
    if status == "alleged" and "alleg" not in lower:
        text += " (alleged, not proven)"
    elif status == "charged" and "not a conviction" not in lower:
        text += " (charged; a charge is not a conviction)"
    elif status == "acquitted" and "acquitted" not in lower:
        text += " (acquitted or cleared)"
    elif status == "convicted" and "convicted" not in lower:
        text += " (convicted)"
    elif status == "inferred" and not ("inferred" in lower and basis and basis in text):
        text += f" (inferred by casegraph, not stated by the source: {basis or 'no basis recorded'})"
    return text


@dataclass
class Fact:
    """`text` is casegraph's wording (checked against the status); `detail` is
    the data's own words (a summary, a description, a quote), shown after it."""

    text: str
    citations: list[Citation]
    status: str | None = None
    basis: str | None = None
    detail: str | None = None

    def __post_init__(self) -> None:
        self.citations = [c for c in dict.fromkeys(self.citations) if c is not None]
        if not self.citations:
            raise ReportError(f"a fact without a citation: {self.text!r}")
        self.text = qualify(self.text, self.status, self.basis)
        found = conviction_wording(self.text, self.status)
        if found:
            article = "an" if self.status[0] in "aeiou" else "a"
            raise ReportError(f"{article} {self.status} fact worded as a conviction ({found.words!r}): {self.text!r}")
        if self.status == "inferred" and (not self.basis or self.basis not in self.text):
            raise ReportError(f"an inferred fact must say why: {self.text!r}")

    @property
    def full_text(self) -> str:
        return self.text + (DETAIL_SEPARATOR + self.detail if self.detail else "")


@dataclass
class Section:
    title: str
    intro: str | None = None
    facts: list[Fact] = field(default_factory=list)
    sections: list["Section"] = field(default_factory=list)

    def all_facts(self):
        yield from self.facts
        for section in self.sections:
            yield from section.all_facts()


@dataclass
class Dossier:
    title: str
    profile: str
    notice: str
    scope: list[str]
    sections: list[Section]
    sources: dict[str, dict[str, Any]]  # source id -> its properties

    def all_facts(self):
        for section in self.sections:
            yield from section.all_facts()

    def citation_numbers(self) -> dict[Citation, int]:
        """Citations numbered in order of first use."""
        numbers: dict[Citation, int] = {}
        for fact in self.all_facts():
            for citation in fact.citations:
                numbers.setdefault(citation, len(numbers) + 1)
        return numbers

    def source_name(self, source_id: str) -> str:
        """`Title (Publisher, 2025-11)`: what is unknown (an undated source) is left out, never blank."""
        source = self.sources.get(source_id, {})
        title = str(source.get("title", source_id))
        if source.get("publisher") or source.get("published"):
            title += f" ({', '.join(str(source[k]) for k in ('publisher', 'published') if source.get(k))})"
        return title

    def cited_sources(self) -> list[str]:
        """The ids of the sources the dossier's facts cite, sorted: its list of sources (a source
        of the selection that no fact shown cites is not one of them)."""
        return sorted({citation.source for citation in self.citation_numbers()})

    def describe(self, citation: Citation) -> str:
        """`Title (Publisher, 2025-11), paragraphs 9, 37: alleged (2017), graded 2B` for a citation."""
        return citation_text(asdict(citation), self.source_name(citation.source))
