"""Writing views to files: a page (.html), or a still (.png, .svg), by extension.

`write_overview(view, path)` is what `casegraph build` calls after a build:
the publishable overview of the whole graph, as a page.
"""

from __future__ import annotations

from pathlib import Path

from casegraph.viz.charts import Chart, chart_page, chart_svg
from casegraph.viz.figure import Figure

__all__ = ["FORMATS", "write_figure", "write_overview", "overview_figure", "written_by_casegraph", "output_format", "still_svg", "page_of"]

FORMATS = {".html": "html", ".htm": "html", ".png": "png", ".svg": "svg"}


def output_format(path: Path | str) -> str:
    suffix = Path(path).suffix.lower()
    if suffix not in FORMATS:
        raise ValueError(f"cannot tell the format of {str(path)!r}: end it in .html, .png or .svg")
    return FORMATS[suffix]


def still_svg(still: Figure | Chart, width: int | None = None) -> str:
    """The SVG still of a network figure or a chart (1,600 px wide unless `width`)."""
    if isinstance(still, Chart):
        return chart_svg(still, width)
    from casegraph.viz.svg import figure_svg

    return figure_svg(still, width)


def page_of(still: Figure | Chart) -> str:
    """The HTML page of a network figure (interactive, vis-network) or a chart (its still inline, no script)."""
    if isinstance(still, Chart):
        return chart_page(still)
    from casegraph.viz.html import page_html

    return page_html(still)


def write_figure(figure: Figure | Chart, path: Path | str, width: int | None = None) -> Path:
    """Write `figure` as the file `path` names and return the file written: a figure that includes
    restricted data (`include_restricted`) gets `.restricted` in its name (`exports.base.marked_path`),
    as its banner says inside. `width` is the still's width in pixels (SVG default 1,600, PNG 3,200).
    Raises ValueError for an unknown extension, `browser.BrowserError` when a PNG is asked for and no
    Chromium is found, and `casegraph.outputs.OutputError` for a path it cannot write (a folder, a file
    above it)."""
    from casegraph.exports.base import marked_path
    from casegraph.outputs import writing

    kind = output_format(path)
    path = marked_path(path, figure.include_restricted)
    with writing(path, f"the {kind} picture"):
        if kind == "html":
            path.write_text(page_of(figure), encoding="utf-8")
        elif kind == "svg":
            path.write_text(still_svg(figure, width), encoding="utf-8")
        else:
            from casegraph.viz.png import write_png

            write_png(figure, path, width or 3200)
    return path


GENERATOR_MARK = b'<meta name="generator" content="casegraph '
"""What every page casegraph writes carries in its head (viz/assets/*.html.j2)."""


def written_by_casegraph(path: Path | str) -> bool:
    """True when `path` is a page casegraph wrote (its head names casegraph as its generator): a file
    a default path may replace; anything else there is the user's. Reads the first 2 KB."""
    try:
        with open(path, "rb") as handle:
            return GENERATOR_MARK in handle.read(2048)
    except OSError:
        return False


def write_overview(view, path: Path | str) -> Path:
    """The publishable overview page of everything a store View holds (restricted data left out,
    also when the view is of the restricted profile): `write_figure(overview_figure(view), path)`."""
    return write_figure(overview_figure(view), path)


def overview_figure(view):
    """The overview `Figure` `write_overview` writes (its `conditional` says what handling code C asks)."""
    from casegraph.graph.projection import project
    from casegraph.viz.compose import Options
    from casegraph.viz.views import figure_for

    return figure_for("overview", project(view), Options())
