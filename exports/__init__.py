"""Exports: subgraphs to GraphML, GEXF, node-link JSON, CSV, Cypher and FollowTheMoney.

select -> a networkx MultiDiGraph (`casegraph.graph.projection.project`,
`casegraph.graph.selection.select`) -> an exporter. One format per module,
each with a `write_*` function and, where the format can be read back, a
`read_*` function; `export(graph, fmt, path, meta)` picks the module.
Every exporter keeps provenance, claim status, sensitivity and time, and
refuses restricted data in a public export (see `base`).
"""

from __future__ import annotations

from pathlib import Path

import networkx as nx

from casegraph.exports.base import EdgeItem, ExportError, ExportMeta, Exporter, NodeItem, export_graph, items
from casegraph.exports.csvfiles import CSVExporter, read_csv, write_csv
from casegraph.exports.cypher import CypherExporter, write_cypher
from casegraph.exports.ftm import FtMExporter, read_ftm, write_ftm
from casegraph.exports.gexf import GEXFExporter, read_gexf, write_gexf
from casegraph.exports.graphml import GraphMLExporter, read_graphml, write_graphml
from casegraph.exports.node_link import NodeLinkExporter, read_node_link, write_node_link

__all__ = [
    "FORMATS", "SUFFIXES", "export", "format_of", "ExportMeta", "ExportError", "Exporter", "NodeItem", "EdgeItem",
    "items", "export_graph",
    "write_graphml", "read_graphml", "write_gexf", "read_gexf", "write_node_link", "read_node_link",
    "write_csv", "read_csv", "write_cypher", "write_ftm", "read_ftm",
]

FORMATS: dict[str, type[Exporter]] = {
    "graphml": GraphMLExporter,
    "gexf": GEXFExporter,
    "json": NodeLinkExporter,
    "csv": CSVExporter,
    "cypher": CypherExporter,
    "ftm": FtMExporter,
}

SUFFIXES = {"graphml": ".graphml", "gexf": ".gexf", "json": ".json", "csv": "", "cypher": ".cypher",
            "ftm": ".ftm.json"}
"""The usual file name ending of each format (csv writes a folder)."""


def format_of(path: Path | str) -> str:
    """The export format a file name asks for: `.graphml`, `.gexf`, `.json` (node-link), `.ftm.json`
    (FollowTheMoney), `.cypher`, and `.csv` or a name without an extension (a folder) for csv.

    One rule with pictures and reports: a file's format is its extension. Raises `ExportError`
    for an extension no format has."""
    name = Path(path).name.lower()
    if name.endswith(".ftm.json"):
        return "ftm"
    suffix = Path(name).suffix
    if suffix in ("", ".csv"):
        return "csv"
    for fmt, ending in SUFFIXES.items():
        if ending and suffix == ending:
            return fmt
    raise ExportError(f"cannot tell the export format of {str(path)!r}: end it in .graphml, .gexf, .json "
                      "(node-link), .ftm.json (FollowTheMoney), .cypher, or .csv / no extension (a csv folder)")


def export(graph: nx.MultiDiGraph, fmt: str, path: Path | str, meta: ExportMeta | None = None,
           checked: bool = False) -> list[Path]:
    """Write `graph` in format `fmt` to `path`; return the files written. `checked`: see `export_graph`.
    Raises `casegraph.outputs.OutputError` for a path the format cannot be written to (`writing`: a file
    for csv, which writes a folder unless the name ends in .csv; a folder for the others)."""
    from casegraph.outputs import writing

    if fmt not in FORMATS:
        raise ExportError(f"unknown format {fmt!r}: expected one of {', '.join(FORMATS)}")
    folder = fmt == "csv" and Path(path).suffix.lower() != ".csv"  # (`csvfiles.csv_paths`)
    with writing(path, f"the {fmt} export", folder=folder):
        return export_graph(graph, FORMATS[fmt](path, meta), checked)
