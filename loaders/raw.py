"""Raw records as read from a file, with where they came from."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

__all__ = ["RawRecord"]


@dataclass(slots=True)
class RawRecord:
    """One record's fields before validation, and its place in its file.

    Once validated it keeps only its place (and the record, for its name in
    messages): a load holds one of these per record until every check is done.
    """

    file: str
    line: int | None
    data: dict[str, Any] | None
    field_lines: dict[str, int] | None = None
    record: Any = None  # the validated record

    @property
    def name(self) -> str | None:
        """How the record is called in messages: its id, or its endpoints."""
        if self.record is not None:
            if getattr(self.record, "endpoints", None) is not None:
                return f"{self.record.type} {self.record.from_} -> {self.record.to}"
            return self.record.id
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

    def validated(self, record: Any) -> "RawRecord":
        """Keep only where the record came from, now that its fields are validated."""
        self.data = None
        self.record = record
        return self
