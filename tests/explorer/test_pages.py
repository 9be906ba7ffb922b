"""Every kind of explorer page over the London store, through HTTP: content, safety, profiles."""

from __future__ import annotations

import io
import json
import re
import zipfile
from urllib.parse import quote, urlencode

import pytest

from casegraph.exports import FORMATS
from casegraph.explorer.app import VIEW_NAMES
from casegraph.explorer.security import CSP
from casegraph.explorer.state import Explorer
from casegraph.graph.selection import is_restricted
from casegraph.queries import catalog
from casegraph.schemas import schema

from tests.conftest import need_browser
from tests.queries.params import SAMPLE_PARAMS

from .conftest import client_for

RESTRICTED_FIELDS = ("id", "name", "title", "summary", "description", "quote")


def _query_urls():
    """Every catalog query's form, its text, and each sample run (all parameters the header declares)."""
    urls = []
    for name, query in sorted(catalog().items()):
        urls += [f"/queries/{name}", f"/queries/{name}/cypher"]
        for params in SAMPLE_PARAMS.get(name, [{}]):
            shown = {k: str(v).lower() if isinstance(v, bool) else v for k, v in params.items()}
            urls.append(f"/queries/{name}?" + urlencode({"run": 1, **shown}))
    return urls


def _every_page(explorer):
    """One URL of every kind of page, and every entity page."""
    graph = explorer.graph
    urls = ["/", "/search?q=lambeth", "/search?q=magie+olivr", "/search?kind=CaseFile&borough=lambeth&decade=2020",
            "/queries", "/views", "/views?borough=hillingdon", "/connections",
            "/connections?from=lewisham-2000-martin-malone&to=lewisham-2002-imperial-research",
            "/network?around=lambeth-2022-hotel-room", "/network?around=lambeth-2022-hotel-room&around=lambeth"]
    urls += [f"/entity/{node}" for node in sorted(graph)]
    urls += _query_urls()
    urls += [f"/views/{view}" for view in VIEW_NAMES if view != "ego"] + ["/views/ego?around=hillingdon"]
    urls += _tip_urls(graph)
    return urls


def _tip_urls(graph) -> list[str]:
    """The tooltip of every node and relationship, as a network page asks for it (`/tip`)."""
    return ([f"/tip/node/{quote(node, safe='')}" for node in sorted(graph)]
            + [f"/tip/relationship/{quote(key, safe='')}?" + urlencode({"from": u, "to": v})
               for u, v, key in sorted(graph.edges(keys=True))])


@pytest.fixture(scope="module")
def public_pages(public_client, london_public):
    pages = {}
    for url in _every_page(london_public):
        response = public_client.get(url)
        asks_restricted = "include_restricted=true" in url  # refused, saying so (test below), in this profile
        assert response.status_code == (400 if asks_restricted else 200), (url, response.text[:2000])
        pages[url] = response.text
    return pages


def test_every_page_kind_answers_with_strict_headers(public_client, public_pages):
    response = public_client.get("/entity/lambeth")
    assert response.headers["content-security-policy"] == CSP
    assert "script-src 'self'" in CSP and "connect-src 'self'" in CSP and "unsafe" not in CSP
    assert response.headers["x-frame-options"] == "DENY"
    assert response.headers["referrer-policy"] == "no-referrer"
    for url, html in public_pages.items():
        assert "http://" not in html.replace("http://www.w3.org", "") and "https://" not in _outside_data(html), url
        scripts = re.findall(r"<script[^>]*src=\"([^\"]+)\"", html)
        assert all(src.startswith("/assets/") for src in scripts), url
        if url.startswith("/tip/"):  # JSON, for a network page's script (below)
            continue
        if not url.startswith(("/network", "/views/")):
            assert "<script" not in html, f"{url}: a page without a network must not need JavaScript"


def _outside_data(html: str) -> str:
    """The page without text from the data (a source document's own URL may be https)."""
    return re.sub(r"<script type=\"application/json\".*?</script>", "", html, flags=re.S)


def test_every_node_kind_has_a_page_with_facts_sources_and_neighbours(public_client, london_public):
    graph = london_public.graph
    for node_type in schema().nodes:
        nodes = sorted(n for n, a in graph.nodes(data=True) if a.get("label") == node_type.label)
        if not nodes:
            continue
        html = public_client.get(f"/entity/{nodes[0]}").text
        assert 'class="kind"' in html and f'data-id="{nodes[0]}"' in html
        if node_type.label != "Source":
            assert 'class="citation"' in html, node_type.label
        assert "Neighbours, by relationship" in html


