"""Citations: where a fact comes from, what status its source gives it, as of when, how graded.

A fact holds one or more citations. Stores keep them as parallel lists, one
element per citation, in columns named `citation_*` (`CITATION_COLUMNS`):
Neo4j properties cannot hold maps or lists of lists, and LadybugDB and Neo4j
both index and filter lists of strings the same way (`'1' IN
r.citation_reliability`, `size(...)`), so one encoding answers the same on
both engines. A missing element is stored `""` (`STORED_UNKNOWN`: Neo4j
lists cannot hold nulls), which is no value: every output but the Cypher
script (which recreates the stores) gives it as unknown, by `unknown_as_null`
(a record's properties) and `unknown_in_answer` (a query's answer) on the way
out, never as a blank grade. Paragraphs are written `"25,26"`.

Grades follow the UK 3x5x2 intelligence evaluation (College of Policing,
Authorised Professional Practice, "Intelligence management"): the source
evaluation 1 reliable, 2 untested, 3 not reliable; the information assessment
A known directly, B known indirectly but corroborated, C known indirectly,
D not known, E suspected to be false; the handling code P (lawful sharing
permitted) or C (lawful sharing permitted with conditions).
"""

from __future__ import annotations

import json
import re
import unicodedata
from datetime import date
from enum import Enum
from typing import Annotated, Any, Iterable, Literal, Mapping

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, StringConstraints, WithJsonSchema, field_validator, model_validator

from casegraph.schemas.text import NOT_BLANK, UNSAFE_CHARACTERS, describe_character, refuse_future
from casegraph.schemas.words import plural

__all__ = [
    "Slug",
    "id_problem",
    "ID_PATTERN",
    "ID_MAX",
    "Citation",
    "citation_count",
    "ClaimStatus",
    "AS_OF_PATTERN",
    "CITATION_COLUMNS",
    "CONTESTED_COLUMNS",
    "PARTIAL_COLUMNS",
    "citation_lists",
    "STORED_UNKNOWN",
    "UNKNOWN_TEXT",
    "UNKNOWN_COLUMNS",
    "unknown_as_null",
    "unknown_in_answer",
    "cited_sources",
    "citation_text",
    "grade_text",
    "parse_grade",
    "meets_grade",
    "citations_of",
    "paragraph_numbers",
    "contested_of",
    "contested_text",
    "stating_sources",
    "partial_of",
    "without_fields",
    "current_status",
    "parse_as_of",
    "FINALITY",
]

AS_OF_PATTERN = r"^\d{4}(-\d{2}(-\d{2})?)?$"
"""`as_of`: a year, a year-month or a full date (`2017`, `2017-05`, `2017-05-09`)."""

CITATION_COLUMNS = (
    "citation_sources", "citation_paragraphs", "citation_locators", "citation_quotes",
    "citation_statuses", "citation_as_of", "citation_reliability", "citation_credibility",
    "citation_handling",
)
"""The stored citation columns, one element per citation, in citation order."""

STORED_UNKNOWN = ""
"""How the stores write an unknown element of a list (an ungraded citation's grade, a missing
locator or quote): Neo4j lists cannot hold null. Never shown as such (`unknown_as_null`)."""

UNKNOWN_TEXT = "unknown"
"""How the text outputs (a query answer's table and CSV cells, `graph.values.text_of`; the explorer's answer
tables, `explorer.forms.cell`) write an unknown element of a list or an unknown value in a map: `C; unknown; P`,
never a blank between separators, so `[None]` reads apart from `[]` (an empty cell). One word for every such
element (a grade, a locator, a date): the element's meaning is the column's."""

UNKNOWN_COLUMNS = frozenset((*CITATION_COLUMNS, "inferred_link_handling"))
"""The list columns whose elements may be `STORED_UNKNOWN`: the citation columns, and a case's
`inferred_link_handling` (its inferred links' citations' handling codes)."""

_UNKNOWN_ORDER = tuple(sorted(UNKNOWN_COLUMNS))

CONTESTED_COLUMNS = ("contested_fields", "contested_values", "contested_sources")
"""One element per competing value: the field, the value (JSON) and the sources that give it (`a;b`)."""

PARTIAL_COLUMNS = ("partial_fields", "partial_sources")
"""One element per field that only some of a fact's sources state (a restatement gives only what its
source states): the field and the sources that state it (`a;b`). Read by `stating_sources`."""

