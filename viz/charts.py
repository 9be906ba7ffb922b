"""Charts: the views that are not networks (tile map, pattern matrices, timeline).

A chart view draws its picture directly in pixels (its layout is a grid or
an axis, so every position and every text box is known when it is drawn)
and hands it over as a `Chart`; the frame around it (title, legend, key,
caption, credit, alt text) is the same as for network stills
(`still.frame_svg`), so all pictures share one house style. Drawn by hand
rather than with a plotting library: matplotlib would add a large
dependency to draw rectangles and text, write hashed ids and metadata that
need pinning for byte-identical output, and place text by its own metrics,
where these charts need every text box known in advance to prove nothing
overlaps.

Each cell, tile or bar is a `<g class="mark" data-id=...>` with a `<title>`
tooltip (`tip_text`: heading, facts, then the sources, one per line: the
place where citations are added). The page (`chart_page`) is the same SVG
inline in a self-contained HTML page with a Content-Security-Policy that
allows no script and no request at all.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache
from importlib import resources

from jinja2 import Environment, select_autoescape
from markupsafe import Markup

from casegraph import __version__
from casegraph.schemas.words import plural
from casegraph.viz.still import Frame, a, frame_svg, t

__all__ = ["Chart", "tip_text", "cell", "chart_svg", "chart_page", "SEQUENTIAL", "EMPTY", "bins", "swatch",
           "HATCH", "hatch_defs", "ink_on", "colour_of", "count_legend"]

SEQUENTIAL = ("#deebf7", "#9ecae1", "#6baed6", "#3182bd", "#08519c")
"""ColorBrewer Blues (5 classes): one hue, light to dark, readable in every common colour-vision deficiency."""
EMPTY = "#f2f2f2"
HATCH = "cg-hatch"


@dataclass
class Chart(Frame):
    """A drawn chart in its frame (a `still.Frame`); `marks` are the ids of its cells, tiles or bars."""

    view: str = ""
    marks: list[str] = field(default_factory=list)
    links: list = field(default_factory=list)  # charts draw no relationships (kept for the CLI's report)
    aggregated: bool = False
    empty: bool = False  # no case to chart: the CLI writes no file (a blank chart would read as "none")
    conditional: int = 0  # citations with handling code C behind it (`views.figure_for`): said, never drawn


def tip_text(heading: str, facts: list[tuple[str, str]] = (), sources: list[str] = ()) -> str:
    """A tooltip as plain text: heading, `field: value` lines, then `Source: ...` lines."""
    lines = [heading] + [f"{k}: {v}" for k, v in facts]
    lines += [f"Source: {s}" for s in sources]
    return "\n".join(lines)


def cell(mark_id: str, x: float, y: float, w: float, h: float, fill: str, tip: str, *,
         stroke: str = "#ffffff", dashed: bool = False, hatched: bool = False, extra: str = "") -> str:
    """One mark (a rect), with its tooltip; `extra` is drawn inside the mark's group (its own text)."""
    dash = ' stroke-dasharray="3,2"' if dashed else ""
    rect = (f'<rect x="{x:.1f}" y="{y:.1f}" width="{w:.1f}" height="{h:.1f}" fill="{fill}" stroke="{stroke}" '
            f'stroke-width="1.2"{dash}/>')
    if hatched:
        rect += (f'<rect x="{x:.1f}" y="{y:.1f}" width="{w:.1f}" height="{h:.1f}" fill="url(#{HATCH})" '
                 'stroke="none"/>')
    return f'<g class="mark" data-id={a(mark_id)}><title>{t(tip)}</title>{rect}{extra}</g>'


def hatch_defs() -> str:
    """The SVG pattern behind `hatched` cells (id `HATCH`), to put once in a chart's body."""
    return (f'<defs><pattern id="{HATCH}" width="6" height="6" patternUnits="userSpaceOnUse" '
            'patternTransform="rotate(45)"><line x1="0" y1="0" x2="0" y2="6" stroke="#1a1a1a" '
            'stroke-width="1.4" stroke-opacity="0.45"/></pattern></defs>')


def bins(maximum: int) -> list[tuple[int, int]]:
    """Up to five (low, high) count classes covering 1..maximum, as even as whole numbers allow."""
    if maximum <= 0:
        return []
    if maximum <= len(SEQUENTIAL):
        return [(n, n) for n in range(1, maximum + 1)]
    edges = [round(1 + (maximum - 1) * k / len(SEQUENTIAL)) for k in range(len(SEQUENTIAL) + 1)]
    out, low = [], 1
    for high in edges[1:]:
        if high >= low:
            out.append((low, high))
            low = high + 1
    return out


def colour_of(count: int, classes: list[tuple[int, int]]) -> str:
    """The fill of a count: `EMPTY` for 0, else its class's colour in `SEQUENTIAL` (classes from `bins`)."""
    if count <= 0:
        return EMPTY
    last = len(SEQUENTIAL) - 1
    for i, (low, high) in enumerate(classes):
        if low <= count <= high:  # fewer classes than colours: spread over the scale, darkest at the top
            return SEQUENTIAL[last - round((len(classes) - 1 - i) * last / max(len(classes) - 1, 1))] \
                if len(classes) > 1 else SEQUENTIAL[2]
    return SEQUENTIAL[-1]


def ink_on(fill: str) -> str:
    """Text colour that reads on `fill` (#rrggbb): white on dark, near-black on light."""
    r, g, b = (int(fill[i:i + 2], 16) for i in (1, 3, 5))
    return "#ffffff" if 0.299 * r + 0.587 * g + 0.114 * b < 140 else "#1a1a1a"


def swatch(fill: str, hatched: bool = False, dashed: bool = False) -> str:
    """A legend icon (36 x 22) of a filled cell."""
    dash = ' stroke-dasharray="3,2"' if dashed else ""
    out = f'<rect x="4" y="2" width="28" height="18" fill="{fill}" stroke="#8a8a8a" stroke-width="1"{dash}/>'
    if hatched:
        out += f'<rect x="4" y="2" width="28" height="18" fill="url(#{HATCH})"/>'
    return f'<svg width="36" height="22" viewBox="0 0 36 22">{out}</svg>'


def count_legend(maximum: int, noun: str = "case") -> list[dict]:
    """Legend entries for a count of `noun` (singular) coloured by `bins`: one per class, and the empty cell."""
    entries = [{"name": f"no {plural(0, noun)}", "svg": swatch(EMPTY)}]
    for low, high in bins(maximum):
        name = f"{low:,}" if low == high else f"{low:,}–{high:,}"
        entries.append({"name": f"{name} {plural(high, noun)}", "svg": swatch(colour_of(low, bins(maximum)))})
    return entries


def chart_svg(chart: Chart, width: int | None = None) -> str:
    """The still of a chart (laid out at 1,600 px; `width` scales it)."""
    return frame_svg(chart, width)


@cache
def _template():
    env = Environment(autoescape=select_autoescape(default=True, default_for_string=True),
                      trim_blocks=True, lstrip_blocks=True)
    return env.from_string(resources.files("casegraph.viz").joinpath("assets", "chart.html.j2")
                           .read_text(encoding="utf-8"))


def chart_page(chart: Chart) -> str:
    """The chart as a self-contained page: its still inline (tooltips on hover), no script, no request."""
    svg = chart_svg(chart).split("\n", 1)[1]  # drop the XML declaration inside HTML
    svg = svg.replace(f'width="{1600}"', 'width="100%"', 1)
    return _template().render(chart=chart, svg=Markup(svg), version=__version__)
