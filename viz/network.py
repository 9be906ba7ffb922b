"""pyvis for real: any network view as a `pyvis.network.Network`, rendered through casegraph's safe page.

    from casegraph.viz import network_for
    net = network_for("ego", graph, node="haringey")   # a pyvis Network (SafeNetwork)
    net.add_node("note", label="Added by hand", color="#999999")
    net.add_edge("note", "haringey")
    net.write_html("haringey.html")                    # casegraph's page: offline, escaped, CSP
    net                                                # in Jupyter: shown inline, same page

`SafeNetwork` is a subclass of pyvis's `Network`, so everything a pyvis user
knows (nodes and edges as dicts, `add_node`, `add_edge`, `color`, `shape`,
`size`, `label`, `title`, `x`/`y`) works. What it never uses is pyvis's own
page: that template loads Bootstrap and tom-select from CDNs, copies
`lib/` next to the file, writes tooltips with `innerHTML` once a title
contains "href", and does not autoescape its heading. `generate_html`,
`write_html`, `save_graph`, `show` and notebook display all go through
`html.page_html` instead (vis-network inlined, Jinja autoescape, data as
escaped JSON, tooltips as text, a Content-Security-Policy with no request
allowed); `prep_notebook`, `set_template` and `set_template_dir` refuse.
A node's `title` is shown as text, never as HTML. Each node and edge made
from a figure keeps casegraph's own facts (type, claim status, tooltip with
sources) under the `casegraph` key, so restyling never loses them.
"""

from __future__ import annotations

import html as _html
from pathlib import Path

from pyvis.network import Network

from casegraph.viz.figure import Figure, Link, Mark

__all__ = ["SafeNetwork", "to_network", "network_for", "figure_of"]


class SafeNetwork(Network):
    """A pyvis Network that renders only through casegraph's safe page (see the module docstring)."""

    def __init__(self, *args, **kwargs):
        kwargs["cdn_resources"] = "in_line"  # never "remote" (CDN) nor "local" (copies lib/ next to the file)
        super().__init__(*args, **kwargs)
        self.toggle_physics(False)
        self.casegraph: Figure | None = None  # the figure it was made from: caption, credit, guides, notes

    def generate_html(self, name: str = "index.html", local: bool = True, notebook: bool = False) -> str:
        """casegraph's page for this network (pyvis's template is never rendered)."""
        from casegraph.viz.html import page_html

        self.html = page_html(figure_of(self))
        return self.html

    def write_html(self, name, local: bool = True, notebook: bool = False, open_browser: bool = False) -> Path:
        """Write the page to `name` (one self-contained file; nothing copied beside it, no browser opened) and
        return the file written: `.restricted` in its name for a network of restricted data, as for every
        picture (`pages.write_figure`)."""
        from casegraph.exports.base import marked_path

        page = self.generate_html(str(name))
        path = marked_path(name, getattr(self.casegraph, "include_restricted", False))
        path.write_text(page, encoding="utf-8")
        return path

    def save_graph(self, name) -> None:
        self.write_html(name)

    def show(self, name, local: bool = True, notebook: bool = True):
        """Write the page; in a notebook, return it for display (an iframe holding the same page)."""
        self.write_html(name)
        return self if notebook else None

    def _repr_html_(self) -> str:
        """Jupyter display: the page in a sandboxed iframe (`srcdoc`, escaped), so no notebook markup mixes in."""
        return (f'<iframe sandbox="allow-scripts" style="width:100%;height:{_html.escape(str(self.height))};border:0" '
                f'srcdoc="{_html.escape(self.generate_html(), quote=True)}"></iframe>')

    def prep_notebook(self, *args, **kwargs):
        raise RuntimeError("casegraph renders networks through its own safe page: display the network itself")

    def set_template(self, *args, **kwargs):
        raise RuntimeError("casegraph renders networks through its own safe page; pyvis templates are not used")

    set_template_dir = set_template


def _tip_text(tip: dict) -> str:
    return "\n".join([tip["h"]] + [f"{k}: {v}" for k, v in tip["f"]] + [f"Source: {s}" for s in tip["s"]])


