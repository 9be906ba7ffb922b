"""CSV for spreadsheets: a nodes file, an edges file, a citations file and a metadata file.

`--out DIR` writes `DIR/nodes.csv`, `DIR/edges.csv`, `DIR/citations.csv` and
`DIR/metadata.json`; `--out NAME.csv` writes `NAME.nodes.csv` and so on
beside it. A restricted export's files are named `nodes.restricted.csv` and
so on.

- citations: one row per citation of every node and edge (`fact_id, fact`
  (label or type), `citation` (1, 2, ...), `source, paragraphs, locator,
  quote, status, as_of, reliability, credibility, handling`, and the fact's
  `independent_sources`), the same citations the `citation_*` columns of the
  nodes and edges files hold as lists;

- nodes: `id, label`, then every property in schema order (one wide table:
  a cell is empty where a node type has no such property);
- edges: `id, type, from, to`, then every property;
- lists are JSON arrays (`[7,8]`; an unknown element `null`), booleans
  `true`/`false`, an empty cell is a missing (unknown) value (an ungraded
  citation's `reliability`, `credibility`, `handling` in the citations file,
  and the `paragraphs` of a citation located by its `locator` alone: null
  in `citation_paragraphs` too, never `[]`);
- a text cell a spreadsheet would run as a formula (starting with `=`, `+`,
  `-`, `@`, their full-width forms, tab, carriage return or line feed, also
  after leading spaces or invisible characters a spreadsheet trims) gets a
  leading `'`, and so does a text cell that already starts with `'`, so the
  change can be undone exactly: a reader strips one leading `'` from a text
  cell;
- a restricted export's every row ends with a `casegraph_profile` cell saying
  `restricted: not for publication`, in the nodes, edges and citations files
  alike: a file copied out of its folder or renamed still says what it is
  (the command line's restricted CSV answers end the same way);
- `metadata.json` has the profile, notice, selection and every column's
  type, so a program can read the values back typed.
"""

from __future__ import annotations

import csv
import json
import re
from itertools import repeat
from operator import itemgetter
from pathlib import Path
from typing import Any, Iterator

import networkx as nx

from casegraph.exports.base import EdgeItem, ExportMeta, Exporter, NodeItem, marked_path
from casegraph.exports.encoding import column_types, encode_list
from casegraph.schemas.citations import citations_of

__all__ = ["CSVExporter", "write_csv", "read_csv", "csv_paths", "neutralise", "unneutralise", "FORMULA_START",
           "PROFILE_COLUMN", "RESTRICTED_CELL"]

PROFILE_COLUMN = "casegraph_profile"
"""The last column of every restricted CSV file and answer, exports and the command line's alike."""
RESTRICTED_CELL = "restricted: not for publication"
"""Its value, in every row."""

NODE_HEAD = ("id", "label")
EDGE_HEAD = ("id", "type", "from", "to")
CITATION_HEAD = ("fact_id", "fact", "citation", "source", "paragraphs", "locator", "quote", "status", "as_of",
                 "reliability", "credibility", "handling", "independent_sources")


FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\n", "\uff1d", "\uff0b", "\uff0d", "\uff20")
"""What makes a spreadsheet run a cell as a formula: `=`, `+`, `-`, `@` (and their
full-width forms, which East Asian input methods type and spreadsheets accept),
tab, carriage return and line feed. The CLI's CSV output uses the same `neutralise`."""

_LEADING = re.compile("^[\\s\u00ad\u061c\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\ufeff]+")
"""Spaces and invisible format characters a spreadsheet may trim before reading a formula
(LibreOffice's "Trim spaces" import turns ` =1+1` into a formula)."""


_ESCAPED_START = frozenset((*FORMULA_START, "'"))


