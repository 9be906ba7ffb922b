"""pyvis for real, and the overview that reads: a network view as a pyvis Network, restyled and extended,
rendered only through casegraph's safe page and opened in headless Chromium."""

from __future__ import annotations

import os

import pytest
from pyvis.network import Network

from casegraph.graph.selection import neighbours
from casegraph.viz import SafeNetwork, network_for
from casegraph.viz.compose import Options
from casegraph.viz.views import CHARTS, NETWORKS, figure_for

from .conftest import PAYLOADS, SECRET
from .test_browser import DRAWN, _open


@pytest.mark.parametrize("view", sorted(NETWORKS))
def test_every_network_view_is_a_pyvis_network(london_graph, view):
    params = {"node": "haringey"} if view == "ego" else {}
    net = network_for(view, london_graph, **params)
    figure = figure_for(view, london_graph, Options(), **params)
    assert isinstance(net, Network) and isinstance(net, SafeNetwork)
    assert [n["id"] for n in net.nodes] == [m.id for m in figure.marks]
    assert len(net.edges) == len(figure.links)
    assert all(n["physics"] is False and "x" in n and "casegraph" in n for n in net.nodes)
    assert not any("Chloe" in str(n) for n in net.nodes)


def test_charts_are_not_networks(london_graph):
    for view in CHARTS:
        with pytest.raises(ValueError, match="chart"):
            network_for(view, london_graph)


def test_pyvis_unsafe_defaults_are_never_used(london_graph, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    net = network_for("ego", london_graph, node="haringey")
    net.write_html("page.html")
    net.save_graph("saved.html")
    assert sorted(os.listdir(tmp_path)) == ["page.html", "saved.html"], "nothing copied beside the page"
    html = (tmp_path / "page.html").read_text(encoding="utf-8")
    for unsafe in ("cdn", "bootstrap", "tom-select", "node_modules", "innerHTML = ", "<script src"):
        assert unsafe not in html
    assert "Content-Security-Policy" in html and "default-src 'none'" in html
    for refuse in (net.prep_notebook, lambda: net.set_template("x.html"), lambda: net.set_template_dir(".")):
        with pytest.raises(RuntimeError):
            refuse()
    shown = net._repr_html_()
    assert shown.startswith('<iframe sandbox="allow-scripts"') and "<script" not in shown  # the page, escaped in srcdoc


def test_a_restyled_extended_network_renders_safely_in_chromium(chromium, hostile_graph, tmp_path):
    net = network_for("ego", hostile_graph, node="hostile-case")
    assert SECRET not in str(net.nodes)
    net.add_node("added", label=PAYLOADS[0], title=PAYLOADS[1], color="#117733", shape="square")
    net.add_edge("added", "hostile-case", title=PAYLOADS[2])
    net.nodes[0]["color"] = "#882255"
    out = tmp_path / "restyled.html"
    net.write_html(str(out))
    page, seen = _open(chromium, out)
    page.wait_for_function(DRAWN)
    added = page.evaluate("window.casegraph.nodes.get('added')")
    assert added["label"] == PAYLOADS[0] and added["shape"] == "square" and added["color"]["background"] == "#117733"
    first = page.evaluate(f"window.casegraph.nodes.get({net.nodes[0]['id']!r})")
    assert first["color"]["background"] == "#882255"
    page.evaluate("() => { const cg = window.casegraph; cg.network.emit('hoverNode', {node: 'added', pointer: {DOM: {x: 5, y: 5}}}); }")
    assert PAYLOADS[1] in page.locator("#tooltip").text_content()
    assert page.evaluate("typeof window.__pwned") == "undefined"
    assert page.evaluate("window.casegraph.edges.length") == len(net.edges)
    page.close()
    assert seen["errors"] == [] and seen["dialogs"] == [] and seen["requests"] == [out.as_uri()]


def test_overview_draws_cases_boroughs_and_what_links_two_cases(london_graph):
    figure = figure_for("overview", london_graph, Options())
    shown = [m for m in figure.marks if not m.more]
    cases = {n for n, a in london_graph.nodes(data=True) if a.get("label") == "CaseFile"}
    assert {m.id for m in shown if m.kind == "CaseFile"} == cases
    for m in shown:
        if m.kind in ("Person", "Place", "Institution"):
            assert len(cases & set(neighbours(london_graph, m.id))) >= 2, m.id
        else:
            assert m.kind in ("CaseFile", "Borough")
    assert 20 <= len(shown) <= 70 < len(figure.marks)
    assert any(m.kind == "Institution" for m in shown)  # the Met links several cases


def test_the_rest_is_one_click_away_on_the_page(chromium, london_store, run_cli, tmp_path):
    from .test_browser import _write

    out = tmp_path / "overview.html"
    _write(run_cli, london_store, "overview", out)
    page, seen = _open(chromium, out)
    visible = "window.casegraph.nodes.get({filter: n => !n.hidden}).length"
    first, total = page.evaluate(visible), page.evaluate("window.casegraph.nodes.length")
    assert 20 <= first < total
    page.locator("#show-more").click()
    assert page.evaluate(visible) == total
    page.locator("#show-more").click()
    assert page.evaluate(visible) == first
    page.close()
    assert seen["errors"] == []


def test_a_restricted_network_is_written_under_a_marked_name(london_graph, tmp_path):
    from casegraph.viz.compose import Options

    restricted = network_for("ego", london_graph, Options(include_restricted=True), node="croydon-2020-child-in-care")
    assert restricted.write_html(tmp_path / "ego.html") == tmp_path / "ego.restricted.html"
    assert "NOT FOR PUBLICATION" in (tmp_path / "ego.restricted.html").read_text().upper()
    public = network_for("ego", london_graph, node="croydon-2020-child-in-care")
    assert public.write_html(tmp_path / "public.html") == tmp_path / "public.html"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["ego.restricted.html", "public.html"]
