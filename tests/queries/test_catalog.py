"""The query catalog: every file well-formed and read-only, every answer checked
by hand against the source (paragraph numbers of the Express/MyLondon article)."""

from __future__ import annotations


import math

import pytest

from casegraph.queries.guard import check_read_only
from casegraph.queries import QueryError, catalog, get_query, run_named
from casegraph.queries.catalog import QUERY_DIR, _parse


def records(view, name, **params):
    return run_named(view, name, params).records()


def test_every_query_file_has_a_valid_header_and_text_for_both_engines():
    queries = catalog()
    assert len(queries) >= 10
    for query in queries.values():
        assert query.header.question.endswith("?")
        for engine in ("ladybug", "neo4j"):
            check_read_only(query.text(engine), engine)  # read-only by the same guard as ad-hoc queries
        for label, text in query.every_text():
            check_read_only(text, label.split(",")[0])


def test_the_stored_order_text_runs_for_exactly_the_stored_call():
    query = get_query("single-source-facts")
    assert query.header.stored and "ladybug" in query.stored_texts
    common = query.bind({})
    assert query.text("ladybug", common) == query.stored_texts["ladybug"]
    assert query.text("ladybug", query.bind({"limit": 7, "offset": 14})) == query.stored_texts["ladybug"]
    for other in ({"include_restricted": True}, {"reliability": "1"}, {"credibility": "A"}):
        assert query.text("ladybug", query.bind(other)) == query.texts["ladybug"], other
    assert query.text("neo4j", common) == query.texts["neo4j"]  # no stored text: its own guards the parts


def test_a_stored_text_needs_a_stored_header(tmp_path):
    (tmp_path / "ladybug").mkdir()
    (tmp_path / "q.cypher").write_text("/*\nname: q\ntitle: t\nquestion: q?\n*/\nRETURN 1 AS one\n")
    (tmp_path / "ladybug" / "q.stored.cypher").write_text("RETURN 2 AS one\n")
    with pytest.raises(QueryError, match=r"q.stored.cypher:1: a stored-order text"):
        _parse(tmp_path / "q.cypher")


def test_the_by_label_text_runs_for_the_label_the_id_was_found_under():
    """status-history on LadybugDB: one text for the node's own label; without a label, the UNION ALL of it
    over every cited label (the schema's); a label the parameter does not take is refused."""
    from casegraph.queries.catalog import LABEL_TOKEN
    from casegraph.schemas import schema

    query = get_query("status-history")
    template = query.label_texts["ladybug"]
    bound = query.bind({"id": "martin-malone"})
    assert query.text("ladybug", bound, {"id": "Person"}) == template.replace(LABEL_TOKEN, "Person")
    assert "MATCH (x:Person {id: $id})" in query.text("ladybug", bound, {"id": "Person"})
    assert query.text("ladybug", bound) == query.texts["ladybug"]
    assert query.texts["ladybug"].splitlines().count("UNION ALL") == len(schema().cited_labels) - 1
    assert LABEL_TOKEN not in query.texts["ladybug"] and "Source" not in schema().cited_labels
    assert query.text("neo4j", bound, {"id": "Person"}) == query.texts["neo4j"]  # one text names every label
    with pytest.raises(QueryError, match="takes no Source id"):
        query.text("ladybug", bound, {"id": "Source"})


def test_the_by_label_answer_equals_every_labels_answer(london_view):
    """The one-label text answers as the UNION ALL of every label does, for a case, a person and a borough."""
    from casegraph.queries.ids import resolve_ids

    query = get_query("status-history")
    for ref in ("redbridge-2011-child-sex-ring", "martin-malone", "redbridge"):
        for restricted in (False, True):
            bound, labels = resolve_ids(london_view, query, query.bind({"id": ref, "include_restricted": restricted}))
            one = london_view.run(query.text("ladybug", bound, labels), bound).rows
            every = london_view.run(query.text("ladybug", bound), bound).rows
            assert one == every and one, (ref, restricted)


