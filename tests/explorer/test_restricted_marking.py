"""Restricted output is marked, and restricted data is asked for by one rule, on every route of both profiles.

- every file the explorer offers (each export format, the CSV zip, SVG and PNG stills, HTML and Markdown
  dossiers) carries `.restricted` in its name on a restricted explorer, and never on a public one;
- `include_restricted` in any URL: refused with status 400 and what to do when the profile served leaves
  out what it asks for, honoured when it gives it;
- the tile map's caption says what a borough's count counts, on its page and in its still.
"""

from __future__ import annotations

import html
import io
import re
import zipfile

import pytest

from casegraph.exports import FORMATS
from casegraph.viz.cases import BOROUGH_COUNTING

from tests.conftest import need_browser

CASE = "lambeth-2022-hotel-room"
EXPORT_NAMES = {"graphml": "casegraph.graphml", "gexf": "casegraph.gexf", "json": "casegraph.json",
                "csv": "casegraph-csv.zip", "cypher": "casegraph.cypher", "ftm": "casegraph.ftm.json"}
RESTRICTED_NAMES = {"graphml": "casegraph.restricted.graphml", "gexf": "casegraph.restricted.gexf",
                    "json": "casegraph.restricted.json", "csv": "casegraph-csv.restricted.zip",
                    "cypher": "casegraph.restricted.cypher", "ftm": "casegraph.ftm.restricted.json"}
EXAMPLES = {"/": "/", "/search": "/search?q=lambeth", "/entity/{node}": f"/entity/{CASE}",
            "/entity/{node}/dossier": f"/entity/{CASE}/dossier?format=md", "/network": f"/network?around={CASE}",
            "/connections": f"/connections?from={CASE}&to=lambeth", "/queries": "/queries",
            "/queries/{name}": f"/queries/case-detail?run=1&case_id={CASE}", "/queries/{name}/cypher": "/queries/case-detail/cypher",
            "/views": "/views", "/views/{view}": "/views/tiles", "/views/{view}/still": "/views/map/still?format=svg",
            "/export": "/export?format=json", "/assets/{name}": "/assets/explorer.css",
            "/tip/{kind}/{ref}": f"/tip/node/{CASE}"}
"""A URL of each route of the app, by the route's path."""


def _routes(client) -> list[str]:
    """A URL of every route the app has (its own list, so that a route added is tested too, or this fails
    until given an example), and a query's form unrun."""
    paths = [route.path for route in client.app.routes]
    assert sorted(paths) == sorted(EXAMPLES), "a route of the app with no example URL here: add one to EXAMPLES"
    return [*(EXAMPLES[path] for path in paths), "/queries/case-detail"]


NOT_A_PARAMETER = "/queries/cases-by-borough?run=1"
"""A query without `include_restricted`: the parameter is refused there as any unknown one is."""


def _name(response) -> str:
    found = re.fullmatch(r'attachment; filename="([^"]+)"', response.headers["content-disposition"])
    assert found, response.headers["content-disposition"]
    return found.group(1)


def test_every_export_format_is_named_by_its_profile(public_client, restricted_client):
    assert set(EXPORT_NAMES) == set(FORMATS)
    for fmt in FORMATS:
        public = public_client.get(f"/export?format={fmt}&borough=lambeth")
        restricted = restricted_client.get(f"/export?format={fmt}&borough=lambeth")
        assert public.status_code == restricted.status_code == 200, (fmt, public.text[:300], restricted.text[:300])
        assert _name(public) == EXPORT_NAMES[fmt] and _name(restricted) == RESTRICTED_NAMES[fmt]


def test_the_csv_zip_is_marked_outside_and_in(public_client, restricted_client):
    with zipfile.ZipFile(io.BytesIO(restricted_client.get("/export?format=csv&borough=lambeth").content)) as archive:
        assert archive.comment.decode().startswith("RESTRICTED") and "Not for publication" in archive.comment.decode()
        assert sorted(archive.namelist()) == ["casegraph.citations.restricted.csv", "casegraph.edges.restricted.csv",
                                              "casegraph.metadata.restricted.json", "casegraph.nodes.restricted.csv"]
    with zipfile.ZipFile(io.BytesIO(public_client.get("/export?format=csv&borough=lambeth").content)) as archive:
        assert "restricted" not in " ".join(archive.namelist()) and archive.comment.decode().startswith("public")


@pytest.mark.parametrize("kind", ["html", "md"])
def test_dossiers_are_named_by_their_profile(public_client, restricted_client, kind):
    assert _name(public_client.get(f"/entity/{CASE}/dossier?format={kind}")) == f"dossier-{CASE}.{kind}"
    restricted = restricted_client.get(f"/entity/{CASE}/dossier?format={kind}")
    assert _name(restricted) == f"dossier-{CASE}.restricted.{kind}" and "RESTRICTED" in restricted.text


