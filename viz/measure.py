"""Benchmark, run by hand: how long pages of 1,000, 5,000 and 20,000 nodes take until drawn and still.

    python -m casegraph.viz.measure                  # all sizes, 60 s cap for physics
    python -m casegraph.viz.measure --sizes 1000 --cap 30

Needs headless Chromium (/usr/bin/chromium) and playwright (the `test`
extra). For each size, on a synthetic graph (`synthetic`), it measures
three ways of drawing the same graph:

- physics: every node, no positions, vis-network's physics on (its default
  stabilisation); time until `stabilized` fires, or "not within the cap";
- precomputed: every node, positions computed in Python (Fruchterman-
  Reingold up to 5,000 nodes; beyond, nodes spread around their borough in
  linear time), physics off; time to lay out, and until drawn;
- overview: what `casegraph viz overview` does (aggregated above the node
  budget); time to build the figure, and until drawn.

"Drawn" is the first `afterDrawing` after the data is in; with physics off
the page is still from then on. "Frame" is one redraw after a zoom step:
how smooth panning and zooming will feel. Results go to VIEWS.md by hand.
"""

from __future__ import annotations

import argparse
import json
import tempfile
import time
from pathlib import Path

from casegraph.viz.aggregate import DEFAULT_BUDGET
from casegraph.viz.browser import CHROMIUM_ARGS, chromium_path
from casegraph.viz.compose import Options, compose
from casegraph.viz.html import page_html
from casegraph.viz.layout import force, spread
from casegraph.viz.overview import borough_anchors
from casegraph.viz.reading import boroughs_of
from casegraph.viz.synthetic import synthetic_graph
from casegraph.viz.views import figure_for

__all__ = ["main", "measure_page"]

FRAME_JS = """() => new Promise(resolve => {
  const net = window.casegraph.network;
  const t = performance.now();
  net.once('afterDrawing', () => resolve(performance.now() - t));
  net.moveTo({scale: net.getScale() * 1.05, animation: false});
})"""


def measure_page(playwright, html: str, physics: bool, cap: float) -> dict:
    """Open a page in a fresh Chromium (a busy page must not slow the next one down: same-site
    pages may share a renderer); time until drawn (or stabilized, with physics), and one frame after."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "page.html"
        path.write_text(html, encoding="utf-8")
        browser = playwright.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 1400, "height": 900})
        errors = []
        page.on("pageerror", lambda e: errors.append(str(e)))
        result = {"html_mb": round(len(html.encode()) / 1e6, 1)}
        page.goto(path.as_uri(), wait_until="commit", timeout=cap * 1000)
        started = time.perf_counter()
        wanted = "stabilizedAt" if physics else "drawnAt"
        value = None
        while time.perf_counter() - started < cap:
            try:  # polled from here: a wait set up before the navigation can miss it
                value = page.evaluate(f"window.casegraph ? window.casegraph.{wanted} : null")
            except Exception:
                value = None
            if value is not None:
                break
            time.sleep(0.1)
        if value is None:
            result["timeout"] = f"not within {cap:.0f} s"
        else:
            result["stabilized_s" if physics else "drawn_s"] = round(value / 1000, 2)
            result["frame_ms"] = round(page.evaluate(FRAME_JS), 1)
        result["errors"] = errors
        browser.close()
        return result


def _all_nodes_figure(graph, size: int):
    """Every node individually, positioned in Python (the "precomputed" way)."""
    drawn = graph.subgraph([n for n, a in graph.nodes(data=True) if a.get("label") != "Source"])
    started = time.perf_counter()
    anchors = borough_anchors(drawn, width=6000.0)
    if size <= 5000:
        positions = force(list(drawn), list(drawn.edges()), initial=anchors)
        how = "force (Fruchterman-Reingold, numpy)"
    else:
        around: dict = {}
        for node in drawn:
            if node not in anchors:
                home = sorted(boroughs_of(drawn, node))
                around.setdefault(home[0] if home and home[0] in anchors else None, []).append(node)
        positions = dict(anchors)
        for borough, members in around.items():
            positions.update(spread(anchors.get(borough, (0.0, 3500.0)), members, start=40.0, step=14.0))
        how = "spread around boroughs (linear)"
    seconds = time.perf_counter() - started
    figure = compose("overview", "benchmark", drawn, positions, Options(budget=10 ** 9))
    return figure, round(seconds, 2), how


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 5000, 20000])
    parser.add_argument("--cap", type=float, default=60.0, help="seconds to wait for a page (default 60)")
    parser.add_argument("--json", type=Path, default=None, help="also write the figures here")
    args = parser.parse_args(argv)
    from playwright.sync_api import sync_playwright

    binary = chromium_path()
    if not binary:
        raise SystemExit("needs Chromium (apt-get install chromium)")
    rows = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=binary, args=CHROMIUM_ARGS)
        print(f"Chromium {browser.version}")
        browser.close()
        for size in args.sizes:
            graph = synthetic_graph(size)
            row = {"nodes": graph.number_of_nodes(), "relationships": graph.number_of_edges()}
            figure, layout_s, how = _all_nodes_figure(graph, size)
            row["physics"] = measure_page(playwright, page_html(figure, physics={"enabled": True}), True, args.cap)
            row["precomputed"] = {"layout": how, "layout_s": layout_s,
                                  **measure_page(playwright, page_html(figure), False, args.cap)}
            started = time.perf_counter()
            overview = figure_for("overview", graph, Options(budget=DEFAULT_BUDGET))
            row["overview"] = {"build_s": round(time.perf_counter() - started, 2), "drawn_nodes": len(overview.marks),
                               "drawn_edges": len(overview.links),
                               **measure_page(playwright, page_html(overview), False, args.cap)}
            print(json.dumps(row), flush=True)
            rows.append(row)
    if args.json:
        args.json.write_text(json.dumps(rows, indent=2))


if __name__ == "__main__":
    main()