def test_a_by_label_text_is_checked(tmp_path):
    (tmp_path / "ladybug").mkdir()
    header = "/*\nname: q\ntitle: t\nquestion: q?\nparameters:\n  id: {type: string, node: cited, description: d}\n"
    query = tmp_path / "q.cypher"
    query.write_text(header + "*/\nMATCH (x {id: $id}) RETURN x.id AS id\n")
    (tmp_path / "ladybug" / "q.by-label.cypher").write_text("MATCH (x:<label> {id: $id}) RETURN x.id AS id\n")
    with pytest.raises(QueryError, match=r"q.by-label.cypher:1: a by-label text, but the query's header has no"):
        _parse(query)
    query.write_text(header + "by_label: id\n*/\nMATCH (x {id: $id}) RETURN x.id AS id\n")
    assert "MATCH (x:CaseFile {id: $id})" in _parse(query).texts["ladybug"]
    (tmp_path / "ladybug" / "q.by-label.cypher").write_text("MATCH (x {id: $id}) RETURN x.id AS id\n")
    with pytest.raises(QueryError, match="must name its node's label as <label>"):
        _parse(query)
    query.write_text(header + "by_label: title\n*/\nRETURN 1 AS one\n")
    with pytest.raises(QueryError, match="`by_label` names 'title': not a parameter that takes a node's id"):
        _parse(query)


def test_a_path_bound_is_a_checked_integer_written_into_the_text(tmp_path):
    """Cypher takes no parameter where a path's length is bounded: a `path_bound` parameter is written in,
    an int `bind` checked against the range the header must declare; the text bounds by exactly those."""
    query = get_query("paths-between-cases")
    bound = query.bind({"from": "a", "to": "b", "max_hops": 3})
    assert "ALL SHORTEST 1..3 " in query.text("ladybug", bound) and "[*..3]" in query.text("neo4j", bound)
    assert "$max_hops" not in query.text("ladybug", bound) + query.text("neo4j", bound)
    assert "..$max_hops" in query.text("neo4j")  # as written, for the reader (`every_text`, the explorer)
    with pytest.raises(QueryError, match="expected at most 5"):
        query.bind({"from": "a", "to": "b", "max_hops": 6})
    header = "/*\nname: q\ntitle: t\nquestion: q?\nparameters:\n  hops: {type: int, %s description: d}\n*/\n"
    path = tmp_path / "q.cypher"
    path.write_text(header % "minimum: 1, maximum: 3, path_bound: true," + "MATCH p = (a)-[*..$hops]-(b) RETURN 1 AS one\n")
    assert _parse(path).text("neo4j", {"hops": 2}).strip() == "MATCH p = (a)-[*..2]-(b) RETURN 1 AS one"
    path.write_text(header % "minimum: 1, path_bound: true," + "MATCH p = (a)-[*..$hops]-(b) RETURN 1 AS one\n")
    with pytest.raises(QueryError, match="an int with a `minimum` and a `maximum`"):
        _parse(path)
    path.write_text(header % "minimum: 1, maximum: 3," + "MATCH p = (a)-[*..$hops]-(b) RETURN 1 AS one\n")
    with pytest.raises(QueryError, match=r"q.cypher:\d+: a path's length is bounded by `..\$NAME` exactly where"):
        _parse(path)


def test_engine_variants_belong_to_a_catalog_query():
    for engine in ("ladybug", "neo4j"):
        for variant in (QUERY_DIR / engine).glob("*.cypher"):
            assert variant.name.split(".")[0] in catalog(), f"{variant} has no common query file"


def test_a_bad_header_points_at_the_file(tmp_path):
    bad = tmp_path / "broken.cypher"
    bad.write_text("/*\nname: broken\ntitle: t\n*/\nMATCH (n) RETURN n\n")
    with pytest.raises(QueryError, match=r"broken.cypher:1: invalid query header"):
        _parse(bad)


