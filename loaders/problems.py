"""Load problems a user can act on: file, line, record, field, what was expected."""

from __future__ import annotations

from dataclasses import dataclass

from casegraph.schemas.text import clip, shown_path
from casegraph.schemas.words import counted, plural

__all__ = ["Problem", "LoadError", "SHOWN", "REPEATS_SHOWN"]

SHOWN = 200
"""Problems spelled out in the message; all of them stay in `LoadError.problems`."""

REPEATS_SHOWN = 3
"""Of one problem repeated in many records of a file (same field, same message:
a misspelt CSV column fails every row), the first ones spelled out; the rest
are summed up in one line, so the other problems stay in view."""


@dataclass(frozen=True, order=True)
class Problem:
    file: str
    line: int | None
    record: str | None
    field: str | None
    message: str

    def __str__(self) -> str:
        where = shown_path(self.file) + (f":{self.line}" if self.line else "")
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
        head = f"{counted(count, 'problem')} in the data; nothing was written"
        lines, covered = [], 0
        for group in _repeats(self.problems):
            if len(lines) >= SHOWN:
                break
            lines += [f"  {problem}" for problem in group[:REPEATS_SHOWN]]
            rest = group[REPEATS_SHOWN:]
            if rest:
                lines.append(f"  ... the same in {len(rest):,} more {plural(len(rest), 'record')} "
                             f"of {shown_path(rest[0].file)} (lines {rest[0].line}-{rest[-1].line})")
            covered += len(group)
        if covered < count:
            lines.append(f"  ... and {count - covered} more (`casegraph validate --format json` lists them all)")
        super().__init__(head + "\n" + "\n".join(lines))

    def __reduce__(self):
        """Pickled with its problems (and hint), not its text: a load in a child process
        (`casegraph.graph.embedded_write`) raises it in the parent as it was."""
        return (type(self), (self.problems,), self.__dict__)


def _repeats(problems: list[Problem]) -> list[list[Problem]]:
    """Problems grouped by (file, field, message) where they repeat, in the
    order of each group's first problem; a problem without a line is its own."""
    groups: dict[tuple, list[Problem]] = {}
    for index, problem in enumerate(problems):
        key = (problem.file, problem.field, problem.message) if problem.line else (index,)
        groups.setdefault(key, []).append(problem)
    return list(groups.values())
