"""What the explorer makes of a URL, the same on every route: page numbers and pages past the end,
bounds from the query headers, ids in any case, parameters given twice, and parameters a route does not take."""

from __future__ import annotations

import re

import pytest
from click.testing import CliRunner

from casegraph.cli import cli
from casegraph.queries import catalog

SOURCE = "express-mylondon-2025"


def _last_page_link(html: str) -> str:
    return re.search(r'href="([^"]+)" rel="last"', html).group(1).replace("&amp;", "&")


@pytest.mark.parametrize("url, noun", [
    (f"/entity/{SOURCE}?more=cited&page=1000", "records"),
    ("/search?q=lambeth&page=10000", "results"),
    ("/search?page=10000", "results"),
    ("/entity/lambeth?more=cases&page=50", "cases"),
    ("/entity/lambeth?more=in+borough+(pointing+here)&page=50", "links"),
    ("/queries/recurring-indicators?run=1&offset=100000", "rows"),
])
def test_a_page_past_the_end_says_so_and_links_the_last_page(public_client, url, noun):
    """Every paged list (entity lists, search, query answers) by one rule (`explorer.paging.Pages`): no
    "page 10000 of 1", but that there is no such page, and a link to the last page that holds something."""
    response = public_client.get(url)
    assert response.status_code == 200, (url, response.text[:500])
    html = response.text
    assert re.search(rf"no {noun} from [\d,]+: past the last \w+ of [\d,]+ \w+; there is no such page", html), url
    last = public_client.get(_last_page_link(html))
    assert last.status_code == 200 and "past the last" not in last.text
    assert re.search(rf"{noun} [\d,]+–[\d,]+ of [\d,]+ {noun}|{noun[:-1]}", last.text)


def test_the_last_page_of_search_is_where_the_link_goes(public_client):
    first = public_client.get("/search?q=").text
    total = int(re.search(r"results 1–25 of ([\d,]+) results", first).group(1).replace(",", ""))
    assert total > 50
    past = public_client.get("/search?q=&page=400").text
    link = _last_page_link(past)
    assert link == f"/search?page={-(-total // 25)}"  # the empty words given as no parameter
    assert f"of {total:,} results" in public_client.get(link).text


def test_a_search_links_only_the_parameters_given(public_client):
    """A search's page links and its searches without each filter carry what was given and nothing empty:
    no `borough=&decade=` left over from the form."""
    html = public_client.get("/search?q=a&kind=Person&borough=&decade=&page=500").text
    links = [link.replace("&amp;", "&") for link in re.findall(r'href="(/search\?[^"]*)"', html)]
    assert links and all(not re.search(r"=(&|$)", link) for link in links), links
    emptied = public_client.get("/search?q=malone&kind=Person&borough=croydon").text
    without = [link.replace("&amp;", "&") for link in re.findall(r'href="(/search\?[^"]*)"', emptied)]
    assert any("kind=Person" in link and "borough" not in link for link in without), without
    assert all(not re.search(r"=(&|$)", link) for link in without), without


@pytest.mark.parametrize("kind", ["person", "people", "PERSON", "Person"])
def test_a_search_takes_a_kind_as_the_command_line_does(public_client, kind):
    html = public_client.get(f"/search?q=malone&kind={kind}").text
    assert 'href="/entity/' in html and '<option value="Person" selected>' in html


def test_a_kind_that_is_none_is_a_400_listing_the_kinds(public_client):
    response = public_client.get("/search?q=a&kind=persn")
    assert response.status_code == 400 and "no kind &#39;persn&#39;: expected one of" in response.text


@pytest.mark.parametrize("url", ["/connections?from=nothing-like-this-at-all&to=lambeth", "/queries/case-detail?run=1&case_id=qqqqqqq"])
def test_a_form_s_reference_error_sends_to_the_explorer_s_search_not_the_command_line(public_client, url):
    response = public_client.get(url)
    assert response.status_code == 400 and "casegraph search" not in response.text, response.text[-800:]


def test_past_the_end_of_an_empty_list_links_its_one_page_not_a_previous_one(public_client):
    html = public_client.get("/search?q=malone&borough=croydon&page=3").text
    assert "no results, so no such page" in html and 'rel="first"' in html
    assert 'rel="prev"' not in html and "past the last" not in html


@pytest.mark.parametrize("url", ["/search?q=a&page=1000001", "/search?page=2500000000000000000000000000",
                                 f"/entity/{SOURCE}?more=cited&page=99999999999"])