def test_case_page_shows_status_citations_and_connected_cases(public_client, london_public):
    html = public_client.get("/entity/lambeth-2022-hotel-room").text
    assert "Claim status and sources" in html
    assert 'href="/entity/express-mylondon-2025"' in html  # the citation links to its source
    assert "para. 11" in html and "in a hotel room with six men" in html  # paragraph and quote of a link
    assert "status-alleged" in html  # the six men: alleged, never shown as convicted
    assert "shows" in html and "in borough" in html  # neighbours grouped by relationship
    source = public_client.get("/entity/express-mylondon-2025").text
    assert "Records citing this source" in source and "/entity/lambeth-2022-hotel-room" in source
    borough = public_client.get("/entity/lambeth").text
    assert "Cases it connects" in borough and "(pointing here)" in borough


def test_query_forms_come_from_the_header(public_client):
    for name, query in catalog().items():
        html = public_client.get(f"/queries/{name}").text
        for param, declared in query.header.parameters.items():
            if param == "include_restricted":
                assert 'name="include_restricted"' not in html  # fixed in the public profile
                continue
            assert f'name="{param}"' in html and declared.description.split()[0] in html
            if declared.type in ("int", "float"):
                assert re.search(rf'name="{param}" type="number"', html)
        assert f'href="/queries/{name}/cypher"' in html
    text = public_client.get("/queries/similar-cases/cypher").text
    assert "MATCH" in text


def test_query_answers_link_to_entity_pages(public_client):
    html = public_client.get("/queries/similar-cases?run=1&case_id=lambeth-2022-hotel-room").text
    assert 'id="rows"' in html and 'href="/entity/' in html


def test_query_answers_show_an_unknown_list_element_as_the_text_outputs_write_it(public_client):
    """An ungraded citation's grade (None in the answer) is an item saying `unknown` (`UNKNOWN_TEXT`, the
    CLI's table and CSV word), never an empty item; an empty list has no item, so `[None]` reads apart from `[]`."""
    from casegraph.schemas.citations import UNKNOWN_TEXT

    html = public_client.get("/queries/status-history?run=1&id=redbridge-2011-child-sex-ring").text
    assert not re.search(r"<li>\s*</li>", html)
    assert len(re.findall(rf'<li><span class="unknown">{UNKNOWN_TEXT}</span>\s*</li>', html)) >= 3  # the case's grades
    detail = public_client.get("/queries/case-detail?run=1&case_id=redbridge-2011-child-sex-ring").text
    assert '<ul class="cell-list"></ul>' in detail  # a link's contested_fields: [], no item


def test_a_path_in_an_answer_links_each_of_its_steps(public_client):
    """`paths-between-cases` answers each path as its steps (records): the cell links every node on it,
    the first case included, in order."""
    html = public_client.get("/queries/paths-between-cases?run=1&from=lewisham-2000-martin-malone"
                             "&to=lewisham-2002-imperial-research&max_hops=2").text
    paths = [part.split("</td>")[0] for part in html.split('<span class="path">')[1:]]
    assert paths
    for path in paths:
        linked = re.findall(r'href="/entity/([^"]+)"', path)
        assert len(linked) == 3 and linked[0] == "lewisham-2000-martin-malone", path
        assert linked[-1] == "lewisham-2002-imperial-research"
        # each step's relationship between its nodes, as the CLI's table writes a path (`text_of`)
        assert len(re.findall(r'<span class="step">—[A-Z_]+—</span>', path)) == 2, path
    assert any('href="/entity/lewisham-council"' in path for path in paths)  # para 22: the council's research
    # `via` (the steps after the first case) links its nodes by name: no raw id/label/name pairs
    rows = re.findall(r"<tr><td>.*?</tr>", html, re.S)
    assert rows and all("label:" not in row and "name:" not in row for row in rows)
    assert all(row.count('href="/entity/') == 5 for row in rows)  # via's 2 and the path's 3


@pytest.mark.parametrize("params, message", [
    ({"case_id": "lambeth-2022-hotel-room", "cypher": "MATCH (n) DETACH DELETE n"},
     "&#39;cypher&#39;: not a parameter of this page"),
    ({"min_boroughs": "three"}, "expected int"),
])
def test_query_parameters_are_validated(public_client, params, message):
    name = "similar-cases" if "case_id" in params else "recurring-indicators"
    response = public_client.get(f"/queries/{name}?" + urlencode({"run": 1, **params}))
    assert response.status_code == 400 and message in response.text


