"""Every still, measured in headless Chromium: no text over another text or over a mark it does not
label, no text under 11 px at 1,600 px, nothing cut inside a word, words for what it shows, and the same
bytes every time. On the London data and on a generated graph."""

from __future__ import annotations

import re
import struct
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from casegraph.viz.compose import Options
from casegraph.viz.pages import page_of, still_svg
from casegraph.viz.views import NETWORKS, VIEWS, figure_for

OVERLAP_JS = (Path(__file__).parent / "overlap.js").read_text(encoding="utf-8")
SVG = "{http://www.w3.org/2000/svg}"


def _figure(graph, view, synthetic=False):
    params = {"node": "newham" if synthetic else "haringey"} if view == "ego" else {}
    return figure_for(view, graph, Options(budget=300 if synthetic else 1500), **params)


def _measure(chromium, svg: str, tmp_path: Path, name: str) -> dict:
    path = tmp_path / f"{name}.svg"
    path.write_text(svg, encoding="utf-8")
    page = chromium.new_page(viewport={"width": 1600, "height": 900})
    page.goto(path.as_uri())
    result = page.evaluate(OVERLAP_JS)
    page.close()
    return result


@pytest.mark.parametrize("data", ["london", "synthetic"])
@pytest.mark.parametrize("view", sorted(VIEWS))
def test_no_text_overlaps_in_any_still(chromium, london_graph, synthetic_big, tmp_path, view, data):
    graph = london_graph if data == "london" else synthetic_big
    figure = _figure(graph, view, data == "synthetic")
    measured = _measure(chromium, still_svg(figure), tmp_path, f"{data}-{view}")
    assert measured["problems"] == []
    if data == "london":  # on the real data no mark hides another either (groups of a large graph may)
        assert measured["markOverlaps"] == []
    assert measured["texts"] > 20 and measured["marks"] > 0
    assert measured["width"] == 1600 and measured["smallest"] >= 11


@pytest.mark.parametrize("view", sorted(NETWORKS))
def test_labels_are_shortened_between_words_only(london_graph, synthetic_big, view):
    """A label ending in "…" is the start of its mark's full name, cut where a word ends."""
    for graph, synthetic in ((london_graph, False), (synthetic_big, True)):
        root = ET.fromstring(still_svg(_figure(graph, view, synthetic)).encode())
        names = {g.get("data-id"): g.find(f"{SVG}title").text for g in root.iter(f"{SVG}g") if g.get("class") == "mark"}
        shortened = [(t.get("data-for"), t.text) for t in root.iter(f"{SVG}text")
                     if t.get("data-for") in names and (t.text or "").endswith("…")]
        for owner, text in shortened:
            full, start = names[owner], text[:-1].removeprefix("Declined to comment: ")
            assert start and full.startswith(start), (text, full)
            assert full[len(start):][:1] in (" ", ",", ";", ":", "·", "-", "–"), f"{text!r} cut inside a word of {full!r}"


@pytest.mark.parametrize("view", sorted(VIEWS))
def test_every_still_says_what_it_shows(london_graph, view):
    figure = _figure(london_graph, view)
    svg = still_svg(figure)
    root = ET.fromstring(svg.encode())
    desc = root.find(f"{SVG}desc").text
    assert root.get("role") == "img" and root.get("aria-label") == desc and len(desc) > 80
    texts = " ".join(root.itertext())
    assert "Legend" in texts and "Sources:" in texts and "Express and MyLondon" in texts
    assert figure.caption and figure.caption.split()[0] in texts  # the caption is printed under the picture
    assert re.search(r"\d", desc), "the alt text gives counts"


@pytest.mark.parametrize("view", sorted(VIEWS))
def test_same_input_same_bytes(london_graph, view):
    first = _figure(london_graph, view)
    again = _figure(london_graph, view)
    assert still_svg(first) == still_svg(again)
    assert page_of(first) == page_of(again)


def _png_size(data: bytes) -> tuple[int, int]:
    return struct.unpack(">II", data[16:24])


def test_pngs_are_the_svgs_drawn_and_the_same_every_time(london_graph, artifacts):
    """PNG at its default size (3,200 px: the 1,600 px still at scale 2), for every view; saved to look at."""
    from casegraph.viz.browser import Browser
    from casegraph.viz.png import svg_png

    from .conftest import need_browser

    need_browser()
    with Browser() as browser:
        for view in sorted(VIEWS):
            svg = still_svg(_figure(london_graph, view))
            height = int(re.search(r'viewBox="0 0 1600 (\d+)"', svg).group(1))
            png = svg_png(svg, browser=browser)
            assert _png_size(png) == (3200, 2 * height)
            (artifacts / f"viz-{view}.png").write_bytes(png)
            (artifacts / f"viz-{view}.svg").write_text(svg, encoding="utf-8")
            if view in ("overview", "tiles"):
                assert svg_png(svg, browser=browser) == png


def test_a_stalled_chromium_fails_the_call_in_its_timeout_and_is_stopped():
    """A DevTools call Chromium never answers (a promise that never settles) raises BrowserError after
    the browser's timeout, naming the call, and stops that Chromium: a server's still, or a test run,
    fails instead of hanging (a CI run once hung 90 minutes in a PNG still)."""
    import time

    from casegraph.viz.browser import Browser, BrowserError, BrowserStalled

    from .conftest import need_browser

    need_browser()
    with Browser(timeout=3) as browser:
        assert browser.evaluate("1 + 1") == 2
        started = time.monotonic()
        with pytest.raises(BrowserError, match=r"did not answer Runtime.evaluate within 3 s"):
            browser.evaluate("new Promise(() => {})")
        assert 2.5 < time.monotonic() - started < 20
        assert browser._process.poll() is not None  # stopped, not left running
        with pytest.raises(BrowserError, match="has stopped|closed the DevTools pipe"):
            browser.evaluate("1 + 1")  # at once, not after another timeout

    # a still asked of it next is drawn on a new Chromium, in the same object (a server keeps it), and
    # is the same PNG as a fresh browser's
    from casegraph.viz.png import svg_png

    svg = ('<svg xmlns="http://www.w3.org/2000/svg" width="1600" height="400" viewBox="0 0 1600 400">'
           '<rect width="1600" height="400" fill="#eee"/><text x="20" y="60">a still</text></svg>')
    with Browser(timeout=3) as browser:
        with pytest.raises(BrowserStalled):
            browser.evaluate("new Promise(() => {})")
        assert not browser.alive
        png = svg_png(svg, browser=browser)
        assert browser.alive and png.startswith(b"\x89PNG")
        assert png == svg_png(svg)


def test_a_chromium_that_never_answers_at_start_fails_and_leaves_nothing_behind(tmp_path, monkeypatch):
    """A browser binary that starts but never speaks DevTools: Browser() raises within its timeout and
    leaves no process or profile folder behind."""
    import tempfile
    import time

    from casegraph.viz.browser import Browser, BrowserError

    silent = tmp_path / "silent-chromium"
    silent.write_text("#!/bin/sh\nexec sleep 600\n")
    silent.chmod(0o755)
    monkeypatch.setenv("CASEGRAPH_CHROMIUM", str(silent))
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))  # the profile folder is made here
    started = time.monotonic()
    with pytest.raises(BrowserError, match=r"did not answer Target.createTarget within 2 s"):
        Browser(timeout=2)
    assert time.monotonic() - started < 15
    assert [p.name for p in tmp_path.iterdir()] == ["silent-chromium"]
