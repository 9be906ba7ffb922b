"""Reports: dossiers with a citation behind every stated fact.

`build_dossier(graph, meta)` says what is stated (and on what source);
`render_markdown` / `render_html` lay it out; `write_report(graph, path,
meta)` picks the renderer from the file name (`.md` or `.html`).
"""

from __future__ import annotations

from pathlib import Path

import networkx as nx

from casegraph.reports.dossier import build_dossier
from casegraph.reports.html import render_html
from casegraph.reports.markdown import render_markdown
from casegraph.reports.model import Citation, Dossier, Fact, ReportError, Section
from casegraph.schemas.text import shown_path

__all__ = ["build_dossier", "render_markdown", "render_html", "write_report", "Citation", "Dossier",
           "Fact", "ReportError", "Section", "RENDERERS"]

RENDERERS = {".md": render_markdown, ".markdown": render_markdown, ".html": render_html, ".htm": render_html}


def write_report(graph: nx.MultiDiGraph, path: Path | str, meta=None) -> Path:
    """Write the dossier of `graph` to `path` (.md or .html); a restricted one gets `.restricted` in its name.
    Raises `ReportError` for another extension, `casegraph.outputs.OutputError` for a path it cannot write."""
    from casegraph.exports.base import ExportMeta, marked_path
    from casegraph.outputs import writing

    meta = meta or ExportMeta()
    path = Path(path)
    render = RENDERERS.get(path.suffix.lower())
    if render is None:
        raise ReportError(f"{shown_path(path)}: a report is .md or .html")
    path = marked_path(path, meta.restricted)
    text = render(build_dossier(graph, meta))
    with writing(path, "the dossier"):
        path.write_text(text, encoding="utf-8")
    return path