def test_a_page_number_beyond_any_list_is_a_400_giving_the_range(public_client, url):
    response = public_client.get(url)
    assert response.status_code == 400
    assert "page: expected a page number, a whole number from 1 (the first page) to 1,000,000" in response.text


@pytest.mark.parametrize("url, message", [
    ("/entity/" + "a" * 130, "an id has at most 120 characters, this one 130"),
    ("/entity/lambeth%3Cb%3E", "character &#39;&lt;&#39; at position 8"),
    ("/network?around=%D0%B5x", "non-ASCII character &#39;е&#39; (U+0435 CYRILLIC SMALL LETTER IE) at position 1"),
])
def test_a_malformed_id_says_what_is_wrong_with_it(public_client, url, message):
    """The explorer tells what is wrong with an id as a data file's id is told (`schemas.citations.id_problem`)."""
    response = public_client.get(url)
    assert response.status_code == 404 and message in response.text, response.text[-600:]


@pytest.mark.parametrize("url", ["/search?q=a%00b", "/search?q=%01%1b%7f", "/connections?from=a%00&to=b",
                                 "/queries/case-detail?run=1&case_id=x%00y", "/entity/a%00b"])
def test_a_control_character_in_a_request_is_never_written_into_a_page(public_client, url):
    """A page echoes what was asked (the search box, a form's fields, an error's message): a character no
    casegraph text may hold is written as U+FFFD, so the page stays valid HTML."""
    html = public_client.get(url).text
    assert not re.search("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]", html), url
    assert "\ufffd" in html or "/search" not in url, url  # the search box holds the words as typed


@pytest.mark.parametrize("url", [
    "/search?q=lambeth&page=0", "/search?q=lambeth&page=-1", "/search?q=lambeth&page=two", "/search?page=1.5",
    f"/entity/{SOURCE}?more=cited&page=0", f"/entity/{SOURCE}?more=cited&page=-3",
    f"/entity/{SOURCE}?more=cited&page=x", "/entity/lambeth?page=%201e3",
])
def test_page_zero_negative_or_not_a_number_is_a_400(public_client, url):
    response = public_client.get(url)
    assert response.status_code == 400, (url, response.text[:300])
    assert "page: expected a page number, a whole number from 1 (the first page)" in response.text


@pytest.mark.parametrize("url, message", [
    ("/queries/recurring-indicators?run=1&offset=-1", "parameter &#39;offset&#39;: expected at least 0"),
    ("/queries/recurring-indicators?run=1&offset=ten", "parameter &#39;offset&#39;: expected int"),
    ("/queries/recurring-indicators?run=1&limit=0", "parameter &#39;limit&#39;: expected at least 1"),
])
def test_a_query_page_out_of_its_bounds_is_a_400(public_client, url, message):
    response = public_client.get(url)
    assert response.status_code == 400 and message in response.text, (url, response.text[-1500:])


def test_an_entity_list_that_is_not_on_the_page_is_a_400(public_client):
    response = public_client.get("/entity/lambeth?more=nothing-like-it&page=2")
    assert response.status_code == 400 and "more: this page has no list &#39;nothing-like-it&#39;" in response.text


def test_connections_take_their_bounds_from_the_query_header(public_client):
    """`/connections` answers `paths-between-cases`' question for any two entities: its `max_hops` is
    that header's (type, minimum, maximum, default), not a second copy."""
    hops = catalog()["paths-between-cases"].header.parameters["max_hops"]
    a, b = "lambeth-2022-hotel-room", "kingston-2021-sar"
    for value in (hops.maximum + 1, hops.minimum - 1):
        response = public_client.get(f"/connections?from={a}&to={b}&max_hops={value}")
        assert response.status_code == 400, value
        assert "parameter &#39;max_hops&#39;: expected at " in response.text
    assert public_client.get(f"/connections?from={a}&to={b}&max_hops=six").status_code == 400
    page = public_client.get(f"/connections?from={a}&to={b}&max_hops={hops.maximum}")
    assert page.status_code == 200 and f'min="{hops.minimum}" max="{hops.maximum}"' in page.text
    assert f'value="{hops.default}"' in public_client.get("/connections").text


def test_query_forms_show_the_header_bounds(public_client):
    html = public_client.get("/queries/paths-between-cases").text
    limit = catalog()["paths-between-cases"].header.parameters["limit"]
    assert f'name="limit" type="number" min="1" max="{limit.maximum}"' in html