def test_required_parameter_missing_says_so(public_client):
    for url in ("/queries/case-detail?run=1", "/queries/case-detail?run=1&case_id=+++"):  # empty or blank
        response = public_client.get(url)
        assert response.status_code == 400 and "needs a value for &#39;case_id&#39;" in response.text, url
        assert "--param" not in response.text  # the command line's words are not the explorer's


@pytest.mark.parametrize("url, message", [
    ("/queries/status-history?run=1&id=express-mylondon-2025", "is a source, not a fact of the graph"),
    ("/queries/similar-cases?run=1&case_id=redbridge", "is a borough, not a case"),
    ("/queries/paths-between-cases?run=1&from=lewisham-2000-martin-malone&to=Lewisham-2000-Martin-Malone",
     "both name &#39;lewisham-2000-martin-malone&#39;: give two different cases"),
    ("/connections?from=lewisham&to=LEWISHAM", "both name &#39;lewisham&#39;: give two different entities"),
    ("/queries/single-source-facts?run=1&reliability=+9", "expected one of 1, 2, 3"),
    ("/queries/case-detail?run=1&case_id=croydon-2020-child-in-care&offset=99999999999999999999999", "(64 bits)"),
])
def test_a_question_that_cannot_be_answered_says_why(public_client, url, message):
    """An id of another kind, one node twice, a grade outside its scale: a 400 saying so, never `(no rows)`."""
    response = public_client.get(url)
    assert response.status_code == 400 and message in response.text, (url, response.text[:1500])


def test_a_page_far_past_the_end_is_an_empty_page_not_a_crash(public_client):
    """LadybugDB's process crashed on SKIP some 10,000 rows past an answer's end: the explorer with it."""
    for url in ("/queries/case-detail?run=1&case_id=croydon-2020-child-in-care&offset=100000",
                "/queries/recurring-indicators?run=1&offset=100000"):
        response = public_client.get(url)
        assert response.status_code == 200 and "no rows from 100,001: past the last row" in response.text, url
    assert public_client.get("/").status_code == 200  # still serving


def test_a_value_with_spaces_is_the_value(public_client):
    """` 1` from a form is `1`, as the command line reads it."""
    assert public_client.get("/queries/single-source-facts?run=1&reliability=+1").status_code == 200


def test_public_profile_never_runs_restricted_query(public_client, restricted_client, london_restricted):
    victim = london_restricted.graph.nodes["victim-lambeth-2022"]["name"]
    url = "/queries/case-detail?" + urlencode({"run": 1, "case_id": "lambeth-2022-hotel-room",
                                                "include_restricted": "true"})
    refused = public_client.get(url)
    assert refused.status_code == 400 and victim not in refused.text
    assert "serves the public profile" in refused.text  # said, not silently answered without them
    assert victim in restricted_client.get(url).text
    asked_without = url.replace("include_restricted=true", "include_restricted=false")
    assert public_client.get(asked_without).status_code == 200


def test_a_paged_answer_says_where_it_is_and_links_its_pages(public_client):
    """The answer names its rows among the whole answer's total and links the pages either side."""
    first = public_client.get("/queries/uncertain-facts?run=1&limit=5").text
    total = int(re.search(r'id="rows">rows 1–5 of ([\d,]+) rows', first).group(1).replace(",", ""))
    assert total > 5 and 'id="previous-page"' not in first
    following = re.search(r'id="next-page"|href="([^"]+)" rel="next"', first)
    assert following and "offset=5" in following.group(1)
    second = public_client.get(following.group(1).replace("&amp;", "&")).text
    assert f"rows 6–{min(10, total)} of {total:,} rows" in second and 'rel="prev"' in second
    last = public_client.get(f"/queries/uncertain-facts?run=1&limit=5&offset={total - 1}").text
    assert f"rows {total:,}–{total:,} of {total:,}" in last and 'rel="next"' not in last
    past = public_client.get(f"/queries/uncertain-facts?run=1&limit=5&offset={total + 10}").text
    assert f"no rows from {total + 11:,}: past the last row of {total:,} rows" in past
    back = re.search(r'href="([^"]+)" rel="prev"', past).group(1).replace("&amp;", "&")
    assert f"offset={(total - 1) // 5 * 5}" in back  # the last page with rows, not another empty one
    assert f"of {total:,} rows" in public_client.get(back).text and "past the last row" not in public_client.get(back).text


