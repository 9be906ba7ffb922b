"""Load problems a user can act on: file, line, record, field, what was expected."""

from __future__ import annotations

from dataclasses import dataclass

from casegraph.schemas.text import clip

__all__ = ["Problem", "LoadError", "SHOWN"]

SHOWN = 200
"""Problems spelled out in the message; all of them stay in `LoadError.problems`."""


@dataclass(frozen=True, order=True)
class Problem:
    file: str
    line: int | None
    record: str | None
    field: str | None
    message: str

    def __str__(self) -> str:
        where = self.file + (f":{self.line}" if self.line else "")
        parts = [where]
        if self.record:
            parts.append(f"record {clip(self.record, 130)}")
        if self.field:
            parts.append(f"field {clip(self.field)}")
        return ": ".join(parts) + ": " + self.message

    def as_dict(self) -> dict:
        return {
            "file": self.file, "line": self.line, "record": self.record,
            "field": self.field, "message": self.message,
        }


class LoadError(Exception):
    """Every problem found in a load, reported together; nothing was written."""

    def __init__(self, problems: list[Problem]):
        self.problems = sorted(problems, key=lambda p: (p.file, p.line or 0, p.message))
        count = len(self.problems)
        head = f"{count} problem{'s' if count != 1 else ''} in the data; nothing was written"
        lines = [f"  {p}" for p in self.problems[:SHOWN]]
        if count > SHOWN:
            lines.append(f"  ... and {count - SHOWN} more (`casegraph validate --format json` lists them all)")
        super().__init__(head + "\n" + "\n".join(lines))