def to_network(figure: Figure, height: str = "860px") -> SafeNetwork:
    """The figure as a SafeNetwork: every mark a node (at its position, physics off), every link an edge."""
    from casegraph.viz.html import tip_data
    from casegraph.viz.style import node_style

    net = SafeNetwork(height=height, width="100%", directed=True, heading=figure.title)
    net.casegraph = figure
    for m in figure.marks:
        style = node_style(m.kind, m.variant)
        tip = tip_data(m)
        net.add_node(m.id, label=m.label, shape=m.shape or style.shape, color=m.colour or style.colour,
                     x=m.x, y=m.y, size=m.size, physics=False, hidden=m.more, title=_tip_text(tip),
                     casegraph={"kind": m.kind, "status": m.status, "restricted": m.restricted, "count": m.count,
                                "variant": m.variant, "more": m.more, "tip": tip})
    for link in figure.links:
        tip = tip_data(link)
        net.add_edge(link.source, link.target, id=link.id, title=_tip_text(tip), label=link.label,
                     casegraph={"type": link.type, "status": link.status, "arrow": link.arrow, "width": link.width,
                                "restricted": link.restricted, "count": link.count, "faint": link.faint,
                                "independent": link.independent, "contested": link.contested, "tip": tip})
    return net


def network_for(view: str, graph, options=None, filters=None, **params) -> SafeNetwork:
    """`view` of `graph` (restricted data left out unless asked, as `views.figure_for`) as a SafeNetwork.

    Raises ValueError for a chart view (patterns, tiles, timeline): those are not networks.
    """
    from casegraph.viz.views import CHARTS, figure_for

    if view in CHARTS:
        raise ValueError(f"{view!r} is a chart, not a network: draw it with casegraph.viz.write_figure")
    return to_network(figure_for(view, graph, options, filters, **params))


def _text(value) -> str:
    return "" if value is None else str(value)


def _colour(value) -> str | None:
    if isinstance(value, dict):
        value = value.get("background") or value.get("color")
    return value if isinstance(value, str) and value else None


def figure_of(net: Network) -> Figure:
    """The Figure a (possibly restyled or extended) network stands for; nodes added by hand are placed
    beside their first neighbour that has a position."""
    base = getattr(net, "casegraph", None)
    figure = Figure(view=base.view if base else "network", title=_text(net.heading) or (base.title if base else ""),
                    subtitle=base.subtitle if base else "", caption=base.caption if base else "",
                    credit=base.credit if base else "casegraph", guides=list(base.guides) if base else [],
                    notes=list(base.notes) if base else [], include_restricted=base.include_restricted if base else False,
                    alt=base.alt if base else "")
    at = {n["id"]: (n["x"], n["y"]) for n in net.nodes if isinstance(n.get("x"), (int, float)) and
          isinstance(n.get("y"), (int, float))}
    neighbours: dict = {}
    for e in net.edges:
        neighbours.setdefault(e["from"], []).append(e["to"])
        neighbours.setdefault(e["to"], []).append(e["from"])
    right = max((x for x, _ in at.values()), default=0.0) + 200
    for i, n in enumerate(node for node in net.nodes if node["id"] not in at):
        near = next((at[o] for o in neighbours.get(n["id"], []) if o in at), None)
        at[n["id"]] = (near[0] + 70, near[1] + 40 + 30 * (i % 3)) if near else (right, 60.0 * i)
    for n in net.nodes:
        meta = n.get("casegraph") or {}
        tip = meta.get("tip") or {"h": _text(n.get("label") or n["id"]), "f": [("note", _text(n.get("title")))]
                                  if n.get("title") else [], "s": []}
        figure.marks.append(Mark(
            id=_text(n["id"]), label=_text(n.get("label", n["id"])), kind=meta.get("kind", ""),
            x=float(at[n["id"]][0]), y=float(at[n["id"]][1]), size=float(n.get("size") or 14),
            status=meta.get("status"), restricted=bool(meta.get("restricted")), count=meta.get("count"),
            variant=meta.get("variant"), more=bool(n.get("hidden", meta.get("more", False))),
            heading=tip["h"], facts=[tuple(f) for f in tip["f"]], sources=list(tip["s"]),
            colour=_colour(n.get("color")), shape=n.get("shape") if isinstance(n.get("shape"), str) else None))
    for i, e in enumerate(net.edges):
        meta = e.get("casegraph") or {}
        tip = meta.get("tip") or {"h": _text(e.get("title") or "relationship"), "f": [], "s": []}
        figure.links.append(Link(
            id=_text(e.get("id", f"edge-{i}")), source=_text(e["from"]), target=_text(e["to"]),
            type=meta.get("type", ""), status=meta.get("status", "reported"), label=_text(e.get("label")),
            width=meta.get("width") or (float(e["width"]) if isinstance(e.get("width"), (int, float)) else None),
            arrow=meta.get("arrow", True), restricted=bool(meta.get("restricted")), count=meta.get("count"),
            faint=bool(meta.get("faint")), independent=int(meta.get("independent") or 1),
            contested=bool(meta.get("contested")), heading=tip["h"], facts=[tuple(f) for f in tip["f"]],
            sources=list(tip["s"]), colour=_colour(e.get("color"))))
    figure.aggregated = any(m.count for m in figure.marks)
    return figure
