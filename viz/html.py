"""Figure -> one self-contained HTML page that opens with no network.

Why not pyvis's own page: its template pulls Bootstrap from a CDN, refers
to a local `../node_modules/vis/dist/vis.js`, writes tooltips with
`innerHTML` once a title contains "href", and does not autoescape its
heading. This page instead:

- inlines vis-network (the copy pyvis ships, checked against a known
  checksum), its own script and its own style: no request at all;
- renders through Jinja with autoescape on, so title, caption, notes and
  credit are text;
- carries the data as JSON in a `type="application/json"` block (with `<`,
  `>`, `&` and line separators escaped, so no data can close the block) and
  builds tooltips with `textContent`;
- sets a Content-Security-Policy that allows only its own two scripts (by
  hash) and forbids every fetch, so even a mistake elsewhere could neither
  run injected script nor call out.
"""

from __future__ import annotations

import base64
import hashlib
import math
from functools import cache
from importlib import resources
from pathlib import Path

import orjson
from jinja2 import Environment, select_autoescape
from markupsafe import Markup

from casegraph import __version__
from casegraph.viz.figure import Figure, Link, Mark
from casegraph.viz.legend import legend_entries
from casegraph.viz.style import style_table
from casegraph.viz.svg import darker

__all__ = ["page_html", "write_html", "figure_data", "safe_json", "page_assets", "tip_data"]


@cache
def _asset(name: str) -> str:
    return resources.files("casegraph.viz").joinpath("assets", name).read_text(encoding="utf-8")


VIS_NETWORK = ("templates", "lib", "vis-9.1.2", "vis-network.min.js")
VIS_NETWORK_SHA256 = "1f20f0736f32cb9bedf8f6383b25cfea2f839e1abe80d6e8040b4d5bea378c69"
"""vis-network 9.1.2 (standalone UMD build, includes DataSet; Apache-2.0/MIT), as pyvis 0.3.2 ships it."""


@cache
def _vis_network() -> str:
    """pyvis's vis-network, refused if it is not the exact file the pages were tested with."""
    data = resources.files("pyvis").joinpath(*VIS_NETWORK).read_bytes()
    if hashlib.sha256(data).hexdigest() != VIS_NETWORK_SHA256:
        raise RuntimeError("pyvis ships a different vis-network than casegraph was tested with "
                           f"(sha256 of {'/'.join(VIS_NETWORK)}); install pyvis==0.3.2")
    # As text mode reads it: HTML parsing turns CR into LF, and the CSP hash must match.
    return data.decode("utf-8").replace("\r\n", "\n").replace("\r", "\n")


@cache
def _environment() -> Environment:
    return Environment(autoescape=select_autoescape(default=True, default_for_string=True),
                       trim_blocks=True, lstrip_blocks=True)


def safe_json(value) -> str:
    """JSON that can sit inside a <script> block: no `<`, `>`, `&` or JS line separators survive literally.

    By orjson (a borough's overview at 100,000 cases, ~1 MB: a tenth of the time of `json`), which
    writes NaN and infinity as null: a caller whose numbers could be such checks them first
    (`figure_data` does). Raises TypeError for a value JSON cannot hold."""
    text = orjson.dumps(value).decode()
    return (text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
            .replace("\u2028", "\\u2028").replace("\u2029", "\\u2029"))


def _finite(*numbers: float) -> None:
    """ValueError unless every number is finite: a picture's coordinates, sizes and widths (JSON has
    no NaN; orjson would write null, and the page would draw the node at no place)."""
    for number in numbers:
        if number is not None and not math.isfinite(number):
            raise ValueError(f"a figure's number is {number!r}, not a finite number")


def tip_data(item: Mark | Link) -> dict:
    """A mark's or link's tooltip as the page script reads it: heading, facts, sources."""
    return {"h": item.heading, "f": [list(row) for row in item.facts], "s": list(item.sources)}


def _tip(item: Mark | Link) -> dict | None:
    """The tooltip, or None where the page asks the server for it (`asked`: a record's, drawn without it)."""
    return None if item.asked else tip_data(item)


def figure_data(figure: Figure, physics: dict | None = None) -> dict:
    """What the page script draws: nodes, edges, guides and the style table."""
    for m in figure.marks:
        _finite(m.x, m.y, m.size)
    for link in figure.links:
        _finite(link.width)
    for g in figure.guides:
        _finite(g.x, g.y, g.x2, g.y2, g.size)
    styles = style_table()
    for entry in styles["nodes"].values():
        entry["border"] = darker(entry["colour"])
    data = {
        "view": figure.view,
        "nodes": [{"id": m.id, "label": m.label, "kind": m.kind, "x": round(m.x, 1), "y": round(m.y, 1),
                   "size": m.size, "status": m.status, "restricted": m.restricted, "count": m.count,
                   "variant": m.variant, "more": m.more, "colour": m.colour, "shape": m.shape, "tip": _tip(m)}
                  for m in figure.marks],
        "edges": [{"id": l.id, "from": l.source, "to": l.target, "type": l.type, "status": l.status,
                   "label": l.label, "width": l.width, "arrow": l.arrow, "restricted": l.restricted,
                   "faint": l.faint, "colour": l.colour, "independent": l.independent, "contested": l.contested,
                   "tip": _tip(l)} for l in figure.links],
        "guides": [{"kind": g.kind, "x": g.x, "y": g.y, "x2": g.x2, "y2": g.y2, "text": g.text, "size": g.size,
                    "shade": g.shade} for g in figure.guides],
        "styles": styles,
        "tips": figure.tips,  # false: the page asks the server (/tip) for a tooltip that is null here
    }
    if physics:  # the benchmark's "let vis-network lay it out" case: no positions at all
        data["physics"] = physics
        for node in data["nodes"]:
            del node["x"], node["y"]
    return data


def page_assets() -> dict[str, str]:
    """The page's scripts and style by file name, for a server that serves them as files
    (`casegraph serve`) rather than inline: vis-network (checked), page.js, page.css."""
    return {"vis-network.min.js": _vis_network(), "page.js": _asset("page.js"), "page.css": _asset("page.css")}


def _hash(script: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(script.encode("utf-8")).digest()).decode() + "'"


def page_html(figure: Figure, mode: str = "page", graph_height: int | None = None, physics: dict | None = None) -> str:
    """The page: `mode` "page" (interactive, fills the window) or "still" (fixed size, for screenshots)."""
    vis_js, page_js = _vis_network(), _asset("page.js")
    template = _environment().from_string(_asset("page.html.j2"))
    return template.render(
        figure=figure, mode=mode, version=__version__, graph_height=int(graph_height) if graph_height else None,
        legend=legend_entries(figure), css=Markup(_asset("page.css")),
        data=Markup(safe_json(figure_data(figure, physics))),
        vis_js=Markup(vis_js), page_js=Markup(page_js),
        script_hashes=f"{_hash(vis_js)} {_hash(page_js)}",
    )


def write_html(figure: Figure, path: Path | str, **kwargs) -> None:
    Path(path).write_text(page_html(figure, **kwargs), encoding="utf-8")
