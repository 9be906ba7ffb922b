"""Every view, opened in headless Chromium: drawn, silent, offline, counted, and safe.

Pages are written through the CLI (`casegraph viz`), as an editor would.
Screenshots of the London views go to test-artifacts/ for people to look at.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from casegraph.viz.views import CHARTS, VIEWS

from .conftest import PAYLOADS, SECRET

DRAWN = "() => document.documentElement.getAttribute('data-state') === 'drawn'"
CHART_MARKS = "[...document.querySelectorAll('.mark')].map(g => g.getAttribute('data-id'))"  # a function: no eval under the page's CSP
HOVER_ALL = """() => {
  const cg = window.casegraph, tip = document.getElementById('tooltip'), found = [];
  const allowed = new Set(['DIV', 'DL', 'DT', 'DD', 'UL', 'LI']);
  const check = () => tip.querySelectorAll('*').forEach(e => { if (!allowed.has(e.tagName)) found.push(e.tagName); });
  cg.nodes.getIds().forEach(id => { cg.network.emit('hoverNode', {node: id, pointer: {DOM: {x: 40, y: 40}}}); check(); });
  cg.edges.getIds().forEach(id => { cg.network.emit('hoverEdge', {edge: id, pointer: {DOM: {x: 40, y: 40}}}); check(); });
  return found;
}"""
COUNTS = "[window.casegraph.nodes.length, window.casegraph.edges.length, window.casegraph.nodes.getIds()]"


def _write(run_cli, store, view, out, *extra):
    args = ["viz", view, "--store", store.directory, "--out", out, "--format", "json", *extra]
    if view == "ego" and "--node" not in extra:
        args += ["--node", "haringey"]
    result = run_cli(*args)
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def _open(chromium, path: Path):
    """Open a page; return it with what it logged, asked the network for, and tried to pop up."""
    page = chromium.new_page(viewport={"width": 1280, "height": 860})
    seen = {"errors": [], "requests": [], "dialogs": []}
    page.on("console", lambda m: seen["errors"].append(m.text) if m.type in ("error", "warning") else None)
    page.on("pageerror", lambda e: seen["errors"].append(str(e)))
    page.on("request", lambda r: seen["requests"].append(r.url))
    page.on("dialog", lambda d: (seen["dialogs"].append(d.message), d.dismiss()))
    page.goto(path.as_uri())
    page.wait_for_function(DRAWN, timeout=20000, polling=50)
    return page, seen


@pytest.mark.parametrize("view", sorted(VIEWS))
def test_london_view_in_browser(chromium, london_store, london_graph, run_cli, tmp_path, artifacts, view):
    out = tmp_path / f"{view}.html"
    report = _write(run_cli, london_store, view, out)
    page, seen = _open(chromium, out)
    if view in CHARTS:  # the still inline: every cell, tile or bar a mark with its tooltip
        ids = page.evaluate(CHART_MARKS)
        assert len(ids) == report["nodes"] > 0
        assert page.locator(".mark > title").count() == len(ids)
        assert page.locator("text", has_text="Legend").count() == 1
    else:
        nodes, edges, ids = page.evaluate(COUNTS)
        assert (nodes, edges) == (report["nodes"], report["relationships"])
        assert nodes > 0
        assert page.locator("#restricted-banner").count() == 0
        assert page.locator(".legend li").count() >= 2
    restricted = {n for n, a in london_graph.nodes(data=True) if a.get("sensitivity") == "restricted"}
    assert not restricted & set(ids)
    content = page.content()
    for name in ("Chloe", "Sylvia", "Olivia", "Jamie"):
        assert name not in content
    assert "RESTRICTED DATA SHOWN" not in content
    page.screenshot(path=str(artifacts / f"viz-{view}-page.png"))
    page.close()
    assert seen["errors"] == []
    assert seen["requests"] == [out.as_uri()], "the page made a network request"


def test_overview_draws_exactly_the_public_graph(chromium, london_store, london_graph, run_cli, tmp_path):
    out = tmp_path / "overview.html"
    _write(run_cli, london_store, "overview", out)
    page, _ = _open(chromium, out)
    nodes, edges, _ = page.evaluate(COUNTS)
    page.close()
    public = [n for n, a in london_graph.nodes(data=True)
              if a.get("sensitivity") != "restricted" and a["label"] != "Source"]
    public_set = set(public)
    public_edges = [1 for u, v, a in london_graph.edges(data=True)
                    if u in public_set and v in public_set and a.get("sensitivity") != "restricted"]
    assert (nodes, edges) == (len(public), len(public_edges))


@pytest.mark.parametrize("view", sorted(VIEWS))
def test_hostile_text_never_runs(chromium, hostile_store, run_cli, tmp_path, view):
    out = tmp_path / f"hostile-{view}.html"
    extra = ["--title", PAYLOADS[0] + PAYLOADS[5], "--caption", PAYLOADS[1] + PAYLOADS[6] + PAYLOADS[3]]
    if view == "ego":
        extra += ["--node", "hostile-case"]
    _write(run_cli, hostile_store, view, out, *extra)
    page, seen = _open(chromium, out)
    if view in CHARTS:
        assert page.title() == PAYLOADS[0] + PAYLOADS[5]
        assert page.locator("script").count() == 0
        assert page.evaluate("typeof window.__pwned") == "undefined"
        assert page.locator("[onerror], [onload], [onmouseover], a, foreignObject").count() == 0
        assert SECRET not in page.content()
        page.close()
        assert seen["dialogs"] == [] and seen["errors"] == [] and seen["requests"] == [out.as_uri()]
        return
    assert page.locator("h1").text_content() == PAYLOADS[0] + PAYLOADS[5]
    ids = page.evaluate("window.casegraph.nodes.getIds()")
    # hover every node and edge: tooltips are built of our own elements only, whatever the data holds
    foreign = page.evaluate(HOVER_ALL)
    assert foreign == []
    page.evaluate("id => window.casegraph.network.emit('click', {nodes: [id], edges: [], pointer: {DOM: {x: 9, y: 9}}})",
                  ids[0])
    if view in ("ego", "overview"):
        page.evaluate("() => window.casegraph.network.emit('hoverNode', {node: 'hostile-case', pointer: {DOM: {x: 5, y: 5}}})")
        assert PAYLOADS[1] + PAYLOADS[2] in page.locator("#tooltip").text_content()
    assert page.evaluate("typeof window.__pwned") == "undefined"
    assert page.locator("[onerror], [onload], [onmouseover], a[href^='javascript']").count() == 0
    assert page.locator("script").count() == 3
    assert SECRET not in page.content()
    page.close()
    assert seen["dialogs"] == [] and seen["errors"] == []
    assert seen["requests"] == [out.as_uri()]


def test_include_restricted_shows_a_banner(chromium, hostile_store, run_cli, tmp_path):
    written = _write(run_cli, hostile_store, "ego", tmp_path / "ego.html", "--node", "hostile-case",
                     "--include-restricted")
    out = tmp_path / "ego.restricted.html"  # the file name says it too
    assert written["out"] == str(out) and not (tmp_path / "ego.html").exists()
    page, seen = _open(chromium, out)
    assert page.locator("#restricted-banner").is_visible()
    assert "hostile-victim" in page.evaluate("window.casegraph.nodes.getIds()")
    assert SECRET in page.content()
    page.close()
    assert seen["errors"] == []


