"""The explorer in headless Chromium: an investigator's journey, hostile data and input, no request out.

The server is the real app under uvicorn on 127.0.0.1 (a thread of the test process); the
browser is Debian's chromium through playwright, as the view tests use it.
"""

from __future__ import annotations

import json
import re
from urllib.parse import quote

import pytest

from casegraph.viz.views import VIEWS

from .conftest import PAYLOADS, SECRET

DRAWN = "() => document.documentElement.getAttribute('data-state') === 'drawn'"


@pytest.fixture()
def browse(chromium):
    """A fresh page recording console errors, requests and dialogs; checked for all three at the end."""
    contexts = []

    def open_page(server):
        context = chromium.new_context(viewport={"width": 1280, "height": 900}, accept_downloads=True)
        contexts.append(context)
        page = context.new_page()
        seen = {"errors": [], "requests": [], "dialogs": [], "server": server.url}
        page.on("console", lambda m: seen["errors"].append(m.text) if m.type in ("error", "warning") else None)
        page.on("pageerror", lambda e: seen["errors"].append(str(e)))
        page.on("request", lambda r: seen["requests"].append(r.url))
        page.on("dialog", lambda d: (seen["dialogs"].append(d.message), d.dismiss()))
        return page, seen

    yield open_page
    for context in contexts:
        context.close()


def _stayed_local(seen):
    outside = [u for u in seen["requests"] if not u.startswith(seen["server"] + "/") and not u.startswith("data:")]
    assert not outside, f"requests left the machine: {outside}"
    assert not seen["errors"], seen["errors"]
    assert not seen["dialogs"], seen["dialogs"]


def test_investigator_journey(browse, london_server, artifacts):
    page, seen = browse(london_server)
    page.goto(london_server.url + "/")
    # search -> a case
    page.fill("#home-q", "lambeth hotel")
    page.press("#home-q", "Enter")
    page.wait_for_selector("ol.hits")
    assert re.search(r"results 1–\d+ of \d+ result", page.text_content("#rows"))
    page.click("ol.hits a[href='/entity/lambeth-2022-hotel-room']")
    page.wait_for_selector("article.entity[data-id='lambeth-2022-hotel-room']")
    assert "Lambeth" in page.text_content("h1")
    page.screenshot(path=str(artifacts / "explorer-case.png"), full_page=False)
    # follow a citation to its source, and back
    page.click("section.facts a.source")
    page.wait_for_selector("article.entity[data-id='express-mylondon-2025']")
    assert "Records citing this source" in page.content()
    page.go_back()
    page.wait_for_selector("article.entity[data-id='lambeth-2022-hotel-room']")
    # expand a neighbour: the network of the case and its borough, drawn by vis-network
    page.click("li.link:has(a[href='/entity/lambeth']) a.expand")
    page.wait_for_function(DRAWN, timeout=20000, polling=50)
    ids = page.evaluate("window.casegraph.nodes.getIds()")
    assert "lambeth-2022-hotel-room" in ids and "lambeth" in ids
    # a node's and a relationship's facts and sources, asked of the server when hovered
    page.evaluate("window.casegraph.network.emit('hoverNode', {node: 'lambeth-2022-hotel-room', "
                  "pointer: {DOM: {x: 60, y: 60}}})")
    page.wait_for_function("() => !document.getElementById('tooltip').hidden", timeout=10000, polling=50)
    tip = page.text_content("#tooltip")
    assert "claim status" in tip and "Source" in tip and "paragraph" in tip, tip
    edge = page.evaluate("window.casegraph.edges.getIds()[0]")
    page.evaluate(f"window.casegraph.network.emit('blurNode', {{}}); "
                  f"window.casegraph.network.emit('hoverEdge', {{edge: {json.dumps(edge)}, pointer: {{DOM: {{x: 60, y: 60}}}}}})")
    page.wait_for_function("() => !document.getElementById('tooltip').hidden && "
                           "document.querySelector('#tooltip .tip-facts dt').textContent === 'relationship'",
                           timeout=10000, polling=50)
    assert any(url.startswith(london_server.url + "/tip/relationship/") for url in seen["requests"])
    page.screenshot(path=str(artifacts / "explorer-network.png"), full_page=False)
    before = len(ids)
    page.click("#shown li:has(a[href='/entity/missing-episodes']) a.expand")
    page.wait_for_function(DRAWN, timeout=20000, polling=50)
    assert len(page.evaluate("window.casegraph.nodes.getIds()")) > before
    # double-click a node to open its page
    page.evaluate("window.casegraph.network.emit('doubleClick', {nodes: ['lambeth']})")
    page.wait_for_selector("article.entity[data-id='lambeth']")
    # the path from the case to another case
    page.goto(london_server.url + "/entity/lambeth-2022-hotel-room")
    page.fill("form.connect input[name=to]", "croydon-2020-child-in-care")
    page.click("form.connect button")
    page.wait_for_selector("ol.paths li.path-result")
    assert "croydon-2020-child-in-care" in page.inner_html("ol.paths")
    # a catalog query from its form, then its text
    page.click("nav.site a[href='/queries']")
    page.click("a[href='/queries/similar-cases']")
    page.fill("#param-case_id", "lambeth-2022-hotel-room")
    page.click("#run")
    page.wait_for_selector("table.answer a.node")
    page.click("table.answer a.node")
    page.wait_for_selector("article.entity")
    page.go_back()
    page.click("text=Query text")
    assert "MATCH" in page.text_content("pre.cypher")
    # download an export of a selection
    page.goto(london_server.url + "/views?borough=lambeth")
    with page.expect_download() as info:
        page.click("#export-json")
    data = json.loads(open(info.value.path(), encoding="utf-8").read())
    assert any(node.get("id") == "lambeth-2022-hotel-room" for node in data["nodes"])
    _stayed_local(seen)


