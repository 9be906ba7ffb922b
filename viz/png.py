"""Still -> PNG: the SVG still, drawn by headless Chromium at print resolution.

The PNG is the SVG (`svg.figure_svg` or `charts.chart_svg`) rasterised, so
both formats have the same labels in the same places, and what the overlap
tests measure in the SVG holds for the PNG. The still is laid out at 1,600
CSS px and captured at a device scale factor of width / 1,600 (default 2:
3,200 px wide, about 300 dpi at 27 cm), so text is drawn at full
resolution, not scaled up. Same SVG, same Chromium: same bytes.
"""

from __future__ import annotations

import re
import tempfile
from pathlib import Path

from casegraph.viz.browser import Browser, BrowserStalled
from casegraph.viz.still import WIDTH

__all__ = ["write_png", "svg_png", "CSS_WIDTH"]

CSS_WIDTH = WIDTH
_HEIGHT = re.compile(r'viewBox="0 0 (\d+) (\d+)"')


def svg_png(svg: str, width: int = 3200, browser: Browser | None = None) -> bytes:
    """The PNG of an SVG still (one laid out at 1,600 px), `width` pixels wide. A `browser` found stopped,
    or one that stalls (`BrowserStalled`), is restarted (the same object) and the still drawn on the new
    Chromium, once; raises BrowserError otherwise."""
    match = _HEIGHT.search(svg)
    if not match:
        raise ValueError("not a casegraph still: no viewBox")
    css_w, css_h = int(match.group(1)), int(match.group(2))
    scale = max(width / css_w, 0.25)
    sized = re.sub(r'<svg xmlns="http://www.w3.org/2000/svg" width="\d+" height="\d+"',
                   f'<svg xmlns="http://www.w3.org/2000/svg" width="{css_w}" height="{css_h}"', svg, count=1)
    with tempfile.TemporaryDirectory(prefix="casegraph-still-") as folder:
        page = Path(folder) / "still.svg"
        page.write_text(sized, encoding="utf-8")
        own = browser is None
        browser = browser or Browser()
        try:
            if not browser.alive:  # a kept browser stopped by an earlier stall
                browser.restart()
            try:
                return _drawn(browser, page, css_w, css_h, scale)
            except BrowserStalled:  # a headless hang, not the still: once more, on a new Chromium
                browser.restart()
                return _drawn(browser, page, css_w, css_h, scale)
        finally:
            if own:
                browser.close()


def _drawn(browser: Browser, page: Path, css_w: int, css_h: int, scale: float) -> bytes:
    # the still's own document, loaded: right after navigating, the page asked may still be the
    # blank one before it, whose readyState is already 'complete' (a race a loaded machine loses)
    browser.open(page, css_w, css_h, scale, ready="document.documentElement.localName === 'svg' "
                                                  "&& document.readyState === 'complete'")
    return browser.screenshot(css_w, css_h, scale)


def write_png(still, path: Path | str, width: int = 3200, browser: Browser | None = None) -> None:
    """Write the PNG of a Figure or Chart; pass a `browser` to reuse one Chromium for many stills."""
    from casegraph.viz.pages import still_svg

    Path(path).write_bytes(svg_png(still_svg(still), width, browser))
