"""Aggregates counted at build time (`graph/aggregates.py`) equal what expanding the stored graph counts,
are refused in data, and `similar-cases` proposes candidates only through telling records."""

from __future__ import annotations

from pathlib import Path

import pytest
from pydantic import ValidationError

from casegraph.analysis.similarity import HUB_CASES
from casegraph.graph.embedded import EmbeddedStore
from casegraph.graph.store import input_checksum
from casegraph.loaders import load
from casegraph.queries import get_query, run_named
from casegraph.schemas.nodes import Borough, Person


def _by_id(view, text: str, params: dict | None = None) -> dict:
    return {row[0]: row[1] for row in view.run(text, params or {}).rows}


def _sorted(values) -> list:
    return sorted(v for v in values if v is not None)


def test_borough_aggregates_equal_the_expanded_counts(london_view):
    stored = {row[0]: row[1:] for row in london_view.run(
        "MATCH (b:Borough) RETURN b.id, b.case_records, b.case_count, b.case_periods, b.inferred_case_links, "
        "b.case_indicator_ids").rows}
    expanded = {row[0]: row[1:] for row in london_view.run(
        "MATCH (c:CaseFile)-[r:IN_BOROUGH]->(b:Borough) RETURN b.id, count(c), sum(c.cases_represented), "
        "collect(DISTINCT c.period), sum(CASE WHEN r.status = 'inferred' THEN 1 ELSE 0 END)").rows}
    indicators = _by_id(london_view, "MATCH (b:Borough)<-[:IN_BOROUGH]-(:CaseFile)-[:SHOWS]->(i:Indicator) "
                                     "RETURN b.id, collect(DISTINCT i.id)")
    assert expanded and sum(1 for row in stored.values() if row[0] > 0) == len(expanded)
    for borough, (records, count, periods, inferred, indicator_ids) in stored.items():
        want = expanded.get(borough, (0, 0, [], 0))
        assert (records, count, sorted(periods), inferred) == (want[0], want[1], _sorted(want[2]), want[3]), borough
        assert indicator_ids == _sorted(indicators.get(borough, [])), borough


def test_indicator_aggregates_equal_the_expanded_counts(london_view):
    rows = london_view.run("MATCH (i:Indicator) RETURN i.id, i.case_links, i.case_records, i.case_borough_ids, "
                           "i.case_borough_names, i.case_decades, i.case_statuses").rows
    links = _by_id(london_view, "MATCH (:CaseFile)-[:SHOWS]->(i:Indicator) RETURN i.id, count(*)")
    cases = _by_id(london_view, "MATCH (c:CaseFile)-[:SHOWS]->(i:Indicator) RETURN i.id, count(DISTINCT c)")
    boroughs = _by_id(london_view, "MATCH (i:Indicator)<-[:SHOWS]-(:CaseFile)-[:IN_BOROUGH]->(b:Borough) "
                                   "RETURN i.id, collect(DISTINCT b.id)")
    statuses = _by_id(london_view, "MATCH (:CaseFile)-[s:SHOWS]->(i:Indicator) RETURN i.id, collect(DISTINCT s.status)")
    years = london_view.run("MATCH (c:CaseFile)-[:SHOWS]->(i:Indicator) WHERE c.year_start IS NOT NULL "
                            "RETURN i.id, c.year_start, coalesce(c.year_end, c.year_start)").rows
    decades: dict[str, set] = {}
    for indicator, first, last in years:
        decades.setdefault(indicator, set()).update(range(first - first % 10, last - last % 10 + 1, 10))
    names = _by_id(london_view, "MATCH (b:Borough) RETURN b.id, b.name")
    assert any(row[1] for row in rows)
    for indicator, case_links, records, borough_ids, borough_names, case_decades, case_statuses in rows:
        assert case_links == links.get(indicator, 0) and records == cases.get(indicator, 0), indicator
        assert borough_ids == _sorted(boroughs.get(indicator, [])), indicator
        assert borough_names == [names[b] for b in borough_ids]
        assert case_decades == sorted(decades.get(indicator, ())), indicator
        assert case_statuses == _sorted(statuses.get(indicator, [])), indicator