def test_pages_work_without_javascript(chromium, london_server):
    context = chromium.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(london_server.url + "/search?q=rowly")
    page.click("ol.hits a[href='/entity/mark-rowley']")
    assert page.text_content("h1") == "Sir Mark Rowley"
    page.goto(london_server.url + "/queries/recurring-indicators")
    page.click("#run")
    assert page.locator("table.answer tbody tr").count() > 0
    context.close()


def _forms_with_payloads(page, server, url, payload):
    page.goto(server.url + url)
    for form in range(page.locator("main form, form.connect, form.query-form").count()):
        page.goto(server.url + url)
        target = page.locator("main form, form.connect, form.query-form").nth(form)
        for field in range(target.locator("input[type=text], input[type=search], input:not([type])").count()):
            target.locator("input[type=text], input[type=search], input:not([type])").nth(field).fill(payload)
        target.locator("button[type=submit], button").first.click()
        page.wait_for_load_state()
        assert page.evaluate("typeof window.__pwned") == "undefined", (url, payload)


def test_injection_payloads_stay_text(browse, hostile_server, hostile_public):
    page, seen = browse(hostile_server)
    for node in sorted(hostile_public.graph):
        page.goto(f"{hostile_server.url}/entity/{node}")
        assert page.evaluate("typeof window.__pwned") == "undefined", node
    page.goto(f"{hostile_server.url}/network?around=hostile-case&around=hostile-person")
    page.wait_for_function(DRAWN, timeout=20000, polling=50)
    page.evaluate("window.casegraph.nodes.getIds().forEach(id => window.casegraph.network.emit('hoverNode', "
                  "{node: id, pointer: {DOM: {x: 40, y: 40}}}))")
    assert PAYLOADS[0] in page.text_content("#shown") or PAYLOADS[4] in page.text_content("#shown")
    page.evaluate("window.casegraph.network.emit('hoverNode', {node: 'hostile-case', pointer: {DOM: {x: 5, y: 5}}})")
    page.wait_for_function("() => !document.getElementById('tooltip').hidden && "
                           "document.getElementById('tooltip').textContent.length > 40", timeout=10000, polling=50)
    shown = page.text_content("#tooltip")  # the server's tooltip, payloads and all, as text
    assert any(payload in shown for payload in PAYLOADS), shown
    assert page.evaluate("typeof window.__pwned") == "undefined"
    for view in sorted(set(VIEWS) - {"ego"}):
        page.goto(f"{hostile_server.url}/views/{view}")
        if page.locator("#graph").count():  # a network; charts are their SVG still in an <img>
            page.wait_for_function(DRAWN, timeout=20000, polling=50)
        assert page.evaluate("typeof window.__pwned") == "undefined", view
    every = " ".join(PAYLOADS)  # each form field gets every payload at once (one submission per form)
    for url in ["/", "/search", "/connections?from=hostile-case", "/views", "/entity/hostile-case",
                "/queries/similar-cases", "/queries/paths-between-cases"]:
        _forms_with_payloads(page, hostile_server, url, every)
    for payload in PAYLOADS:  # and each payload alone in every parameter a URL can carry
        for url in [f"/search?q={quote(payload)}", f"/entity/{quote(payload, safe='')}",
                    f"/connections?from={quote(payload)}&to=hostile-case", f"/network?around={quote(payload)}",
                    f"/queries/similar-cases?run=1&case_id={quote(payload)}", f"/views/overview?borough={quote(payload)}",
                    f"/queries/recurring-indicators?run=1&min_boroughs={quote(payload)}",
                    f"/export?format={quote(payload)}", f"/search?kind={quote(payload)}&decade={quote(payload)}"]:
            page.goto(hostile_server.url + url)
            assert page.evaluate("typeof window.__pwned") == "undefined", url
    assert SECRET not in page.content()
    seen["errors"] = [e for e in seen["errors"] if "status of 40" not in e]  # refused input answers 400/404
    _stayed_local(seen)


def test_search_finds_payload_titles_as_text(browse, hostile_server):
    page, seen = browse(hostile_server)
    page.goto(f"{hostile_server.url}/search?q=script")
    titles = page.locator("ol.hits a.node").all_text_contents()
    assert any("<script>" in t for t in titles)
    assert page.evaluate("typeof window.__pwned") == "undefined"
    _stayed_local(seen)


def test_the_views_form_submits_the_whole_selection(chromium, london_server):
    """Several boroughs and decades: submitting the form again asks for all of them, not each one's first."""
    page = chromium.new_page()
    page.goto(london_server.url + "/views?borough=lambeth&borough=newham&decade=1990&decade=2000")
    page.click("form.filters button[type=submit]")
    page.wait_for_load_state()
    asked = page.url.split("?", 1)[1].split("&")
    assert {"borough=lambeth", "borough=newham", "decade=1990", "decade=2000"} <= set(asked), page.url
    assert "lambeth" in page.text_content("#selection") and "newham" in page.text_content("#selection")
    page.close()