_CITATION_FIELDS = ("source", "paragraphs", "locator", "quote", "status", "as_of",
                    "reliability", "credibility", "handling")

FINALITY = {"inferred": 0, "reported": 1, "alleged": 2, "charged": 3, "convicted": 4, "acquitted": 4}
"""How far along the legal process a status is: breaks a tie between citations of one date."""



class ClaimStatus(str, Enum):
    """How established a fact is. Never show `alleged` as `convicted`."""

    reported = "reported"
    alleged = "alleged"
    charged = "charged"
    convicted = "convicted"
    acquitted = "acquitted"
    inferred = "inferred"


ID_PATTERN = r"^[a-z0-9][a-z0-9-]*$"
ID_MAX = 120


def id_problem(value: str) -> str | None:
    """What makes `value` no id (`ID_PATTERN`, at most `ID_MAX` characters), naming the first character at
    fault and its position (1 = the first): a Cyrillic "е" looks like "e" in a message, U+0435 does not.
    None for an id."""
    if not value:
        return "an id is empty: ids use a-z, 0-9 and '-'"
    for position, char in enumerate(value, start=1):
        if "a" <= char <= "z" or "0" <= char <= "9" or (char == "-" and position > 1):
            continue
        if char == "-":
            return "an id starts with a letter or digit, not '-'"
        if "A" <= char <= "Z":
            what = f"capital letter {char!r}"
        elif char.isascii():
            what = f"character {char!r}" if char.isprintable() else f"character {describe_character(char)}"
        else:
            name = unicodedata.name(char, "unnamed")
            shown = f"{char!r} " if char.isprintable() and not UNSAFE_CHARACTERS.match(char) else ""
            what = f"non-ASCII character {shown}({describe_character(char)} {name})"
        return f"{what} at position {position}: ids use a-z, 0-9 and '-'"
    if len(value) > ID_MAX:
        return f"an id has at most {ID_MAX} characters, this one {len(value)}"
    return None


def _check_id(value: Any) -> Any:
    """A text that is no id -> ValueError saying why (`id_problem`); anything else is left to the type check."""
    problem = id_problem(value) if isinstance(value, str) else None
    if problem:
        raise ValueError(problem)
    return value


Slug = Annotated[str, StringConstraints(pattern=ID_PATTERN, max_length=ID_MAX), BeforeValidator(_check_id)]
"""An id: lowercase letters, digits and hyphens, e.g. `haringey-child-o-2012`; every field holding an id is one,
and a value that is none is refused naming the character at fault (`id_problem`)."""


def parse_as_of(value: Any) -> str:
    """`2017`, `"2017-05"`, `"2017-05-09"` (or a YAML date) -> its text; ValueError if it is no real date."""
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, int) and not isinstance(value, bool):
        value = str(value)
    if not isinstance(value, str) or not re.match(AS_OF_PATTERN, value):
        raise ValueError(f"expected a year, a year-month or a date (YYYY, YYYY-MM, YYYY-MM-DD), got {value!r}")
    parts = [int(p) for p in value.split("-")] + [1, 1]
    try:
        first = date(*parts[:3])
    except ValueError:
        raise ValueError(f"{value!r} is not a real date") from None
    refuse_future(value, first)
    return value