@pytest.mark.parametrize("label", ["Person", "Place", "Institution"])
def test_case_links_count_every_link_from_a_case(london_view, label):
    stored = _by_id(london_view, f"MATCH (n:{label}) RETURN n.id, n.case_links")
    links = _by_id(london_view, f"MATCH (:CaseFile)-[:SHOWS|AT_PLACE|INVOLVES]->(n:{label}) RETURN n.id, count(*)")
    assert any(stored.values())
    assert stored == {node: links.get(node, 0) for node in stored}


def test_linked_boroughs_through_cases_activity_and_places(london_view):
    stored = {row[0]: row[1:] for row in london_view.run(
        "MATCH (p:Person) RETURN p.id, p.linked_borough_ids, p.linked_boroughs").rows}
    expanded: dict[str, set] = {}
    for text in ("MATCH (p:Person)<-[:INVOLVES]-(:CaseFile)-[:IN_BOROUGH]->(b:Borough) RETURN p.id, b.id",
                 "MATCH (p:Person)-[:ACTIVE_IN]->(b:Borough) RETURN p.id, b.id",
                 "MATCH (p:Person)-[:ACTIVE_IN]->(:Place)-[:PLACE_IN]->(b:Borough) RETURN p.id, b.id"):
        for person, borough in london_view.run(text).rows:
            expanded.setdefault(person, set()).add(borough)
    assert any(count for _, count in stored.values())
    for person, (borough_ids, count) in stored.items():
        assert borough_ids == sorted(expanded.get(person, ())), person
        assert count == (len(borough_ids) if len(borough_ids) > 1 else None), person


def test_case_inferred_links(london_view):
    rows = london_view.run("MATCH (c:CaseFile) RETURN c.id, c.inferred_links").rows
    direct = _by_id(london_view, "MATCH (c:CaseFile)-[r]->(x) WHERE r.status = 'inferred' AND r.basis IS NOT NULL "
                                 "AND x.sensitivity = 'public' AND x.name IS NOT NULL RETURN c.id, count(r)")
    via = _by_id(london_view, "MATCH (c:CaseFile)-[:AT_PLACE]->(:Place)-[r:PLACE_IN]->(:Borough) "
                              "WHERE r.status = 'inferred' AND r.basis IS NOT NULL RETURN c.id, count(r)")
    assert any(count for _, count in rows)
    for case, count in rows:
        assert count == direct.get(case, 0) + via.get(case, 0), case


def test_case_inferred_link_texts_say_what_the_graph_says(london_view):
    """`inferred_link_texts` (what `uncertain-facts` lists) is what expanding the case's links gives, and
    `inferred_link_handling` (what it counts, with the case's own codes, for its notice of handling code C)
    the handling code of each citation of those links, each link once."""
    stored = {case: (texts, codes) for case, texts, codes in london_view.run(
        "MATCH (c:CaseFile) RETURN c.id, c.inferred_link_texts, c.inferred_link_handling").rows}
    expanded: dict[str, set] = {}
    handling: dict[str, dict] = {}
    for text in ("MATCH (c:CaseFile)-[r]->(x) WHERE r.status = 'inferred' AND x.sensitivity = 'public' "
                 "AND x.name IS NOT NULL AND r.basis IS NOT NULL RETURN c.id, x.name + ': ' + r.basis, r.id, "
                 "r.citation_handling",
                 "MATCH (c:CaseFile)-[:AT_PLACE]->(pl:Place)-[r:PLACE_IN]->(b:Borough) WHERE r.status = 'inferred' "
                 "AND r.basis IS NOT NULL RETURN c.id, pl.name + ' in ' + b.name + ': ' + r.basis, r.id, "
                 "r.citation_handling"):
        for case, said, link, codes in london_view.run(text).rows:
            expanded.setdefault(case, set()).add(said)
            handling.setdefault(case, {})[link] = codes
    assert any(texts for texts, _ in stored.values()) and any(codes for _, codes in stored.values())
    for case, (texts, codes) in stored.items():
        assert sorted(texts) == sorted(expanded.get(case, ())), case
        assert sorted(codes) == sorted(code for found in handling.get(case, {}).values() for code in found), case


def test_aggregates_are_refused_in_data():
    borough = {"id": "x", "name": "X", "gss_code": "E09000001", "region": "London", "source": "s",
               "paragraphs": [1]}
    Borough.model_validate(borough)
    with pytest.raises(ValidationError, match="case_records.*aggregate"):
        Borough.model_validate({**borough, "case_records": 3})
    with pytest.raises(ValidationError, match="case_links.*aggregate"):
        Person.model_validate({"id": "p", "name": "P", "source": "s", "paragraphs": [1], "case_links": 1})


