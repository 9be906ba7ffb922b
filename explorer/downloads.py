"""Files to take away: the current selection as an export, a view as a still, an entity's dossier.

Each is written by the library that writes it from the command line
(`casegraph.exports.export`, `casegraph.viz.pages.write_figure`,
`casegraph.reports.write_report`) into a temporary folder, and returned as
bytes with a file name: a folder of files (CSV) comes as one zip. A download
of the restricted profile carries `.restricted` in its name by the command
line's rule (`exports.base.marked_path`): every file, the zip of a CSV
folder (whose comment also says it is not for publication) and every still
(whose banner says so inside). PNG stills are rasterised by one headless
Chromium kept warm for the server's life (`Rasteriser`), not one started per
request (about a second each).
"""

from __future__ import annotations

import io
import tempfile
import threading
import zipfile
from dataclasses import dataclass
from pathlib import Path

import networkx as nx

from casegraph.exports import SUFFIXES, export
from casegraph.exports.base import ExportMeta, marked_path
from casegraph.graph.selection import Selection

__all__ = ["Download", "Rasteriser", "export_file", "still_file", "dossier_file", "MEDIA_TYPES"]

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


def _collect(files: list[Path], stem: str, meta: ExportMeta) -> Download:
    """One file as it is, several (a CSV folder) as a zip named `stem`, marked as its files are."""
    if len(files) == 1:
        return Download(files[0].name, files[0].read_bytes())
    buffer = io.BytesIO()
    # the fastest deflate: a borough's CSV at 100,000 cases (2 MB) in a third of the default's time,
    # for a zip half as large again (220 -> 320 kB)
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as archive:
        archive.comment = meta.notice.encode("utf-8")
        for path in files:
            archive.write(path, path.name)
    return Download(marked_path(f"{stem}.zip", meta.restricted).name, buffer.getvalue())


def export_file(graph: nx.MultiDiGraph, fmt: str, selection: Selection, profile: str,
                checked: bool = False) -> Download:
    """`graph` (already selected) in export format `fmt` (one of `casegraph.exports.FORMATS`);
    `checked`: `refuse_unfit_graph(graph)` has passed (`casegraph.exports.export_graph`)."""
    meta = ExportMeta(profile=profile, selection=selection.describe())
    with tempfile.TemporaryDirectory(prefix="casegraph-serve-") as folder:
        target = Path(folder) / ("casegraph" + SUFFIXES[fmt] if SUFFIXES[fmt] else "casegraph.csv")
        files = export(graph, fmt, target, meta, checked)
        return _collect([Path(f) for f in files], "casegraph-csv", meta)


class Rasteriser:
    """One headless Chromium for a server's PNG stills, started at the first and kept warm
    (`viz.png.svg_png` with a `browser`: the same bytes as `casegraph viz --out x.png`).
    Stills are drawn one at a time (one page). A failed still closes the browser; the next
    starts a new one. Raises `viz.browser.BrowserError` (no Chromium, or it failed)."""

    def __init__(self) -> None:
        self._browser = None
        self._lock = threading.Lock()

    def png(self, figure) -> bytes:
        """The PNG (3,200 px wide) of a Figure or Chart."""
        from casegraph.viz.browser import Browser
        from casegraph.viz.pages import still_svg
        from casegraph.viz.png import svg_png

        svg = still_svg(figure)
        with self._lock:
            if self._browser is None:
                self._browser = Browser()
            try:
                return svg_png(svg, 3200, self._browser)
            except BaseException:
                self._stop()
                raise

    def _stop(self) -> None:
        if self._browser is not None:
            browser, self._browser = self._browser, None
            browser.close()

    def close(self) -> None:
        """Stop the browser, if one was started."""
        with self._lock:
            self._stop()


def still_file(figure, kind: str, name: str, rasteriser: Rasteriser) -> Download:
    """A view's figure as a still, `kind` "png" (by `rasteriser`'s Chromium) or "svg", named `name` and
    marked `.restricted` when the figure includes restricted data (as `viz.pages.write_figure` names it)."""
    from casegraph.viz.pages import still_svg

    data = rasteriser.png(figure) if kind == "png" else still_svg(figure).encode("utf-8")
    return Download(marked_path(f"{name}.{kind}", figure.include_restricted).name, data)


def dossier_file(graph: nx.MultiDiGraph, kind: str, name: str, selection: Selection, profile: str) -> Download:
    """A dossier of `graph` (already selected), `kind` "html" or "md"."""
    from casegraph.reports import write_report

    meta = ExportMeta(profile=profile, selection=selection.describe())
    with tempfile.TemporaryDirectory(prefix="casegraph-serve-") as folder:
        path = write_report(graph, Path(folder) / f"{name}.{kind}", meta)
        return Download(path.name, path.read_bytes())