class Citation(BaseModel):
    """One source's word on a fact: where it says it, what status it gives, as of when, how graded."""

    model_config = ConfigDict(extra="forbid", frozen=True, use_enum_values=True)

    source: Slug = Field(description="id of the source document")
    paragraphs: list[Annotated[int, Field(ge=1)]] = Field(
        default_factory=list, description="paragraph numbers in the source (line N of the text is paragraph N)")
    locator: Annotated[str, StringConstraints(min_length=1, max_length=2000, pattern=NOT_BLANK)] | None = Field(
        default=None, description="where in a source without paragraphs (a dataset row, a page)")
    quote: Annotated[str, StringConstraints(min_length=1, max_length=300, pattern=NOT_BLANK)] | None = Field(
        default=None, description="a short evidential quote (`...` marks an elision)")
    status: ClaimStatus = Field(
        default=ClaimStatus.reported.value, description="the claim status this source gives")
    as_of: Annotated[str, WithJsonSchema({"anyOf": [{"type": "integer", "minimum": 1000, "maximum": 9999},
                                                   {"type": "string", "pattern": AS_OF_PATTERN}]})] | None = Field(
        default=None, description="the date of that status (YYYY, YYYY-MM or YYYY-MM-DD); "
        "default: the source's publication date")
    reliability: Annotated[Literal["1", "2", "3"], WithJsonSchema({"enum": [1, 2, 3, "1", "2", "3"]})] | None = Field(
        default=None, description="3x5x2 source evaluation: 1 reliable, 2 untested, 3 not reliable")
    credibility: Literal["A", "B", "C", "D", "E"] | None = Field(
        default=None, description="3x5x2 information assessment: A known directly ... E suspected false")
    handling: Literal["P", "C"] | None = Field(
        default=None, description="3x5x2 handling code: P sharing permitted, C permitted with conditions")

    @field_validator("as_of", mode="before")
    @classmethod
    def _as_of_is_a_date(cls, value: Any) -> Any:
        return None if value is None else parse_as_of(value)

    @field_validator("reliability", mode="before")
    @classmethod
    def _grade_as_text(cls, value: Any) -> Any:
        return str(value) if isinstance(value, int) and not isinstance(value, bool) else value

    @model_validator(mode="after")
    def _located(self) -> "Citation":
        if not self.paragraphs and not self.locator:
            raise ValueError("a citation needs `paragraphs` (or a `locator`) in its source")
        return self


def citation_lists(citations: Iterable[Citation]) -> dict[str, list[str]]:
    """Citations -> the stored parallel lists (`CITATION_COLUMNS`), `""` where a value is missing."""
    lists: dict[str, list[str]] = {name: [] for name in CITATION_COLUMNS}
    for c in citations:
        values = (c.source, ",".join(map(str, c.paragraphs)), c.locator, c.quote, c.status, c.as_of,
                  c.reliability, c.credibility, c.handling)
        for name, value in zip(CITATION_COLUMNS, values):
            lists[name].append(value or STORED_UNKNOWN)
    return lists


def unknown_as_null(properties: Mapping[str, Any]) -> Mapping[str, Any]:
    """A record's properties (name -> value) as outputs give them: each `STORED_UNKNOWN` element of
    an `UNKNOWN_COLUMNS` list as None (JSON null; each format's own "no value"), so an unknown grade,
    locator or quote reads as unknown, not as a blank one. The one rule, on the way out of the stores
    (every export format but the Cypher script, `exports.base.Exporter`). Returns `properties`
    itself when no list holds one (most records: no copy); never changes it."""
    changed = None
    for name in _UNKNOWN_ORDER:  # asked of every exported record: no set made per record
        values = properties.get(name)
        if values and isinstance(values, (list, tuple)) and STORED_UNKNOWN in values:
            if changed is None:
                changed = dict(properties)
            changed[name] = [None if v == STORED_UNKNOWN else v for v in values]
    return properties if changed is None else changed


def unknown_in_answer(value: Any) -> Any:
    """A query answer's value (a row's cell: a list, a map, a node's or a path's value, a scalar) as
    outputs give it: each `STORED_UNKNOWN` element of a list, at any depth, as None. The rule of
    `unknown_as_null` for answers, whose columns a query names as it likes (`handling`,
    `reliability`): the stores write `""` in a list only for an unknown element (the text fields
    a list may hold are never blank, `schemas.text.NOT_BLANK`). Returns `value` itself when nothing
    in it changes."""
    if isinstance(value, list):
        shown = [None if item == STORED_UNKNOWN else unknown_in_answer(item) for item in value]
        return value if all(a is b for a, b in zip(shown, value)) else shown
    if isinstance(value, dict):
        shown = {key: unknown_in_answer(item) for key, item in value.items()}
        return value if all(shown[key] is value[key] for key in value) else shown
    return value


def paragraph_numbers(stored: str | None) -> list[int] | None:
    """A citation's stored paragraphs (`"25,26"`) -> `[25, 26]`; None when it gives none (`STORED_UNKNOWN`: a
    citation located only by its `locator`), as a missing locator or quote reads: JSON null, an empty cell,
    never `[]`. The one decoder (`citations_of`, the `competing_values` answers)."""
    return [int(p) for p in (stored or "").split(",") if p] or None


