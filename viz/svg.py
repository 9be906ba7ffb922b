"""Figure -> SVG: a print-ready vector still, drawn from the same positions and styles as the page.

Written by hand rather than through a plotting library: the figure already
holds every position, shape, colour and dash, so SVG is a direct
translation, with no extra dependency and no browser. Every text is escaped
for XML (and characters XML cannot hold are dropped), so data can never
become markup in the file.
"""

from __future__ import annotations

import math
import re
from xml.sax.saxutils import escape, quoteattr

from casegraph.viz.figure import Figure, Link, Mark
from casegraph.viz.legend import legend_entries
from casegraph.viz.style import RESTRICTED_COLOUR, line_style, node_style

__all__ = ["figure_svg", "write_svg", "shape_svg", "line_icon", "text_width"]

FONT = "Liberation Sans, DejaVu Sans, Arial, Helvetica, sans-serif"
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
WIDTH = 2400
LEGEND_W = 330


def _t(text: str) -> str:
    """Text content, escaped."""
    return escape(_NOT_XML.sub("", str(text)))


def _a(text: str) -> str:
    """An attribute value, escaped and quoted."""
    return quoteattr(_NOT_XML.sub("", str(text)))


def text_width(text: str, size: float) -> float:
    """Estimated width of a text in a sans-serif face (no font metrics without a browser)."""
    return len(text) * size * 0.55


def _points(pts) -> str:
    return " ".join(f"{x:.1f},{y:.1f}" for x, y in pts)


def shape_svg(shape: str, x: float, y: float, r: float, fill: str, stroke: str, width: float = 1.5,
              dashes: tuple | None = None, box: tuple[float, float] | None = None) -> str:
    """One vis-network shape as SVG; label-inside shapes take their `box` (w, h)."""
    style = f'fill="{fill}" stroke="{stroke}" stroke-width="{width:.1f}"'
    if dashes:
        style += f' stroke-dasharray="{",".join(str(d) for d in dashes)}"'
    if shape == "dot":
        return f'<circle cx="{x:.1f}" cy="{y:.1f}" r="{r:.1f}" {style}/>'
    if shape == "square":
        return f'<rect x="{x - r:.1f}" y="{y - r:.1f}" width="{2 * r:.1f}" height="{2 * r:.1f}" {style}/>'
    if shape == "diamond":
        return f'<polygon points="{_points([(x, y - r), (x + r, y), (x, y + r), (x - r, y)])}" {style}/>'
    if shape in ("triangle", "triangleDown"):
        s = 2 * r
        ir = math.sqrt(3) / 6 * s
        h = math.sqrt(s * s - (s / 2) ** 2)
        sign = 1 if shape == "triangle" else -1
        pts = [(x, y - sign * (h - ir)), (x + s / 2, y + sign * ir), (x - s / 2, y + sign * ir)]
        return f'<polygon points="{_points(pts)}" {style}/>'
    if shape == "star":
        pts = [(x + (r * 1.3 if i % 2 == 0 else r * 0.5) * math.sin(i * math.pi / 5),
                y - (r * 1.3 if i % 2 == 0 else r * 0.5) * math.cos(i * math.pi / 5)) for i in range(10)]
        return f'<polygon points="{_points(pts)}" {style}/>'
    if shape == "hexagon":
        pts = [(x + r * math.cos(i * math.pi / 3), y + r * math.sin(i * math.pi / 3)) for i in range(6)]
        return f'<polygon points="{_points(pts)}" {style}/>'
    w, h = box or (2 * r, 1.4 * r)
    if shape == "box":
        return f'<rect x="{x - w / 2:.1f}" y="{y - h / 2:.1f}" width="{w:.1f}" height="{h:.1f}" rx="4" {style}/>'
    if shape == "ellipse":
        return f'<ellipse cx="{x:.1f}" cy="{y:.1f}" rx="{w / 2:.1f}" ry="{h / 2:.1f}" {style}/>'
    if shape == "circle":
        return f'<circle cx="{x:.1f}" cy="{y:.1f}" r="{max(w, h) / 2:.1f}" {style}/>'
    if shape == "database":
        top, bottom, left, right, ry = y - h / 2, y + h / 2, x - w / 2, x + w / 2, h * 0.15
        return (f'<path d="M{left:.1f},{top + ry:.1f} A{w / 2:.1f},{ry:.1f} 0 0 1 {right:.1f},{top + ry:.1f} '
                f'L{right:.1f},{bottom - ry:.1f} A{w / 2:.1f},{ry:.1f} 0 0 1 {left:.1f},{bottom - ry:.1f} Z '
                f'M{left:.1f},{top + ry:.1f} A{w / 2:.1f},{ry:.1f} 0 0 0 {right:.1f},{top + ry:.1f}" {style}/>')
    return f'<circle cx="{x:.1f}" cy="{y:.1f}" r="{r:.1f}" {style}/>'


