"""Fields every fact shares: provenance, claim status, sensitivity, time.

The subject is the abuse of children, so these are not optional extras: every
fact says where it comes from (source + paragraph), how sure it is (an
allegation is never a conviction; an inference is marked as one), whether it
may be published, and when it happened, or that this is unknown.
"""

from __future__ import annotations

import re
from enum import Enum
from typing import Annotated, Any

from pydantic import BaseModel, WithJsonSchema, ConfigDict, Field, StringConstraints, field_validator, model_validator

__all__ = [
    "ClaimStatus",
    "Sensitivity",
    "Slug",
    "Record",
    "Fact",
    "Timed",
    "parse_period",
    "RESTRICTED_TEXT",
    "is_restricted_field",
]

Slug = Annotated[
    str,
    StringConstraints(pattern=r"^[a-z0-9][a-z0-9-]*$", max_length=120),
]
"""An id: lowercase letters, digits and hyphens, e.g. `haringey-child-o-2012`."""

ShortText = Annotated[str, StringConstraints(min_length=1, max_length=2000)]
Quote = Annotated[str, StringConstraints(min_length=1, max_length=300)]
"""A short evidential quote: a phrase, never the article's prose."""


class ClaimStatus(str, Enum):
    """How established a fact is. Never show `alleged` as `convicted`."""

    reported = "reported"
    alleged = "alleged"
    charged = "charged"
    convicted = "convicted"
    acquitted = "acquitted"
    inferred = "inferred"


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


_INFERRED = ClaimStatus.inferred.value  # an enum member's `.value` is a slow property


class Fact(Record):
    """A record that states something, and so carries its provenance."""

    source: Slug = Field(description="id of the source document that reports it")
    paragraphs: list[Annotated[int, Field(ge=1)]] = Field(
        default_factory=list,
        description="paragraph numbers in the source (line N of the text is paragraph N)",
    )
    locator: ShortText | None = Field(
        default=None, description="where in a source without paragraphs (a dataset row, a page)"
    )
    quote: Quote | None = Field(default=None, description="a short evidential quote")
    status: ClaimStatus = Field(default=ClaimStatus.reported.value, description="claim status")
    sensitivity: Sensitivity = Field(default=Sensitivity.public.value)
    basis: ShortText | None = Field(
        default=None, description="how casegraph inferred it (required when status is inferred)"
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
        "the publication-safety check flags (with `safety_exception_on` and `_reason`)",
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

    @model_validator(mode="after")
    def _provenance_is_complete(self) -> "Fact":
        if not self.paragraphs and not self.locator:
            raise ValueError("a fact needs `paragraphs` (or a `locator`) in its source")
        if self.status == _INFERRED and not self.basis:
            raise ValueError("an inferred fact needs a `basis` saying how it was inferred")
        exception = (self.safety_exception_by, self.safety_exception_on, self.safety_exception_reason)
        if any(exception) and not all(exception):
            raise ValueError("an editorial exception needs all of `safety_exception_by`, "
                             "`safety_exception_on` and `safety_exception_reason` (who, when, why)")
        return self


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