def test_similar_cases_hub_default_is_the_analytics_rule():
    assert get_query("similar-cases").header.parameters["hub_cases"].default == HUB_CASES
    assert get_query("paths-between-cases").header.parameters["hub_cases"].default == HUB_CASES


def test_similar_cases_are_proposed_only_by_telling_records(london_view):
    """With `hub_cases` 3, only a record at most three cases link to proposes a case; its score still
    counts every record the two cases share (so it equals the score without the limit)."""
    links = _by_id(london_view, "MATCH (:CaseFile)-[:SHOWS|AT_PLACE|INVOLVES]->(f) RETURN f.id, count(*)")
    narrowed = 0
    for (case,) in london_view.run("MATCH (c:CaseFile) RETURN c.id ORDER BY c.id").rows:
        everything = {r["case_id"]: r for r in run_named(london_view, "similar-cases", {"case_id": case}).records()}
        narrow = run_named(london_view, "similar-cases", {"case_id": case, "hub_cases": 3})
        assert narrow.total <= len(everything)
        narrowed += 0 < narrow.total < len(everything)
        for row in narrow.records():
            shared = [f["id"] for kind in ("indicators", "places", "people", "institutions") for f in row[kind]]
            assert any(links[f] <= 3 for f in shared), (case, row["case_id"])
            assert row["score"] == pytest.approx(everything[row["case_id"]]["score"])
            assert row["shared"] == everything[row["case_id"]]["shared"]
    assert narrowed  # the limit left some cases out somewhere (London has records four cases share)


@pytest.fixture(scope="session")
def hostile_store(tmp_path_factory):
    """The hostile dataset of tests/profile (restricted cases, people, places, links) in a LadybugDB store."""
    store = EmbeddedStore(tmp_path_factory.mktemp("hostile-aggregates"))
    hostile = Path(__file__).parents[1] / "profile" / "hostile.yaml"
    store.build(load([hostile]), input_checksum([hostile]))
    return store


def test_each_profile_counts_its_own_records_only(hostile_store):
    """The public graph's aggregates are counted from the public projection: they equal what expanding
    the public graph counts, and differ from the restricted graph's where restricted records are."""
    text = ("MATCH (b:Borough) OPTIONAL MATCH (b)<-[:IN_BOROUGH]-(c:CaseFile) "
            "RETURN b.id, b.case_records, count(c), b.case_indicator_ids")
    counted = {}
    for profile in ("public", "restricted"):
        with hostile_store.view(profile) as view:
            rows = view.run(text).rows
            assert all(stored == expanded for _, stored, expanded, _ in rows), (profile, rows)
            counted[profile] = {row[0]: (row[1], row[3]) for row in rows}
            links = _by_id(view, "MATCH (:CaseFile)-[:SHOWS|AT_PLACE|INVOLVES]->(n:Person) RETURN n.id, count(*)")
            people = _by_id(view, "MATCH (n:Person) RETURN n.id, n.case_links")
            assert people == {person: links.get(person, 0) for person in people}, profile
    assert counted["public"] != counted["restricted"]
    assert all(counted["public"][b][0] <= counted["restricted"][b][0] for b in counted["public"])


def test_paths_between_cases_go_around_hubs(london_view):
    """A record linked to more than `hub_cases` cases is context, like an indicator: no connection passes
    through it, and a hub both cases link to is listed as context (London has none above the default)."""
    a, b, hub, links = london_view.run(
        "MATCH (a:CaseFile)-[:INVOLVES]->(h:Institution)<-[:INVOLVES]-(b:CaseFile) WHERE a.id < b.id "
        "RETURN a.id, b.id, h.id, h.case_links ORDER BY h.case_links DESC, a.id, b.id LIMIT 1").rows[0]
    assert links > 2
    hubs = {row[0] for row in london_view.run("MATCH (n) WHERE n.case_links > 2 RETURN n.id").rows}

    def answer(**params):
        rows = run_named(london_view, "paths-between-cases", {"from": a, "to": b, "limit": 100, **params}).rows
        return [(kind, [v["id"] for v in via]) for kind, _, via, _ in rows]

    default = answer()
    assert ("connection", [hub, b]) in default
    narrow = answer(hub_cases=2)
    assert ("context", [hub, b]) in narrow
    assert all(not set(via[:-1]) & hubs for kind, via in narrow if kind == "connection")


