"""What failed to load, so that a reference to it is not reported as unknown.

A record that failed validation, or a file that could not be read at all (not YAML, not UTF-8), has its own
problem already. Every reference to it elsewhere would otherwise add an "unknown reference" of its own and
bury that one (a broken case file: one error, then one more at every relationship naming the case). Such a
reference is not checked: a failed record's own problem says all there is (fixed, the next load checks the
references to it); the references that may name a record of an unreadable file are counted in one line, since
which records that file holds is not known.

A reference matches a failed record's id as a reader sees both (`loaders/folding.py`, and case): an id
refused for a Cyrillic "е" in `child-in-carе` still covers the references that spell `child-in-care`.
"""

from __future__ import annotations

from casegraph.loaders.folding import fold
from casegraph.loaders.problems import Problem
from casegraph.loaders.raw import RawRecord
from casegraph.schemas.text import clip
from casegraph.schemas.words import counted

__all__ = ["Unloaded"]

SHOWN_REFS = 5
"""References named in the line of the unreadable files."""


def _key(ref: str) -> str:
    return fold(ref).text.casefold()


class Unloaded:
    """The records that failed validation (by id) and the files not read at all; `covers` tells the references
    that may name them, `problems` says how many of those that may name a record of an unreadable file."""

    def __init__(self) -> None:
        self._records: set[str] = set()  # the ids of failed records, as `_key` reads them
        self._nodes: set[tuple[str, str]] = set()  # (kind, id) of each failed node record, as it gives them
        self._files: list[str] = []
        self._unread: list[str] = []  # references to no loaded record, while some file was not read

    def add_record(self, raw: RawRecord) -> None:
        """A record that failed validation (nothing if it has no id a reference could name)."""
        if isinstance(raw.data.get("id"), str):
            self._records.add(_key(raw.data["id"]))
            if isinstance(raw.data.get("kind"), str):
                self._nodes.add((raw.data["kind"], raw.data["id"]))

    def gives(self, kind: str, node_id: str) -> bool:
        """Whether a node record of this kind and id failed validation (so a record restating it, which may
        leave out what that one gives, lacks nothing that the failed record's own problems do not say)."""
        return (kind, node_id) in self._nodes

    def add_file(self, path: str) -> None:
        """A file whose records were not read at all: what they define is unknown."""
        self._files.append(path)

    def covers(self, ref: str) -> bool:
        """Whether a reference that names no loaded record may name one that failed to load (those that
        may name a record of an unreadable file are counted)."""
        if _key(ref) in self._records:
            return True
        if self._files:
            self._unread.append(ref)
            return True
        return False

    def problems(self) -> list[Problem]:
        """One problem (at the first unreadable file) counting the references not checked because they may name
        a record of an unreadable file; none if no file was unreadable or nothing named such a record."""
        if not self._unread:
            return []
        names = sorted(set(self._unread))
        shown = ", ".join(clip(name) for name in names[:SHOWN_REFS]) + (", ..." if len(names) > SHOWN_REFS else "")
        files = f"this file and {counted(len(self._files) - 1, 'other')}" if len(self._files) > 1 else "this file"
        return [Problem(self._files[0], None, None, None,
                        f"{counted(len(self._unread), 'reference')} to no loaded record not checked ({shown}): "
                        f"{files} did not load, and they may name its records")]
