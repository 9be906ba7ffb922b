"""Raw records as read from a file, with where they came from."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

__all__ = ["RawRecord"]


@dataclass
class RawRecord:
    """One record's fields before validation, and its place in its file."""

    file: str
    line: int | None
    data: dict[str, Any]
    field_lines: dict[str, int] = field(default_factory=dict)

    @property
    def name(self) -> str | None:
        """How the record is called in messages: its id, or its endpoints."""
        if "id" in self.data:
            return str(self.data["id"])
        if "from" in self.data and "to" in self.data:
            return f"{self.data.get('rel')} {self.data['from']} -> {self.data['to']}"
        return None

    def line_of(self, field_name: str | None) -> int | None:
        """The line of a field when the file format keeps it, else the record's line."""
        if field_name and field_name in self.field_lines:
            return self.field_lines[field_name]
        return self.line
