"""Fields every fact shares: provenance, claim status, sensitivity, time.

The subject is the abuse of children, so these are not optional extras: every
fact says where it comes from (source + paragraph), how sure it is (an
allegation is never a conviction; an inference is marked as one), whether it
may be published, and when it happened, or that this is unknown.
"""

from __future__ import annotations

import re
import sys
from difflib import get_close_matches
from enum import Enum
from functools import cache
from typing import Annotated, Any, Mapping

from pydantic import AfterValidator, WithJsonSchema, ConfigDict, BaseModel, Field, StringConstraints, field_validator, model_validator

from casegraph.schemas.aggregates import FactAggregates
from casegraph.schemas.citations import (
    CITATION_COLUMNS, CONTESTED_COLUMNS, PARTIAL_COLUMNS, Citation, ClaimStatus, Slug, citation_lists, current_status,
)
from casegraph.schemas.text import NOT_BLANK

__all__ = [
    "ClaimStatus",
    "Sensitivity",
    "Slug",
    "Record",
    "Fact",
    "DERIVED_FIELDS",
    "INPUT_ONLY",
    "MINIMUM_OF",
    "minimum_flags",
    "as_stated",
    "NO_PROVENANCE",
    "lacks_provenance",
    "Timed",
    "parse_period",
    "RESTRICTED_TEXT",
    "is_restricted_field",
    "forget_shared_values",
]

ShortText = Annotated[str, StringConstraints(min_length=1, max_length=2000, pattern=NOT_BLANK)]
BASIS_WORDS = 3
"""The fewest different words a `basis` holds (a word: two letters or more): "x", "n/a", "see source", "TBD TBD
TBD" say nothing of how a fact was inferred; "the borough of its place" does."""
_WORD = re.compile(r"[^\W\d_]{2,}")
_PLACEHOLDERS = ("tbd", "tbc", "todo", "fixme", "placeholder", "lorem", "ipsum", "asdf", "qwerty", "fill in",
                 "fill this in", "fill it in", "same as above", "same as before", "same as the other", "not applicable")
"""Words that hold a place for a basis not yet written."""
_PLACEHOLDER = re.compile(r"\b(?:" + "|".join(map(re.escape, _PLACEHOLDERS)) + r")\b", re.IGNORECASE)


def _basis_pattern() -> str:
    """The JSON Schema `pattern` of a basis: `BASIS_WORDS` different words and no placeholder, in the regular
    expressions both ECMA-262 (JSON Schema's) and Python read alike (no flags: each placeholder's letters as
    `[tT]`). Looser than `_says_how`, never stricter: a word is a run of two characters or more that are no
    space, digit, underscore or ASCII mark (a non-Latin letter is one, as `_WORD` reads it), and words differ in
    case ("See see" are two here, one there)."""
    mark = r"\s\d_!-/:-@\[-`{-~"  # what ends a word
    letter, apart = f"[^{mark}]", f"[{mark}]"
    edge = r"[\s!-/:-@\[-^`{-~]"  # what `\b` finds around a placeholder: a space or an ASCII mark, not `_`
    placeholder = "|".join("".join(f"[{c}{c.upper()}]" if c.isalpha() else c for c in phrase)
                           for phrase in _PLACEHOLDERS)  # letters and spaces only
    words, seen = [], []
    for number in range(1, BASIS_WORDS + 1):
        other = f"(?!{'|'.join(seen)})" if seen else ""
        words.append(rf"[\s\S]*?(?:^|{apart}){other}({letter}{{2,}})(?!{letter})")
        seen.append(rf"\{number}(?!{letter})")
    return rf"^(?![\s\S]*?(?:^|{edge})(?:{placeholder})(?={edge}|$))(?={''.join(words)})"


def _says_how(text: str) -> str:
    """A `basis` of `BASIS_WORDS` different words or more and no placeholder (`_PLACEHOLDER`: "TBD", "same as
    above"), else ValueError saying what is expected."""
    words = {match.group().casefold() for match in _WORD.finditer(text)}
    placeholder = _PLACEHOLDER.search(text)
    if len(words) < BASIS_WORDS or placeholder:
        found = f"{placeholder.group()!r} holds a place for it" if placeholder else f"{len(words)} different word(s)"
        raise ValueError(f"expected how it was inferred, in {BASIS_WORDS} different words or more ({found}): what the "
                         f"source says and the reading (\"the source says 'police'; Hounslow is policed by the "
                         f"Metropolitan Police\")")
    return text


