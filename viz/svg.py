"""Figure -> SVG: a print-ready vector still of a network view, every label placed where it overlaps nothing.

Written by hand rather than through a plotting library: the figure already
holds every position, shape, colour and dash, so SVG is a direct
translation. The figure's positions are scaled into the still's picture
area (1,262 px wide in the 1,600 px frame); marks keep their size, labels
are 12 px and are placed by `labels.place_labels` (moved, led, shortened
between words or numbered, the full text in the key and in each mark's
`<title>` tooltip). The frame (title, legend, key, caption, credit, alt
text) is `still.frame_svg`. Shapes with their label inside on the page
(reviews, statements ...) are drawn small with the label outside, like the
others, so every label goes through the same placement.
"""

from __future__ import annotations

import math
from dataclasses import replace

from casegraph.viz.figure import Figure, Link, Mark
from casegraph.viz.labels import Box, Occupancy, place_labels, text_box
from casegraph.viz.legend import legend_entries
from casegraph.viz.metrics import text_width
from casegraph.viz.still import LEGEND_W, PAD, WIDTH, Frame, a, frame_svg, t, text_el
from casegraph.viz.style import RESTRICTED_COLOUR, line_style, node_style

__all__ = ["figure_svg", "figure_frame", "shape_svg", "darker", "BODY_W"]

BODY_W = WIDTH - LEGEND_W - 2 * PAD
MAX_H = 1500.0
LABEL = 12.0
_PRIORITY = {"Borough": 0, "CaseFile": 1, "Institution": 2, "Person": 3, "Place": 4, "Investigation": 5,
             "Review": 6, "Indicator": 7, "Statement": 8, "Recommendation": 9}


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


def darker(colour: str, factor: float = 0.62) -> str:
    """A border colour: `colour` (#rrggbb) darkened."""
    r, g, b = (int(colour[i:i + 2], 16) for i in (1, 3, 5))
    return "#{:02x}{:02x}{:02x}".format(int(r * factor), int(g * factor), int(b * factor))


class _Scale:
    """Figure units -> picture pixels: fit the marks and guides into BODY_W x at most MAX_H."""

    def __init__(self, figure: Figure, marks: list[Mark]):
        xs = [m.x for m in marks] + [g.x for g in figure.guides] + [g.x2 for g in figure.guides if g.kind != "text"]
        ys = [m.y for m in marks] + [g.y for g in figure.guides] + [g.y2 for g in figure.guides if g.kind != "text"]
        xs, ys = xs or [0.0], ys or [0.0]
        left = max([text_width(g.text, _guide_size(g), True) + 12 for g in figure.guides
                    if g.kind == "text" and g.x2 < 0] + [110.0])
        self.pad_l, self.pad_r, self.pad_y = left, 120.0, 46.0
        span_x, span_y = max(max(xs) - min(xs), 1.0), max(max(ys) - min(ys), 1.0)
        self.s = min((BODY_W - self.pad_l - self.pad_r) / span_x, (MAX_H - 2 * self.pad_y) / span_y, 1.4)
        self.x0, self.y0 = min(xs), min(ys)
        self.height = max(span_y * self.s + 2 * self.pad_y, 320.0)

    def __call__(self, x: float, y: float) -> tuple[float, float]:
        return self.pad_l + (x - self.x0) * self.s, self.pad_y + (y - self.y0) * self.s


def _guide_size(guide) -> float:
    return max(12.0, min(guide.size * 0.8, 15.0))


def _radius(mark: Mark, s: float) -> float:
    return max(4.0, min(mark.size * s, mark.size * 0.8))