def test_parameters_are_checked_and_converted():
    query = get_query("paths-between-cases")
    bound = query.bind({"from": "a", "to": "b", "max_hops": "3"})
    assert bound == {"from": "a", "to": "b", "max_hops": 3, "include_restricted": False, "hub_cases": 100,
                     "limit": 10, "offset": 0}
    with pytest.raises(QueryError, match="expected int"):
        query.bind({"from": "a", "to": "b", "max_hops": "three"})
    with pytest.raises(QueryError, match="needs a value for .to."):
        query.bind({"from": "a"})
    with pytest.raises(QueryError, match="'max_hops': expected at most 5, got 6"):
        query.bind({"from": "a", "to": "b", "max_hops": "6"})


def test_every_query_is_paged_through_its_header():
    """No query returns an unbounded answer: the header declares the page size, and
    the catalog adds `limit` (1..max) and `offset` (>= 0) for every caller to see."""
    for query in catalog().values():
        assert query.header.page is not None, query.name
        params = query.header.parameters
        assert params["limit"].default == query.header.page.limit and params["limit"].maximum == query.header.page.max
        assert params["offset"].default == 0 and params["offset"].minimum == 0
    with pytest.raises(QueryError, match="'limit': expected at most 1000"):
        get_query("uncertain-facts").bind({"limit": "5000"})
    with pytest.raises(QueryError, match="'offset': expected at least 0"):
        get_query("uncertain-facts").bind({"offset": "-1"})


@pytest.mark.parametrize("name", ["single-source-facts", "contested-facts"])
def test_a_grade_filter_takes_the_schemas_grades_only(name):
    """A 3x5x2 grade outside its scale is refused, naming the scale (from the schema's Citation), never
    answered as `(no rows)`; the default (no filter) and every grade of the scale are taken."""
    query = get_query(name)
    assert query.bind({"reliability": "2", "credibility": "B"})["credibility"] == "B"
    assert query.bind({})["reliability"] == ""
    for grade in ("1", "2", "3"):
        assert query.bind({"reliability": grade})["reliability"] == grade
    with pytest.raises(QueryError, match=r"'reliability': expected one of 1, 2, 3 \(Citation.reliability\).*got '9'"):
        query.bind({"reliability": "9"})
    with pytest.raises(QueryError, match=r"'credibility': expected one of A, B, C, D, E .*got 'b'"):
        query.bind({"credibility": "b"})
    with pytest.raises(QueryError, match="expected one of 1, 2, 3"):
        query.bind({"reliability": 4})
    # a value typed with spaces is the same value from a form as from the command line (` 1` parses as 1)
    from casegraph.queries.params import parse_params

    assert query.bind({"reliability": " 1 "})["reliability"] == "1"
    assert query.bind(parse_params(["reliability= 1"]))["reliability"] == "1"


def test_an_id_of_another_kind_says_what_it_is(london_view):
    """A parameter given the exact id of a node it does not take says what that node is (a source has no
    claim status), never `no node`; an empty or blank id asks for one."""
    from casegraph.graph.selection import SelectionError

    source = london_view.run("MATCH (s:Source) RETURN s.id ORDER BY s.id LIMIT 1").rows[0][0]
    with pytest.raises(SelectionError, match=rf"'{source}' is a source, not a fact of the graph: a source is a document "
                                             "facts cite, with no claim status of its own"):
        run_named(london_view, "status-history", {"id": source})
    with pytest.raises(SelectionError, match=r"'redbridge' is a borough, not a case"):
        run_named(london_view, "similar-cases", {"case_id": "redbridge"})
    for blank in ("", "   "):
        with pytest.raises(SelectionError, match="an empty reference: give the id or name of a case"):
            run_named(london_view, "case-detail", {"case_id": blank})


