"""Node types: one model per kind of thing in the graph.

`kind` is the name data authors write; `label` is the store label. Labels are
chosen so both engines accept them unquoted (`Case` is reserved in LadybugDB,
hence `CaseFile`).
"""

from __future__ import annotations

from typing import Annotated, ClassVar, Literal

from pydantic import Field, model_validator

from casegraph.schemas.aggregates import (
    BoroughAggregates, CaseAggregates, CaseLinks, ExaminedCases, FollowUpOrder, IndicatorAggregates, LinkedBoroughs, Responder)
from casegraph.schemas.common import MINIMUM_OF, Fact, Record, ShortText, Slug, Timed
from casegraph.schemas.text import NOT_BLANK, CalendarDate, WebUrl

__all__ = [
    "Node",
    "SourceDocument",
    "Borough",
    "Place",
    "Institution",
    "Person",
    "CaseFile",
    "Investigation",
    "Review",
    "Recommendation",
    "Statement",
    "Indicator",
    "NODE_MODELS",
]

Name = Annotated[str, Field(min_length=1, max_length=300, pattern=NOT_BLANK)]
Aliases = Annotated[list[Annotated[str, Field(min_length=1, max_length=300, pattern=NOT_BLANK)]], Field(default_factory=list)]


class Node(Record):
    """A node: an id unique across the whole dataset, whatever its kind."""

    kind: ClassVar[str]
    label: ClassVar[str]
    name_field: ClassVar[str] = "name"
    id: Slug


class SourceDocument(Node):
    """A document that facts come from: an article, a report, a dataset."""

    kind = "source"
    label = "Source"
    name_field = "title"
    title: Name
    publisher: Name
    published: CalendarDate | None = Field(
        default=None, description="publication date: YYYY, YYYY-MM or YYYY-MM-DD (a day of the calendar); "
        "left out when unknown (a source known only through another that does not date it)"
    )
    doc_type: Literal["article", "report", "dataset", "taxonomy", "foi-response"]
    url: WebUrl | None = Field(default=None, description="web address: http:// or https:// only")
    description: ShortText | None = None
    sensitivity: Literal["public", "restricted"] = "public"
    derived_from: list[Slug] = Field(
        default_factory=list, description="ids of the sources this one got its facts from (its lineage; no cycles)")
    text_file: Annotated[str, Field(min_length=1, max_length=300, pattern=NOT_BLANK)] | None = Field(
        default=None, description="the file name of its text, for `casegraph verify --texts DIR`")
    sha256: Annotated[str, Field(pattern=r"^[0-9a-f]{64}$")] | None = Field(
        default=None, description="sha256 of that text (lowercase hex)")

    @property
    def year(self) -> int | None:
        return int(self.published[:4]) if self.published else None


class Borough(Node, Fact, BoroughAggregates):
    """A local authority area: a London borough, the City, or any UK authority."""

    kind = "borough"
    label = "Borough"
    name: Name
    aliases: Aliases
    gss_code: Annotated[str, Field(pattern=r"^[EWSN]\d{8}$")]
    region: Name
    inner_outer: Literal["inner", "outer"] | None = None
    sub_region: str | None = None
    lat: Annotated[float, Field(ge=-90, le=90)] | None = None
    lon: Annotated[float, Field(ge=-180, le=180)] | None = None


class Place(Node, Fact, LinkedBoroughs):
    """A named place inside an authority: a park, a school, a town centre, a flat."""

    kind = "place"
    label = "Place"
    name: Name
    aliases: Aliases
    place_type: Literal[
        "park", "restaurant", "school", "town-centre", "district", "home",
        "hotel", "transport", "care-home", "area", "other",
    ]


class Institution(Node, Fact, CaseLinks, Responder):
    """A police force, council, partnership, charity, inquiry, inspectorate, outlet."""

    kind = "institution"
    label = "Institution"
    name: Name
    aliases: Aliases
    institution_type: Literal[
        "police", "council", "safeguarding-partnership", "charity", "inquiry",
        "inspectorate", "university", "school", "media", "mayoralty",
        "government", "court", "other",
    ]