def _restricted_texts(explorer):
    graph, texts = explorer.graph, set()
    items = [a for _, a in graph.nodes(data=True) if is_restricted(a)]
    items += [a for _, _, a in graph.edges(data=True) if is_restricted(a)]
    for attrs in items:
        for field in RESTRICTED_FIELDS:
            if isinstance(attrs.get(field), str) and len(attrs[field]) > 3:
                texts.add(attrs[field])
    return texts


def test_no_restricted_value_in_any_public_page(public_pages, london_restricted):
    secrets = _restricted_texts(london_restricted)
    assert secrets
    for url, html in public_pages.items():
        for secret in secrets:
            assert secret not in html, (url, secret)


def test_no_restricted_value_in_public_downloads(public_client, london_restricted):
    secrets = _restricted_texts(london_restricted)
    for fmt in FORMATS:
        response = public_client.get(f"/export?format={fmt}")
        assert response.status_code == 200, response.text
        data = response.content
        if response.headers["content-type"] == "application/zip":
            with zipfile.ZipFile(io.BytesIO(data)) as archive:
                data = b"".join(archive.read(name) for name in archive.namelist())
        assert "restricted" not in response.headers["content-disposition"]
        text = data.decode("utf-8")
        assert not [s for s in secrets if s in text], fmt
    dossier = public_client.get("/entity/lambeth-2022-hotel-room/dossier?format=html").text
    assert "hotel" in dossier and not [s for s in secrets if s in dossier]


def test_restricted_profile_banner_on_every_page(restricted_client, london_restricted):
    for url in ["/", "/search?q=olivia", "/entity/victim-lambeth-2022", "/queries", "/queries/case-detail",
                "/views", "/views/overview", "/network?around=victim-lambeth-2022", "/connections", "/nowhere"]:
        html = restricted_client.get(url).text
        assert 'id="restricted-banner"' in html and "Not for publication" in html, url
    assert "victim-lambeth-2022" in restricted_client.get("/search?q=olivia").text
    response = restricted_client.get("/export?format=json")
    assert ".restricted" in response.headers["content-disposition"]


def test_public_profile_leaves_restricted_entities_out(public_client):
    response = public_client.get("/entity/victim-lambeth-2022")
    assert response.status_code == 404 and "public profile" in response.text
    assert "banner" not in public_client.get("/").text
    assert public_client.get("/tip/node/victim-lambeth-2022").status_code == 404


def _graph_data(html: str) -> dict:
    return json.loads(re.search(r'<script type="application/json" id="graph-data">(.*?)</script>', html, re.S).group(1))


@pytest.mark.parametrize("url, view, selection, params", [
    ("/views/overview?borough=lambeth", "overview", {"boroughs": ("lambeth",)}, {}),
    ("/views/decades?borough=lambeth", "decades", {"boroughs": ("lambeth",)}, {}),
    ("/network?around=lambeth-2022-hotel-room", "ego", {"around": (("lambeth-2022-hotel-room", 1),)},
     {"node": "lambeth-2022-hotel-room", "hops": 1})])
def test_a_network_page_asks_for_each_record_s_tooltip_as_the_figure_would_draw_it(
        public_client, london_public, url, view, selection, params):
    """The explorer's pictures leave records' tooltips out (a borough's overview at 100,000 cases spent half
    its drawing on them); `/tip` gives each drawn node's and relationship's exactly as the figure drawn with
    them (`Options.tips`, the CLI's pages) has it, under the same profile. A view's own marks and links (the
    decades view's markers, its links re-keyed per decade) keep theirs: no id of theirs is a record's."""
    from casegraph.graph.selection import Selection, select
    from casegraph.viz.compose import Options
    from casegraph.viz.html import tip_data
    from casegraph.viz.views import figure_for

    data = _graph_data(public_client.get(url).text)
    assert data["tips"] is False
    whole = london_public.hydrate(select(london_public.graph, Selection(**selection)))
    inline = figure_for(view, whole, Options(), **params)
    assert inline.tips
    marks, links = {m.id: m for m in inline.marks}, {link.id: link for link in inline.links}
    assert {n["id"] for n in data["nodes"]} == set(marks) and {e["id"] for e in data["edges"]} == set(links)
    asked = 0
    for node in data["nodes"]:
        if node["tip"] is None:
            asked += 1
            answer = public_client.get(f"/tip/node/{quote(node['id'], safe='')}")
            assert answer.status_code == 200 and answer.headers["content-type"] == "application/json", node["id"]
            assert answer.json() == tip_data(marks[node["id"]]), node["id"]
        else:
            assert node["id"] not in london_public.graph or node.get("count"), node["id"]
            assert node["tip"] == tip_data(marks[node["id"]])
    for edge in data["edges"]:
        if edge["tip"] is None:
            asked += 1
            answer = public_client.get(f"/tip/relationship/{quote(edge['id'], safe='')}?"
                                       + urlencode({"from": edge["from"], "to": edge["to"]}))
            assert answer.status_code == 200, edge["id"]
            assert answer.json() == tip_data(links[edge["id"]]), edge["id"]
            assert answer.json()["s"]  # every fact has its source
        else:
            assert not london_public.graph.has_edge(edge["from"], edge["to"], edge["id"]), edge["id"]
            assert edge["tip"] == tip_data(links[edge["id"]])
    assert asked