def test_a_question_about_a_case_and_itself_is_refused(london_view):
    """paths-between-cases with one case at both ends (by id, or by id and name) says so, never `(no rows)`."""
    from casegraph.graph.selection import SelectionError

    same = "lewisham-2000-martin-malone"
    for other in (same, same.upper()):
        with pytest.raises(SelectionError, match=rf"'from' and 'to' both name '{same}': give two different cases"):
            run_named(london_view, "paths-between-cases", {"from": same, "to": other})


def test_differs_from_names_another_id_parameter(tmp_path):
    bad = tmp_path / "q.cypher"
    bad.write_text("/*\nname: q\ntitle: t\nquestion: q?\nparameters:\n"
                   "  a: {type: string, node: CaseFile, description: d}\n"
                   "  n: {type: int, default: 1, differs_from: a, description: d}\n*/\nRETURN 1 AS one\n")
    with pytest.raises(QueryError, match="`differs_from` names 'a': both must take a node's id"):
        _parse(bad)


def test_values_of_must_name_a_field_with_fixed_values(tmp_path):
    bad = tmp_path / "q.cypher"
    bad.write_text("/*\nname: q\ntitle: t\nquestion: q?\nparameters:\n"
                   "  grade: {type: string, default: '', values_of: Citation.quote, description: d}\n*/\nRETURN 1 AS one\n")
    with pytest.raises(QueryError, match="expected Citation.FIELD, a field with a fixed set of values"):
        _parse(bad)


def test_a_paged_query_must_page_and_count(tmp_path):
    bad = tmp_path / "unpaged.cypher"
    bad.write_text("/*\nname: unpaged\ntitle: t\nquestion: q?\npage: {limit: 5}\n*/\nMATCH (n) RETURN n\n")
    with pytest.raises(QueryError, match=r"unpaged.cypher:6: a paged query must page with SKIP \$offset"):
        _parse(bad)


def test_pages_are_slices_of_one_order_with_the_total(london_view):
    everything = run_named(london_view, "recurring-indicators", {"limit": 1000})
    # the 21 indicators of the taxonomy, less pregnancy-or-sti: its SHOWS links are health details
    # of a victim, restricted, so the public graph (the default view) has no case showing it
    assert everything.total == len(everything.rows) == 20
    pages = [run_named(london_view, "recurring-indicators", {"limit": 5, "offset": start}) for start in range(0, 30, 5)]
    assert all(page.total == 20 for page in pages)
    assert [row for page in pages for row in page.rows] == everything.rows
    assert pages[-1].rows == []  # past the end: no rows, and still the total
    assert "total" not in everything.columns


def test_a_page_past_the_end_is_counted_by_the_same_run(london_view):
    """paths-between-cases on LadybugDB answers a page past its last row with the total (a row of a
    negative total, dropped by the runner): the search runs once, not again to count; every page,
    first or not, written into the text or not (`queries.run`), is a slice of the one order."""
    from casegraph.queries.run import run_query

    query, pair = get_query("paths-between-cases"), {"from": "lewisham-2000-martin-malone",
                                                     "to": "lewisham-2002-imperial-research"}
    everything = run_named(london_view, "paths-between-cases", {**pair, "limit": 100})
    assert everything.total == len(everything.rows) >= 2
    runs = []
    run = london_view.run
    try:
        london_view.run = lambda cypher, *args, **kwargs: runs.append(cypher) or run(cypher, *args, **kwargs)
        pages = [run_query(london_view, query, {**pair, "limit": 1, "offset": start})
                 for start in range(everything.total + 2)]
        runs.clear()
        past = run_query(london_view, query, {**pair, "offset": 10})
        assert sum("ALL SHORTEST" in text for text in runs) == 1
    finally:
        london_view.run = run
    assert [row for page in pages for row in page.rows] == everything.rows
    assert all(page.total == everything.total for page in pages + [past]) and past.rows == []


