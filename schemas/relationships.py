"""Relationship types, each declaring its endpoints as data.

`endpoints` lists the (source kind, target kind) pairs a relationship may
join; the loader checks every record against it and the store DDL is
generated from it. `qualifiers` name the fields that tell two relationships
of one type between the same nodes apart (e.g. two roles in one case).
"""

from __future__ import annotations

import hashlib
from typing import Annotated, ClassVar, Literal

from pydantic import ConfigDict, Field, model_validator

from casegraph.schemas.aggregates import FollowUpOrder
from casegraph.schemas.common import RESTRICTED_TEXT, Fact, ShortText, Slug

__all__ = ["Relationship", "REL_MODELS", "relationship_id"]

Ref = Annotated[str, Field(min_length=1, max_length=300)]
"""A reference to a node: its id, or one of its names or aliases."""


class Relationship(Fact):
    """A relationship between two nodes, carrying provenance like any fact."""

    type: ClassVar[str]
    endpoints: ClassVar[tuple[tuple[str, str], ...]]
    qualifiers: ClassVar[tuple[str, ...]] = ()
    undirected: ClassVar[bool] = False

    from_: Ref = Field(alias="from")
    to: Ref
    id: Slug | None = Field(
        default=None, description="stable id of the relationship: derived from type, endpoints and qualifiers "
        "unless given; records with one id (or one derived id) state one relationship")

    model_config = ConfigDict(**Fact.model_config, validate_by_name=True, validate_by_alias=True)

    def key(self) -> tuple:
        """What makes this relationship one fact: type, endpoints and qualifiers (never its source:
        two sources stating one relationship state one fact, with two citations)."""
        quals = tuple(getattr(self, name) for name in self.qualifiers)
        return (self.type, self.from_, self.to, quals)

    def stable_id(self, from_id: str, to_id: str) -> str:
        """The id of this relationship once its ends resolve to these node ids: the explicit `id`
        if the data gives one, else a digest of its key."""
        if self.id is not None:
            return self.id
        quals = tuple(getattr(self, name) for name in self.qualifiers)
        return relationship_id(self.type, from_id, to_id, quals)

    def resolve_ids(self, from_id: str, to_id: str, rel_id: str | None = None) -> None:
        """Set the resolved endpoint ids and the stable id, in place.

        Only for the loader, on the record it has just validated and nothing else
        holds yet: it saves a copy of every relationship. Frozen otherwise."""
        self.__dict__.update(from_=from_id, to=to_id, id=rel_id or self.stable_id(from_id, to_id))

    def with_ids(self, from_id: str, to_id: str) -> "Relationship":
        """A copy with resolved endpoint ids and its stable id."""
        return self.model_copy(update={"from_": from_id, "to": to_id, "id": self.stable_id(from_id, to_id)})


def relationship_id(rel_type: str, from_id: str, to_id: str, qualifiers: tuple) -> str:
    """A relationship's stable id: a digest of what makes it one fact (see `Relationship.key`).

    The loader calls this on columns, without a model; the same key always gives the same id."""
    key = (rel_type, from_id, to_id, qualifiers)
    digest = hashlib.blake2b(repr(key).encode(), digest_size=8).hexdigest()
    return f"{rel_type.lower().replace('_', '-')}-{digest}"


Role = Literal[
    "victim", "perpetrator", "suspect", "accused", "associate", "reporter",
    "police", "care-provider", "school", "council", "charity", "court", "other",
]


class InBorough(Relationship):
    """A case happened in (or is attributed to) an authority."""

    type = "IN_BOROUGH"
    endpoints = (("case", "borough"),)


class AtPlace(Relationship):
    """A case is tied to a place."""

    type = "AT_PLACE"
    endpoints = (("case", "place"),)
    qualifiers = ("role",)
    role: ShortText | None = Field(default=None, description="what happened there")


class PlaceIn(Relationship):
    """A place lies in an authority."""

    type = "PLACE_IN"
    endpoints = (("place", "borough"),)


class Neighbours(Relationship):
    """Two authorities share a boundary (stored once per pair, read undirected)."""

    type = "NEIGHBOURS"
    endpoints = (("borough", "borough"),)
    undirected = True


class Shows(Relationship):
    """A case shows an indicator (a recurring pattern)."""

    type = "SHOWS"
    endpoints = (("case", "indicator"),)


