"""The frame every still shares: banner, title, picture, legend, key, caption, credit, alt text.

Network figures (`svg.figure_svg`) and charts (`charts.chart_svg`) draw
their picture in pixels; this module puts it in the one house frame, 1,600
px wide (`WIDTH`): the width a newsroom page is designed at, where no text
is smaller than 11 px. Every text is XML-escaped (characters XML cannot
hold are dropped). The still says in words what it shows: `<title>`,
`<desc>` (the alt text) and `aria-label` on the root, and a visible caption.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from xml.sax.saxutils import escape, quoteattr

from casegraph.viz.metrics import FONT, text_width
from casegraph.viz.style import RESTRICTED_COLOUR

__all__ = ["WIDTH", "LEGEND_W", "PAD", "Frame", "frame_svg", "t", "a", "wrap", "text_el"]

WIDTH = 1600
LEGEND_W = 290
PAD = 24
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def t(text) -> str:
    """Text content, escaped."""
    return escape(_NOT_XML.sub("", str(text)))


def a(text) -> str:
    """An attribute value, escaped and quoted."""
    return quoteattr(_NOT_XML.sub("", str(text)))


def wrap(text: str, size: float, width: float, bold: bool = False) -> list[str]:
    """Lines of `text` no wider than `width` px, broken between words (a word longer than a line keeps its line)."""
    words, lines, line = str(text).split(), [], ""
    for word in words:
        candidate = f"{line} {word}".strip()
        if line and text_width(candidate, size, bold) > width:
            lines.append(line)
            line = word
        else:
            line = candidate
    return lines + ([line] if line else [])


def text_el(x: float, y: float, text: str, size: float, *, anchor: str = "start", fill: str = "#1a1a1a",
            bold: bool = False, owner: str | None = None, cls: str = "") -> str:
    """One <text> at (x, baseline y); `owner` names the mark it labels (data-for)."""
    attrs = f'x="{x:.1f}" y="{y:.1f}" font-size="{size:g}"'
    if anchor != "start":
        attrs += f' text-anchor="{anchor}"'
    if fill != "#1a1a1a":
        attrs += f' fill="{fill}"'
    if bold:
        attrs += ' font-weight="bold"'
    if owner is not None:
        attrs += f" data-for={a(owner)}"
    if cls:
        attrs += f' class="{cls}"'
    return f"<text {attrs}>{t(text)}</text>"


@dataclass
class Frame:
    """Everything around a picture; `body` is SVG markup drawn in a `body_w` x `body_h` box."""

    title: str
    body: str
    body_w: float
    body_h: float
    alt: str
    subtitle: str = ""
    notes: list[str] = field(default_factory=list)
    legend: list[tuple[str, list[dict]]] = field(default_factory=list)  # (heading, [{"name", "svg"}])
    key: list[tuple[str, str]] = field(default_factory=list)  # (number or short form, full text)
    key_title: str = "Key: the full text of numbered, abbreviated and shortened labels"
    caption: str = ""
    credit: str = ""
    include_restricted: bool = False


def _legend(legend, x: float, y: float, width: float) -> tuple[str, float]:
    out = [text_el(x, y, "Legend", 18, bold=True)]
    y += 26
    for heading, entries in legend:
        if not entries:
            continue
        for line in wrap(heading.upper(), 12, width, bold=True):
            out.append(text_el(x, y, line, 12, bold=True, fill="#555555"))
            y += 16
        y += 6
        for entry in entries:
            lines = wrap(entry["name"], 13, width - 46)
            out.append(f'<g transform="translate({x:.1f},{y - 6:.1f})" aria-hidden="true">{entry["svg"]}</g>')
            for i, line in enumerate(lines):
                out.append(text_el(x + 44, y + 11 + i * 16, line, 13))
            y += max(len(lines) * 16, 22) + 8
        y += 8
    return "".join(out), y


def _key(key, x: float, y: float, width: float, title: str) -> tuple[str, float]:
    if not key:
        return "", y
    out = [text_el(x, y + 14, title, 15, bold=True)]
    y += 26
    columns = 3 if len(key) > 8 else (2 if len(key) > 3 else 1)
    col_w = (width - (columns - 1) * 20) / columns
    per = -(-len(key) // columns)
    bottom = y
    for c in range(columns):
        cy = y
        for code, full in key[c * per:(c + 1) * per]:
            cx = x + c * (col_w + 20)
            code_w = 0.0  # a shortened label is the start of its full text: the full text alone is its key
            if len(code) <= 6:
                code_w = text_width(code, 13, True) + 8
                out.append(text_el(cx, cy + 13, code, 13, bold=True))
            lines = wrap(full, 13, col_w - code_w - 4)
            for i, line in enumerate(lines):
                out.append(text_el(cx + code_w, cy + 13 + i * 16, line, 13, fill="#333333"))
            cy += len(lines) * 16 + 4
        bottom = max(bottom, cy)
    return "".join(out), bottom + 6


def frame_svg(frame: Frame, width: int | None = None) -> str:
    """The whole still as an SVG document, laid out at 1,600 px; `width` scales it (viewBox unchanged)."""
    parts, y = [], 0.0
    if frame.include_restricted:
        parts.append(f'<rect x="0" y="0" width="{WIDTH}" height="40" fill="{RESTRICTED_COLOUR}"/>')
        parts.append(text_el(PAD, 26, "RESTRICTED DATA SHOWN: includes victims, minors or details that could "
                             "identify them. Not for publication.", 16, bold=True, fill="#ffffff"))
        y = 40.0
    y += 16
    for line in wrap(frame.title, 26, WIDTH - 2 * PAD, bold=True):
        y += 30
        parts.append(text_el(PAD, y, line, 26, bold=True))
    y += 8
    for line in wrap(frame.subtitle, 15, WIDTH - 2 * PAD):
        y += 20
        parts.append(text_el(PAD, y, line, 15, fill="#444444"))
    for note in frame.notes:
        for line in wrap(note, 14, WIDTH - 2 * PAD - 12):
            y += 19
            parts.append(text_el(PAD + 12, y, line, 14, fill="#5a4100"))
    y += 18
    top = y
    body_w = WIDTH - LEGEND_W - 2 * PAD
    scale = min(1.0, body_w / max(frame.body_w, 1))
    parts.append(f'<g transform="translate({PAD},{top:.1f})' + (f' scale({scale:.4f})' if scale < 1 else "")
                 + f'">{frame.body}</g>')
    legend, legend_bottom = _legend(frame.legend, WIDTH - LEGEND_W + 10, top + 14, LEGEND_W - 24)
    parts.append(f'<line x1="{WIDTH - LEGEND_W:.0f}" y1="{top:.1f}" x2="{WIDTH - LEGEND_W:.0f}" '
                 f'y2="{max(top + frame.body_h * scale, legend_bottom):.1f}" stroke="#dddddd"/>')
    parts.append(legend)
    y = max(top + frame.body_h * scale, legend_bottom) + 14
    key, y = _key(frame.key, PAD, y, WIDTH - 2 * PAD, frame.key_title)
    parts.append(key)
    for text, size, colour in ((frame.caption, 15, "#333333"), (frame.credit, 13, "#555555")):
        for line in wrap(text, size, WIDTH - 2 * PAD):
            y += size + 6
            parts.append(text_el(PAD, y, line, size, fill=colour))
        y += 4
    height = int(y + 18)
    shown_w = width or WIDTH
    shown_h = round(height * shown_w / WIDTH)
    return ('<?xml version="1.0" encoding="UTF-8"?>\n'
            f'<svg xmlns="http://www.w3.org/2000/svg" width="{shown_w}" height="{shown_h}" '
            f'viewBox="0 0 {WIDTH} {height}" role="img" aria-label={a(frame.alt)} '
            f'font-family={a(FONT)} fill="#1a1a1a">'
            f'<title>{t(frame.title)}</title><desc>{t(frame.alt)}</desc>'
            '<style>.halo{paint-order:stroke;stroke:#ffffff;stroke-width:3px;stroke-linejoin:round}</style>'
            f'<rect width="{WIDTH}" height="{height}" fill="#ffffff"/>' + "".join(parts) + "</svg>\n")