def test_a_tooltip_names_a_record_of_this_graph_or_is_refused(public_client, london_public):
    u, v, key = next(iter(london_public.graph.edges(keys=True)))
    for url, status in [("/tip/node/nowhere-at-all", 404), ("/tip/link/lambeth", 404),
                        (f"/tip/relationship/{key}?from={v}&to={u}", 404),  # the wrong way round
                        (f"/tip/relationship/nope?from={u}&to={v}", 404),
                        (f"/tip/relationship/{key}?from={u}", 400), (f"/tip/relationship/{key}", 400),
                        (f"/tip/node/{u}?x=1", 400), (f"/tip/node/{u}?from={u}&to={v}", 400),
                        (f"/tip/node/{u}?include_restricted=true", 400), ("/tip/node/a%3Cb%3E", 404),
                        (f"/tip/relationship/{key}?from={u}&to={v}", 200),
                        (f"/tip/relationship/{key.upper()}?from={u.upper()}&to={v}", 200)]:
        response = public_client.get(url)
        assert response.status_code == status, url
        # the caller is a page's fetch, reading JSON: a refusal is JSON too, saying why
        assert response.headers["content-type"] == "application/json", url
        if status != 200:
            assert list(response.json()) == ["error"] and response.json()["error"], url
    assert public_client.get("/tip/node/nowhere-at-all").json() == {
        "error": "no node 'nowhere-at-all' in this graph (or it is restricted and left out of the public profile)"}
    refused = public_client.post(f"/tip/node/{u}")
    assert refused.status_code == 405 and refused.json() == {"error": "Method Not Allowed"}
    assert refused.headers["content-type"] == "application/json" and set(refused.headers["allow"].split(", ")) == {"GET", "HEAD"}
    assert public_client.get("/entity/nowhere-at-all").headers["content-type"].startswith("text/html")  # a page's


@pytest.mark.parametrize("url, status", [
    ("/entity/..%2F..%2Fetc%2Fpasswd", 404), ("/entity/NOWHERE-AT-ALL", 404), ("/entity/a%3Cscript%3E", 404),
    ("/network?around=%3Cscript%3E", 404), ("/search?kind=Nope", 400), ("/search?decade=19x0", 400),
    ("/search?page=-1", 400), ("/views/nope", 404), ("/export?format=exe", 400), ("/queries/nope", 404),
    ("/views/overview/still?format=gif", 404), ("/assets/../app.py", 404), ("/network", 400),
    ("/views?borough=atlantis", 200), ("/views/overview?borough=atlantis", 400),
])
def test_bad_input_is_refused_with_a_message(public_client, url, status):
    response = public_client.get(url)
    assert response.status_code == status, (url, response.text[:500])
    assert "Traceback" not in response.text


def test_read_only_and_local(public_client):
    for url in ["/", "/queries/case-detail", "/entity/lambeth", "/export?format=json"]:
        assert public_client.post(url).status_code == 405
        assert public_client.delete(url).status_code == 405
    assert public_client.get("/", headers={"host": "attacker.example"}).status_code == 400