@pytest.mark.parametrize("url, canonical", [
    ("/entity/LAMBETH-2022-Hotel-Room", "/entity/lambeth-2022-hotel-room"),
    ("/entity/Lambeth?more=cases&page=1", "/entity/lambeth?more=cases&page=1"),
    ("/entity/LAMBETH-2022-HOTEL-ROOM/dossier?format=md", "/entity/lambeth-2022-hotel-room/dossier?format=md"),
])
def test_an_id_in_any_case_is_redirected_to_its_page(public_client, url, canonical):
    """Ids are case-insensitive everywhere (`match_reference`): a URL naming one in upper case is the node's
    page, at its canonical address."""
    moved = public_client.get(url, follow_redirects=False)
    assert moved.status_code == 301 and moved.headers["location"] == canonical
    assert public_client.get(url).status_code == 200


@pytest.mark.parametrize("url", [
    "/network?around=LAMBETH-2022-HOTEL-ROOM", "/search?q=hotel&borough=LAMBETH",
    "/views/overview?borough=Lambeth", "/connections?from=LAMBETH-2022-hotel-room&to=Kingston-2021-SAR",
    "/queries/case-detail?run=1&case_id=LAMBETH-2022-hotel-room",
])
def test_every_route_taking_an_id_reads_it_in_any_case(public_client, url):
    response = public_client.get(url)
    assert response.status_code == 200, (url, response.text[-1500:])


def test_an_unknown_id_in_upper_case_is_still_a_404_with_suggestions(public_client):
    response = public_client.get("/entity/LAMBETH-2022-HOTEL")
    assert response.status_code == 404 and "no node &#39;lambeth-2022-hotel&#39;" in response.text


@pytest.mark.parametrize("url, name", [
    ("/queries/recurring-indicators?run=1&limit=5&limit=7", "limit"),
    ("/search?q=a&q=b", "q"), ("/search?q=a&page=1&page=2", "page"),
    ("/entity/lambeth?more=cases&more=cited", "more"), ("/entity/lambeth/dossier?format=md&format=html", "format"),
    ("/connections?from=lambeth&from=newham&to=kingston", "from"), ("/views/overview?hops=1&hops=2", "hops"),
    ("/export?format=json&format=csv&borough=lambeth", "format"), ("/network?around=lambeth&hops=1&hops=2", "hops"),
    ("/views/map/still?format=svg&format=png", "format"), ("/queries/case-detail?case_id=a&case_id=b", "case_id"),
])
def test_a_parameter_given_twice_is_a_400_naming_it(public_client, url, name):
    response = public_client.get(url)
    assert response.status_code == 400, (url, response.text[-800:])
    assert f"{name}: given 2 times; give it once" in response.text


SELECTION_TAKES = "around, borough, case, decade, hops, include_restricted, indicator, institution, person"


@pytest.mark.parametrize("url, name, takes", [
    ("/?q=x", "q", "include_restricted"),
    ("/search?boroughh=lambeth", "boroughh", "borough, decade, include_restricted, kind, page, q"),
    ("/entity/lambeth?pages=2", "pages", "include_restricted, more, page"),
    ("/entity/lambeth/dossier?format=md&fromat=html", "fromat", "format, include_restricted"),
    ("/network?around=lambeth&node=newham", "node", SELECTION_TAKES),
    ("/connections?from=lambeth&to=newham&max_hop=2", "max_hop", "from, include_restricted, max_hops, to"),
    ("/queries?name=case-count", "name", "include_restricted"),
    ("/queries/recurring-indicators?run=1&min_borough=3", "min_borough",
     "include_restricted, limit, min_boroughs, offset, run"),
    ("/queries/case-count/cypher?engine=neo4j", "engine", "include_restricted"),
    ("/views?borough=lambeth&decades=2010", "decades", SELECTION_TAKES),
    ("/views/ego?around=lambeth&width=5", "width", SELECTION_TAKES),
    ("/views/ego?node=lambeth", "node", SELECTION_TAKES),
    ("/views/map/still?format=svg&width=900", "width", ", ".join(sorted([*SELECTION_TAKES.split(", "), "format"]))),
    ("/assets/page.css?v=2", "v", "include_restricted"),
    ("/export?format=json&borough=lambeth&profile=restricted", "profile", ", ".join(sorted([*SELECTION_TAKES.split(", "), "format"]))),
])
def test_a_parameter_the_route_does_not_take_is_a_400_naming_it_and_what_it_takes(public_client, url, name, takes):
    """Every route, from its one declaration (`explorer.params.Takes`): never answered without the
    parameter in silence (a misspelt filter would answer for the whole graph)."""
    response = public_client.get(url)
    assert response.status_code == 400, (url, response.text[-800:])
    assert f"{name!r}: not a parameter of this page; it takes {takes}".replace("'", "&#39;") in response.text


