"""Figure -> PNG at print resolution: the still page, screenshotted in headless Chromium.

The page is laid out at 1,600 CSS pixels and captured at a device scale
factor of width / 1600 (default 2: 3,200 px wide, about 300 dpi at 27 cm),
so labels are drawn by the browser at full resolution, not scaled up.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from casegraph.viz.browser import Browser
from casegraph.viz.figure import Figure
from casegraph.viz.html import page_html

__all__ = ["write_png", "still_height", "CSS_WIDTH"]

CSS_WIDTH = 1600
LEGEND_WIDTH = 250


def still_height(figure: Figure) -> int:
    """The graph area's height for a still: the figure's aspect ratio, within sensible bounds."""
    min_x, min_y, max_x, max_y = figure.bounds()
    aspect = (max_y - min_y + 120) / max(max_x - min_x + 120, 1)
    return int(min(max((CSS_WIDTH - LEGEND_WIDTH) * aspect, 640), 1800))


def write_png(figure: Figure, path: Path | str, width: int = 3200, browser: Browser | None = None) -> None:
    """Screenshot the still page; pass a `browser` to reuse one Chromium for many stills."""
    scale = max(width / CSS_WIDTH, 0.5)
    html = page_html(figure, mode="still", graph_height=still_height(figure))
    with tempfile.TemporaryDirectory(prefix="casegraph-still-") as folder:
        page = Path(folder) / "still.html"
        page.write_text(html, encoding="utf-8")
        own = browser is None
        browser = browser or Browser()
        try:
            browser.open(page, CSS_WIDTH, 1000, scale)
            height = int(browser.evaluate("Math.ceil(document.documentElement.scrollHeight)"))
            Path(path).write_bytes(browser.screenshot(CSS_WIDTH, height, scale))
        finally:
            if own:
                browser.close()