class Person(Node, Fact, LinkedBoroughs, Responder):
    """A person, or a group of people the source describes together.

    Victims appear only under pseudonyms and are restricted (the loader
    refuses a victim who is not, and a public individual named by a
    pseudonym, unless an editorial exception says why).
    """

    kind = "person"
    label = "Person"
    name: Name
    aliases: Aliases
    person_type: Literal["individual", "group"] = "individual"
    group_size: Annotated[int, Field(ge=1)] | None = Field(
        default=None, description="how many people a group stands for, if reported"
    )
    group_size_at_least: bool = Field(
        default=False, description="`group_size` is a minimum (the source says 'at least')",
        json_schema_extra={MINIMUM_OF: "group_size"},
    )
    pseudonym: bool = Field(default=False, description="the name is a pseudonym (as a victim's is: restricted)")
    description: ShortText | None = None

    @model_validator(mode="after")
    def _group_size_for_groups(self) -> "Person":
        if self.group_size is not None and self.person_type != "group":
            raise ValueError("`group_size` is only for a `person_type: group`")
        return self


Outcome = Literal[
    "convicted", "charged", "cleared", "no-action", "not-prosecuted",
    "under-investigation", "died", "unknown", "not-applicable",
]


class CaseFile(Node, Timed, CaseAggregates):
    """A case as the source describes it. One entry may stand for several cases."""

    kind = "case"
    label = "CaseFile"
    name_field = "title"
    title: Name = Field(description="a public title: never a victim's name or pseudonym")
    summary: ShortText
    cases_represented: Annotated[int, Field(ge=1)] = Field(
        default=1, description="how many of the source's cases this entry stands for"
    )
    described_individually: bool = Field(
        default=True, description="false when the source gives no individual detail"
    )
    child_case: bool = Field(default=True, description="the victims were children")
    entry_type: Literal["case", "case-study", "campaign", "aggregate"] = Field(
        default="case",
        description="a case; a published case study (e.g. a council magazine story); an awareness "
        "campaign; or an aggregate entry standing for several cases",
    )
    victims_reported: Annotated[int, Field(ge=0)] | None = Field(
        default=None, description="number of victims the source reports, if it does"
    )
    victims_at_least: bool = Field(
        default=False, description="`victims_reported` is a minimum (the source says 'at least')",
        json_schema_extra={MINIMUM_OF: "victims_reported"},
    )
    outcomes: list[Outcome] = Field(default_factory=list)


class Investigation(Node, Timed, ExaminedCases):
    """A police, journalistic or research investigation."""

    kind = "investigation"
    label = "Investigation"
    name: Name
    aliases: Aliases
    investigation_type: Literal["police", "journalistic", "research", "case-review", "other"]
    summary: ShortText | None = None
    cases_claimed: Annotated[int, Field(ge=0)] | None = Field(
        default=None, description="how many cases the investigation says it identified"
    )
    figures: list[ShortText] = Field(default_factory=list)


class Review(Node, Timed, FollowUpOrder, ExaminedCases):
    """A review, inquiry, inspection or report that examined cases."""

    kind = "review"
    label = "Review"
    name: Name
    aliases: Aliases
    review_type: Literal[
        "safeguarding-practice-review", "safeguarding-adult-review", "inquiry",
        "inspection", "council-report", "research", "other",
    ]
    summary: ShortText | None = None
    findings: list[ShortText] = Field(default_factory=list)


class Recommendation(Node, Fact):
    """What a review recommended, so its follow-up can be traced."""

    kind = "recommendation"
    label = "Recommendation"
    name_field = "summary"
    summary: ShortText


class Statement(Node, Timed, ExaminedCases):
    """A public statement, claim or criticism, or a refusal to comment."""

    kind = "statement"
    label = "Statement"
    name_field = "summary"
    statement_type: Literal[
        "statement", "declined-to-comment", "claim", "criticism", "testimony", "publication",
    ]
    summary: ShortText
    figures: list[ShortText] = Field(default_factory=list)


class Indicator(Node, Fact, IndicatorAggregates):
    """A pattern seen in cases (missing episodes, child in care, ...)."""

    kind = "indicator"
    label = "Indicator"
    name: Name
    description: ShortText


NODE_MODELS: tuple[type[Node], ...] = (
    SourceDocument, Borough, Place, Institution, Person, CaseFile,
    Investigation, Review, Recommendation, Statement, Indicator,
)