def citations_of(row: Mapping[str, Any]) -> list[dict[str, Any]]:
    """A stored row's citations as dicts (the `Citation` fields; missing values None, paragraphs ints or
    None when the citation gives none: `paragraph_numbers`).

    For exports, pictures and dossiers: the one place that decodes the parallel lists (each tooltip
    and exported record: one comprehension per citation, no call per value)."""
    found = []
    for values in zip(*[row.get(name) or [] for name in CITATION_COLUMNS]):
        item = {name: value or None for name, value in zip(_CITATION_FIELDS, values)}
        item["paragraphs"] = paragraph_numbers(values[1])
        found.append(item)
    return found


def citation_count(row: Mapping[str, Any]) -> int:
    """How many citations `citations_of(row)` gives, without decoding them (a tooltip's claim
    status asks it of every mark and link): its parallel lists' shortest length."""
    return min(len(row.get(name) or ()) for name in CITATION_COLUMNS)


def contested_of(row: Mapping[str, Any]) -> list[dict[str, Any]]:
    """A stored row's competing values: `{field, value (JSON text), sources}` per value."""
    columns = [row.get(name) or [] for name in CONTESTED_COLUMNS]
    return [{"field": f, "value": v, "sources": s.split(";")} for f, v, s in zip(*columns)]


def contested_text(row: Mapping[str, Any], field: str, shown: str) -> str:
    """`shown` (how an output words the value `field` of a stored row shows), and where the row's sources
    disagree on the field, which source gives which value: `2020 per a, b; contested: also 2019 per c`.
    The one wording of a contested value shown in a line of text (dossiers, search results, pictures):
    a value never sits beside a source that gave another one without saying so."""
    competing = [(json.loads(c["value"]), c["sources"]) for c in contested_of(row) if c["field"] == field]
    if not competing:
        return shown
    value = row.get(field)
    own = next((sources for given, sources in competing if given == value), [])
    others = "; ".join(f"{_words(given)} per {', '.join(sources)}" for given, sources in competing if given != value)
    return shown + (f" per {', '.join(own)}" if own else "") + f"; contested: also {others}"


def _words(value: Any) -> str:
    return ", ".join(map(str, value)) if isinstance(value, list) else str(value)


def stating_sources(row: Mapping[str, Any], field: str) -> list[str]:
    """The sources that state `field` of a stored row, in citation order: those its `partial_*`
    columns name for the field (a restatement's source states only the fields it gives: the rest are
    credited to no source of it, `loaders.merge`), else every source it cites (`cited_sources`).
    The one rule for crediting a field shown with its citations (dossiers, tooltips, the explorer);
    a contested field's values are each credited to their own sources (`contested_of`)."""
    cited = cited_sources(row)
    for name, named in zip(*(row.get(column) or [] for column in PARTIAL_COLUMNS)):
        if name == field:
            stating = set(named.split(";"))
            return [source for source in dict.fromkeys(cited) if source in stating]
    return list(dict.fromkeys(cited))


def partial_of(row: Mapping[str, Any]) -> list[tuple[list[str], list[str]]]:
    """A stored row's fields that only some of its sources state, grouped by the sources stating them:
    `(sources, fields)` per group, in field order ([] when every source states every field). How every
    output that lists a record's fields beside all its citations says which fields a source did not give
    (tooltips, the explorer, FtM): `summary, outcomes: stated only by a, b`."""
    groups: dict[str, list[str]] = {}
    for name, named in zip(*(row.get(column) or [] for column in PARTIAL_COLUMNS)):
        groups.setdefault(named, []).append(name)
    return [(named.split(";"), names) for named, names in groups.items()]


def without_fields(row: Mapping[str, Any], hidden: frozenset[str]) -> Mapping[str, Any]:
    """A stored row's properties without the competing values (`CONTESTED_COLUMNS`) and the credits
    (`PARTIAL_COLUMNS`) of the `hidden` fields: what the public profile keeps of a record whose
    restricted text it empties (a contested restricted value, even the name of a restricted field,
    is restricted too). Returns `row` itself when none is named (most records: no copy)."""
    changed = None
    for columns in (CONTESTED_COLUMNS, PARTIAL_COLUMNS):
        fields = row.get(columns[0]) or ()
        if hidden.isdisjoint(fields):
            continue
        if changed is None:
            changed = dict(row)
        kept = [i for i, name in enumerate(fields) if name not in hidden]
        for column in columns:
            changed[column] = [row[column][i] for i in kept]
    return row if changed is None else changed


