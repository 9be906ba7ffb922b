"""How a dossier words facts: roles, outcomes, statuses and statement types.

Phrasing lives here so that the builder says *what* is stated and this
module says *how*; the claim-status qualifiers themselves are added by
`model.qualify`, for every fact alike.
"""

from __future__ import annotations

from casegraph.schemas.names import display_name

__all__ = ["involvement", "outcome_words", "statement_kind", "response_words", "ROLE_WORDS", "ACCUSING_ROLES", "name_of"]

ACCUSING_ROLES = frozenset(("perpetrator", "suspect", "accused"))
"""Roles that accuse: without a status that says charged or convicted, a dossier words them as an account."""

ROLE_WORDS = {  # a noun phrase each: it follows "as", "to have been" and "was"
    "victim": "a victim",
    "perpetrator": "a perpetrator",
    "suspect": "a suspect",
    "accused": "one of the accused",
    "associate": "an associate",
    "reporter": "the person who reported it",
    "police": "the police force",
    "care-provider": "a care provider",
    "school": "a school",
    "council": "the council",
    "charity": "a charity",
    "court": "the court",
    "other": "a party to the case",
}

_OUTCOMES = {
    "convicted": "a conviction", "charged": "a charge (not a conviction)", "cleared": "cleared",
    "no-action": "no action taken", "not-prosecuted": "not prosecuted",
    "under-investigation": "under investigation", "died": "the victim died", "unknown": "unknown",
    "not-applicable": "not applicable",
}

_STATEMENTS = {
    "statement": "statement", "declined-to-comment": "declined to comment", "claim": "claim",
    "criticism": "criticism", "testimony": "testimony", "publication": "publication",
}

_RESPONSES = {
    "completed": "says it completed", "in-progress": "says it is acting on", "acted-on": "says it acted on",
    "disputed": "disputes", "none-reported": "reports no action on",
}


def name_of(props: dict) -> str:
    return display_name(props)


def involvement(name: str, role: str, status: str | None, case: str | None = None) -> str:
    """How a dossier words `name`'s involvement in a case in `role` (a `schemas.relationships.Role`) with a claim
    `status` (a `ClaimStatus` value or None): `X was convicted (a perpetrator)`, `X is alleged to have been one
    of the accused`, `The source names X as a victim`. A legal status (convicted, charged, acquitted) is said
    of the person only in an accusing role; in any other role it is the status of the fact that they took part.
    `case`, when given, is the case's name, said with the role (`a perpetrator in the case "Y"`)."""
    what = ROLE_WORDS.get(role, role) + (f" in the case \u201c{case}\u201d" if case else "")
    accusing = role in ACCUSING_ROLES
    if status == "convicted":
        return f"{name} was convicted ({what})" if accusing else f"{name} was {what}, as a conviction established"
    if status == "charged":
        return (f"{name} was charged ({what}); a charge is not a conviction" if accusing
                else f"A charge names {name} as {what}; a charge is not a conviction")
    if status == "acquitted":
        return (f"{name} was acquitted or cleared ({what})" if accusing
                else f"{name} is named as {what} in a charge that ended in acquittal or clearing")
    if status == "alleged":
        return f"{name} is alleged to have been {what}; an allegation, not a finding"
    if status == "inferred":
        return f"casegraph infers that {name} was {what}"
    if accusing:  # reported, or no status: what a source says of him, never a finding
        return f"The source names {name} as {what}: an account, not a finding (no charge or conviction is recorded)"
    return f"The source names {name} as {what}"


def outcome_words(outcomes: list[str]) -> str:
    return ", ".join(_OUTCOMES.get(o, o) for o in outcomes)


def statement_kind(statement_type: str | None) -> str:
    return _STATEMENTS.get(statement_type or "statement", statement_type or "statement")


def response_words(response: str | None) -> str:
    return _RESPONSES.get(response or "", "responds to")
