"""Files to take away: the current selection as an export, a view as a still, an entity's dossier.

Each is written by the library that writes it from the command line
(`casegraph.exports.export`, `casegraph.viz.pages.write_figure`,
`casegraph.reports.write_report`) into a temporary folder, and returned as
bytes with a file name: a folder of files (CSV) comes as one zip. A file of
the restricted profile carries `.restricted` in its name, as on the command
line.
"""

from __future__ import annotations

import io
import tempfile
import zipfile
from dataclasses import dataclass
from pathlib import Path

import networkx as nx

from casegraph.exports import SUFFIXES, export
from casegraph.exports.base import ExportMeta
from casegraph.graph.selection import Selection

__all__ = ["Download", "export_file", "still_file", "dossier_file", "MEDIA_TYPES"]

MEDIA_TYPES = {
    ".graphml": "application/xml", ".gexf": "application/xml", ".json": "application/json",
    ".cypher": "text/plain; charset=utf-8", ".zip": "application/zip", ".png": "image/png",
    ".svg": "image/svg+xml", ".html": "text/html; charset=utf-8", ".md": "text/markdown; charset=utf-8",
}


@dataclass
class Download:
    name: str
    data: bytes

    @property
    def media_type(self) -> str:
        for suffix, media in MEDIA_TYPES.items():
            if self.name.endswith(suffix):
                return media
        return "application/octet-stream"


def _collect(files: list[Path], stem: str) -> Download:
    if len(files) == 1:
        return Download(files[0].name, files[0].read_bytes())
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for path in files:
            archive.write(path, path.name)
    return Download(f"{stem}.zip", buffer.getvalue())


def export_file(graph: nx.MultiDiGraph, fmt: str, selection: Selection, profile: str) -> Download:
    """`graph` (already selected) in export format `fmt` (one of `casegraph.exports.FORMATS`)."""
    meta = ExportMeta(profile=profile, selection=selection.describe())
    with tempfile.TemporaryDirectory(prefix="casegraph-serve-") as folder:
        target = Path(folder) / ("casegraph" + SUFFIXES[fmt] if SUFFIXES[fmt] else "casegraph.csv")
        files = export(graph, fmt, target, meta)
        return _collect([Path(f) for f in files], "casegraph-csv")


def still_file(figure, kind: str, name: str) -> Download:
    """A view's figure as a still, `kind` "png" (headless Chromium) or "svg"."""
    from casegraph.viz.pages import write_figure

    with tempfile.TemporaryDirectory(prefix="casegraph-serve-") as folder:
        path = write_figure(figure, Path(folder) / f"{name}.{kind}")
        return Download(path.name, path.read_bytes())


def dossier_file(graph: nx.MultiDiGraph, kind: str, name: str, selection: Selection, profile: str) -> Download:
    """A dossier of `graph` (already selected), `kind` "html" or "md"."""
    from casegraph.reports import write_report

    meta = ExportMeta(profile=profile, selection=selection.describe())
    with tempfile.TemporaryDirectory(prefix="casegraph-serve-") as folder:
        path = write_report(graph, Path(folder) / f"{name}.{kind}", meta)
        return Download(path.name, path.read_bytes())
