"""The legend of a figure: only what the picture shows, drawn from the style table.

Page and SVG both take their legend from here, so each entry looks exactly
like the marks it explains. Icons are built only from casegraph's own style
constants (never from data), which is why the page may insert them as markup.
"""

from __future__ import annotations

from markupsafe import Markup

from casegraph.viz.figure import Figure
from casegraph.viz.style import DECLINED, NODE_STYLES, RESTRICTED_COLOUR, STATUS_LINES, STATUS_ORDER, node_style

__all__ = ["legend_entries"]


_FAINT = {"NEIGHBOURS": "neighbouring boroughs", "SHOWS": "a case shows a pattern"}


def _node_icon(style, dashed: tuple | None = None, stroke: str | None = None, width: float = 1.5) -> str:
    from casegraph.viz.svg import darker, shape_svg

    box = (30, 18) if style.label_inside else None
    return shape_svg(style.shape, 18, 11, 8.5, style.colour, stroke or darker(style.colour), width, dashed, box)


def _line_svg(status: str, colour: str = "#5f5f5f") -> str:
    style = STATUS_LINES[status]
    dash = f' stroke-dasharray="{",".join(str(d) for d in style.dashes)}"' if style.dashes else ""
    return f'<line x1="1" y1="11" x2="35" y2="11" stroke="{colour}" stroke-width="{max(style.width, 1.5)}"{dash}/>'


def _wrap(svg: str) -> Markup:
    return Markup(f'<svg width="36" height="22" viewBox="0 0 36 22" aria-hidden="true">{svg}</svg>')


def legend_entries(figure: Figure) -> dict[str, list[dict]]:
    kinds = {m.kind for m in figure.marks if m.variant != "declined"}
    nodes = [{"name": style.name, "svg": _node_icon(style)} for kind, style in NODE_STYLES.items() if kind in kinds]
    if any(m.variant == "declined" for m in figure.marks):
        nodes.append({"name": DECLINED.name, "svg": _node_icon(DECLINED)})
    statuses = {link.status for link in figure.links}
    lines = [{"name": STATUS_LINES[s].name, "svg": _line_svg(s)} for s in STATUS_ORDER if s in statuses]
    extra = []
    if any(m.status and STATUS_LINES.get(m.status) and STATUS_LINES[m.status].dashes for m in figure.marks):
        extra.append({"name": "dashed or dotted outline: the node's own claim is not established (alleged, inferred ...)",
                      "svg": _node_icon(node_style("Person"), dashed=(4, 3))})
    if figure.aggregated:
        extra.append({"name": "thick outline: a group standing for many nodes (count in its label)",
                      "svg": _node_icon(node_style("CaseFile"), width=4)})
        extra.append({"name": "thick line: a bundle of relationships (×count)",
                      "svg": '<line x1="1" y1="11" x2="35" y2="11" stroke="#5f5f5f" stroke-width="6"/>'})
    faint = sorted({_FAINT.get(link.type, link.type.replace("_", " ").lower()) for link in figure.links if link.faint})
    if faint:
        extra.append({"name": "light line, for context: " + "; ".join(faint),
                      "svg": '<line x1="1" y1="11" x2="35" y2="11" stroke="#c9c9c9" stroke-width="1.5"/>'})
    if figure.include_restricted:
        extra.append({"name": "red outline or line: restricted, not for publication",
                      "svg": _node_icon(node_style("Person"), stroke=RESTRICTED_COLOUR, width=3)})
    for group in (nodes, lines, extra):
        for entry in group:
            entry["icon"] = _wrap(entry["svg"])
    return {"nodes": nodes, "lines": lines, "extra": extra}
