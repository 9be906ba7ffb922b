"""A Cypher script that recreates a subgraph in an empty Neo4j database.

Run it with `cypher-shell -f FILE` (or paste it into Neo4j Browser). It
creates the constraints and indexes on `id` first (Neo4j 5 syntax, generated
from the schema by `casegraph.schemas.ddl.neo4j_constraints`), then one `CREATE` per node, then one `MATCH ... MATCH ...
CREATE` per relationship, each ending in `;` on its own line.

Safety, the point of this module: no value is ever pasted into the text as
it is. Labels and relationship types must be the schema's; property keys
must be plain identifiers and are backquoted; strings are single-quoted with
every backslash, quote and control or format character escaped (`\\\\`,
`\\'`, `\\n`, `\\uXXXX`, ...), so no data can end a literal, start a
comment or add a clause; numbers are written positionally (no exponent, no
NaN or infinity). The same escapes are accepted by Neo4j and LadybugDB, so
the tests run the script against the embedded store and compare the result
with the source graph.

Without constraints the script is plain openCypher: `data_statements()`
gives just the CREATE/MATCH statements, for engines (LadybugDB) whose
schema is declared another way.
"""

from __future__ import annotations

import json
import math
import re
import unicodedata
from decimal import Decimal
from functools import cache
from pathlib import Path
from typing import Any, Iterator

import networkx as nx

from casegraph.exports.base import EdgeItem, ExportError, Exporter, NodeItem
from casegraph.schemas.words import counted

__all__ = [
    "CypherExporter", "write_cypher", "literal", "string_literal", "property_map",
    "node_statement", "edge_statement", "statements", "data_statements", "schema_statements",
]

_IDENTIFIER = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")
_ESCAPES = {"\\": "\\\\", "'": "\\'", '"': '\\"', "\n": "\\n", "\r": "\\r", "\t": "\\t", "\b": "\\b", "\f": "\\f"}
_UNSAFE_CATEGORIES = {"Cc", "Cf", "Cs", "Co", "Cn", "Zl", "Zp"}
_INT64 = (-(2**63), 2**63 - 1)


_PRINTABLE_ASCII_ESCAPES = str.maketrans({char: escape for char, escape in _ESCAPES.items() if char.isprintable()})
"""The escapes a printable ASCII text can need (backslash and quotes): no other printable ASCII
character is escaped, and none is of an unsafe category."""


def string_literal(text: str) -> str:
    """A single-quoted Cypher string literal that reads back as exactly `text`."""
    if text.isascii() and text.isprintable():  # the common text, at once: the same literal as below
        if "\\" in text or "'" in text or '"' in text:
            return "'" + text.translate(_PRINTABLE_ASCII_ESCAPES) + "'"
        return "'" + text + "'"
    out = []
    for char in text:
        if char in _ESCAPES:
            out.append(_ESCAPES[char])
        elif unicodedata.category(char) in _UNSAFE_CATEGORIES:
            code = ord(char)
            out.append(f"\\u{code:04x}" if code <= 0xFFFF else f"\\U{code:08x}")
        else:
            out.append(char)
    return "'" + "".join(out) + "'"


def literal(value: Any) -> str:
    """A Cypher literal for a property value: string, integer, float, boolean, list or null."""
    if type(value) is str:  # the common value first (a call per value of every record)
        return string_literal(value)
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        if not _INT64[0] <= value <= _INT64[1]:
            raise ExportError(f"integer {value} does not fit a 64-bit property")
        return str(value)
    if isinstance(value, float):
        if not math.isfinite(value):
            raise ExportError(f"{value} cannot be stored as a property")
        text = format(Decimal(repr(value)), "f")
        return text if "." in text else text + ".0"
    if isinstance(value, str):
        return string_literal(value)
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(map(literal, value)) + "]"
    raise ExportError(f"no Cypher literal for a {type(value).__name__}")


@cache  # a record's dozen names, on every record
def _key(name: str) -> str:
    if not _IDENTIFIER.match(name):
        raise ExportError(f"property name {name!r} is not a plain identifier")
    return f"`{name}`"


def property_map(properties: dict[str, Any]) -> str:
    """`{`key`: literal, ...}`, leaving out nulls (Neo4j does not store them)."""
    parts = [f"{_key(k)}: {literal(v)}" for k, v in properties.items() if v is not None]
    return "{" + ", ".join(parts) + "}"