def test_first_pages_are_written_into_ladybugs_text_and_no_others():
    """LadybugDB plans a SKIP/LIMIT parameter on every run, and its client keeps a plan per text for
    good: the first `WRITTEN_PAGES` pages at the usual size get their numbers written in, a bounded
    few texts; any other page, and every page on Neo4j, passes them as parameters."""
    from casegraph.queries.run import WRITTEN_PAGES, _text

    query = get_query("recurring-indicators")
    size = query.header.page.limit
    written = [_text("ladybug", query, query.bind({"offset": page * size}), {}) for page in range(WRITTEN_PAGES)]
    assert all("$offset" not in text and "$limit" not in text and f"LIMIT {size}" in text for text in written)
    for params in ({"offset": WRITTEN_PAGES * size}, {"limit": size + 1}, {"offset": 1}):
        assert "SKIP $offset LIMIT $limit" in _text("ladybug", query, query.bind(params), {})
    assert "SKIP $offset LIMIT $limit" in _text("neo4j", query, query.bind({}), {})


def test_engine_errors_point_at_the_query_file(london_view, tmp_path):
    from casegraph.queries.run import run_query

    bad = tmp_path / "bad-query.cypher"
    bad.write_text("/*\nname: bad-query\ntitle: t\nquestion: q?\n*/\nMATCH (n:Nowhere) RETURN n\n")
    with pytest.raises(QueryError, match=r"bad-query.cypher:5: query 'bad-query' failed on ladybug"):
        run_query(london_view, _parse(bad))


# -- answers, checked by hand against the source ------------------------------------


def test_case_count_claimed_represented_described(london_view):
    (row,) = [r for r in records(london_view, "case-count")
              if r["investigation"] == "express-mylondon-investigation-2025"]
    assert row["claimed"] == 24                 # para 2: "identified 24 cases"
    assert row["case_records"] == 15            # paras 7-27: fifteen entries
    assert row["represented"] == 20             # 14 single cases + HMICFRS standing for six (para 27)
    assert row["described_individually"] == 14


def test_cases_by_borough(london_view):
    rows = {r["borough"]: r for r in records(london_view, "cases-by-borough")}
    assert rows["hillingdon"]["case_records"] == 2      # paras 15 and 16
    assert rows["hounslow"]["case_records"] == 2        # paras 12 and 21
    assert rows["lewisham"]["case_records"] == 2        # paras 22 and 23
    assert rows["newham"]["periods"] == ["unknown"]     # para 14: Stratford, no year
    assert rows["newham"]["inferred"] == 1              # no borough heading: Newham inferred
    assert "westminster" not in rows                    # Paddington/Soho are places, not case boroughs
    assert sum(r["case_records"] for r in rows.values()) == 14  # the HMICFRS entry is London-wide


def test_outcomes_by_decade(london_view):
    rows = records(london_view, "outcomes-by-decade")
    found = {(r["decade"], r["outcome"]): set(r["case_ids"]) for r in rows}
    assert "lewisham-2000-martin-malone" in found[(2000, "convicted")]      # para 23
    assert "redbridge-2011-child-sex-ring" in found[(2010, "convicted")]    # para 25: four convicted
    assert "redbridge-2011-child-sex-ring" in found[(2010, "cleared")]      # para 25: cleared of other charges
    assert "newham-stratford-mcdonalds" in found[(None, "charged")]         # para 14: charged, no year
    assert "newham-stratford-mcdonalds" in found[(None, "not-prosecuted")]  # para 14
    unknown = [r for r in rows if not r["known"]]
    assert {c for r in unknown for c in r["case_ids"]} == {"newham-stratford-mcdonalds"}


