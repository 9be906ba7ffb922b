"""A second source that restates every London fact changes no count anywhere.

`restated` is the London data plus a generated second source repeating every
record (and a third contesting two values): every catalog query, view,
analytic and export must give the same counts as on the London data, while
citation counts double and independent-source counts grow by exactly one.
"""

from __future__ import annotations

import json

import pytest

from casegraph.analysis.bridges import borough_bridges
from casegraph.analysis.communities import case_communities
from casegraph.analysis.connectors import connectors
from casegraph.analysis.similarity import case_similarity
from casegraph.exports import FORMATS, export, read_csv, read_ftm, read_gexf, read_graphml, read_node_link
from casegraph.graph.projection import project
from casegraph.queries import catalog, run_query
from casegraph.schemas.citations import CITATION_COLUMNS, CONTESTED_COLUMNS
from casegraph.viz.views import VIEWS, figure_for
from tests.multisource.restate import SECOND, THIRD
from tests.queries.params import SAMPLE_PARAMS

EVIDENCE_QUERIES = {"single-source-facts", "contested-facts", "status-history"}
"""Queries about the citations themselves: their answers are meant to change."""


def _facts(dataset) -> dict[str, object]:
    return {r.id: r for r in [*dataset.all_nodes(), *dataset.all_rels()] if hasattr(r, "citation_sources")}


def test_counts_same_citations_doubled_independent_sources_plus_one(london, restated):
    assert restated.rel_counts() == london.rel_counts()
    assert {k: v for k, v in restated.node_counts().items() if k != "Source"} == \
        {k: v for k, v in london.node_counts().items() if k != "Source"}
    before, after = _facts(london), _facts(restated)
    assert before.keys() == after.keys()
    for fact_id, old in before.items():
        new = after[fact_id]
        third = new.citation_sources.count(THIRD)
        # every citation kept (stored in date order: `loaders.lineage`)
        assert sorted(new.citation_sources) == \
            sorted(old.citation_sources + [SECOND] * len(old.citation_sources) + [THIRD] * third)
        assert new.citation_as_of == sorted(new.citation_as_of, key=lambda d: (d == "", d)), fact_id
        assert new.independent_sources == old.independent_sources + 1, fact_id  # the third derives from the second
        assert new.status == old.status, fact_id
        assert [g for s, g in zip(new.citation_sources, new.citation_reliability) if s == SECOND] == \
            ["2"] * len(old.citation_sources)


def test_the_contested_values_are_kept_with_their_sources(restated):
    (case,) = [c for c in restated.nodes["CaseFile"] if c.id == "redbridge-2011-child-sex-ring"]
    assert case.victims_reported == 6  # the first stated value stays
    values = {(f, v): s for f, v, s in zip(case.contested_fields, case.contested_values, case.contested_sources)}
    assert values[("victims_reported", "6")] == f"express-mylondon-2025;{SECOND}"
    assert values[("victims_reported", "7")] == THIRD
    assert {item["id"] for item in restated.contested()} == {"redbridge-2011-child-sex-ring"}


def _without_evidence(value):
    """Rows as they would be on one source: the citation columns, which are meant to grow, left out."""
    if isinstance(value, dict):
        return {k: _without_evidence(v) for k, v in value.items() if k not in EVIDENCE_COLUMNS}
    if isinstance(value, list):
        return [_without_evidence(v) for v in value]
    return value


EVIDENCE_COLUMNS = frozenset(("status_as_of", "status_source", "status_paragraphs", "status_quote", "citations",
                              # the citation giving the status: a later source restating it gives it now
                              "source", "paragraphs", "locator", "quote",
                              "independent_sources", "note",
                              *CITATION_COLUMNS, *CONTESTED_COLUMNS))


def _rows(result) -> list[str]:
    return sorted(json.dumps(_without_evidence(row), sort_keys=True, default=str) for row in result.records())


@pytest.mark.parametrize("name", sorted(set(catalog()) - EVIDENCE_QUERIES))
def test_every_catalog_query_answers_the_same(name, london_store, restated_store):
    query = catalog()[name]
    with london_store.view() as one, restated_store.view() as many:
        for params in SAMPLE_PARAMS.get(name, [{}]):
            assert _rows(run_query(one, query, params)) == _rows(run_query(many, query, params)), (name, params)