def neutralise(text: str) -> str:
    """Keep a text cell text in a spreadsheet, reversibly (see the module docstring).

    A cell gets one leading `'` when it starts with a formula character, or
    does so once leading spaces and invisible characters are trimmed, or
    already starts with `'` (so that `unneutralise` can undo it exactly).
    """
    first = text[:1]
    if first in _ESCAPED_START:
        return "'" + text
    if first.isalnum():  # (no space nor invisible character is a letter or digit: nothing to trim)
        return text
    leading = _LEADING.match(text)  # (none: the text as trimmed starts as it does, not with FORMULA_START)
    if leading and text[leading.end():leading.end() + 1] in FORMULA_START:
        return "'" + text
    return text


def unneutralise(text: str) -> str:
    return text[1:] if text.startswith("'") else text


def csv_paths(path: Path | str, meta: ExportMeta) -> dict[str, Path]:
    """Where the nodes, edges and metadata files go for `--out path`."""
    path = Path(path)
    if path.suffix.lower() == ".csv":
        base, prefix = path.parent, path.name[:-4] + "."
    else:
        base, prefix = path, ""
    names = {"nodes": "nodes.csv", "edges": "edges.csv", "citations": "citations.csv", "metadata": "metadata.json"}
    return {key: marked_path(base / (prefix + name), meta.restricted) for key, name in names.items()}


def _value_type(value: Any) -> str:
    if isinstance(value, bool):
        return "BOOLEAN"
    if isinstance(value, int):
        return "INT64"
    if isinstance(value, float):
        return "DOUBLE"
    if isinstance(value, list):
        return (_value_type(value[0]) if value else "STRING") + "[]"
    return "STRING"


def _cell(value: Any) -> str:
    kind = type(value)  # the common kinds first, by exact type (a cell per value of every record)
    if kind is str:
        return neutralise(value)
    if value is None:
        return ""
    if kind is bool:
        return "true" if value else "false"
    if kind is int or kind is float:
        return repr(value)
    if isinstance(value, list):
        return encode_list(value)
    return neutralise(str(value))


def _cells(properties: dict[str, Any]) -> dict[str, str]:
    """A record's cells by column, its missing values left out (most cells of the wide tables);
    `_cell`'s texts and lists without the call (most values)."""
    cells = {}
    for key, value in properties.items():
        kind = type(value)
        if kind is str:
            cells[key] = neutralise(value)
        elif kind is list:
            cells[key] = encode_list(value)
        elif value is not None:
            cells[key] = _cell(value)
    return cells


def _parse(text: str, kind: str) -> Any:
    if text == "":
        return None
    if kind.endswith("[]"):
        return json.loads(text)
    if kind == "BOOLEAN":
        return text == "true"
    if kind == "INT64":
        return int(text)
    if kind == "DOUBLE":
        return float(text)
    return unneutralise(text)