def test_recurring_indicators(london_view):
    rows = {r["indicator"]: r for r in records(london_view, "recurring-indicators")}
    in_care = rows["child-in-care"]
    # para 9 (Croydon), 23 (Lewisham homes), 24 (Islington care homes), 25 (Redbridge)
    assert in_care["borough_names"] == ["Croydon", "Islington", "Lewisham", "Redbridge"]
    assert in_care["decade_list"] == [2000, 2010, 2020]
    hotels = rows["hotels-or-parties"]
    # para 11 (Lambeth hotel room), 18 (Hillingdon parties), 26 (Tower Hamlets hotels), 27 (HMICFRS)
    assert set(hotels["borough_names"]) == {"Hillingdon", "Lambeth", "Tower Hamlets"}
    assert hotels["cases"] == 4
    top = records(london_view, "recurring-indicators", min_boroughs=6)
    assert all(r["boroughs"] >= 6 for r in top) and top


def test_similar_cases(london_view):
    found = records(london_view, "similar-cases", case_id="lambeth-2022-hotel-room")
    rows = {r["case_id"]: r for r in found}
    # para 11 (hotel room, six men) and para 26 (taken to hotels for 'parties')
    # Changed by issue 13: what two cases share comes as {id, name} (two people may share a
    # name), and the rows are ranked by `score`, the rarity-weighted sum of what they share.
    iicsa = rows["tower-hamlets-2020-iicsa"]
    assert {"id": "hotels-or-parties", "name": "Hotels, parties or clubs"} in iicsa["indicators"]
    assert iicsa["people"] == []  # victims stay out by default
    assert "lambeth-2022-hotel-room" not in rows
    assert [r["score"] for r in found] == sorted((r["score"] for r in found), reverse=True)
    assert all(r["shared"] == sum(len(r[k]) for k in ("indicators", "places", "people", "institutions"))
               for r in found)


def test_similar_cases_weigh_rare_features_above_common_ones(london_view):
    """score = sum over shared records of log10(cases / cases linked to the record) (inverse
    document frequency): two cases sharing three rare things rank above two sharing three common ones."""
    found = records(london_view, "similar-cases", case_id="hillingdon-2000-2016-bellfield-group")
    cases = london_view.run("MATCH (c:CaseFile) RETURN count(c)").rows[0][0]
    for row in found:
        expected = 0.0
        for kind in ("indicators", "places", "people", "institutions"):
            for feature in row[kind]:
                linked = london_view.run("MATCH (c:CaseFile)-[:SHOWS|AT_PLACE|INVOLVES]->(f) WHERE f.id = $id "
                                         "RETURN count(DISTINCT c)", {"id": feature["id"]}).rows[0][0]
                expected += math.log10(cases / linked)
        assert row["score"] == pytest.approx(expected, abs=1e-3), row["case_id"]
    rows = {r["case_id"]: r for r in found}
    # both share three indicators with the Hillingdon group (paras 15-18); Newham's are rarer
    newham, hounslow = rows["newham-stratford-mcdonalds"], rows["hounslow-2015-magazine-story"]
    assert newham["shared"] == hounslow["shared"] == 3 and newham["score"] > hounslow["score"]
    assert found.index(newham) < found.index(hounslow)


def test_paths_between_two_lewisham_cases_run_through_lewisham(london_view):
    # Changed by issue 13: the shortest connections through people, places, institutions,
    # investigations, reviews and statements come first (`kind: connection`); a shared borough
    # or indicator is `context`, listed after them, never a path through it to other cases.
    rows = records(london_view, "paths-between-cases", **{
        "from": "lewisham-2000-martin-malone", "to": "lewisham-2002-imperial-research", "max_hops": 2})
    assert rows and all(r["hops"] == 2 for r in rows)
    kinds = [r["kind"] for r in rows]
    assert kinds == sorted(kinds) and "connection" in kinds and "context" in kinds
    middles = {r["kind"]: set() for r in rows}
    for row in rows:
        path = row["path"]  # its steps: records and relationship types, in order from the first case
        middles[row["kind"]].add(path["nodes"][1]["id"])
        assert path["nodes"][0]["id"] == "lewisham-2000-martin-malone" and path["nodes"][1:] == row["via"]
        assert row["via"][-1]["id"] == "lewisham-2002-imperial-research"  # each path explained
        assert len(path["relationships"]) == row["hops"] == len(row["via"])
        for step, (start, end) in zip(path["relationships"], zip(path["nodes"], path["nodes"][1:])):
            assert london_view.run(f"MATCH (a)-[r:{step['type']}]-(b) WHERE r.id = $id RETURN a.id, b.id",
                                   {"id": step["id"]}).rows[0] in ([start["id"], end["id"]], [end["id"], start["id"]])
    assert "lewisham" in middles["context"]  # paras 22, 23: both under the Lewisham heading
    assert "lewisham-council" in middles["connection"]  # para 22: the council's research; para 55
    for row in rows:  # no victim on a path by default
        for node in row["path"]["nodes"]:
            assert london_view.run(f"MATCH (n:{node['label']}) WHERE n.id = $id RETURN n.sensitivity",
                                   {"id": node["id"]}).rows == [["public"]]
    labels = {v["label"] for r in rows if r["kind"] == "connection" for v in r["via"]}
    assert not labels & {"Indicator", "Borough"}