def line_icon(status: str, length: float = 34.0) -> str:
    """A legend sample of a claim status's line (a standalone SVG element)."""
    style = line_style(status)
    dash = f' stroke-dasharray="{",".join(str(d) for d in style.dashes)}"' if style.dashes else ""
    return (f'<svg width="{length:.0f}" height="14" viewBox="0 0 {length:.0f} 14" aria-hidden="true">'
            f'<line x1="1" y1="7" x2="{length - 1:.0f}" y2="7" stroke="#5f5f5f" stroke-width="{max(style.width, 1.5)}"{dash}/></svg>')


def _wrap(text: str, size: float, width: float) -> list[str]:
    words, lines, line = str(text).split(), [], ""
    for word in words:
        candidate = f"{line} {word}".strip()
        if line and text_width(candidate, size) > width:
            lines.append(line)
            line = word
        else:
            line = candidate
    return lines + ([line] if line else [])


def _mark_box(mark: Mark) -> tuple[float, float, list[str]]:
    """Size of a label-inside shape, and its label's lines (as vis wraps them)."""
    style = node_style(mark.kind, mark.variant)
    limit = 130 if style.shape == "circle" else 190
    lines = _wrap(mark.label, 14, limit - 16) or [""]
    w = min(max(text_width(line, 14) for line in lines) + 16, limit)
    return w, len(lines) * 17 + 16, lines


def _mark(mark: Mark) -> tuple[str, str]:
    """A node's shape and its label (labels go on top of every shape)."""
    style = node_style(mark.kind, mark.variant)
    stroke = RESTRICTED_COLOUR if mark.restricted else _darker(style.colour)
    width = 4 if mark.count else (3 if mark.restricted else 1.5)
    dashes = line_style(mark.status or "reported").dashes
    if style.label_inside:
        w, h, lines = _mark_box(mark)
        shape = shape_svg(style.shape, mark.x, mark.y, mark.size, style.colour, stroke, width, dashes, (w, h))
        first = mark.y - (len(lines) - 1) * 17 / 2
        label = "".join(
            f'<text x="{mark.x:.1f}" y="{first + i * 17:.1f}" fill="{style.font}" text-anchor="middle" '
            f'dominant-baseline="central" font-size="14">{_t(line)}</text>' for i, line in enumerate(lines))
        return shape, label
    shape = shape_svg(style.shape, mark.x, mark.y, mark.size, style.colour, stroke, width, dashes)
    size = 16 if mark.count else 14
    label = (f'<text x="{mark.x:.1f}" y="{mark.y + mark.size + 5 + size * 0.8:.1f}" text-anchor="middle" '
             f'font-size="{size}" class="halo">{_t(mark.label)}</text>')
    return shape, label


def _darker(colour: str, factor: float = 0.62) -> str:
    r, g, b = (int(colour[i:i + 2], 16) for i in (1, 3, 5))
    return "#{:02x}{:02x}{:02x}".format(int(r * factor), int(g * factor), int(b * factor))


