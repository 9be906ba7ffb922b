"""Views: pages and still images of the graph, safe to publish.

graph (networkx projection) -> a view module builds a `Figure` (positions
computed in Python, physics off) -> `pages.write_figure` draws it as a
self-contained HTML page (vis-network inlined, no network), a PNG (the SVG,
drawn by headless Chromium) or an SVG. One view per module:
overview, ego, decades, geomap (the `map` view), responses (networks:
`Figure`), and patterns, tiles, timeline (charts: `charts.Chart`). Any
network view is also a `pyvis.network.Network` (`network_for`), rendered
through the same safe page.
Restricted data is left out unless asked
(`casegraph.graph.selection.public_subgraph`, the rule exports use too). Budgets
and layouts were chosen by measurement: see VIEWS.md and `measure`.
"""

from __future__ import annotations

__all__ = ["VIEWS", "figure_for", "write_figure", "write_overview", "network_for", "to_network", "SafeNetwork"]


def __getattr__(name: str):  # imported on first use: `casegraph build` should not pay for numpy up front
    if name in ("VIEWS", "figure_for"):
        from casegraph.viz import views

        return getattr(views, name)
    if name in ("network_for", "to_network", "SafeNetwork"):
        from casegraph.viz import network

        return getattr(network, name)
    if name in ("write_figure", "write_overview"):
        from casegraph.viz import pages

        return getattr(pages, name)
    raise AttributeError(name)
