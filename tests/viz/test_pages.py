"""Pages and SVGs, read as files: self-contained, and data is never markup."""

from __future__ import annotations

import base64
import hashlib
import json
import re
import xml.etree.ElementTree as ET
from html.parser import HTMLParser

import pytest

from casegraph.viz.compose import Options
from casegraph.viz.html import figure_data, safe_json
from casegraph.viz.pages import page_of as page_html
from casegraph.viz.pages import still_svg as figure_svg
from casegraph.viz.views import CHARTS, VIEWS, figure_for

from .conftest import PAYLOADS, SECRET


class _Tags(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags, self.scripts, self._in_script = [], [], False

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        if tag == "script":
            self._in_script = True
            self.scripts.append("")

    def handle_endtag(self, tag):
        if tag == "script":
            self._in_script = False

    def handle_data(self, data):
        if self._in_script:
            self.scripts[-1] += data


def _params(view):
    return {"node": "hostile-case"} if view == "ego" else {}


def _hostile_figure(graph, view, **options):
    return figure_for(view, graph, Options(title=PAYLOADS[0] + PAYLOADS[4], caption=PAYLOADS[1] + PAYLOADS[6],
                                           **options), **_params(view))


@pytest.mark.parametrize("view", sorted(VIEWS))
def test_page_loads_nothing_from_outside_and_runs_only_its_own_scripts(hostile_graph, view):
    html = page_html(_hostile_figure(hostile_graph, view))
    parser = _Tags()
    parser.feed(html)
    tags = parser.tags
    expected = 0 if view in CHARTS else 3  # charts: none; networks: the JSON block, vis-network, the page script
    assert [t for t, _ in tags].count("script") == expected, "nothing injected"
    for tag, attrs in tags:
        for name in ("src", "href"):
            if name in attrs:
                assert attrs[name].startswith("data:"), f"<{tag} {name}={attrs[name]!r}> would fetch"
        assert not any(name.startswith("on") for name in attrs), f"event handler attribute on <{tag}>"
    csp = next(a["content"] for t, a in tags if t == "meta" and a.get("http-equiv") == "Content-Security-Policy")
    assert "default-src 'none'" in csp
    for script in parser.scripts[1:]:
        digest = base64.b64encode(hashlib.sha256(script.encode()).digest()).decode()
        assert f"'sha256-{digest}'" in csp
    assert "unsafe-eval" not in csp and "script-src 'unsafe-inline'" not in csp


@pytest.mark.parametrize("view", sorted(VIEWS))
def test_payloads_stay_text_in_page_and_svg(hostile_graph, view):
    figure = _hostile_figure(hostile_graph, view)
    html = page_html(figure)
    for raw in ("<script>window.__pwned", "<img src=x", "<svg onload", "<a href=\"javascript"):
        assert raw not in html
    assert "&lt;script&gt;window.__pwned=1&lt;/script&gt;" in html  # the heading, escaped
    if view in CHARTS:
        assert "<script" not in html
    svg = figure_svg(figure)
    root = ET.fromstring(svg.encode())  # well-formed whatever the data held
    for element in root.iter():
        tag = element.tag.split("}")[-1]
        assert tag not in ("script", "foreignObject", "a", "image")
        assert not any(name.split("}")[-1].startswith("on") or "href" in name for name in element.attrib)
    texts = " ".join(t for t in root.itertext())
    assert PAYLOADS[0] in texts  # the title, as text


def test_safe_json_cannot_close_its_script_block():
    text = safe_json({"x": PAYLOADS[4] + "\u2028"})
    assert "</" not in text and "<!--" not in text and "\u2028" not in text
    assert json.loads(text) == {"x": PAYLOADS[4] + "\u2028"}  # the same value, escaped


@pytest.mark.parametrize("where", ["x", "y", "size", "width"])
def test_a_figure_with_a_number_json_cannot_hold_is_refused(hostile_graph, where):
    """NaN and infinity are refused, not written as null (JSON has neither; orjson writes null)."""
    figure = _hostile_figure(hostile_graph, "overview")
    setattr(figure.links[0] if where == "width" else figure.marks[0], where, float("nan"))
    with pytest.raises(ValueError, match="not a finite number"):
        figure_data(figure)


@pytest.mark.parametrize("view", sorted(VIEWS))
def test_restricted_person_absent_unless_asked(hostile_graph, view):
    assert SECRET not in page_html(_hostile_figure(hostile_graph, view))
    assert SECRET not in figure_svg(_hostile_figure(hostile_graph, view))
    shown = _hostile_figure(hostile_graph, "ego", include_restricted=True)
    assert SECRET in page_html(shown) and "RESTRICTED DATA SHOWN" in page_html(shown)
    assert "RESTRICTED DATA SHOWN" in figure_svg(shown)


def test_declined_to_comment_is_marked(hostile_graph):
    figure = figure_for("responses", hostile_graph, Options())
    refusal = next(m for m in figure.marks if m.id == "hostile-refusal")
    assert refusal.variant == "declined" and refusal.label.startswith("Declined to comment")
    assert re.search("declined to comment", page_html(figure))


def test_write_overview_is_what_build_writes(london_view, tmp_path):
    from casegraph.viz.pages import write_overview

    path = write_overview(london_view, tmp_path / "overview.html")
    html = path.read_text(encoding="utf-8")
    assert "casegraph: overview" in html and "Chloe" not in html and "RESTRICTED DATA SHOWN" not in html
