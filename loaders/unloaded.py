"""What failed to load, so that a reference to it is not reported as unknown.

A record that failed validation, or a file that could not be read at all (not YAML, not UTF-8), has its own
problem already. Every reference to it elsewhere would otherwise add an "unknown reference" of its own and
bury that one (a broken case file: one error, then one more at every relationship naming the case). Such a
reference is not checked: a failed record's own problem says all there is (fixed, the next load checks the
references to it); the references that may name a record of an unreadable file are counted in one line, since
which records that file holds is not known.

A reference matches a failed record's id as a reader sees both (`loaders/folding.py`, and case): an id
refused for a Cyrillic "е" in `child-in-carе` still covers the references that spell `child-in-care`. A
relationship's end, which may name a node by its name or an alias (`loaders/resolve.py`), matches a failed
record's name and aliases too, as the resolver matches names (`schemas/names.py` `normalise_name`).
"""

from __future__ import annotations

from functools import cache

from casegraph.loaders.folding import fold
from casegraph.loaders.problems import Problem
from casegraph.loaders.raw import RawRecord
from casegraph.schemas import schema
from casegraph.schemas.names import NAME_FIELDS, normalise_name
from casegraph.schemas.text import clip
from casegraph.schemas.words import counted

__all__ = ["Unloaded"]

SHOWN_REFS = 5
"""References named in the line of the unreadable files."""


def _key(ref: str) -> str:
    return fold(ref).text.casefold()


def _name_key(name: str) -> str:
    return normalise_name(fold(name).text)


@cache
def _name_fields() -> dict[str, tuple[str]]:
    return {n.kind: (n.model.name_field,) for n in schema().nodes}


def _names(raw: RawRecord) -> list[str]:
    """The names a failed node record gives (its kind's name field, any name field for an unknown kind, and its
    aliases: a CSV cell's `;`-separated), as far as they are text."""
    data, kind = raw.data, raw.data.get("kind")
    fields = _name_fields().get(kind, NAME_FIELDS) if isinstance(kind, str) else NAME_FIELDS
    names = [data.get(field) for field in fields]
    aliases = data.get("aliases")
    if isinstance(aliases, str) and raw.text_cells:
        aliases = aliases.split(";")
    names += aliases if isinstance(aliases, list) else ()
    return [name for name in names if isinstance(name, str) and name.strip()]


class Unloaded:
    """The records that failed validation (by id, name and alias) and the files not read at all; `covers` tells
    the references that may name them, `problems` says how many of those that may name a record of an unreadable
    file."""

    def __init__(self) -> None:
        self._records: set[str] = set()  # the ids of failed records, as `_key` reads them
        self._nodes: set[tuple[str, str]] = set()  # (kind, id) of each failed node record, as it gives them
        self._names: set[str] = set()  # the names and aliases of failed records, as `_name_key` reads them
        self._files: list[str] = []
        self._unread: list[str] = []  # references to no loaded record, while some file was not read

    def add_record(self, raw: RawRecord) -> None:
        """A record that failed validation (nothing if it has no id or name a reference could name)."""
        if "kind" in raw.data:
            self._names.update(map(_name_key, _names(raw)))
        if isinstance(raw.data.get("id"), str):
            self._records.add(_key(raw.data["id"]))
            if isinstance(raw.data.get("kind"), str):
                self._nodes.add((raw.data["kind"], raw.data["id"]))

    def update(self, later: "Unloaded") -> None:
        """Add what failed in files read after these (`later`), in place."""
        self._records |= later._records
        self._nodes |= later._nodes
        self._names |= later._names
        self._files += later._files
        self._unread += later._unread

    def gives(self, kind: str, node_id: str) -> bool:
        """Whether a node record of this kind and id failed validation (so a record restating it, which may
        leave out what that one gives, lacks nothing that the failed record's own problems do not say)."""
        return (kind, node_id) in self._nodes

    def add_file(self, path: str) -> None:
        """A file whose records were not read at all: what they define is unknown."""
        self._files.append(path)

    def covers(self, ref: str, names: bool = False) -> bool:
        """Whether a reference that names no loaded record may name one that failed to load (those that
        may name a record of an unreadable file are counted). `names`: the reference may be a name or an
        alias too (a relationship's end), not only an id (a citation's source)."""
        if _key(ref) in self._records or (names and _name_key(ref) in self._names):
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