class CSVExporter(Exporter):
    format = "csv"

    def __init__(self, path, meta=None):
        super().__init__(path, meta)
        self.paths = csv_paths(path, self.meta)
        self.nodes: list[NodeItem] = []
        self.edges: list[EdgeItem] = []

    def write_node(self, node: NodeItem) -> None:
        self.nodes.append(node)

    def write_edge(self, edge: EdgeItem) -> None:
        self.edges.append(edge)

    @staticmethod
    def _columns(records, head) -> dict[str, str]:
        known = column_types()
        seen: dict[str, str] = {}
        for record in records:
            for key in record.properties.keys() - seen.keys() - set(head):  # (sorted below)
                seen[key] = known.get(key) or _value_type(record.properties[key])
        order = list(known)
        return dict(sorted(seen.items(), key=lambda kv: (kv[0] not in known,
                                                         order.index(kv[0]) if kv[0] in known else 0, kv[0])))

    def _write(self, path: Path, head, columns, rows) -> None:
        with open(path, "w", encoding="utf-8", newline="") as handle:
            writer = csv.writer(handle)
            if self.meta.restricted:
                writer.writerow([*head, *columns, PROFILE_COLUMN])
                writer.writerows([*row, RESTRICTED_CELL] for row in rows)
            else:
                writer.writerow([*head, *columns])
                writer.writerows(rows)

    def _citation_rows(self) -> Iterator[list[str]]:
        """The citations file's rows: each citation of each node, then of each relationship."""
        fields = itemgetter(*CITATION_HEAD[3:-1])
        for item in (*self.nodes, *self.edges):
            cited = citations_of(item.properties)
            if not cited:
                continue
            fact = [_cell(item.id), _cell(getattr(item, "label", None) or item.type)]
            independent = _cell(item.properties.get("independent_sources"))
            for index, citation in enumerate(cited, 1):
                yield [*fact, str(index), *map(_cell, fields(citation)), independent]

    def finalize(self) -> list[Path]:
        node_columns = self._columns(self.nodes, NODE_HEAD)
        edge_columns = self._columns(self.edges, EDGE_HEAD)
        for path in self.paths.values():
            path.parent.mkdir(parents=True, exist_ok=True)
        self._write(self.paths["nodes"], NODE_HEAD, node_columns, (
            [_cell(n.id), _cell(n.label), *map(_cells(n.properties).get, node_columns, repeat(""))]
            for n in self.nodes))
        self._write(self.paths["edges"], EDGE_HEAD, edge_columns, (
            [_cell(e.id), _cell(e.type), _cell(e.source), _cell(e.target),
             *map(_cells(e.properties).get, edge_columns, repeat(""))]
            for e in self.edges))
        self._write(self.paths["citations"], CITATION_HEAD, (), self._citation_rows())
        metadata = {
            **self.meta.as_dict(),
            "files": {"nodes": self.paths["nodes"].name, "edges": self.paths["edges"].name,
                      "citations": self.paths["citations"].name},
            "columns": {
                "nodes": {"id": "STRING", "label": "STRING", **node_columns},
                "edges": {"id": "STRING", "type": "STRING", "from": "STRING", "to": "STRING", **edge_columns},
            },
            "cells": "lists are JSON arrays; empty cell = missing; one leading ' on a text cell is an escape",
        }
        text = json.dumps(metadata, ensure_ascii=False, allow_nan=False, indent=2)
        self.paths["metadata"].write_text(text + "\n", encoding="utf-8")
        return [self.paths["nodes"], self.paths["edges"], self.paths["metadata"], self.paths["citations"]]


def write_csv(graph: nx.MultiDiGraph, path, meta=None) -> list[Path]:
    """Write a projected graph (or a selection of one) as nodes and edges CSV files."""
    from casegraph.exports.base import export_graph

    return export_graph(graph, CSVExporter(path, meta))


def _rows(path: Path, types: dict[str, str]):
    with open(path, encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            row.pop(PROFILE_COLUMN, None)  # the marking, not a property
            yield {key: _parse(text, types.get(key, "STRING")) for key, text in row.items()}


def read_csv(metadata_path) -> nx.MultiDiGraph:
    """Read a CSV export back (give its metadata file): typed values, lists decoded."""
    metadata_path = Path(metadata_path)
    metadata = json.loads(metadata_path.read_text(encoding="utf-8"))
    base = metadata_path.parent
    graph = nx.MultiDiGraph(casegraph={k: metadata[k] for k in ("generator", "profile", "notice", "selection")})
    for row in _rows(base / metadata["files"]["nodes"], metadata["columns"]["nodes"]):
        label = row.pop("label")
        graph.add_node(row["id"], label=label, **{k: v for k, v in row.items() if v is not None})
    for row in _rows(base / metadata["files"]["edges"], metadata["columns"]["edges"]):
        rel_type, source, target = row.pop("type"), row.pop("from"), row.pop("to")
        graph.add_edge(source, target, key=row["id"], type=rel_type, **{k: v for k, v in row.items() if v is not None})
    return graph