def test_cross_borough_links(london_view):
    rows = {r["id"]: r for r in records(london_view, "cross-borough-links")}
    # para 23: Malone in Lewisham, selling girls in Paddington, Streatham and Soho
    assert rows["martin-malone"]["boroughs"] == ["Lambeth", "Lewisham", "Westminster"]
    # paras 16, 18: Hillingdon group, flat in Hanworth (Hounslow)
    assert rows["levi-bellfield"]["boroughs"] == ["Hillingdon", "Hounslow"]
    assert all(r["kind"] in ("person", "place") for r in rows.values())


def test_institution_responses(london_view):
    rows = {r["id"]: r for r in records(london_view, "institution-responses")}
    # Changed by issue 13: statement_count counts statement records, not distinct summaries
    assert all(r["statement_count"] >= len(r["statements"]) for r in rows.values())
    declined = {i for i, r in rows.items() if r["declined_to_comment"]}
    assert declined == {"lewisham-council", "haringey-council"}  # para 55
    assert rows["croydon-safeguarding-children-partnership"]["commissioned"]  # para 38
    assert any("HMICFRS" in name for name in rows["mayor-of-london"]["commissioned"])  # para 35


def test_review_follow_up(london_view):
    # Changed by issue 13: one row per recommendation, its responses gathered in `responses`
    # (what was said, by whom, with the speaker's id), so a page counts recommendations.
    rows = records(london_view, "review-follow-up")
    croydon = [r for r in rows if r["review"] == "croydon-cspr"]
    assert croydon and all(x["response"] == "completed" for r in croydon for x in r["responses"])  # para 38
    lambeth = [r for r in rows if r["review"] == "lambeth-cspr"]
    assert lambeth and all(x["response"] == "in-progress" for r in lambeth for x in r["responses"])  # para 44
    assert lambeth[0]["commissioned_by"] == ["Lambeth Safeguarding Children Partnership"]
    assert all(x["said_by_id"] for r in rows for x in r["responses"])


def test_uncertain_facts(london_view):
    rows = {r["case_id"]: r for r in records(london_view, "uncertain-facts")}
    stratford = rows["newham-stratford-mcdonalds"]
    assert stratford["period"] == "unknown"  # para 14
    assert any(text.startswith("Newham:") for text in stratford["inferred"])
    assert rows["london-hmicfrs-2016-2025"]["described_individually"] is False  # para 27
    assert any("Finsbury Park in Haringey" in t for t in rows["haringey-2012-finsbury-park"]["inferred"])


def test_neighbouring_patterns(london_view):
    rows = records(london_view, "neighbouring-patterns")
    pairs = {(r["borough"], r["neighbour"]) for r in rows}
    assert ("Hillingdon", "Hounslow") in pairs  # neighbours, both with group cases (paras 15-21)
    assert all(r["indicator_count"] == len(r["shared_indicators"]) for r in rows)