_BASIS_DESCRIPTION = (f"how it was inferred: {BASIS_WORDS} different words or more of two letters or more, no "
                      f"placeholder ({', '.join(_PLACEHOLDERS[:3])}, same as above, ...)")
Basis = Annotated[ShortText, AfterValidator(_says_how),
                  WithJsonSchema({"type": "string", "minLength": BASIS_WORDS * 3 - 1, "maxLength": 2000,
                                  "pattern": _basis_pattern(), "description": _BASIS_DESCRIPTION})]
"""How a fact was inferred: `_says_how` in the load, its minimum (`_basis_pattern`) in the JSON Schema."""
Quote = Annotated[str, StringConstraints(min_length=1, max_length=300, pattern=NOT_BLANK)]
"""A short evidential quote: a phrase, never the article's prose."""


class Sensitivity(str, Enum):
    """`restricted`: victims, minors, anything that could identify them."""

    public = "public"
    restricted = "restricted"


RESTRICTED_TEXT = {"x-casegraph-profile": "restricted"}
"""JSON Schema mark of a restricted field: research text that follows the restricted profile."""


def is_restricted_field(info: Any) -> bool:
    """True for a field declared restricted (its `json_schema_extra` is `RESTRICTED_TEXT`)."""
    extra = getattr(info, "json_schema_extra", None)
    return isinstance(extra, dict) and extra.get("x-casegraph-profile") == "restricted"


class Record(BaseModel):
    """Base of every record: unknown fields are errors, not silently dropped."""

    model_config = ConfigDict(extra="forbid", frozen=True, use_enum_values=True)


_EXCEPTION = ("safety_exception_by", "safety_exception_on", "safety_exception_reason", "safety_exception_rules",
              "safety_exception_fields")
"""An editorial exception's fields: all but the fields, or none (`loaders/exceptions.py`)."""
_INFERRED = ClaimStatus.inferred.value  # an enum member's `.value` is a slow property


