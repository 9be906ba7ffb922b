"""Stills and pages draw a relationship's line from its current claim status, band a contested one,
and say how many independent sources give it (issue 12).

The data is the London data plus two test sources: a court report, and a
later report derived from it. A new relationship is alleged in the first
(2017) and convicted in the second (2019): its current status is convicted,
so it is drawn solid and thick, and it counts one independent source, not
two. Martin Malone's conviction is restated by the court report with another
description: two independent sources, and a contested value.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest

from casegraph.graph.projection import project
from casegraph.viz.html import figure_data, page_html
from casegraph.viz.style import CONTESTED, STATUS_LINES, line_style, link_words
from casegraph.viz.svg import figure_svg
from casegraph.viz.views import NETWORKS, figure_for
from tests.conftest import london_with

SVG = "{http://www.w3.org/2000/svg}"
CASE = "lewisham-2000-martin-malone"
COURT, LATER = "viz-test-court-report", "viz-test-later-report"

EXTRA = [
    {"kind": "source", "id": COURT, "title": "A test court report", "publisher": "casegraph tests",
     "published": "2019-03", "doc_type": "report"},
    {"kind": "source", "id": LATER, "title": "A test report repeating the court report", "publisher": "casegraph tests",
     "published": "2020-01", "doc_type": "article", "derived_from": [COURT]},
    {"kind": "person", "id": "viz-test-man", "name": "A test man", "person_type": "individual",
     "citations": [{"source": COURT, "locator": "p. 1"}]},
    {"rel": "INVOLVES", "from": CASE, "to": "viz-test-man", "role": "perpetrator",
     "citations": [{"source": COURT, "locator": "p. 2", "status": "alleged", "as_of": 2017},
                   {"source": LATER, "locator": "p. 9", "status": "convicted", "as_of": 2019}]},
    {"rel": "INVOLVES", "from": CASE, "to": "martin-malone", "role": "perpetrator",
     "description": "convicted at a test court",
     "citations": [{"source": COURT, "locator": "p. 4", "status": "convicted", "as_of": 2001}]},
]


@pytest.fixture(scope="module")
def evidence_graph(tmp_path_factory):
    _, _, store = london_with(EXTRA, tmp_path_factory.mktemp("evidence"))
    with store.view() as view:
        return project(view)


def _links(figure):
    return {(l.source, l.target): l for l in figure.links}


def test_the_line_is_the_current_status_and_says_how_many_independent_sources(evidence_graph):
    figure = figure_for("ego", evidence_graph, node=CASE)
    links = _links(figure)
    new, malone = links[CASE, "viz-test-man"], links[CASE, "martin-malone"]
    assert new.status == "convicted" and new.independent == 1 and not new.contested  # LATER derives from COURT
    assert new.label == ""  # one independent source: nothing written
    assert malone.status == "convicted" and malone.independent == 2 and malone.contested
    assert malone.label == link_words("convicted", 2) == "2 sources"
    assert link_words("inferred", 3) == "inferred · 3 sources"
    assert "1 of them rests on more than one independent source" in figure.alt and "contested" in figure.alt


def test_the_still_draws_status_band_and_count_and_explains_them(evidence_graph):
    figure = figure_for("ego", evidence_graph, node=CASE)
    root = ET.fromstring(figure_svg(figure).encode())
    groups = {g.find(f"{SVG}title").text: g for g in root.iter(f"{SVG}g")
              if g.find(f"{SVG}title") is not None and g.find(f"{SVG}line") is not None}
    bands = [l for l in root.iter(f"{SVG}line") if l.get("class") == "contested"]
    assert len(bands) == 1 and bands[0].get("stroke") == CONTESTED["colour"]
    convicted = [l for l in root.iter(f"{SVG}line") if l.get("stroke-width") == f"{STATUS_LINES['convicted'].width:.1f}"]
    assert len(convicted) >= 2 and all(l.get("stroke-dasharray") is None for l in convicted)
    alleged = ",".join(map(str, line_style("alleged").dashes))
    assert any(l.get("stroke-dasharray") == alleged for l in root.iter(f"{SVG}line"))
    texts = " ".join(root.itertext())
    assert "2 sources" in texts
    assert "CURRENT CLAIM STATUS (LINE)" in texts and "amber band: contested" in texts
    assert "how many independent sources give it" in texts
    assert groups  # each line keeps its tooltip title


@pytest.mark.parametrize("view", sorted(NETWORKS))
def test_every_network_view_carries_the_evidence(evidence_graph, view):
    params = {"node": CASE} if view == "ego" else {}
    figure = figure_for(view, evidence_graph, **params)
    edges = {(e["from"], e["to"]): e for e in figure_data(figure)["edges"]}
    drawn = [e for e in edges.values() if e["independent"] > 1]
    for edge in drawn:  # a bundle of many says its count instead
        assert "sources" in edge["label"] or edge["label"].startswith("×")
    if (CASE, "martin-malone") in edges:
        assert edges[CASE, "martin-malone"]["contested"] and "2 sources" in edges[CASE, "martin-malone"]["label"]
    if view in ("ego", "overview"):
        assert (CASE, "martin-malone") in edges


def test_the_page_draws_the_band_and_the_count(chromium, evidence_graph, tmp_path):
    figure = figure_for("ego", evidence_graph, node=CASE)
    path = tmp_path / "ego.html"
    path.write_text(page_html(figure), encoding="utf-8")
    page = chromium.new_page()
    page.goto(path.as_uri())
    page.wait_for_function("window.casegraph && window.casegraph.drawnMs !== null")
    edges = page.evaluate("window.casegraph.edges.get()")
    legend = page.inner_text("aside.legend")
    page.close()
    by_end = {(e["from"], e["to"]): e for e in edges}
    malone, new = by_end[CASE, "martin-malone"], by_end[CASE, "viz-test-man"]
    assert malone["background"] == {"enabled": True, "color": CONTESTED["colour"], "size": CONTESTED["size"]}
    assert malone["label"] == "2 sources" and malone["dashes"] is False
    assert new["dashes"] is False and new["width"] == STATUS_LINES["convicted"].width and "background" not in new
    assert "CURRENT CLAIM STATUS (LINE)" in legend.upper() and "amber band" in legend