def cited_sources(attrs: dict[str, Any]) -> list[str]:
    """Every source a stored record cites, in citation order (its one `source` for a record made
    before citations, e.g. a view's own marker)."""
    return list(attrs.get("citation_sources") or ([attrs["source"]] if attrs.get("source") else []))


def grade_text(citation: dict[str, Any]) -> str:
    """A citation's 3x5x2 grade as written in intelligence logs (`2B P`), or "" when ungraded. A scale the
    grade leaves out is written `?` (`?C C`, `2B ?`): an unknown stays unknown, and `C` alone could be either
    an information assessment or a handling code."""
    parts = (citation.get("reliability"), citation.get("credibility"), citation.get("handling"))
    if not any(parts):
        return ""
    reliability, credibility, handling = (part or "?" for part in parts)
    return f"{reliability}{credibility} {handling}"


def parse_grade(value: Any) -> str:
    """A lowest acceptable 3x5x2 grade as a user writes it: `2B`, `2` or `B`, any case -> `2B`, `2`, `B`.

    The digit is the source evaluation (1 best, 3 worst), the letter the
    information assessment (A best, E worst); either may be left out. Raises
    ValueError saying how to write one."""
    text = str(value).strip().upper()
    match = re.fullmatch(r"([123])?([A-E])?", text)
    if not text or not match:
        raise ValueError(f"a grade is a source evaluation 1-3 and/or an information assessment A-E, "
                         f"e.g. 2B, 2 or B; got {value!r}")
    return text


def meets_grade(row: dict[str, Any], grade: str) -> bool:
    """Whether a stored fact has a citation graded at least `grade` (`parse_grade`'s form) on every scale
    `grade` names: `2B` takes a citation graded 1A, 1B, 2A or 2B. An ungraded citation meets no grade
    (an unknown grade stays unknown); the one rule for every grade filter (selections, views, exports)."""
    reliability = next((c for c in grade if c.isdigit()), None)
    credibility = next((c for c in grade if c.isalpha()), None)
    for given_r, given_c in zip(row.get("citation_reliability") or [], row.get("citation_credibility") or []):
        if reliability and not (given_r and given_r <= reliability):
            continue
        if credibility and not (given_c and given_c <= credibility):
            continue
        return True
    return False


def citation_text(citation: dict[str, Any], title: str | None = None) -> str:
    """How every output writes one citation: `Title, paragraphs 3, 4: alleged (2017), graded 2B P: “quote”`.

    `title` is the source's title (its id when not given). The one wording for
    exports, pictures and dossiers."""
    paragraphs = citation.get("paragraphs") or []
    where = ""
    if paragraphs:
        where = ", " + plural(len(paragraphs), "paragraph") + " " + ", ".join(map(str, paragraphs))
    if citation.get("locator"):
        where += f", {citation['locator']}"
    text = f"{title or citation['source']}{where}: {citation.get('status') or 'reported'}"
    text += f" ({citation['as_of']})" if citation.get("as_of") else " (undated)"
    grade = grade_text(citation)
    text += f", graded {grade}" if grade else ", not graded"
    if citation.get("quote"):
        text += f": \u201c{citation['quote']}\u201d"
    return text


def current_status(statuses: list[str], dates: list[str]) -> int:
    """The index of the citation that gives the current status: the latest established one.

    Established means a legal status (alleged, charged, convicted, acquitted): the
    latest of those by `as_of` (a year sorts before its months; an undated citation
    before every dated one) is current, and a later `reported` never overrides it;
    without one, the latest `reported`; `inferred` only when nothing else is cited.
    At one date the status furthest along the legal process (`FINALITY`) wins, then
    the first cited."""
    best = 0
    for i in range(1, len(statuses)):
        if _rank(statuses[i], dates[i]) > _rank(statuses[best], dates[best]):
            best = i
    return best


def _rank(status: str, as_of: str) -> tuple:
    return (min(FINALITY.get(status, 0), 2), as_of or "", FINALITY.get(status, 0))
