"""How things look: node type by colour AND shape, claim status by line.

One table for every renderer (page, SVG, PNG), so a legend never disagrees
with the picture. Colours are the Okabe-Ito palette plus a few from Paul
Tol's, chosen to stay apart for readers with colour-vision deficiencies;
shapes are vis-network's built-in ones, so type stays readable in greyscale
print. A claim status is never shown stronger than it is: alleged is dashed,
inferred dotted and labelled, and a bundle of mixed statuses says so.

A relationship's line is drawn from its current claim status (the latest
established status its dated citations give, `schemas.citations.current_status`);
a fact whose sources disagree on a value (contested) is drawn on an amber
band, and one that more than one independent source gives says how many
(`link_words`). Page, still and legend all read these from here.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from casegraph.schemas.words import counted, plural

__all__ = [
    "NodeStyle", "LineStyle", "NODE_STYLES", "STATUS_LINES", "STATUS_ORDER",
    "DECLINED", "RESTRICTED_COLOUR", "CONTESTED", "node_style", "line_style", "link_words", "sources_word",
    "style_table",
]


@dataclass(frozen=True)
class NodeStyle:
    name: str  # singular, for the legend
    plural: str
    colour: str
    shape: str  # a vis-network shape
    font: str = "#1a1a1a"  # label colour (inside the shape for box/ellipse/...)

    def counted(self, count: int) -> str:
        """`count` nodes of this kind in prose (`schemas.words.counted`): `1 case`, `2 people`."""
        return counted(count, self.name.lower(), self.plural)

    def word(self, count: int) -> str:
        """The kind's word for `count` nodes: its name, lowercase, for 1, else its plural."""
        return plural(count, self.name.lower(), self.plural)

    @property
    def label_inside(self) -> bool:
        return self.shape in ("box", "ellipse", "circle", "database")


NODE_STYLES: dict[str, NodeStyle] = {
    "CaseFile": NodeStyle("Case", "cases", "#D55E00", "dot"),
    "Person": NodeStyle("Person or group", "people", "#CC79A7", "triangle"),
    "Institution": NodeStyle("Institution", "institutions", "#0072B2", "square"),
    "Borough": NodeStyle("Borough", "boroughs", "#009E73", "hexagon"),
    "Place": NodeStyle("Place", "places", "#56B4E9", "triangleDown"),
    "Indicator": NodeStyle("Indicator (pattern)", "indicators", "#E69F00", "diamond"),
    "Investigation": NodeStyle("Investigation", "investigations", "#7A4EAB", "star"),
    "Review": NodeStyle("Review", "reviews", "#332288", "box", font="#ffffff"),
    "Statement": NodeStyle("Statement", "statements", "#F0E442", "ellipse"),
    "Recommendation": NodeStyle("Recommendation", "recommendations", "#88CCEE", "circle"),
    "Source": NodeStyle("Source document", "sources", "#999999", "database"),
}

DECLINED = NodeStyle("Statement: declined to comment", "refusals to comment", "#E8E8E8", "ellipse", font="#444444")
"""A refusal to comment keeps the statement's shape, in grey: visibly no answer."""

RESTRICTED_COLOUR = "#B2182B"
FALLBACK = NodeStyle("Other", "others", "#BBBBBB", "dot")


@dataclass(frozen=True)
class LineStyle:
    name: str
    dashes: tuple[int, ...] | None  # canvas / SVG dash pattern; None = solid
    width: float
    mark: str = ""  # a word written on the line


STATUS_LINES: dict[str, LineStyle] = {
    "convicted": LineStyle("convicted", None, 3.5),
    "reported": LineStyle("reported", None, 1.5),
    "charged": LineStyle("charged", (12, 4), 2.0),
    "alleged": LineStyle("alleged", (6, 6), 1.5),
    "acquitted": LineStyle("acquitted or cleared", (10, 4, 2, 4), 1.5, "acquitted"),
    "inferred": LineStyle("inferred by casegraph", (2, 4), 1.5, "inferred"),
    "mixed": LineStyle("mixed statuses (a bundle)", (4, 3, 1, 3), 1.5, "mixed"),
}

CONTESTED = {"colour": "#F2C14E", "size": 9}
"""The band under a contested relationship (sources disagree on one of its values): amber, wider than any line."""

STATUS_ORDER = ("convicted", "reported", "charged", "alleged", "acquitted", "inferred", "mixed")


def node_style(kind: str, variant: str | None = None) -> NodeStyle:
    if variant == "declined":
        return DECLINED
    return NODE_STYLES.get(kind, FALLBACK)


def line_style(status: str | None) -> LineStyle:
    """The line for a claim status; an unknown status is drawn as the weakest (alleged)."""
    return STATUS_LINES.get(status or "reported", STATUS_LINES["alleged"])


def sources_word(independent: int) -> str:
    """`3 sources`: how a line says how many independent sources give it (written only above one)."""
    return f"{independent:,} sources"


@cache
def link_words(status: str | None, independent: int | None = 1) -> str:
    """The words written on a relationship's line: its status's mark (`inferred`, `acquitted` ...) and,
    when more than one independent source gives it, how many (`2 sources`), joined by " · "."""
    words = [line_style(status).mark] if line_style(status).mark else []
    if (independent or 1) > 1:
        words.append(sources_word(independent))
    return " · ".join(words)


def style_table() -> dict:
    """The tables as plain data, for the page's script."""
    nodes = {kind: _node_dict(style) for kind, style in NODE_STYLES.items()}
    nodes["_declined"] = _node_dict(DECLINED)
    nodes["_fallback"] = _node_dict(FALLBACK)
    lines = {status: {"dashes": list(s.dashes) if s.dashes else False, "width": s.width, "mark": s.mark}
             for status, s in STATUS_LINES.items()}
    return {"nodes": nodes, "lines": lines, "restricted": RESTRICTED_COLOUR, "contested": dict(CONTESTED)}


def _node_dict(style: NodeStyle) -> dict:
    return {"colour": style.colour, "shape": style.shape, "font": style.font, "inside": style.label_inside}
