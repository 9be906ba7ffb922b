"""Dossiers: a citation behind every fact, allegations worded as allegations, safe output."""

from __future__ import annotations

import re

import networkx as nx
import pytest
from click.testing import CliRunner

from casegraph.cli import cli
from casegraph.exports import ExportMeta
from casegraph.graph.selection import Selection, select
from casegraph.reports import Fact, ReportError, build_dossier, render_html, render_markdown, write_report
from casegraph.reports.model import Citation


def _facts(graph, profile="public"):
    return list(build_dossier(graph, ExportMeta(profile=profile)).all_facts())


def test_every_fact_cites_a_source_and_paragraph(public_graph):
    dossier = build_dossier(public_graph, ExportMeta())
    facts = list(dossier.all_facts())
    assert len(facts) > 100
    for fact in facts:
        assert fact.citations
        for citation in fact.citations:
            assert citation.source in dossier.sources, citation
            assert citation.paragraphs or citation.locator


def test_the_source_list_is_the_sources_cited_named_without_blanks(public_graph):
    from casegraph.reports.markdown import render_markdown

    dossier = build_dossier(public_graph.subgraph(
        {"croydon-2020-child-in-care", "croydon", *public_graph.successors("croydon-2020-child-in-care"),
         *(n for n, a in public_graph.nodes(data=True) if a.get("label") == "Source")}).copy(), ExportMeta())
    cited = {c.source for c in dossier.citation_numbers()}
    assert dossier.cited_sources() == sorted(cited) and len(cited) < len(dossier.sources)
    listed = render_markdown(dossier).split("## Sources")[1].split("## Citations")[0]
    assert listed.count("\n- ") == len(cited) and ", )" not in listed and "(, " not in listed


def test_wording_follows_claim_status(restricted_graph):
    facts = _facts(restricted_graph, "restricted")
    statuses = {f.status for f in facts}
    assert {"alleged", "inferred", "convicted", "reported"} <= statuses
    for fact in facts:
        text = fact.text.lower()
        if fact.status == "alleged":
            assert "alleg" in text and "convict" not in text, fact.text
        if fact.status == "charged":
            assert "not a conviction" in text
        if fact.status == "inferred":
            assert "infer" in text and fact.basis and fact.basis in fact.text


def test_every_alleged_relationship_is_worded_as_an_allegation(restricted_graph):
    """Each alleged INVOLVES relationship appears in the case section as an allegation."""
    facts = _facts(restricted_graph, "restricted")
    for u, v, attrs in restricted_graph.edges(data=True):
        if attrs["type"] == "INVOLVES" and attrs["status"] == "alleged":
            name = restricted_graph.nodes[v].get("name")
            mentions = [f for f in facts if f.text.startswith(name) and Citation.all_of(attrs)[0] in f.citations]
            assert mentions, name
            assert all("alleged" in f.text and "convicted" not in f.text for f in mentions)


def test_a_fact_without_a_citation_or_with_the_wrong_wording_is_refused():
    with pytest.raises(ReportError, match="without a citation"):
        Fact("Something happened", [])
    with pytest.raises(ReportError, match="conviction"):
        Fact("X was convicted", [Citation("s", (1,))], status="alleged")
    with pytest.raises(ReportError, match="say why"):
        Fact("X was the council", [Citation("s", (1,))], status="inferred")
    assert "(alleged" in Fact("X took part", [Citation("s", (1,))], status="alleged").text
    assert "basis here" in Fact("X", [Citation("s", (1,))], status="inferred", basis="basis here").text


def test_sections(public_graph):
    markdown = render_markdown(build_dossier(public_graph, ExportMeta()))
    for heading in ("## Cases", "## Timeline", "## Boroughs", "## Institutions and their responses",
                    "## Patterns", "### Recurring indicators", "### Groups of similar cases",
                    "### Bridges between boroughs", "## Sources", "## Citations"):
        assert heading in markdown
    assert "declined to comment" in markdown
    numbers = set(re.findall(r"\[(\d+)\]", markdown))
    listed = set(re.findall(r"^(\d+)\. ", markdown, re.M))
    assert numbers == listed  # every cited number is in the list, and nothing else


