"""Raw records as read from a file, with where they came from."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

__all__ = ["RawRecord"]


@dataclass(slots=True)
class RawRecord:
    """One record's fields before validation, and its place in its file."""

    file: str
    line: int | None
    data: dict[str, Any] | None
    field_lines: dict[str, int] | None = None

    @property
    def name(self) -> str | None:
        """How the record is called in messages: its id, or its endpoints."""
        data = self.data or {}
        if "id" in data:
            return str(data["id"])
        if "from" in data and "to" in data:
            return f"{data.get('rel')} {data['from']} -> {data['to']}"
        return None

    def line_of(self, field_name: str | None) -> int | None:
        """The line of a field when the file format keeps it, else the record's line."""
        if field_name and self.field_lines and field_name in self.field_lines:
            return self.field_lines[field_name]
        return self.line