def test_every_unknown_parameter_is_named(public_client):
    response = public_client.get("/views?width=5&height=3&borough=lambeth")
    assert response.status_code == 400 and "&#39;width&#39;: not a parameter of this page (nor &#39;height&#39;)" \
        in response.text


def test_the_parameters_a_page_links_are_all_taken(public_client):
    """Every link of the pages a user walks through stays within its route's parameters."""
    links = set()
    for page in ("/", "/search?q=malone", "/entity/lambeth", "/views?borough=lambeth", "/queries/case-count",
                 "/views/overview?borough=lambeth", "/network?around=lambeth", f"/entity/{SOURCE}"):
        text = public_client.get(page).text
        links |= {h.replace("&amp;", "&") for h in re.findall(r'href="(/[^"#]*\?[^"#]*)"', text)}
    assert len(links) > 20
    for link in sorted(links):
        response = public_client.get(link)
        assert response.status_code != 400 or "not a parameter" not in response.text, link


def test_list_parameters_may_repeat(public_client):
    assert public_client.get("/search?q=&kind=CaseFile&kind=Person").status_code == 200
    assert public_client.get("/views?borough=lambeth&borough=newham&decade=2010&decade=2000").status_code == 200
    assert public_client.get("/network?around=lambeth&around=newham").status_code == 200


def test_a_source_dossier_from_the_explorer_lists_what_cites_it(public_client):
    response = public_client.get("/entity/src-kingston-sar/dossier?format=md")
    assert response.status_code == 200
    text = response.text
    assert "## Facts citing" in text and "Kingston" in text and re.search(r"\[1\]", text)


def test_a_decade_is_read_by_the_command_line_s_rule(london_store, public_client, tmp_path, monkeypatch):
    """One parsing rule (`graph.selection.parse_decade`): the forms the command line takes, the explorer takes,
    and what it refuses both refuse in the same words: a year not a decade's first (`2014`) too, which read as
    its decade would answer another question than the one asked (the year 2014?) in silence."""
    for form in ("2010s", "2010"):
        assert public_client.get(f"/views?decade={form}").text == public_client.get("/views?decade=2010").text
        assert public_client.get(f"/search?decade={form}").text == public_client.get("/search?decade=2010").text
    monkeypatch.chdir(tmp_path)
    for bad in ("19x0", "201", "2010ss"):
        cli_said = CliRunner().invoke(cli, ["export", "--decade", bad, "--out", "never.json", "--store",
                                            str(london_store.directory)]).output.strip()
        assert cli_said == f"casegraph: a decade is written 1990s or 1990, got {bad!r}"
        for url in (f"/views?decade={bad}", f"/views/map?decade={bad}", f"/search?decade={bad}"):
            response = public_client.get(url)
            assert response.status_code == 400, url
            assert re.search(r"decade: a decade is written 1990s or 1990, got &#39;" + bad + "&#39;", response.text)
    for year in ("2014", "2025s"):
        expected = (f"a decade is written 1990s or 1990, got {year!r}: a year, not a decade's first "
                    f"(for the decade of {year[:4]}, write {year[:3]}0s)")
        cli_said = CliRunner().invoke(cli, ["export", "--decade", year, "--out", "never.json", "--store",
                                            str(london_store.directory)]).output.strip()
        assert cli_said == f"casegraph: {expected}"
        for url in (f"/views?decade={year}", f"/search?decade={year}"):
            response = public_client.get(url)
            assert response.status_code == 400, url
            assert "decade: " + expected.replace("'", "&#39;") in response.text


@pytest.mark.parametrize("hops", [0, 1, 2, 3])
def test_an_ego_page_draws_the_hops_asked_for(public_client, london_public, hops):
    """`/views/ego?around=X&hops=K` draws X's neighbourhood to K hops, as `casegraph viz ego --hops K` does
    (it drew one hop whatever K was)."""
    from casegraph.viz.compose import Options
    from casegraph.viz.views import figure_for

    node = "lambeth-2022-hotel-room"
    page = public_client.get(f"/views/ego?around={node}&hops={hops}")
    assert page.status_code == 200
    assert f"within {hops} {'hop' if hops == 1 else 'hops'} of" in page.text
    expected = figure_for("ego", london_public.graph, Options(), node=node, hops=hops)
    assert f"{len(expected.marks):,} nodes" in page.text or f"{len(expected.marks):,} node" in page.text