@cache  # asked of every statement
def _schema_name(name: str, what: str) -> str:
    """`name` if it is a label (`what` "label") or relationship type of the schema, else ExportError."""
    from casegraph.schemas import schema

    if name not in (schema().labels if what == "label" else schema().rel_types) or not _IDENTIFIER.match(name):
        raise ExportError(f"{what} {name!r} is not in the schema")
    return name


def node_statement(label: str, properties: dict[str, Any]) -> str:
    return f"CREATE (:{_schema_name(label, 'label')} {property_map(properties)});"


def edge_statement(rel_type: str, from_label: str, from_id: str, to_label: str, to_id: str,
                   properties: dict[str, Any]) -> str:
    a, b = _schema_name(from_label, "label"), _schema_name(to_label, "label")
    t = _schema_name(rel_type, "relationship type")
    return (f"MATCH (a:{a} {{`id`: {string_literal(from_id)}}}) MATCH (b:{b} {{`id`: {string_literal(to_id)}}}) "
            f"CREATE (a)-[:{t} {property_map(properties)}]->(b);")


def _comment(text: str) -> str:
    """A `//` comment line: anything but printable ASCII is escaped, so it stays one line."""
    return "// " + "".join(c if " " <= c <= "~" else c.encode("unicode_escape").decode("ascii") for c in text)


class CypherExporter(Exporter):
    format = "cypher"
    stored_unknown = True  # it recreates the stores, whose lists cannot hold null (`schemas/citations.py`)

    def __init__(self, path, meta=None):
        super().__init__(path, meta)
        self.labels: dict[str, str] = {}
        self.nodes: list[str] = []
        self.edges: list[str] = []

    def write_node(self, node: NodeItem) -> None:
        self.labels[node.id] = node.label
        self.nodes.append(node_statement(node.label, node.properties))

    def write_edge(self, edge: EdgeItem) -> None:
        self.edges.append(edge_statement(edge.type, self.labels[edge.source], edge.source,
                                         self.labels[edge.target], edge.target, edge.properties))

    def header(self) -> list[str]:
        meta = self.meta.as_dict()
        lines = [_comment(f"casegraph export ({meta['generator']}): Cypher script for an empty Neo4j 5 database")]
        if self.meta.restricted:
            lines.append("// " + "=" * 70)
        lines.append(_comment(f"profile: {meta['profile']}. {meta['notice']}"))
        if self.meta.restricted:
            lines.append("// " + "=" * 70)
        lines.append(_comment("selection: " + json.dumps(meta["selection"], sort_keys=True)))
        if meta["analytics"]:
            lines.append(_comment("analytics properties: " + json.dumps(meta["analytics"], sort_keys=True)))
        lines.append(_comment(f"{counted(len(self.nodes), 'node')}, {counted(len(self.edges), 'relationship')}. Run: cypher-shell -f FILE"))
        return lines

    def finalize(self) -> list[Path]:
        from casegraph.schemas.ddl import neo4j_constraints

        lines = self.header()
        lines += ["", "// Constraints and indexes (from the schema; they serve the MATCHes below)"]
        lines += [statement + ";" for statement in neo4j_constraints()]
        lines += ["", "// Nodes", *self.nodes, "", "// Relationships", *self.edges, ""]
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self.path.write_text("\n".join(lines), encoding="utf-8")
        return [self.path]


def write_cypher(graph: nx.MultiDiGraph, path, meta=None) -> list[Path]:
    """Write a projected graph (or a selection of one) as a Cypher script."""
    from casegraph.exports.base import export_graph

    return export_graph(graph, CypherExporter(path, meta))


def statements(script: str) -> Iterator[str]:
    """The statements of a script this module wrote: one per non-comment line, without `;`.

    No literal holds a raw line break (they are escaped), so a line is a statement.
    """
    for line in script.splitlines():
        line = line.strip()
        if line and not line.startswith("//"):
            if not line.endswith(";"):
                raise ExportError(f"not a casegraph Cypher script line: {line[:80]!r}")
            yield line[:-1]


DATA_PREFIXES = ("CREATE (", "MATCH (")


def data_statements(script: str) -> Iterator[str]:
    """The statements that create data (the schema's constraints and indexes left out)."""
    return (s for s in statements(script) if s.startswith(DATA_PREFIXES))


def schema_statements(script: str) -> Iterator[str]:
    """The Neo4j constraints and indexes at the top of the script."""
    return (s for s in statements(script) if not s.startswith(DATA_PREFIXES))