def test_a_selection_report(public_graph, tmp_path):
    part = select(public_graph, Selection(cases=("lambeth-2022-hotel-room",)))
    path = write_report(part, tmp_path / "lambeth.md")
    text = path.read_text()
    assert "Lambeth" in text and "Croydon: child in care" not in text


def test_data_cannot_inject_markup(tmp_path):
    evil = '<script>alert(1)</script> [link](javascript:alert(1)) ![img](x) **bold** & `code`'
    g = nx.MultiDiGraph()
    g.add_node("s", label="Source", id="s", title="T <b>", publisher="P", published="2025", doc_type="article",
               url="javascript:alert(1)")
    g.add_node("c", label="CaseFile", id="c", title=evil, summary=evil, period="2020", year_start=2020,
               year_end=2020, source="s", paragraphs=[1], status="reported", sensitivity="public")
    html = render_html(build_dossier(g, ExportMeta()))
    assert "<script>" not in html and "&lt;script&gt;" in html
    assert 'href="javascript' not in html
    assert "<script" not in html.lower().replace("&lt;script", "")
    markdown = render_markdown(build_dossier(g, ExportMeta()))
    assert "[link](javascript" not in markdown and "<script>" not in markdown and "**bold**" not in markdown


def test_restricted_dossier_has_a_banner_and_a_marked_name(restricted_graph, tmp_path):
    path = write_report(restricted_graph, tmp_path / "all.html", ExportMeta(profile="restricted"))
    assert path.name == "all.restricted.html"
    assert 'class="banner">RESTRICTED' in path.read_text()
    with pytest.raises(ReportError):
        write_report(restricted_graph, tmp_path / "all.pdf", ExportMeta(profile="restricted"))


def test_report_command(london_store, tmp_path):
    for name in ("d.md", "d.html"):
        result = CliRunner().invoke(cli, ["report", "--borough", "hillingdon", "--store", str(london_store.directory),
                                          "--out", str(tmp_path / name)], catch_exceptions=False)
        assert result.exit_code == 0, result.output
        assert (tmp_path / name).read_text().count("Hillingdon") > 3
    bad = CliRunner().invoke(cli, ["report", "--store", str(london_store.directory), "--out", str(tmp_path / "d.txt")])
    assert bad.exit_code == 2


def test_a_source_dossier_lists_the_facts_citing_it_with_their_paragraphs(public_graph, tmp_path):
    """A source's dossier once held no citation at all (no relationship links a source to what cites it):
    the selection around a source now starts from the facts citing it, and the dossier lists them, each
    with that source's citations alone, bounded."""
    from casegraph.graph.selection import citing
    from casegraph.reports.dossier import CITING_SHOWN

    source = "src-kingston-sar"
    part = select(public_graph, Selection(around=((source, 1),)))
    assert citing(public_graph, source) <= set(part)
    dossier = build_dossier(part, ExportMeta(selection=Selection(around=((source, 1),)).describe()))
    first = dossier.sections[0]
    assert first.title.startswith("Facts citing") and dossier.title.endswith("dossier of a source")
    assert first.facts and all(c.source == source and (c.paragraphs or c.locator)
                               for fact in first.facts for c in fact.citations)
    text = write_report(part, tmp_path / "source.md",
                        ExportMeta(selection=Selection(around=((source, 1),)).describe())).read_text()
    assert "Facts citing" in text and "Kingston" in text

    big = "express-mylondon-2025"  # cited by hundreds of facts: the first CITING_SHOWN, and how to get them all
    part = select(public_graph, Selection(around=((big.upper(), 1),)))
    dossier = build_dossier(part, ExportMeta(selection=Selection(around=((big.upper(), 1),)).describe()))
    listed = dossier.sections[0]
    assert len(listed.facts) == CITING_SHOWN and f"the first {CITING_SHOWN} of" in listed.intro
    assert f"casegraph export --around {big}" in listed.intro
    assert all(c.source == big for fact in listed.facts for c in fact.citations)


