"""Refuse ad-hoc Cypher that could write, change the schema, or touch files.

The embedded store is opened read-only, so the engine itself refuses writes;
this guard also catches what a read-only engine still allows (`COPY ... TO`
writes a file, `LOAD FROM` reads one) and gives every engine the same clear
refusal before anything runs. Keywords are matched as tokens outside string
literals, comments and backquoted names, so `n.set` or `'CREATE'` pass.
"""

from __future__ import annotations

import re

__all__ = ["WriteRefused", "refuse_writes", "FORBIDDEN"]

FORBIDDEN = {
    "CREATE": "creates data or schema",
    "MERGE": "writes data",
    "SET": "writes properties",
    "DELETE": "deletes data",
    "DETACH": "deletes data",
    "REMOVE": "removes properties or labels",
    "DROP": "changes the schema",
    "ALTER": "changes the schema",
    "COPY": "reads or writes files",
    "LOAD": "reads files",
    "INSTALL": "installs extensions",
    "ATTACH": "attaches another database",
    "EXPORT": "writes files",
    "IMPORT": "reads files",
    "FOREACH": "is only useful to write",
    "GRANT": "changes access control",
    "REVOKE": "changes access control",
    "DENY": "changes access control",
    "CHECKPOINT": "writes the database",
}

_LITERALS = re.compile(
    r"'(?:[^'\\]|\\.)*'|\"(?:[^\"\\]|\\.)*\"|`[^`]*`|//[^\n]*|/\*.*?\*/", re.DOTALL
)
_TOKEN = re.compile(r"(?<![.\w$])([A-Za-z_]+)(?!\w)")


class WriteRefused(ValueError):
    """An ad-hoc query was refused before it ran."""


def refuse_writes(cypher: str) -> None:
    """Raise WriteRefused if the query could change the graph or touch files."""
    bare = _LITERALS.sub(" ", cypher)
    for match in _TOKEN.finditer(bare):
        word = match.group(1).upper()
        if word in FORBIDDEN:
            raise WriteRefused(
                f"refused: this query uses {word}, which {FORBIDDEN[word]}; "
                "casegraph runs ad-hoc queries read-only (rebuild with `casegraph build` to change data)"
            )