def _mark_svg(mark: Mark, x: float, y: float, r: float) -> str:
    style = node_style(mark.kind, mark.variant)
    stroke = RESTRICTED_COLOUR if mark.restricted else darker(style.colour)
    width = 3 if mark.count or mark.restricted else 1.2
    dashes = line_style(mark.status or "reported").dashes
    if dashes:
        dashes = tuple(max(1, d // 2) for d in dashes)
    shape_name, fill = mark.shape or style.shape, mark.colour or style.colour
    box = (2 * r, 1.4 * r) if shape_name in ("box", "ellipse", "circle", "database") else None
    shape = shape_svg(shape_name, x, y, r, fill, stroke, width, dashes, box)
    return f'<g class="mark" data-id={a(mark.id)}><title>{t(mark.heading or mark.label)}</title>{shape}</g>'


def _mark_box(mark: Mark, x: float, y: float, r: float) -> Box:
    """The drawn extent of a mark: its shape (triangles reach 1.155 r from the centre), plus its outline."""
    style = node_style(mark.kind, mark.variant)
    grow = 1.3 if style.shape == "star" else 1.0
    h = 0.7 * r if style.label_inside else r * (1.16 if style.shape.startswith("triangle") else grow)
    pad = 2.5 if mark.count or mark.restricted else 1.5
    return Box(x - r * grow - pad, y - h - pad, x + r * grow + pad, y + h + pad)


def _link_svg(link: Link, a_xy, b_xy, rb: float) -> str:
    style = line_style(link.status)
    colour = RESTRICTED_COLOUR if link.restricted else ("#c9c9c9" if link.faint else "#6f6f6f")
    dx, dy = b_xy[0] - a_xy[0], b_xy[1] - a_xy[1]
    length = math.hypot(dx, dy) or 1.0
    ux, uy = dx / length, dy / length
    end_x, end_y = b_xy[0] - ux * (rb + 2), b_xy[1] - uy * (rb + 2)
    width = min(link.width or style.width, 8.0)
    dash = f' stroke-dasharray="{",".join(str(d) for d in style.dashes)}"' if style.dashes else ""
    out = (f'<line x1="{a_xy[0]:.1f}" y1="{a_xy[1]:.1f}" x2="{end_x:.1f}" y2="{end_y:.1f}" stroke="{colour}" '
           f'stroke-width="{width:.1f}"{dash}/>')
    if link.arrow and length > rb + 16:
        tip, back, side = (end_x, end_y), (end_x - ux * 8, end_y - uy * 8), (-uy * 3.5, ux * 3.5)
        pts = [tip, (back[0] + side[0], back[1] + side[1]), (back[0] - side[0], back[1] - side[1])]
        out += f'<polygon points="{_points(pts)}" fill="{colour}"/>'
    return f"<g><title>{t(link.heading)}</title>{out}</g>"


def _guides(figure: Figure, to, occupied: Occupancy) -> tuple[str, str]:
    """Bands and lines beneath everything; guide texts (headings, lanes) returned apart, drawn on top."""
    fills = ["#f4f4f4", "none", "#f7dca6"]
    under, texts = [], []
    for g in figure.guides:
        x, y = to(g.x, g.y)
        if g.kind == "band":
            x2, y2 = to(g.x2, g.y2)
            if g.shade != 1:
                under.append(f'<rect x="{x:.1f}" y="{y:.1f}" width="{x2 - x:.1f}" height="{y2 - y:.1f}" '
                             f'fill="{fills[g.shade] if g.shade < 3 else fills[0]}"/>')
        elif g.kind == "line":
            x2, y2 = to(g.x2, g.y2)
            colour, width = ("#efc36f", 6) if g.shade == 2 else ("#cfcfcf", 2)
            under.append(f'<line x1="{x:.1f}" y1="{y:.1f}" x2="{x2:.1f}" y2="{y2:.1f}" stroke="{colour}" '
                         f'stroke-width="{width}" stroke-linecap="round"/>')
        elif g.kind == "text":  # headings keep their place if it is free, else the nearest free one above or below
            size = _guide_size(g)
            anchor = "end" if g.x2 < 0 else "start"
            for dy in (0, -10, 10, -20, 20, -30, 30, -40, 40, -55, 55, -70, 70):
                base = y + (0.93 - 0.24) * size / 2 + dy
                box = text_box(x, base, g.text, size, anchor, bold=True)
                if occupied.free(box):
                    break
            occupied.add(box)
            texts.append(text_el(x, base, g.text, size, anchor=anchor, bold=True, fill="#555555"))
    return "".join(under), "".join(texts)


def _link_labels(links, at, occupied: Occupancy, bounds: Box) -> str:
    """Words on lines ("inferred", "×3 mixed"): near the middle where free, else left to the line's dashes."""
    out = []
    for link in links:
        if not link.label:
            continue
        (ax, ay), (bx, by) = at[link.source], at[link.target]
        for f in (0.5, 0.38, 0.62, 0.28, 0.72):
            x, y = ax + (bx - ax) * f, ay + (by - ay) * f + 4
            box = text_box(x, y, link.label, 11, "middle")
            if box.inside(bounds) and occupied.free(box):
                occupied.add(box)
                out.append(text_el(x, y, link.label, 11, anchor="middle", fill="#444444", owner=link.id, cls="halo"))
                break
    return "".join(out)


def _full_label(mark: Mark) -> str:
    """A mark's label before any shortening: the still shortens (between words) only where room runs out."""
    if not mark.label.endswith("…"):
        return mark.label
    if mark.count:
        return mark.heading
    prefix = "Declined to comment: " if mark.variant == "declined" else ""
    return prefix + mark.heading + (" (restricted)" if mark.restricted else "")


def network_body(figure: Figure) -> tuple[str, float, float, list[tuple[str, str]], list[str]]:
    """The picture of a network figure in pixels: (svg, width, height, key, unlabelled)."""
    marks = [m for m in figure.marks if not m.more]
    scale = _Scale(figure, marks)
    at = {m.id: scale(m.x, m.y) for m in marks}
    radius = {m.id: _radius(m, scale.s) for m in marks}
    occupied = Occupancy()
    bounds = Box(2, 2, BODY_W - 2, scale.height - 2)
    for m in marks:
        occupied.add(_mark_box(m, *at[m.id], radius[m.id]), m.id)
    under, guide_texts = _guides(figure, scale, occupied)
    links = [l for l in figure.links if l.source in at and l.target in at]
    order = sorted(marks, key=lambda m: (0 if m.count else 1, _PRIORITY.get(m.kind, 10), -m.size, m.id))
    requests = [(m.id, *at[m.id], radius[m.id], _full_label(m), 13.0 if m.count else LABEL) for m in order]
    placed, key, unlabelled = place_labels(requests, occupied, bounds, max_width=300.0)
    parts = [under]
    parts += [_link_svg(l, at[l.source], at[l.target], radius[l.target]) for l in links]
    parts += [_mark_svg(m, *at[m.id], radius[m.id]) for m in marks]
    for p in placed:
        if p.leader:
            parts.append(f'<line x1="{p.leader[0]:.1f}" y1="{p.leader[1]:.1f}" x2="{p.leader[2]:.1f}" '
                         f'y2="{p.leader[3]:.1f}" stroke="#9a9a9a" stroke-width="0.8"/>')
    parts.append(guide_texts)
    parts.append(_link_labels(links, at, occupied, bounds))
    parts += [text_el(p.x, p.y, p.text, p.size, anchor=p.anchor, owner=p.owner, cls="halo",
                      bold=p.keyed and p.text.isdigit()) for p in placed]
    return "".join(parts), float(BODY_W), scale.height, key, unlabelled


def figure_frame(figure: Figure) -> Frame:
    """The still of a network figure: its picture in the house frame, with legend, key and alt text."""
    body, w, h, key, unlabelled = network_body(figure)
    shown = {m.id for m in figure.marks if not m.more}
    legend = legend_entries(replace(figure, marks=[m for m in figure.marks if m.id in shown],
                                    links=[l for l in figure.links if l.source in shown and l.target in shown]))
    notes = list(figure.notes)
    if unlabelled:
        key = key + [("–", "no room for a label in this still (see the page): " + "; ".join(unlabelled))]
    more = sum(1 for m in figure.marks if m.more)
    if more:
        notes.append(f"{more:,} more nodes are one click away on the page (“Show everything”).")
    return Frame(
        title=figure.title, body=body, body_w=w, body_h=h, alt=figure.alt or figure.subtitle,
        subtitle=figure.subtitle, notes=notes,
        legend=[("Node type (colour and shape)", legend["nodes"]), ("Claim status (line)", legend["lines"]),
                ("Also", legend["extra"])],
        key=key, caption=figure.caption, credit=figure.credit, include_restricted=figure.include_restricted,
    )


def figure_svg(figure: Figure, width: int | None = None) -> str:
    """The whole still of a network figure (laid out at 1,600 px; `width` scales it)."""
    return frame_svg(figure_frame(figure), width)