def test_svg_stills_are_named_by_their_profile(public_client, restricted_client):
    for view in ("map", "tiles", "overview"):
        public = public_client.get(f"/views/{view}/still?format=svg&borough=lambeth")
        restricted = restricted_client.get(f"/views/{view}/still?format=svg&borough=lambeth")
        assert _name(public) == f"casegraph-{view}.svg" and "Not for publication" not in public.text
        assert _name(restricted) == f"casegraph-{view}.restricted.svg"
        assert "NOT FOR PUBLICATION" in restricted.text.upper()  # the banner inside, as the name outside


def test_png_stills_are_named_by_their_profile(public_client, restricted_client):
    need_browser()
    public = public_client.get("/views/map/still?format=png&borough=lambeth")
    restricted = restricted_client.get("/views/map/still?format=png&borough=lambeth")
    assert public.content.startswith(b"\x89PNG") and restricted.content.startswith(b"\x89PNG")
    assert _name(public) == "casegraph-map.png" and _name(restricted) == "casegraph-map.restricted.png"


@pytest.mark.parametrize("value", ["true", "yes", "on", "1", "ON", "Yes"])
def test_asking_a_public_explorer_for_restricted_data_is_refused_on_every_route(public_client, value):
    for url in [*_routes(public_client), NOT_A_PARAMETER]:
        response = public_client.get(f"{url}{'&' if '?' in url else '?'}include_restricted={value}")
        assert response.status_code == 400, (url, response.text[:500])
        assert f"include_restricted={value} asks for restricted data" in response.text, url
        assert "casegraph serve --include-restricted" in response.text, url
        assert "content-disposition" not in response.headers, url  # no public file in its place


def test_a_public_explorer_takes_include_restricted_false_and_refuses_nonsense(public_client):
    """Every route reads the words the command line and the Python API read (`queries.catalog.yes_no`)."""
    for url in _routes(public_client):
        for word in ("false", "no", "off", "0", "OFF"):
            answer = public_client.get(f"{url}{'&' if '?' in url else '?'}include_restricted={word}")
            assert answer.status_code == 200, (url, word)
    response = public_client.get("/export?format=json&include_restricted=maybe")
    assert response.status_code == 400 and ("parameter 'include_restricted': expected a yes/no (true/false, yes/no, "
                                            "on/off or 1/0, in any case), got 'maybe'") in html.unescape(response.text)
    response = public_client.get(f"{NOT_A_PARAMETER}&include_restricted=false")
    assert response.status_code == 400 and "has no parameter include_restricted" in response.text


def test_a_restricted_explorer_honours_the_parameter(restricted_client, london_restricted):
    victim = london_restricted.graph.nodes["victim-lambeth-2022"]["name"]
    for url in _routes(restricted_client):
        response = restricted_client.get(f"{url}{'&' if '?' in url else '?'}include_restricted=true")
        assert response.status_code == 200, (url, response.text[:500])
    assert _name(restricted_client.get("/export?format=json&include_restricted=true")) == "casegraph.restricted.json"
    # a query's own parameter: true by default in this profile, as `casegraph query --profile restricted`
    form = restricted_client.get("/queries/case-detail").text
    assert '<option value="true" selected>' in form
    assert victim in restricted_client.get(f"/queries/case-detail?run=1&case_id={CASE}").text
    left_out = restricted_client.get(f"/queries/case-detail?run=1&case_id={CASE}&include_restricted=false")
    assert left_out.status_code == 200 and victim not in left_out.text
    # anywhere else false asks for public views and files, which this explorer does not serve
    for url in ("/export?format=json", f"/network?around={CASE}", "/views/tiles", f"/entity/{CASE}/dossier"):
        refused = restricted_client.get(f"{url}{'&' if '?' in url else '?'}include_restricted=false")
        assert refused.status_code == 400 and "without --include-restricted" in refused.text, url


def test_the_tile_map_caption_says_what_it_counts(public_client, restricted_client):
    for client in (public_client, restricted_client):
        page = client.get("/views/tiles").text
        assert '<p class="caption">' in page and BOROUGH_COUNTING in html.unescape(page)
        still = client.get("/views/tiles/still?format=svg").text
        assert "cases-by-borough" in still and "counts each case once" in re.sub(r"\s+", " ", still)
        assert "cases-by-borough" in client.get("/views/patterns/still?format=svg").text


def test_a_restricted_page_is_marked_in_its_title(public_client, restricted_client):
    """The title is the name a browser gives a page saved from the explorer."""
    for url in ("/", f"/entity/{CASE}", "/views/tiles", f"/network?around={CASE}", "/nowhere"):
        title = re.search(r"<title>(.*?)</title>", restricted_client.get(url).text).group(1)
        assert title.endswith("· casegraph explorer · RESTRICTED, not for publication"), (url, title)
        assert "RESTRICTED" not in re.search(r"<title>(.*?)</title>", public_client.get(url).text).group(1), url