class Fact(Record, FactAggregates):
    """A record that states something, and so carries its provenance: one or more citations.

    The one-citation form writes the citation on the record (`source`,
    `paragraphs` or `locator`, `quote`, `status`); `citations:` lists more (after
    it, when both are given). Once validated, `source`, `paragraphs`, `locator`
    and `quote` are the first citation's, `status` is the current status
    (`citations.current_status`), and the `citation_*` columns hold every citation;
    once loaded, the citations are in date order and `source`, `paragraphs`,
    `locator` and `quote` are those of the citation that gives the current status
    (`loaders.lineage.derive_citations`), so no output shows a status beside
    another source's words.
    """

    source: Slug | None = Field(default=None, description="id of the source document that reports it "
                                "(stored: the source of the citation that gives the current status)")
    paragraphs: list[Annotated[int, Field(ge=1)]] = Field(
        default_factory=list,
        description="paragraph numbers in the source (line N of the text is paragraph N)",
    )
    locator: ShortText | None = Field(
        default=None, description="where in a source without paragraphs (a dataset row, a page)"
    )
    quote: Quote | None = Field(default=None, description="a short evidential quote")
    status: ClaimStatus = Field(default=ClaimStatus.reported.value,
                                description="claim status (stored: the current status of all citations)")
    citations: list[Citation] = Field(
        default_factory=list, description="more citations (each: source, paragraphs or locator, quote, status, "
        "as_of, reliability, credibility, handling); not stored as such, see the `citation_*` columns",
    )
    sensitivity: Sensitivity = Field(default=Sensitivity.public.value)
    basis: Basis | None = Field(
        default=None, description=f"how casegraph inferred it, in {BASIS_WORDS} words or more of two letters or "
        "more (required when status is inferred)"
    )
    note: ShortText | None = Field(default=None, description="an editor's note on the record")
    restricted_detail: ShortText | None = Field(
        default=None, json_schema_extra=RESTRICTED_TEXT,
        description="RESTRICTED text: what research needs but could identify a victim (an individual "
        "child's age with place and year, a family link, a school, health details); kept out of "
        "every public output, while the record's public fields stay publishable",
    )
    safety_exception_by: ShortText | None = Field(
        default=None, json_schema_extra=RESTRICTED_TEXT,
        description="RESTRICTED: the editor who decided that this record's public text may keep what "
        "the publication-safety checks named in `safety_exception_rules` flag (with `safety_exception_on` "
        "and `_reason`); every other check still applies",
    )
    safety_exception_on: Annotated[str, StringConstraints(pattern=r"^\d{4}-\d{2}-\d{2}$")] | None = Field(
        default=None, json_schema_extra=RESTRICTED_TEXT,
        description="RESTRICTED: the date of that editorial decision (YYYY-MM-DD)",
    )
    safety_exception_reason: ShortText | None = Field(
        default=None, json_schema_extra=RESTRICTED_TEXT,
        description="RESTRICTED: why the flagged public text is safe to publish (e.g. already "
        "published under a conviction)",
    )
    safety_exception_rules: list[Slug] = Field(
        default_factory=list, json_schema_extra=RESTRICTED_TEXT,
        description="RESTRICTED: the checks the editorial exception covers, by name (required with it): a rule "
        "id of `schemas/publication-safety.yaml` (`individual-age`, `family-relation`, ...) or a check of people "
        "(`described-victim`, `pseudonym`, `child-in-case`); a hit of any other check is still an error, a "
        "named check that finds nothing is a warning (a stale exception)",
    )
    safety_exception_fields: list[Annotated[str, StringConstraints(pattern=r"^[a-z_]+$")]] = Field(
        default_factory=list, json_schema_extra=RESTRICTED_TEXT,
        description="RESTRICTED: the fields the editorial exception covers (`description`, `summary`, ...); "
        "none given: every field its checks read. A hit in another field is still an error",
    )
    status_as_of: str | None = Field(default=None, description="derived: the date of the current status")
    status_source: str | None = Field(default=None, description="derived: the source that gives the current status")
    citation_sources: list[str] = Field(default_factory=list, description="derived: each citation's source")
    citation_paragraphs: list[str] = Field(
        default_factory=list, description="derived: each citation's paragraphs, `25,26` (`` with a locator)")
    citation_locators: list[str] = Field(default_factory=list, description="derived: each citation's locator")
    citation_quotes: list[str] = Field(default_factory=list, description="derived: each citation's quote")
    citation_statuses: list[str] = Field(default_factory=list, description="derived: each citation's status")
    citation_as_of: list[str] = Field(
        default_factory=list, description="derived: each citation's date (its `as_of`, else its source's publication date)")
    citation_reliability: list[str] = Field(default_factory=list, description="derived: 3x5x2 source evaluation (1-3)")
    citation_credibility: list[str] = Field(default_factory=list, description="derived: 3x5x2 information assessment (A-E)")
    citation_handling: list[str] = Field(default_factory=list, description="derived: 3x5x2 handling code (P, C)")
    independent_sources: int = Field(
        default=1, description="derived: how many of its sources derive from no other of them (see `derived_from`)")
    contested_fields: list[str] = Field(
        default_factory=list, description="derived: fields whose sources disagree, one element per competing value")
    contested_values: list[str] = Field(default_factory=list, description="derived: each competing value (JSON)")
    contested_sources: list[str] = Field(
        default_factory=list, description="derived: the sources that give each competing value (`a;b`)")
    partial_fields: list[str] = Field(
        default_factory=list, description="derived: fields that only some of its sources state (a restatement "
        "leaves them out), one element per field")
    partial_sources: list[str] = Field(
        default_factory=list, description="derived: the sources that state each (`a;b`); every other field is "
        "stated by every source it cites")

    @model_validator(mode="before")
    @classmethod
    def _no_derived_input(cls, data: Any) -> Any:
        if isinstance(data, dict):
            for name in DERIVED_FIELDS:
                if name in data:
                    raise ValueError(f"`{name}` is derived from the citations: give `source` or `citations` instead")
        return data

    def _exception_is_complete(self) -> None:
        """Raise ValueError, naming the field, for an editorial exception without who, when, why or the checks
        it covers (`_EXCEPTION`), or naming a field the record does not have."""
        missing = [name for name in _EXCEPTION if not getattr(self, name) and name != "safety_exception_fields"]
        if missing:
            raise ValueError(f"`{missing[0]}` is missing: an editorial exception needs all of `safety_exception_by`, "
                             "`_on`, `_reason` and `_rules` (who, when, why, and the checks it covers)")
        fields = type(self).model_fields
        for name in self.safety_exception_fields:
            if name not in fields or name.startswith("safety_exception_"):
                close = get_close_matches(name, fields, n=1)
                raise ValueError(f"`safety_exception_fields` names {name!r}, not a field of this record: expected "
                                 "a field of its public text " +
                                 (f"(did you mean {close[0]!r}?)" if close else "(`description`, `summary`, ...)"))

    @model_validator(mode="after")
    def _provenance_is_complete(self) -> "Fact":
        if self.source is not None and not self.paragraphs and not self.locator:
            raise ValueError("a fact needs `paragraphs` (or a `locator`) in its source")
        if self.source is None:
            stray = [name for name in ("paragraphs", "locator", "quote", "status") if name in self.model_fields_set]
            if stray:
                raise ValueError(f"`{stray[0]}` belongs to a citation: give `source` too, or put it in `citations`")
            if not self.citations:
                raise ValueError(NO_PROVENANCE)
        if not self.basis and (self.status == _INFERRED or any(c.status == _INFERRED for c in self.citations)):
            raise ValueError("an inferred fact needs a `basis` saying how it was inferred")
        if (self.safety_exception_by or self.safety_exception_on or self.safety_exception_reason
                or self.safety_exception_rules or self.safety_exception_fields):  # few records: checked apart
            self._exception_is_complete()
        if self.source is not None:  # repeated by most records: one object each (a large load holds millions)
            self.__dict__.update(source=sys.intern(self.source), paragraphs=_shared_list(tuple(self.paragraphs)),
                                 quote=self.quote and sys.intern(self.quote))
        if not self.citations:  # the one-citation form: most records, so no Citation model is made
            self.__dict__.update(_one_citation(self.source, self.paragraphs, self.locator, self.quote, self.status))
            return self
        cites = list(self.citations)
        if self.source is not None:
            cites.insert(0, Citation(source=self.source, paragraphs=self.paragraphs, locator=self.locator,
                                     quote=self.quote, status=self.status))
        lists = {name: _shared_list(tuple(values)) for name, values in citation_lists(cites).items()}
        best = current_status(lists["citation_statuses"], lists["citation_as_of"])
        first = cites[0]
        self.__dict__.update(
            lists, citations=[], source=first.source, paragraphs=first.paragraphs, locator=first.locator,
            quote=first.quote, status=cites[best].status, status_as_of=_interned(cites[best].as_of),
            status_source=sys.intern(cites[best].source), independent_sources=len(set(lists["citation_sources"])),
            contested_fields=_EMPTY, contested_values=_EMPTY, contested_sources=_EMPTY,
            partial_fields=_EMPTY, partial_sources=_EMPTY,
        )
        return self


