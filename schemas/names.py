"""What a node is called where people read it: tables, exports, reports.

One rule, so that a case has the same name in a CSV cell, in Gephi and in a
dossier: its name, else its title, else its summary (statements and
recommendations have no name), else its id. And one rule for when a
reference names a node by its name or an alias (`normalise_name`).
"""

from __future__ import annotations

import re
from typing import Any, Mapping

__all__ = ["display_name", "normalise_name", "NAME_FIELDS"]

_QUOTES = re.compile(r"[\"'‘’“”]")
_SPACE = re.compile(r"\s+")

NAME_FIELDS = ("name", "title", "summary")


def display_name(properties: Mapping[str, Any], fallback: Any = None) -> str:
    """A node's display name from its properties; `fallback` (else its id) when it has none."""
    for field in NAME_FIELDS:
        if properties.get(field):
            return str(properties[field])
    return str(fallback if fallback is not None else properties.get("id"))


def normalise_name(name: str) -> str:
    """Fold case, quotes, spacing and a leading "the", for matching names."""
    text = _SPACE.sub(" ", _QUOTES.sub("", name)).strip().casefold()
    return text[4:] if text.startswith("the ") else text
