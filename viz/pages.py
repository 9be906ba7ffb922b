"""Writing views to files: a page (.html), or a still (.png, .svg), by extension.

`write_overview(view, path)` is what `casegraph build` calls after a build:
the publishable overview of the whole graph, as a page.
"""

from __future__ import annotations

from pathlib import Path

from casegraph.viz.figure import Figure

__all__ = ["FORMATS", "write_figure", "write_overview", "output_format"]

FORMATS = {".html": "html", ".htm": "html", ".png": "png", ".svg": "svg"}


def output_format(path: Path | str) -> str:
    suffix = Path(path).suffix.lower()
    if suffix not in FORMATS:
        raise ValueError(f"cannot tell the format of {str(path)!r}: end it in .html, .png or .svg")
    return FORMATS[suffix]


def write_figure(figure: Figure, path: Path | str, width: int | None = None) -> Path:
    """Write `figure` as the file `path` names; `width` is the still's width in pixels."""
    path = Path(path)
    kind = output_format(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    if kind == "html":
        from casegraph.viz.html import write_html

        write_html(figure, path)
    elif kind == "svg":
        from casegraph.viz.svg import figure_svg

        path.write_text(figure_svg(figure, width or 2400), encoding="utf-8")
    else:
        from casegraph.viz.png import write_png

        write_png(figure, path, width or 3200)
    return path


def write_overview(view, path: Path | str) -> Path:
    """The publishable overview page of everything a store View holds (restricted data left out,
    also when the view is of the restricted profile)."""
    from casegraph.graph.projection import project
    from casegraph.viz.compose import Options
    from casegraph.viz.views import figure_for

    graph = project(view)
    return write_figure(figure_for("overview", graph, Options()), path)