_EMPTY: list = []
"""Shared by every record: nobody changes a stored list in place (a merge makes new ones)."""

_SHARED: dict[str, list[str]] = {}
_SHARED_LISTS: dict[tuple[str, ...], list[str]] = {}


def _shared(value: str) -> list[str]:
    """`[value]`, one list object for every record with that value (a large load holds millions)."""
    found = _SHARED.get(value)
    if found is None:
        found = _SHARED[value] = [sys.intern(value)]
    return found


def _interned(value: str | None) -> str | None:
    return value and sys.intern(value)


def forget_shared_values() -> None:
    """Drop the shared values `_shared` and `_shared_list` hold, once a load has made its tables: kept,
    they would pin the memory of the records freed around them (BENCHMARKS.md, issue 12)."""
    _SHARED.clear()
    _SHARED_LISTS.clear()


def _shared_list(values: tuple) -> list:
    """One list object for every record with these values (sources, statuses, dates, grades, paragraphs
    and quotes repeat: a quote restated by every source that gives it)."""
    found = _SHARED_LISTS.get(values)
    if found is None:
        found = _SHARED_LISTS[values] = [sys.intern(v) if isinstance(v, str) else v for v in values]
    return found


def _one_citation(source, paragraphs, locator, quote, status) -> dict[str, Any]:
    """The derived columns of a record in the one-citation form (as `citation_lists` gives them)."""
    return {
        "citation_sources": _shared(source), "citation_paragraphs": _shared(",".join(map(str, paragraphs))),
        "citation_locators": _shared(locator or ""), "citation_quotes": _shared(quote or ""),
        "citation_statuses": _shared(status), "citation_as_of": _shared(""), "citation_reliability": _shared(""),
        "citation_credibility": _shared(""), "citation_handling": _shared(""), "status_as_of": None,
        "status_source": source, "independent_sources": 1,
        "contested_fields": _EMPTY, "contested_values": _EMPTY, "contested_sources": _EMPTY,
        "partial_fields": _EMPTY, "partial_sources": _EMPTY,
    }


NO_PROVENANCE = "a fact needs a `source` (or `citations`)"