@pytest.mark.parametrize("host, status", [
    ("[::1]:8765", 200), ("[::1]", 200), ("[0:0:0:0:0:0:0:1]:80", 200), ("LOCALHOST:8765", 200),
    ("127.0.0.1", 200), ("[::2]:8765", 400), ("[::1", 400), ("::1", 400), ("[evil.example]:80", 400),
    ("127.0.0.1.evil.example", 400), ("localhost@evil.example", 400), ("", 400),
])
def test_loopback_hosts_are_served_and_others_refused(public_client, host, status):
    """A browser at http://[::1]:PORT/ sends `Host: [::1]:PORT` (an IPv6 literal in brackets)."""
    assert public_client.get("/", headers={"host": host}).status_code == status, host


def test_downloads(public_client):
    for fmt in FORMATS:
        response = public_client.get(f"/export?format={fmt}&borough=hillingdon")
        assert response.status_code == 200 and "attachment" in response.headers["content-disposition"]
    svg = public_client.get("/views/map/still?format=svg")
    assert svg.status_code == 200 and svg.text.lstrip().startswith("<")
    md = public_client.get("/entity/lambeth/dossier?format=md")
    assert md.status_code == 200 and "Lambeth" in md.text


def test_png_still(public_client, london_public, tmp_path):
    """A PNG still is the CLI's PNG, byte for byte, drawn by one Chromium kept warm, not one per request."""
    from casegraph.graph.selection import Selection, select
    from casegraph.viz.compose import Options
    from casegraph.viz.pages import write_figure
    from casegraph.viz.views import figure_for

    need_browser()  # a PNG is the page screenshotted in headless Chromium
    png = public_client.get("/views/patterns/still?format=png&borough=lambeth")
    assert png.status_code == 200 and png.content.startswith(b"\x89PNG")
    assert png.headers["content-disposition"] == 'attachment; filename="casegraph-patterns.png"'
    browser = london_public.rasteriser._browser
    assert browser is not None and browser._process.poll() is None
    again = public_client.get("/views/ego/still?format=png&around=lambeth")
    assert again.status_code == 200 and again.content.startswith(b"\x89PNG")
    assert london_public.rasteriser._browser is browser  # the same Chromium drew both
    figure = figure_for("patterns", london_public.hydrate(select(london_public.graph, Selection(boroughs=("lambeth",)))),
                        Options())
    assert write_figure(figure, tmp_path / "still.png").read_bytes() == png.content


