"""A count and the flag saying it is a minimum are stated together (`loaders.columns._given`): a second
source's "at least 6" contests the article's exact 6, and is never shown as the article's word."""

from __future__ import annotations

import pytest

from casegraph.exports import ExportMeta
from casegraph.graph.projection import project
from casegraph.graph.selection import Selection, select
from casegraph.reports import build_dossier, render_markdown
from tests.conftest import london_with

CASE = "redbridge-2011-child-sex-ring"  # six victims, exactly, per the article
COURT = {"kind": "source", "id": "a-court-report", "title": "A court report", "publisher": "casegraph tests",
         "published": "2012", "doc_type": "report"}


@pytest.fixture(scope="module")
def at_least(tmp_path_factory):
    records = [COURT, {"kind": "case", "id": CASE, "victims_reported": 6, "victims_at_least": True,
                       "source": "a-court-report", "locator": "p. 6"}]
    return london_with(records, tmp_path_factory.mktemp("at-least"))


def test_a_minimum_from_another_source_contests_the_exact_count(at_least):
    (case,) = [n for n in at_least[0].all_nodes() if n.id == CASE]
    assert "victims_at_least" in case.contested_fields and case.victims_at_least is False
    assert "victims_at_least" not in (case.partial_fields or [])  # stated with its count, credited as it is


def test_the_dossier_never_credits_at_least_to_the_source_that_gave_the_exact_count(at_least):
    with at_least[2].view("public") as view:
        graph = project(view)
    markdown = render_markdown(build_dossier(select(graph, Selection(cases=(CASE,))), ExportMeta()))
    line = next(l for l in markdown.splitlines() if l.startswith("- Victims reported"))
    assert not line.startswith("- Victims reported: at least"), line
