"""The one provenance helper: the one-source form, and the many-citation columns when a record has them."""

from __future__ import annotations

import networkx as nx

from casegraph.explorer.provenance import provenance


def _graph():
    graph = nx.MultiDiGraph()
    graph.add_node("report-a", label="Source", title="Report A", publisher="Council", published="2019")
    graph.add_node("article-b", label="Source", title="Article B", publisher="Paper", published="2021-03")
    return graph


def test_one_source_form():
    found = provenance({"source": "report-a", "paragraphs": [3, 4], "quote": "a short quote", "status": "alleged"},
                       _graph())
    assert found.status == "alleged" and found.independent_sources is None
    [citation] = found.citations
    assert (citation.title, citation.publisher, citation.published, citation.known) == \
        ("Report A", "Council", "2019", True)
    assert citation.where == "paras 3, 4" and citation.quote == "a short quote"
    assert ("grade", "not graded") in citation.extra  # an unknown grade says so, not nothing


def test_many_citations_with_dates_grades_and_independent_sources():
    attrs = {"source": "report-a", "status": "charged", "status_as_of": "2021-03", "independent_sources": 2,
             "citation_sources": ["report-a", "article-b", "unknown-doc"],
             "citation_paragraphs": ["12", "3,4", ""], "citation_locators": ["", "", "row 7"],
             "citation_quotes": ["", "was charged", ""], "citation_statuses": ["alleged", "charged", "reported"],
             "citation_as_of": ["2019", "2021-03", "2020"], "citation_reliability": ["2", "1", "3"],
             "citation_credibility": ["B", "A", "C"], "citation_handling": ["", "", ""]}
    found = provenance(attrs, _graph())
    assert (found.status, found.status_as_of, found.independent_sources) == ("charged", "2021-03", 2)
    first, second, third = found.citations
    assert first.where == "para. 12" and first.status == "alleged"
    assert second.where == "paras 3, 4" and second.quote == "was charged" and second.title == "Article B"
    assert ("as of", "2021-03") in second.extra and ("grade", "1A ?") in second.extra  # no handling code: unknown
    assert third.where == "row 7" and not third.known and third.source == "unknown-doc"


def test_inferred_fact_says_its_basis():
    found = provenance({"source": "report-a", "locator": "table 2", "status": "inferred",
                        "basis": "the borough of its place"}, _graph())
    assert found.basis == "the borough of its place" and found.citations[0].where == "table 2"
