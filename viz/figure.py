"""The neutral drawing every view produces and every renderer draws.

A view turns a graph into a `Figure`: marks (nodes) with positions already
computed, links (edges) between them, guides drawn beneath (decade bands,
lane and column headings), and the text around the picture. The HTML page,
the SVG and the PNG all draw the same Figure, so they agree by construction.

Invariants kept here:

- every position is computed before drawing (pages run with physics off, so
  a page is still as soon as it is drawn);
- every piece of text is plain text: renderers escape it for their medium,
  nothing here is markup;
- a Figure built without `include_restricted` holds no restricted node and
  no relationship touching one (the views filter through
  `casegraph.graph.selection.public_subgraph` before building).
"""

from __future__ import annotations

from dataclasses import dataclass, field

__all__ = ["Mark", "Link", "Guide", "Figure"]


@dataclass
class Mark:
    """A node as drawn: where, what it looks like, what its tooltip says."""

    id: str
    label: str
    kind: str  # a schema label (CaseFile, Person, ...): picks colour and shape
    x: float
    y: float
    size: float = 16.0
    status: str | None = None  # claim status of the node itself (its border)
    restricted: bool = False
    count: int | None = None  # set on a group standing for `count` nodes
    variant: str | None = None  # e.g. "declined" for a refusal to comment
    more: bool = False  # left out of the still; on the page, shown by "Show everything"
    colour: str | None = None  # a restyled fill (pyvis `color`), else the type's
    shape: str | None = None  # a restyled vis-network shape (pyvis `shape`), else the type's
    heading: str = ""
    facts: list[tuple[str, str]] = field(default_factory=list)
    sources: list[str] = field(default_factory=list)
    asked: bool = False  # its facts and sources left out: a record the server gives them of (`/tip`)


@dataclass
class Link:
    """A relationship as drawn; `status` (its current claim status) picks the line (dashed for alleged ...)."""

    id: str
    source: str
    target: str
    type: str
    status: str
    label: str = ""
    width: float | None = None  # None: the status's own width
    arrow: bool = True
    restricted: bool = False
    count: int | None = None
    faint: bool = False  # context lines (neighbouring boroughs) drawn light
    colour: str | None = None  # a restyled line colour (pyvis `color`), else by claim status
    independent: int = 1  # independent sources behind it (sources that do not derive from one another)
    contested: bool = False  # its sources disagree on a value: drawn on a band
    heading: str = ""
    facts: list[tuple[str, str]] = field(default_factory=list)
    sources: list[str] = field(default_factory=list)
    asked: bool = False  # its facts and sources left out: a record the server gives them of (`/tip`)


@dataclass
class Guide:
    """Something drawn beneath the graph: a band, a line or a heading."""

    kind: str  # "band" | "line" | "text"
    x: float
    y: float
    x2: float = 0.0
    y2: float = 0.0
    text: str = ""
    size: float = 16.0
    shade: int = 0  # bands alternate between two shades; 2 = a span bar


@dataclass
class Figure:
    view: str
    title: str
    subtitle: str = ""
    caption: str = ""
    credit: str = ""
    marks: list[Mark] = field(default_factory=list)
    links: list[Link] = field(default_factory=list)
    guides: list[Guide] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # aggregation, empty selection ...
    include_restricted: bool = False
    aggregated: bool = False
    empty: bool = False  # nothing in the selection to draw: the CLI writes no file
    alt: str = ""  # what the picture shows, in words (the still's <desc> and aria-label)
    conditional: int = 0  # citations with handling code C behind it (`views.figure_for`): said, never drawn
    tips: bool = True  # False: drawn without the records' tooltips (`Mark.asked`), which a server gives (`/tip`)

    def bounds(self) -> tuple[float, float, float, float]:
        """min x, min y, max x, max y over marks and guides (0s when empty)."""
        xs, ys = [], []
        for mark in self.marks:
            xs += [mark.x - mark.size, mark.x + mark.size]
            ys += [mark.y - mark.size, mark.y + mark.size]
        for guide in self.guides:
            xs += [guide.x, guide.x2 if guide.kind != "text" else guide.x]
            ys += [guide.y, guide.y2 if guide.kind != "text" else guide.y]
        if not xs:
            return (0.0, 0.0, 0.0, 0.0)
        return (min(xs), min(ys), max(xs), max(ys))