@pytest.mark.parametrize("role", ["perpetrator", "suspect", "accused"])
@pytest.mark.parametrize("status", ["reported", None])
def test_an_accusing_role_without_a_finding_reads_as_an_account(role, status):
    """A perpetrator, suspect or accused whose link records no charge, conviction or allegation (reported, or no
    status) is what a source says of him: never a bare "names X as a perpetrator", which reads as a finding."""
    from casegraph.reports.wording import involvement

    text = involvement("Ned Moe", role, status)
    assert "an account, not a finding" in text and "no charge or conviction is recorded" in text
    assert involvement("Ned Moe", "reporter", status) == "The source names Ned Moe as the person who reported it"
    assert involvement("Ned Moe", role, "convicted").startswith("Ned Moe was convicted")


@pytest.mark.parametrize("role", ["victim", "perpetrator", "suspect", "accused", "associate", "reporter", "police",
                                  "care-provider", "school", "council", "charity", "court", "other"])
@pytest.mark.parametrize("status", ["reported", "alleged", "charged", "convicted", "acquitted", "inferred", None])
def test_every_status_and_role_is_worded_as_a_sentence(role, status):
    """Every role is a noun phrase after "as", "was" and "to have been" (never "alleged to have been accused" or
    "names X as involved"); a legal status is said of the person only in an accusing role; the status is said once."""
    from typing import get_args

    from casegraph.reports.model import qualify
    from casegraph.reports.wording import ACCUSING_ROLES, ROLE_WORDS, involvement
    from casegraph.schemas.relationships import Role

    assert set(ROLE_WORDS) == set(get_args(Role))
    text = qualify(involvement("Ned Moe", role, status), status, "a shared address")
    assert "Ned Moe" in text and ROLE_WORDS[role] in text
    assert not re.search(r"(been|was|as|\() (accused|involved)\b", text), text
    if role not in ACCUSING_ROLES:  # a victim is never "convicted", "charged" or "cleared" himself
        assert not re.search(r"(was|were) (convicted|charged|acquitted)", text), text
    words = {"alleged": "alleg", "charged": "not a conviction", "acquitted": "acquitt", "convicted": "convict",
             "inferred": "infer"}
    assert status not in words or words[status] in text.lower()
    in_case = involvement("Ned Moe", role, status, "Case Y")
    assert "Ned Moe" in in_case and f"{ROLE_WORDS[role]} in the case \u201cCase Y\u201d" in in_case


def test_a_dossier_counts_its_cases_nodes_and_relationships_in_words(public_graph):
    """0, 1 and 2 of a thing: "1 case record", "2 case records", "0 relationships", never "1 relationships"."""
    cases = sorted(n for n, a in public_graph.nodes(data=True) if a.get("label") == "CaseFile")[:2]
    sources = {n for n, a in public_graph.nodes(data=True) if a.get("label") == "Source"}
    for count, words in ((1, "1 case record."), (2, "2 case records.")):
        dossier = build_dossier(public_graph.subgraph({*cases[:count], *sources}).copy(), ExportMeta())
        assert next(s for s in dossier.sections if s.title == "Cases").intro == words
    lone = public_graph.subgraph({cases[0]}).copy()
    scope = build_dossier(lone, ExportMeta()).scope
    assert "1 node and 0 relationships." in scope
    around = public_graph.subgraph({cases[0], *public_graph.successors(cases[0])}).copy()
    assert around.number_of_edges() >= 2
    assert f"{around.number_of_nodes():,} nodes and {around.number_of_edges():,} relationships." in \
        build_dossier(around, ExportMeta()).scope


def test_a_minimum_count_is_written_as_the_source_states_it(public_graph):
    """Hillingdon's count is a minimum (`victims_at_least`): the dossier says "at least", as tooltips and
    entity pages do (`schemas.common.as_stated`, the one rule)."""
    part = select(public_graph, Selection(cases=("hillingdon-2000-2016-bellfield-group",)))
    count = public_graph.nodes["hillingdon-2000-2016-bellfield-group"]["victims_reported"]
    markdown = render_markdown(build_dossier(part, ExportMeta()))
    assert f"Victims reported: at least {count}" in markdown
