"""Raw records as read from a file, with where they came from."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from casegraph.schemas.text import clip

__all__ = ["RawRecord"]


@dataclass(slots=True)
class RawRecord:
    """One record's fields before validation, and its place in its file.

    `text_cells` is true for formats whose every value is text (CSV): the
    validator then parses numbers, booleans and `;`-separated lists.
    `refused` names the fields the reader left out for a value it refused
    (reported by the reader): the validator does not also call them missing.
    `broken` says why the reader could not read the record whole (a CSV row
    with more cells than the header, a line that is no JSON object, a list
    item that is no mapping): it is the record's problem, the record is not
    validated, and `data` holds what could be read of it (its id, for its
    name and so that references to it are not reported again).
    `position` is the record's place in its file (1 for the first).
    `field_lines` gives the line of each field, and of each item and field
    nested in one (`citations.0`, `citations.0.credibility`), where the
    format keeps lines.
    """

    file: str
    line: int | None
    data: dict[str, Any] | None
    field_lines: dict[str, int] | None = None
    text_cells: bool = False
    refused: frozenset[str] = frozenset()
    broken: str | None = None
    position: int | None = None

    @property
    def name(self) -> str | None:
        """How the record is called in messages: its id, or its endpoints (each bounded in length), or, with
        neither (an id that is no text, or blank), its position in its file (`#18`)."""
        data = self.data or {}
        given = data.get("id")
        if isinstance(given, str) and given.strip():
            return _text(given)
        if "from" in data and "to" in data:
            return f"{_text(data.get('rel'))} {_text(data['from'])} -> {_text(data['to'])}"
        return f"#{self.position}" if self.position is not None else None

    def line_of(self, field_name: str | None) -> int | None:
        """The line of a field when the file format keeps it, else the record's line. A field inside another,
        as problems name it (`citations.0.credibility`), is at its own line where the format keeps it (YAML:
        `field_lines` holds nested ones too), else at the line of the nearest field or item holding it."""
        lines = self.field_lines
        path = field_name
        while path and lines:
            if path in lines:
                return lines[path]
            path = path.rpartition(".")[0]
        return self.line


def _text(value: Any) -> str:
    """A name for messages: a string as it is (up to 120 characters), anything else described."""
    if isinstance(value, str):
        return value if len(value) <= 120 else value[:119] + "…"
    return clip(value)