def test_an_entity_page_number_without_its_list_is_refused(public_client):
    """`/entity/X?page=N` names no list to page: a 400 naming the page's lists, not page 1 as if asked."""
    response = public_client.get("/entity/lambeth?page=999")
    assert response.status_code == 400 and "more=LIST" in response.text
    assert public_client.get("/entity/lambeth?page=1").status_code == 200


@pytest.mark.parametrize("url, said", [
    ("/queries/paths-between-cases?run=1&from=croydon-2020-child-in-care&to=lambeth-2022-hotel-room&max_hops=２",
     "parameter &#39;max_hops&#39;: expected int (a whole number in ASCII digits, e.g. 2), got &#39;２&#39;"),
    ("/queries/recurring-indicators?run=1&min_boroughs=1_0",
     "parameter &#39;min_boroughs&#39;: expected int (a whole number in ASCII digits, e.g. 2), got &#39;1_0&#39;"),
    ("/connections?from=croydon-2020-child-in-care&to=lambeth&max_hops=２",
     "parameter &#39;max_hops&#39;: expected int (a whole number in ASCII digits, e.g. 2), got &#39;２&#39;"),
    ("/network?around=lambeth&hops=２", "hops: expected a whole number from 0 to 3"),
    ("/search?q=lambeth&page=２", "page: expected a page number"),
    ("/views?decade=２０１０", "decade: a decade is written 1990s or 1990, got &#39;２０１０&#39;"),
])
def test_a_number_in_another_scripts_digits_is_a_400_naming_the_parameter(public_client, url, said):
    """Numbers from text in ASCII digits alone (`schemas.text.NUMBER_TEXT`), as the command line reads them:
    Python's int() would read `２` as 2."""
    response = public_client.get(url)
    assert response.status_code == 400 and said in response.text, (url, response.text[-1500:])


def test_the_views_form_keeps_every_value_of_a_selection(public_client):
    """Several boroughs and decades: the form shows each (submitting it keeps them all) and the views' and
    downloads' links carry them all."""
    page = public_client.get("/views?borough=lambeth&borough=newham&decade=1990&decade=2000&person=martin-malone")
    assert page.status_code == 200
    for name, value in (("borough", "lambeth"), ("borough", "newham"), ("decade", "1990"), ("decade", "2000"),
                        ("person", "martin-malone")):
        assert re.search(rf'<input name="{name}" [^>]*value="{value}"', page.text), (name, value)
    links = re.findall(r'href="(/(?:views|export)[^"]*\?[^"]*)"', page.text)
    assert len(links) > 5
    for link in links:
        query = link.replace("&amp;", "&")
        assert all(part in query for part in ("borough=lambeth", "borough=newham", "decade=1990", "decade=2000",
                                              "person=martin-malone")), link


def test_a_search_that_finds_nothing_says_what_each_filter_left_out(public_client):
    """As the CLI says which options it searched with, the page says, for each filter given, how many results
    the search finds without it, and links that search: which filter emptied it."""
    html = public_client.get("/search?q=croydon&kind=CaseFile&borough=croydon&decade=1950").text
    assert "Nothing matches all of these together" in html
    without = dict(re.findall(r'<li>([^<]+): <a href="([^"]+)">', html))
    assert set(without) == {"the words &#39;croydon&#39;", "the kind Case", "the borough Croydon", "the decade 1950s"}, without
    for what, url in without.items():
        shown = re.search(rf'{re.escape(what)}: <a href="[^"]+">([\d,]+) results?</a>', html).group(1)
        page = public_client.get(url.replace("&amp;", "&")).text
        total = re.search(r"of ([\d,]+) results|(\d+) results?\b|no results", page)
        assert total, (what, page[:300])
        if shown == "0":
            assert "Nothing matches all of these together" in page
        else:
            assert "Nothing matches" not in page and f"{shown} result" in page, (what, shown)
    assert "Nothing matches" not in public_client.get("/search?q=croydon").text
    assert "Nothing matches" not in public_client.get("/search?q=zzzzqqqq").text  # words alone: nothing to drop