def _link(link: Link, marks: dict[str, Mark]) -> str:
    a, b = marks[link.source], marks[link.target]
    style = line_style(link.status)
    colour = RESTRICTED_COLOUR if link.restricted else ("#c9c9c9" if link.faint else "#5f5f5f")
    dx, dy = b.x - a.x, b.y - a.y
    length = math.hypot(dx, dy) or 1.0
    ux, uy = dx / length, dy / length
    end_x, end_y = b.x - ux * (b.size + 3), b.y - uy * (b.size + 3)
    width = link.width or style.width
    dash = f' stroke-dasharray="{",".join(str(d) for d in style.dashes)}"' if style.dashes else ""
    out = (f'<line x1="{a.x:.1f}" y1="{a.y:.1f}" x2="{end_x:.1f}" y2="{end_y:.1f}" stroke="{colour}" '
           f'stroke-width="{width:.1f}"{dash}/>')
    if link.arrow and length > b.size + 12:
        tip, back, side = (end_x, end_y), (end_x - ux * 10, end_y - uy * 10), (-uy * 4.5, ux * 4.5)
        pts = [tip, (back[0] + side[0], back[1] + side[1]), (back[0] - side[0], back[1] - side[1])]
        out += f'<polygon points="{_points(pts)}" fill="{colour}"/>'
    if link.label:
        mx, my = (a.x + b.x) / 2, (a.y + b.y) / 2
        out += f'<text x="{mx:.1f}" y="{my:.1f}" text-anchor="middle" font-size="11" fill="#444444" class="halo">{_t(link.label)}</text>'
    return out


def _guides(figure: Figure) -> str:
    fills = ["rgba(0,0,0,0.035)", "none", "rgba(230,159,0,0.22)"]
    out = []
    for g in figure.guides:
        if g.kind == "band":
            out.append(f'<rect x="{g.x:.1f}" y="{g.y:.1f}" width="{g.x2 - g.x:.1f}" height="{g.y2 - g.y:.1f}" '
                       f'fill="{fills[g.shade] if g.shade < 3 else fills[0]}"/>')
        elif g.kind == "line":
            colour, width = ("rgba(230,159,0,0.55)", 10) if g.shade == 2 else ("rgba(0,0,0,0.18)", 2)
            out.append(f'<line x1="{g.x:.1f}" y1="{g.y:.1f}" x2="{g.x2:.1f}" y2="{g.y2:.1f}" stroke="{colour}" '
                       f'stroke-width="{width}" stroke-linecap="round"/>')
        elif g.kind == "text":
            anchor = "end" if g.x2 < 0 else "start"
            out.append(f'<text x="{g.x:.1f}" y="{g.y:.1f}" text-anchor="{anchor}" dominant-baseline="central" '
                       f'font-size="{g.size:.0f}" font-weight="bold" fill="#555555">{_t(g.text)}</text>')
    return "".join(out)