def test_outcome_rows_are_stored_on_the_case_heading_each():
    """`outcomes-by-decade`'s rows: a case with no outcome counts as `unknown`, one with a null list not at
    all, a contested period or number of cases counts, and a row names its first 20 case ids."""
    import pyarrow as pa

    from casegraph.graph.aggregates import OUTCOME_CASE_IDS, _outcome_rows

    many = [f"m{n:02d}" for n in range(25)]
    cases = pa.table({
        "id": ["c1", "c2", "c3", "c4", "c5", *many],
        "year_start": [2003, 2007, None, 2001, 2005, *[1990] * 25],
        "outcomes": [["charged", "convicted"], [], ["charged"], ["charged"], None, *[["cleared"]] * 25],
        "cases_represented": [1, 1, 1, 3, 1, *[2] * 25],
        "contested_fields": [["period"], [], None, ["status"], [], *[["cases_represented"]] * 25],
    })
    rows = {case: values for case, *values in zip(cases.column("id").to_pylist(), *_outcome_rows(cases).values())}
    assert rows["c1"] == [2, ["charged", "convicted"], [2, 1], [4, 1], [1, 1], ["c1", "c4", "c1"]]
    assert rows["c2"] == [1, ["unknown"], [1], [1], [0], ["c2"]]
    assert rows["c3"] == [1, ["charged"], [1], [1], [0], ["c3"]]  # unknown period: its own row
    assert rows["c4"] == rows["c5"] == [None] * 6
    assert rows["m00"] == [1, ["cleared"], [25], [50], [25], many[:OUTCOME_CASE_IDS]]
    assert all(rows[m] == [None] * 6 for m in many[1:])


def test_investigations_reviews_and_statements_count_the_cases_they_link_to(london_view):
    """`case_links` of an investigation or review (EXAMINED) and of a statement (ABOUT): the cases it links
    to directly, each once, so that `paths-between-cases` can tell an inquiry into thousands of cases
    (context) from a link between two."""
    for label, rel_type in (("Investigation", "EXAMINED"), ("Review", "EXAMINED"), ("Statement", "ABOUT")):
        stored = _by_id(london_view, f"MATCH (n:{label}) RETURN n.id, n.case_links")
        linked = _by_id(london_view, f"MATCH (n:{label})-[:{rel_type}]->(c:CaseFile) RETURN n.id, count(DISTINCT c)")
        assert stored and stored == {node: linked.get(node, 0) for node in stored}, label


def test_paths_between_cases_never_connect_through_journalism_and_treat_every_hub_as_context(london_view):
    """The reporters who examined both cases are the source, not a link (the explorer's and the
    analytics' rule): a journalistic investigation is context, never a step of a connection. A statement
    about more than `hub_cases` cases is a hub like any other record."""
    journalism = {row[0] for row in london_view.run(
        "MATCH (n:Investigation) WHERE n.investigation_type = 'journalistic' RETURN n.id").rows}
    a, b = "lambeth-2022-hotel-room", "lewisham-2000-martin-malone"  # examined by the same newspaper, nothing more
    assert {row[0] for row in london_view.run(
        "MATCH (c:CaseFile)<-[:EXAMINED]-(n:Investigation) WHERE c.id IN $ids RETURN n.id", {"ids": [a, b]}).rows} \
        & journalism

    def answer(x, y, **params):
        rows = run_named(london_view, "paths-between-cases", {"from": x, "to": y, "limit": 100, **params}).rows
        return [(kind, [v["id"] for v in via]) for kind, _, via, _ in rows]

    rows = answer(a, b)
    assert not [via for kind, via in rows if kind == "connection"]
    assert any(kind == "context" and via[0] in journalism for kind, via in rows)
    statement, x, y = london_view.run(
        "MATCH (x:CaseFile)<-[:ABOUT]-(s:Statement)-[:ABOUT]->(y:CaseFile) WHERE x.id < y.id AND s.case_links = 2 "
        "RETURN s.id, x.id, y.id ORDER BY s.id LIMIT 1").rows[0]
    assert ("connection", [statement, y]) in answer(x, y)
    narrow = answer(x, y, hub_cases=1)
    assert ("context", [statement, y]) in narrow
    assert all(statement not in via for kind, via in narrow if kind == "connection")