@pytest.fixture(scope="module")
def graphs(london_store, restated_store):
    found = {}
    for name, store in (("one", london_store), ("many", restated_store)):
        for public in (True, False):
            with store.view("public" if public else "restricted") as view:
                graph = project(view)
                graph.remove_nodes_from([n for n, a in list(graph.nodes(data=True))
                                         if a.get("id") in (SECOND, THIRD)])
                found[name, public] = graph
    return found


@pytest.mark.parametrize("public", [True, False])
def test_projection_views_and_analytics_count_the_same(graphs, public):
    one, many = graphs["one", public], graphs["many", public]
    assert (one.number_of_nodes(), one.number_of_edges()) == (many.number_of_nodes(), many.number_of_edges())
    for view in VIEWS:
        params = {"node": "martin-malone"} if view == "ego" else {}
        a, b = figure_for(view, one, **params), figure_for(view, many, **params)
        assert (len(a.marks), len(a.links)) == (len(b.marks), len(b.links)), view
    assert case_similarity(one) == case_similarity(many)
    assert [c.cases for c in case_communities(one)] == [c.cases for c in case_communities(many)]
    assert [(c.id, c.cases) for c in connectors(one)] == [(c.id, c.cases) for c in connectors(many)]
    assert [b.as_dict() for b in borough_bridges(one)] == [b.as_dict() for b in borough_bridges(many)]


def _exported_counts(fmt: str, paths) -> tuple[int, int]:
    """Nodes and edges (FtM: entities) an export holds, read back from its files."""
    readers = {"graphml": read_graphml, "gexf": read_gexf, "json": read_node_link}
    if fmt in readers:
        graph = readers[fmt](paths[0])
    elif fmt == "csv":
        graph = read_csv(next(p for p in paths if p.name.endswith(".json")))
    elif fmt == "cypher":
        lines = paths[0].read_text().splitlines()
        return sum(line.startswith("CREATE (:") for line in lines), sum(") CREATE (a)-[" in line for line in lines)
    else:
        return len(read_ftm(paths[0])), 0
    return graph.number_of_nodes(), graph.number_of_edges()


@pytest.mark.parametrize("fmt", sorted(FORMATS))
def test_every_export_holds_the_same_nodes_and_edges(graphs, fmt, tmp_path):
    counts = {}
    for name in ("one", "many"):
        (tmp_path / name).mkdir()
        counts[name] = _exported_counts(fmt, export(graphs[name, True], fmt, tmp_path / name / f"graph.{fmt}"))
    assert counts["one"] == counts["many"] and counts["one"][0] > 100


def test_grades_filter_the_evidence_queries(restated_store):
    query = catalog()["contested-facts"]
    with restated_store.view() as view:
        graded = {params: [r[1] for r in run_query(view, query, dict(params)).rows]
                  for params in ((("reliability", "3"),), (("reliability", "1"),), (("credibility", "B"),))}
        single = run_query(view, catalog()["single-source-facts"], {"include_restricted": True})
    assert graded == {(("reliability", "3"),): ["redbridge-2011-child-sex-ring"], (("reliability", "1"),): [],
                      (("credibility", "B"),): ["redbridge-2011-child-sex-ring"]}
    assert single.rows == []  # the second source is independent of every London source


def test_citation_count_is_how_many_citations_a_row_decodes_to(graphs):
    """`citation_count` (a tooltip's claim status asks it of every mark and link) counts what
    `citations_of` decodes, one, two and three citations alike, and none when a list is missing."""
    from casegraph.schemas.citations import citation_count, citations_of

    rows = [a for graph in graphs.values() for _, a in graph.nodes(data=True)]
    rows += [a for graph in graphs.values() for *_, a in graph.edges(data=True)]
    assert {len(citations_of(dict(r))) for r in rows} >= {1, 2, 3}
    assert all(citation_count(r) == len(citations_of(dict(r))) for r in rows)
    assert citation_count({}) == citation_count({"citation_sources": ["a"]}) == 0