def figure_svg(figure: Figure, width: int = WIDTH) -> str:
    """The whole still: banner, title, graph, legend, caption and credit."""
    graph_w = width - LEGEND_W
    min_x, min_y, max_x, max_y = _extent(figure)
    pad = 40
    min_x, min_y, max_x, max_y = min_x - pad, min_y - pad, max_x + pad, max_y + pad + 20
    view_w, view_h = max(max_x - min_x, 1), max(max_y - min_y, 1)
    graph_h = int(min(max(graph_w * view_h / view_w, 700), 2600))
    parts, y = [], 0
    if figure.include_restricted:
        parts.append(f'<rect x="0" y="0" width="{width}" height="52" fill="{RESTRICTED_COLOUR}"/>'
                     f'<text x="24" y="34" fill="#ffffff" font-size="22" font-weight="bold">RESTRICTED DATA SHOWN: '
                     'this picture includes victims, minors or details that could identify them. Not for publication.</text>')
        y = 52
    y += 48
    for line in _wrap(figure.title, 34, width - 48):
        parts.append(f'<text x="24" y="{y}" font-size="34" font-weight="bold">{_t(line)}</text>')
        y += 42
    for line in _wrap(figure.subtitle, 20, width - 48):
        parts.append(f'<text x="24" y="{y}" font-size="20" fill="#444444">{_t(line)}</text>')
        y += 28
    for note in figure.notes:
        for line in _wrap(note, 19, width - 60):
            parts.append(f'<text x="32" y="{y}" font-size="19" fill="#5a4100">{_t(line)}</text>')
            y += 26
    y += 10
    graph_top = y
    marks = {m.id: m for m in figure.marks}
    drawn = [_mark(m) for m in figure.marks]
    parts.append(
        f'<svg x="0" y="{graph_top}" width="{graph_w}" height="{graph_h}" '
        f'viewBox="{min_x:.1f} {min_y:.1f} {view_w:.1f} {view_h:.1f}" preserveAspectRatio="xMidYMid meet">'
        + _guides(figure)
        + "".join(_link(link, marks) for link in figure.links if link.source in marks and link.target in marks)
        + "".join(shape for shape, _ in drawn) + "".join(label for _, label in drawn)
        + "</svg>")
    parts.append(f'<line x1="{graph_w}" y1="{graph_top}" x2="{graph_w}" y2="{graph_top + graph_h}" stroke="#dddddd"/>')
    parts.append(_legend_svg(figure, graph_w + 20, graph_top + 30))
    y = graph_top + graph_h + 36
    for text, size, colour in ((figure.caption, 20, "#333333"), (figure.credit, 17, "#555555")):
        for line in _wrap(text, size, width - 48):
            parts.append(f'<text x="24" y="{y}" font-size="{size}" fill="{colour}">{_t(line)}</text>')
            y += size + 8
    height = y + 16
    return (f'<?xml version="1.0" encoding="UTF-8"?>\n'
            f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" viewBox="0 0 {width} {height}" '
            f'font-family={_a(FONT)} fill="#1a1a1a">'
            f'<title>{_t(figure.title)}</title>'
            '<style>.halo{paint-order:stroke;stroke:#ffffff;stroke-width:4px;stroke-linejoin:round;fill:#1a1a1a}</style>'
            f'<rect width="{width}" height="{height}" fill="#ffffff"/>' + "".join(parts) + "</svg>\n")


def _extent(figure: Figure) -> tuple[float, float, float, float]:
    """The figure's bounds, widened to hold every label and heading (not only the shapes)."""
    min_x, min_y, max_x, max_y = figure.bounds()
    for mark in figure.marks:
        half = text_width(mark.label, 14) / 2
        min_x, max_x = min(min_x, mark.x - half), max(max_x, mark.x + half)
        max_y = max(max_y, mark.y + mark.size + 24)
    for guide in figure.guides:
        if guide.kind == "text":
            width = text_width(guide.text, guide.size) * 1.1
            if guide.x2 < 0:
                min_x = min(min_x, guide.x - width)
            else:
                max_x = max(max_x, guide.x + width)
    return min_x, min_y, max_x, max_y


def _legend_svg(figure: Figure, x: float, y: float) -> str:
    legend = legend_entries(figure)
    out = [f'<text x="{x}" y="{y}" font-size="22" font-weight="bold">Legend</text>']
    y += 34
    for heading, entries in (("Node type (colour and shape)", legend["nodes"]),
                             ("Claim status (line)", legend["lines"]), ("Also", legend["extra"])):
        if not entries:
            continue
        out.append(f'<text x="{x}" y="{y}" font-size="15" font-weight="bold" fill="#555555">{_t(heading.upper())}</text>')
        y += 26
        for entry in entries:
            out.append(f'<g transform="translate({x},{y - 11})">{entry["svg"]}</g>')
            for line in _wrap(entry["name"], 17, LEGEND_W - 80):
                out.append(f'<text x="{x + 46}" y="{y}" font-size="17" dominant-baseline="central">{_t(line)}</text>')
                y += 22
            y += 8
        y += 10
    return "".join(out)


def write_svg(figure: Figure, path) -> None:
    from pathlib import Path

    Path(path).write_text(figure_svg(figure), encoding="utf-8")
