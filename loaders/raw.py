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
    """

    file: str
    line: int | None
    data: dict[str, Any] | None
    field_lines: dict[str, int] | None = None
    text_cells: bool = False
    refused: frozenset[str] = frozenset()

    @property
    def name(self) -> str | None:
        """How the record is called in messages: its id, or its endpoints (each bounded in length)."""
        data = self.data or {}
        if "id" in data:
            return _text(data["id"])
        if "from" in data and "to" in data:
            return f"{_text(data.get('rel'))} {_text(data['from'])} -> {_text(data['to'])}"
        return None

    def line_of(self, field_name: str | None) -> int | None:
        """The line of a field when the file format keeps it, else the record's line."""
        if field_name and self.field_lines and field_name in self.field_lines:
            return self.field_lines[field_name]
        return self.line


def _text(value: Any) -> str:
    """A name for messages: a string as it is (up to 120 characters), anything else described."""
    if isinstance(value, str):
        return value if len(value) <= 120 else value[:119] + "…"
    return clip(value)