def lacks_provenance(data: dict[str, Any]) -> bool:
    """True when raw record `data` gives neither `source` nor `citations` (see `Fact`).

    The loader asks this too when other fields fail, so that a missing source is
    reported with them, not only once they are fixed."""
    return data.get("source") is None and not data.get("citations")


DERIVED_FIELDS = ("status_as_of", "status_source", *CITATION_COLUMNS, "independent_sources", *CONTESTED_COLUMNS,
                  *PARTIAL_COLUMNS)
"""Fact fields the loader derives from citations: never given in data."""

INPUT_ONLY = ("citations",)
"""Fact fields read from data but not stored as such (their content is in the derived columns)."""

MINIMUM_OF = "minimum_of"
"""A boolean field's schema key naming the count it qualifies: `victims_at_least` says `victims_reported` is a
minimum. Such a flag is no fact of its own: outputs write the count as "at least 7", and nothing when the
count is unknown (`minimum_flags`)."""


@cache
def minimum_flags(model: type) -> dict[str, str]:
    """A record model's counts that may be minimums -> the boolean field saying so (`MINIMUM_OF`)."""
    return {extra[MINIMUM_OF]: name for name, info in model.model_fields.items()
            if isinstance(extra := info.json_schema_extra, dict) and MINIMUM_OF in extra}


def as_stated(attrs: Mapping[str, Any], model: type, field: str, text: str) -> str:
    """`text`, the value of count `field` of a record of `model` (its properties `attrs`), as every output
    writes it: `at least 7` when the record's flag says the count is a minimum (`minimum_flags`)."""
    flag = minimum_flags(model).get(field)
    return f"at least {text}" if flag and attrs.get(flag) else text


PERIOD_JSON_SCHEMA = {
    "anyOf": [
        {"type": "integer", "minimum": 1000, "maximum": 9999},
        {"type": "string", "pattern": r"^(\d{4}(\s*-\s*(\d{4})?)?|unknown)$"},
    ],
    "description": "a year, a span `YYYY-YYYY`, an ongoing `YYYY-`, or `unknown`",
}

_WHEN = re.compile(r"^(\d{4})(?:\s*(-)\s*(\d{4})?)?$")


def parse_period(value: Any) -> tuple[str, int | None, int | None]:
    """Parse `2012`, `"2000-2016"`, `"2019-"` (ongoing) or `unknown`.

    Returns the canonical text and the first and last year. Raises ValueError
    with what was expected; never guesses a year.
    """
    if isinstance(value, bool):
        raise ValueError("expected a year, a span `YYYY-YYYY`, `YYYY-` or `unknown`")
    if isinstance(value, int):
        return str(value), value, value
    text = str(value).strip()
    if text.lower() == "unknown":
        return "unknown", None, None
    match = _WHEN.match(text)
    if not match:
        raise ValueError(
            f"expected a year, a span `YYYY-YYYY`, `YYYY-` or `unknown`, got {text!r}"
        )
    start = int(match.group(1))
    if not match.group(2):
        return str(start), start, start
    end = int(match.group(3)) if match.group(3) else None
    if end is not None and end < start:
        raise ValueError(f"the span {text!r} ends before it starts")
    return (f"{start}-{end}" if end is not None else f"{start}-"), start, end


class Timed(Fact):
    """A fact that happened at a time: a year, a span, or explicitly unknown."""

    period: Annotated[str, WithJsonSchema(PERIOD_JSON_SCHEMA)] = Field(
        description="`YYYY`, `YYYY-YYYY`, `YYYY-` (ongoing) or `unknown`",
    )
    year_start: int | None = Field(default=None, description="first year, derived from `period`")
    year_end: int | None = Field(default=None, description="last year, derived from `period`")

    @model_validator(mode="before")
    @classmethod
    def _derive_years(cls, data: Any) -> Any:
        if not isinstance(data, dict) or "period" not in data:
            return data
        key = "period"
        try:
            text, start, end = parse_period(data[key])
        except ValueError:
            return data  # reported against the field by `_period_is_valid`
        derived = {"year_start": start, "year_end": end}
        for name, year in derived.items():
            if data.get(name) is not None and data[name] != year:
                raise ValueError(f"`{name}` {data[name]} contradicts `period` {text!r}")
        return {**data, key: text, **derived}

    @field_validator("period", mode="before")
    @classmethod
    def _period_is_valid(cls, value: Any) -> str:
        return parse_period(value)[0]
