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

ROLE_WORDS = {
    "victim": "a victim",
    "perpetrator": "a perpetrator",
    "suspect": "a suspect",
    "accused": "accused",
    "associate": "an associate",
    "reporter": "the person who reported it",
    "police": "the police force",
    "care-provider": "a care provider",
    "school": "a school",
    "council": "the council",
    "charity": "a charity",
    "court": "the court",
    "other": "involved",
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


def involvement(name: str, role: str, status: str | None) -> str:
    """`X was convicted (a perpetrator)`, `X is alleged to have been a perpetrator`, ..."""
    what = ROLE_WORDS.get(role, role)
    if status == "convicted":
        return f"{name} was convicted ({what})"
    if status == "charged":
        return f"{name} was charged ({what}); a charge is not a conviction"
    if status == "acquitted":
        return f"{name} was acquitted or cleared ({what})"
    if status == "alleged":
        return f"{name} is alleged to have been {what}; an allegation, not a finding"
    if status == "inferred":
        return f"casegraph infers that {name} was {what}"
    if role in ACCUSING_ROLES:  # reported, or no status: what a source says of him, never a finding
        return f"The source names {name} as {what}: an account, not a finding (no charge or conviction is recorded)"
    return f"The source names {name} as {what}"


def outcome_words(outcomes: list[str]) -> str:
    return ", ".join(_OUTCOMES.get(o, o) for o in outcomes)


def statement_kind(statement_type: str | None) -> str:
    return _STATEMENTS.get(statement_type or "statement", statement_type or "statement")


def response_words(response: str | None) -> str:
    return _RESPONSES.get(response or "", "responds to")