def test_hub_lists_are_paged_with_totals(synthetic_big, monkeypatch):
    """An indicator shown by many cases: SHOWN links a page, the total, and every link once over the pages."""
    from casegraph.explorer import entity
    from casegraph.graph.selection import public_subgraph

    monkeypatch.setattr(entity, "SHOWN", SHOWN := 20)  # a hub of thousands, scaled down
    graph = public_subgraph(synthetic_big)
    hub = max((n for n, a in graph.nodes(data=True) if a.get("label") == "Indicator"), key=graph.in_degree)
    total = graph.in_degree(hub)
    assert total > 2 * SHOWN
    client = client_for(Explorer(None, None, graph, include_restricted=False))
    first = client.get(f"/entity/{hub}")
    assert first.status_code == 200 and f"links 1–{SHOWN} of {total} links" in first.text
    heading = next(h for h in ("shows (pointing here)",) if h in first.text)
    seen = []
    for page in range(1, -(-total // SHOWN) + 1):
        html = client.get(f"/entity/{hub}", params={"more": heading, "page": page}).text
        group = html.split(f"<h3>{heading} ({total})</h3>", 1)[1].split("</section>", 1)[0]
        seen += [part.split('"', 1)[0] for part in group.split('<a class="node" href="/entity/')[1:]]
    assert sorted(seen) == sorted(u for u, _ in graph.in_edges(hub)) and len(seen) == total
    assert client.get(f"/entity/{hub}?page=0").status_code == 400


def test_a_hubs_cases_are_paged_by_name_each_once(synthetic_big, monkeypatch):
    """The cases an indicator connects, over its pages: every linked case once, in name order (the
    hub's lists are sorted once when the explorer opens, `Explorer.lists`, and each page is a slice)."""
    from casegraph.explorer import entity, state
    from casegraph.graph.selection import linked_cases, public_subgraph
    from casegraph.schemas.names import display_name

    monkeypatch.setattr(entity, "SHOWN", SHOWN := 20)
    monkeypatch.setattr(state, "HUB_LINKS", 2 * SHOWN)  # kept when the explorer opens, as at scale
    graph = public_subgraph(synthetic_big)
    hub = max((n for n, a in graph.nodes(data=True) if a.get("label") == "Indicator"), key=graph.in_degree)
    explorer = Explorer(None, None, graph, include_restricted=False)
    assert hub in explorer._lists
    cases = linked_cases(graph, hub) - {hub}
    assert len(cases) > 2 * SHOWN
    client = client_for(explorer)
    seen = []
    for page in range(1, -(-len(cases) // SHOWN) + 2):  # and one page past the end: empty
        html = client.get(f"/entity/{hub}", params={"more": "cases", "page": page}).text
        if page > -(-len(cases) // SHOWN):
            assert '<a class="node"' not in html.split('<section class="cases">', 1)[-1].split("</section>", 1)[0]
            continue
        part = html.split('<section class="cases">', 1)[1].split("</section>", 1)[0]
        seen += [link.split('"', 1)[0] for link in part.split('<a class="node" href="/entity/')[1:]]
    assert len(seen) == len(cases) and set(seen) == cases
    assert seen == sorted(cases, key=lambda c: (display_name(graph.nodes[c], c).casefold(), c))


def test_views_and_files_of_a_large_selection_say_how_to_narrow_it(public_client, london_public, monkeypatch):
    from casegraph.explorer import app

    monkeypatch.setattr(app, "MAX_SELECTED", 60)  # London's 200 nodes stand for a national graph
    london_public.forget()  # what earlier tests' pages kept was made under the real bound
    for url in ["/views/overview", "/export?format=json", "/views/map/still?format=svg",
                "/views/overview?around=lambeth&hops=3"]:
        response = public_client.get(url)
        assert response.status_code == 400 and "narrow it" in response.text and "casegraph export" in response.text, url
    assert public_client.get("/views/map?case=lambeth-2022-hotel-room").status_code == 200
    assert public_client.get("/export?format=json&case=lambeth-2022-hotel-room").status_code == 200


def test_the_host_names_a_server_answers_to_are_a_list_never_any():
    from casegraph.explorer.security import allowed_hosts

    assert allowed_hosts("127.0.0.1") == ("127.0.0.1", "localhost", "[::1]")
    assert allowed_hosts("0.0.0.0", ("News.Example",), ("desk7",)) == (
        "127.0.0.1", "localhost", "[::1]", "desk7", "news.example")
    assert allowed_hosts("192.168.1.20") == ("127.0.0.1", "localhost", "[::1]", "192.168.1.20")
    assert allowed_hosts("::") == ("127.0.0.1", "localhost", "[::1]")


@pytest.mark.parametrize(("given", "said"), [
    ("evil.com:80", "without the port :80"), ("[::1]:8765", "without the port :8765"),
    ("http://evil.com", "without the scheme http://"), ("evil.com/admin", "without user information or a path"),
    ("me@evil.com", "without user information or a path"), ("", "not a host name or IP address"),
    ("two words", "not a host name or IP address")])
def test_a_host_to_allow_is_the_host_alone(given, said):
    from casegraph.explorer.security import host_name

    with pytest.raises(ValueError, match=f"give the host alone, {said}|{said}") as refused:
        host_name(given)
    assert repr(given) in str(refused.value)
    assert [host_name(h) for h in ("News.Example", "::1", "[0:0::1]", "192.168.1.20")] == [
        "news.example", "[::1]", "[::1]", "192.168.1.20"]


def test_the_machine_names_its_own_addresses():
    """Bound to all interfaces, a colleague reaches the explorer by the machine's address: it is one of its own."""
    import socket

    from casegraph.explorer.security import machine_hosts

    own = machine_hosts()
    assert socket.gethostname() in own
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe:
        probe.connect(("192.0.2.1", 9))
        assert probe.getsockname()[0] in own


def test_an_export_the_machine_cannot_make_is_offered_with_its_pip_command_and_refused_with_it(
        public_client, london_public, monkeypatch):
    from casegraph.exports.ftm import FtMExporter

    london_public.forget()  # an earlier test's export of the same borough is kept
    monkeypatch.setattr(FtMExporter, "needs", ("casegraph_test_no_such_module", "ftm"))  # as without casegraph[ftm]
    views = public_client.get("/views?borough=hillingdon")
    assert views.status_code == 200
    assert 'href="/export?borough=hillingdon&amp;format=ftm"' not in views.text  # not offered as a link
    assert "pip install &#39;casegraph[ftm]&#39;" in views.text
    assert 'href="/export?borough=hillingdon&amp;format=gexf"' in views.text
    response = public_client.get("/export?format=ftm&borough=hillingdon")
    assert response.status_code == 501 and "pip install" in response.text and "Traceback" not in response.text


def test_an_unknown_entity_suggests_the_closest_public_ids(public_client):
    response = public_client.get("/entity/lambeth-2022-hotel-rom")
    assert response.status_code == 404 and "did you mean lambeth-2022-hotel-room" in response.text


def test_a_dossier_the_data_words_against_its_status_is_a_422_not_a_500(london_public):
    """A dossier refuses to state an alleged fact worded as a conviction (`reports.model.Fact`): the
    explorer says so, as the CLI does, instead of failing with a server error."""
    import networkx as nx

    graph = nx.MultiDiGraph(london_public.graph)
    node = "men-finsbury-park-haringey-2012"
    assert graph.nodes[node]["status"] == "alleged"
    graph.nodes[node]["name"] = "Convicted men, Finsbury Park"
    client = client_for(Explorer(None, None, graph, include_restricted=False))
    answer = client.get(f"/entity/{node}/dossier?format=md")
    assert answer.status_code == 422
    assert "an alleged fact worded as a conviction" in answer.text and "correct the data" in answer.text


def test_a_source_page_lists_what_cites_it_by_the_selection_rule(london_public, public_client):
    """One rule for what cites a source (`graph.selection.citing`): a source's page lists the records citing
    it and both ends of the relationships citing it, as `--around SOURCE` selects and the dossier reads."""
    from casegraph.graph.selection import citing
    from casegraph.schemas.citations import cited_sources

    graph = london_public.graph
    sources = [n for n, a in graph.nodes(data=True) if a.get("label") == "Source"]
    for source in sources:
        assert set(london_public.cited_by.get(source, [])) == citing(graph, source), source
    # an end of a relationship that cites a source its own record does not: listed on the source's page
    end, source = next((v, s) for u, v, a in graph.edges(data=True) for s in cited_sources(a)
                       if s not in cited_sources(graph.nodes[v]))
    assert end in london_public.cited_by[source]
    listed = set()
    for page in range(1, 100):
        html = public_client.get(f"/entity/{source}?more=cited&page={page}").text
        section = html.split('<section class="cited-by">')[-1].split("</section>")[0]
        found = set(re.findall(r'href="/entity/([^"?]+)"', section))
        if not found - listed:
            break
        listed |= found
    assert end in listed


def test_facts_leave_out_what_the_build_derives_in_every_output(london_public, public_client):
    """One rule for a record's own facts (`viz.facts.fact_rows`): an entity page's facts table and a
    picture's tooltip list neither the aggregates the build derives for the catalog queries (an indicator's
    every borough, a fact's rank in an evidence query) nor the raw citation and contested columns; a
    tooltip still says what casegraph inferred, and from what."""
    from casegraph.graph.selection import Selection, select
    from casegraph.schemas.aggregates import aggregate_fields
    from casegraph.viz.facts import node_facts, rel_facts

    graph = london_public.graph
    indicator = next(n for n, a in graph.nodes(data=True) if a.get("label") == "Indicator")
    whole = london_public.hydrate(select(graph, Selection(around=((indicator, 1),))))
    derived = {name.replace("_", " ") for node in schema().nodes for name in aggregate_fields(node.model)}
    derived |= {name.replace("_", " ") for rel in schema().rels for name in aggregate_fields(rel.model)}
    attrs = whole.nodes[indicator]
    assert set(attrs) & {"case_borough_ids", "case_records"}  # the build derived them: they are stored
    shown = {field for field, _ in node_facts(attrs)}
    for _, _, rel in whole.edges(data=True):
        shown |= {field for field, _ in rel_facts(rel)}
    assert not shown & derived and not any(field.startswith("citation ") for field in shown)
    html = public_client.get(f"/entity/{indicator}").text
    table = html.split('<table class="facts">')[1].split("</table>")[0] if '<table class="facts">' in html else html
    for name in derived:
        assert f">{name}<" not in table, name
    case = next(u for u, v, a in graph.edges(data=True) if a.get("status") == "inferred")
    around = london_public.hydrate(select(graph, Selection(around=((case, 1),))))
    inferred = [a for _, _, a in around.edges(data=True) if a.get("status") == "inferred"]
    assert inferred and all(a.get("basis") and ("basis", a["basis"]) in rel_facts(a) for a in inferred)