def test_case_detail_leaves_out_victims_unless_asked(london_view, london_store):
    public = records(london_view, "case-detail", case_id="croydon-2020-child-in-care")
    with london_store.view("restricted") as full:
        everything = records(full, "case-detail", case_id="croydon-2020-child-in-care", include_restricted=True)
    assert len(everything) > len(public)
    assert all(r["status_source"] for r in everything)  # every fact carries its source
    assert not any(r["id"].startswith("victim-") for r in public)


def test_one_yes_no_parser_reads_every_word_in_any_case_and_refuses_the_rest():
    from casegraph.queries.catalog import YES_NO, Parameter, Quoted

    flag = Parameter(type="bool", description="a flag")
    for word, meaning in YES_NO.items():
        for written in (word, word.upper(), f" {word.title()} "):
            assert flag.convert("flag", written) is meaning, written
    assert flag.convert("flag", 1) is True and flag.convert("flag", 0) is False and flag.convert("flag", False) is False
    for wrong in ("maybe", "2", "", 2, 1.0, Quoted("true")):
        with pytest.raises(QueryError, match=r"parameter 'flag': expected .*true/false, yes/no, on/off or 1/0"):
            flag.convert("flag", wrong)


def _values(value):
    """A query answer's value and everything in it: each element of a list, each value of a map, at any depth."""
    yield value
    items = value if isinstance(value, list) else value.values() if isinstance(value, dict) else ()
    for item in items:
        yield from _values(item)


@pytest.mark.parametrize("engine", ["london_store", "neo4j_store"])
def test_no_answer_gives_an_unknown_value_as_a_blank(engine, request):
    """An ungraded citation's grade, a missing locator or quote is stored `""` (Neo4j lists hold no null), a
    relationship without a role has none: every catalog query's answer, with every sample's parameters, on
    both engines, gives an unknown as None, never as a blank (no query writes `coalesce(x, '')` for output);
    the London data has such values, so some answer holds one."""
    from tests.queries.params import SAMPLE_PARAMS

    unknown = 0
    with request.getfixturevalue(engine).view() as view:
        for name in sorted(catalog()):
            for params in SAMPLE_PARAMS.get(name, [{}]):
                for row in run_named(view, name, params).rows:
                    values = [item for value in row for item in _values(value)]
                    assert "" not in values, (name, params, row)
                    unknown += values.count(None)
        assert unknown > 0
        # a fact without a role: null in status-history as in case-detail (it was '' in one, null in the other)
        history = run_named(view, "status-history", {"id": "redbridge-2011-child-sex-ring"}).records()
        detail = run_named(view, "case-detail", {"case_id": "redbridge-2011-child-sex-ring"}).records()
        assert {r["fact"]: r["role"] for r in history if r["fact"] in ("CaseFile", "IN_BOROUGH")} == \
            {"CaseFile": None, "IN_BOROUGH": None}
        assert [r["role"] for r in detail if r["id"] == "redbridge"] == [None]
        assert {r["role"] for r in history if r["fact"] == "INVOLVES"} == {"accused", "perpetrator"}


@pytest.mark.parametrize("engine", ["london_store", "neo4j_store"])
def test_an_adhoc_answer_gives_an_unknown_list_element_as_a_catalog_answer_does(engine, request):
    """An ad-hoc query reads the same stored `""` (an ungraded citation's grade): None in a column and in a
    node's properties, as the catalog's answers and the exports give it, on both engines."""
    from casegraph.queries import run_adhoc

    with request.getfixturevalue(engine).view() as view:
        result = run_adhoc(view, "MATCH (c:CaseFile {id: $id}) RETURN c.citation_reliability AS graded, c AS node",
                           {"id": "redbridge-2011-child-sex-ring"})
        ((graded, node),) = result.rows
        assert graded == [None] and node["properties"]["citation_reliability"] == [None]
        assert node["properties"]["citation_sources"] == ["express-mylondon-2025"]  # a known element stays