class Involves(Relationship):
    """A person, group or institution involved in a case, in a role.

    The claim status is the legal status: an `alleged` perpetrator is never
    shown as `convicted`.
    """

    type = "INVOLVES"
    endpoints = (("case", "person"), ("case", "institution"))
    qualifiers = ("role",)
    role: Role
    age_from: Annotated[int, Field(ge=0, le=120)] | None = Field(
        default=None, json_schema_extra=RESTRICTED_TEXT,
        description="RESTRICTED: age at the time (youngest reported); left out of the public profile",
    )
    age_to: Annotated[int, Field(ge=0, le=120)] | None = Field(
        default=None, json_schema_extra=RESTRICTED_TEXT,
        description="RESTRICTED: age at the time (oldest reported); left out of the public profile",
    )
    description: ShortText | None = None

    @model_validator(mode="after")
    def _ages_in_order(self) -> "Involves":
        if self.age_from is not None and self.age_to is not None and self.age_to < self.age_from:
            raise ValueError(f"age_to {self.age_to} is below age_from {self.age_from}")
        return self


class ActiveIn(Relationship):
    """A person or group was active in an authority or at a place."""

    type = "ACTIVE_IN"
    endpoints = (("person", "borough"), ("person", "place"))


class BasedIn(Relationship):
    """An institution is based in, or responsible for, an authority or place."""

    type = "BASED_IN"
    endpoints = (("institution", "borough"), ("institution", "place"))


class MemberOf(Relationship):
    """A person belongs to, works for or speaks for an institution or a group."""

    type = "MEMBER_OF"
    endpoints = (("person", "institution"), ("person", "person"))
    qualifiers = ("role",)
    role: ShortText | None = None


class AssociatedWith(Relationship):
    """Two people or groups linked by the source (e.g. named as part of a group)."""

    type = "ASSOCIATED_WITH"
    endpoints = (("person", "person"),)
    qualifiers = ("description",)
    description: ShortText | None = None


class Examined(Relationship):
    """An investigation or review examined a case, or another investigation."""

    type = "EXAMINED"
    endpoints = (
        ("investigation", "case"), ("review", "case"),
        ("investigation", "investigation"), ("review", "institution"),
    )


class ConductedBy(Relationship):
    """Who carried out an investigation or review."""

    type = "CONDUCTED_BY"
    endpoints = (
        ("investigation", "institution"), ("investigation", "person"),
        ("review", "institution"), ("review", "person"),
    )
    qualifiers = ("role",)
    role: ShortText | None = None


class CommissionedBy(Relationship):
    """Who commissioned (or published) an investigation or review."""

    type = "COMMISSIONED_BY"
    endpoints = (
        ("investigation", "institution"), ("investigation", "person"),
        ("review", "institution"), ("review", "person"),
    )
    qualifiers = ("role",)
    role: Literal["commissioned", "published", "led"] = "commissioned"


class Recommends(Relationship, FollowUpOrder):
    """A review made a recommendation."""

    type = "RECOMMENDS"
    endpoints = (("review", "recommendation"),)


class RespondsTo(Relationship):
    """A statement answers a recommendation, review, claim, case or investigation,
    saying what was done about it."""

    type = "RESPONDS_TO"
    endpoints = (
        ("statement", "recommendation"), ("statement", "review"), ("statement", "statement"),
        ("statement", "case"), ("statement", "investigation"),
    )
    response: Literal["completed", "in-progress", "acted-on", "disputed", "none-reported"] | None = None


class MadeBy(Relationship):
    """Who made a statement."""

    type = "MADE_BY"
    endpoints = (("statement", "institution"), ("statement", "person"))
    qualifiers = ("role",)
    role: ShortText | None = None


class About(Relationship):
    """What a statement is about."""

    type = "ABOUT"
    endpoints = tuple(
        ("statement", target)
        for target in ("case", "person", "institution", "investigation", "review", "borough", "statement")
    )


REL_MODELS: tuple[type[Relationship], ...] = (
    InBorough, AtPlace, PlaceIn, Neighbours, Shows, Involves, ActiveIn, BasedIn,
    MemberOf, AssociatedWith, Examined, ConductedBy, CommissionedBy, Recommends,
    RespondsTo, MadeBy, About,
)
