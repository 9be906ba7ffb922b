"""Many sources per fact: citations, merging restatements, contested values, lineage, dated status."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from casegraph.loaders import LoadError, default_data_dir, load

SOURCES = Path(__file__).resolve().parents[2] / "data" / "sources.yaml"


def source(source_id: str, published: str | None = "2017", derived_from=()) -> dict:
    record = {"kind": "source", "id": source_id, "title": source_id, "publisher": "Someone",
              "doc_type": "article", "derived_from": list(derived_from)}
    return {**record, "published": published} if published else record


def case(case_id: str = "c-1", **fields) -> dict:
    return {"kind": "case", "id": case_id, "title": "A case", "summary": "Something reported.",
            "period": 2012, **fields}


def person(person_id: str = "p-1", **fields) -> dict:
    return {"kind": "person", "id": person_id, "name": f"Someone {person_id}", **fields}


def involves(role: str = "accused", **fields) -> dict:
    return {"rel": "INVOLVES", "from": "c-1", "to": "p-1", "role": role, **fields}


def cite(source_id: str, paragraph: int = 1, **fields) -> dict:
    return {"source": source_id, "paragraphs": [paragraph], **fields}


def write(path: Path, records: list[dict]) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in records))
    return path


def load_records(tmp_path: Path, records: list[dict]):
    return load([write(tmp_path / "data.jsonl", records)])


def problems_of(tmp_path: Path, records: list[dict]):
    with pytest.raises(LoadError) as caught:
        load_records(tmp_path, records)
    return caught.value.problems


def test_the_issues_second_source_for_redbridge_changes_no_count(tmp_path):
    data = tmp_path / "data"
    shutil.copytree(default_data_dir(), data, ignore=shutil.ignore_patterns("*.py", "__pycache__"))
    with open(data / "sources.yaml", "a") as sources:
        sources.write("- {kind: source, id: second-source, title: A second report, publisher: Someone, "
                      "published: 2011-06, doc_type: article}\n")
    (data / "london" / "cases" / "zz-second.yaml").write_text(
        "- {rel: IN_BOROUGH, from: redbridge-2011-child-sex-ring, to: redbridge, source: second-source, "
        "paragraphs: [3]}\n")
    before, after = load(), load([data])
    assert after.rel_counts() == before.rel_counts()
    (rel,) = [r for r in after.rels["IN_BOROUGH"] if r.from_ == "redbridge-2011-child-sex-ring"]
    assert rel.citation_sources == ["second-source", "express-mylondon-2025"]  # in date order (2011-06, 2025-11)
    assert rel.citation_paragraphs == ["3", "25"] and rel.independent_sources == 2


def test_one_citation_form_and_citations_list(tmp_path):
    ds = load_records(tmp_path, [
        source("a"), source("b", "2019-07"),
        case(**cite("a", 3, quote="a phrase"),
             citations=[cite("b", 4, status="alleged", as_of="2019-06-01", reliability=2, credibility="B",
                             handling="P")]),
    ])
    (c,) = ds.nodes["CaseFile"]
    assert (c.source, c.paragraphs, c.quote) == ("b", [4], None)  # the citation giving the status
    assert c.citation_sources == ["a", "b"] and c.citation_quotes == ["a phrase", ""]
    assert c.citation_as_of == ["2017", "2019-06-01"]  # undated: its source's publication date
    assert (c.citation_reliability, c.citation_credibility, c.citation_handling) == (["", "2"], ["", "B"], ["", "P"])
    assert (c.status, c.status_as_of, c.status_source) == ("alleged", "2019-06-01", "b")


def test_citations_only_form(tmp_path):
    ds = load_records(tmp_path, [source("a"), case(citations=[cite("a", 2), {"source": "a", "locator": "p. 4"}])])
    (c,) = ds.nodes["CaseFile"]
    assert c.source == "a" and c.citation_paragraphs == ["2", ""] and c.citation_locators == ["", "p. 4"]


def test_disagreeing_values_are_kept_and_contested(tmp_path):
    ds = load_records(tmp_path, [
        source("a"), source("b"), case(**cite("a"), victims_reported=6),
        case(**cite("b"), period=2011, victims_reported=7, child_case=True),
    ])
    (c,) = ds.nodes["CaseFile"]
    assert c.victims_reported == 6 and c.period == "2012" and c.year_start == 2012  # the first stays
    contested = list(zip(c.contested_fields, c.contested_values, c.contested_sources))
    assert sorted(contested) == [("period", '"2011"', "b"), ("period", '"2012"', "a"),
                                 ("victims_reported", "6", "a"), ("victims_reported", "7", "b")]


def test_a_field_left_out_is_not_contested(tmp_path):
    ds = load_records(tmp_path, [source("a"), source("b"), case(**cite("a"), child_case=False),
                                 {**case(**cite("b"), victims_reported=3)}])
    (c,) = ds.nodes["CaseFile"]
    assert c.child_case is False and c.victims_reported == 3 and c.contested_fields == []


def test_stricter_sensitivity_and_lists_contested_not_merged(tmp_path):
    ds = load_records(tmp_path, [source("a"), source("b"), person(**cite("a"), aliases=["X"]),
                                 person(**cite("b"), aliases=["Y", "X"], sensitivity="restricted")])
    (p,) = ds.nodes["Person"]
    # "Y" is b's alone: a union would credit it to a too
    assert p.sensitivity == "restricted" and p.aliases == ["X"]  # a tie: the smaller source id
    assert list(zip(p.contested_fields, p.contested_values, p.contested_sources)) == [
        ("aliases", '["X"]', "a"), ("aliases", '["Y", "X"]', "b")]


def test_a_name_only_one_source_gives_still_finds_the_node(tmp_path):
    ds = load_records(tmp_path, [source("a"), source("b"), case(**cite("a")), person(**cite("a"), aliases=["X"]),
                                 person(**cite("b"), aliases=["Y"]), {**involves(**cite("b")), "to": "Y"}])
    (rel,) = ds.rels["INVOLVES"]
    assert (rel.from_, rel.to) == ("c-1", "p-1")


def test_status_history_latest_established(tmp_path):
    ds = load_records(tmp_path, [
        source("news-2017"), source("court-2019", "2019"), source("later-2020", "2020"),
        case(**cite("news-2017")), person(**cite("news-2017")),
        involves(**cite("news-2017", status="alleged"), citations=[
            cite("court-2019", status="convicted", as_of="2019-03"),
            cite("news-2017", 2, status="charged", as_of="2017-06"),
            cite("later-2020", status="inferred")], basis="a test of citations"),
    ])
    (rel,) = ds.rels["INVOLVES"]
    assert rel.citation_statuses == ["alleged", "charged", "convicted", "inferred"]  # in date order
    assert rel.citation_as_of == ["2017", "2017-06", "2019-03", "2020"]
    assert rel.source == "court-2019"  # the citation giving the status
    # latest established: an inference (2020) never overrides what a source gives
    assert (rel.status, rel.status_as_of, rel.status_source) == ("convicted", "2019-03", "court-2019")


def test_a_narrower_facts_status_does_not_spill(tmp_path):
    ds = load_records(tmp_path, [
        source("a"), case(**cite("a")), person("p-1", **cite("a")), person("p-2", **cite("a")),
        involves("accused", **cite("a", status="acquitted")),
        {**involves("perpetrator", **cite("a", status="convicted")), "to": "p-2"},
    ])
    statuses = {(r.to, r.role): r.status for r in ds.rels["INVOLVES"]}
    assert statuses == {("p-1", "accused"): "acquitted", ("p-2", "perpetrator"): "convicted"}
    (c,) = ds.nodes["CaseFile"]
    assert c.status == "reported"


def test_independent_sources_follow_lineage(tmp_path):
    ds = load_records(tmp_path, [
        source("council-report", None), source("paper-1", derived_from=["council-report"]),
        source("paper-2", derived_from=["council-report"]), source("paper-3", derived_from=["paper-1"]),
        source("foi"), source("article", "2025", derived_from=["paper-1", "foi"]),
        case("c-1", citations=[cite("paper-1"), cite("paper-2"), cite("paper-3")]),
        case("c-2", citations=[cite("paper-1"), cite("foi")]),
        case("c-3", citations=[cite("article"), cite("foi"), cite("paper-2")]),
        case("c-4", citations=[cite("council-report")]),
    ])
    counts = {c.id: c.independent_sources for c in ds.nodes["CaseFile"]}
    assert counts == {"c-1": 1, "c-2": 2, "c-3": 1, "c-4": 1}
    (c4,) = [c for c in ds.nodes["CaseFile"] if c.id == "c-4"]
    assert c4.citation_as_of == [""]  # an undated source leaves the citation undated


def test_a_lineage_cycle_is_an_error(tmp_path):
    problems = problems_of(tmp_path, [source("a", derived_from=["b"]), source("b", derived_from=["c"]),
                                      source("c", derived_from=["a"]), case(**cite("a"))])
    (problem,) = problems
    assert (problem.line, problem.record, problem.field) == (1, "a", "derived_from")
    assert "derived_from cycle: a -> b -> c -> a" in problem.message


def test_unknown_lineage_source(tmp_path):
    (problem,) = problems_of(tmp_path, [source("a", derived_from=["nowhere"]), case(**cite("a"))])
    assert (problem.record, problem.field) == ("a", "derived_from") and "'nowhere'" in problem.message


@pytest.mark.parametrize("record, field, expected", [
    (case(**cite("a"), citations=[cite("nowhere")]), "citations.0.source", "unknown source 'nowhere'"),
    (case(citations=[cite("a"), cite("nowhere")]), "citations.1.source", "unknown source 'nowhere'"),
    (case(**cite("nowhere")), "source", "unknown source 'nowhere'"),
    (case(citations=[cite("a", as_of="2017-13")]), "citations.0.as_of", "not a real date"),
    (case(citations=[cite("a", as_of="last year")]), "citations.0.as_of", "expected a year"),
    (case(citations=[cite("a", reliability=4)]), "citations.0.reliability", "'1', '2' or '3'"),
    (case(citations=[cite("a", credibility="F")]), "citations.0.credibility", "'A', 'B', 'C', 'D' or 'E'"),
    (case(citations=[{"source": "a"}]), "citations.0", "needs `paragraphs`"),
    (case(paragraphs=[1]), "paragraphs", "belongs to a citation"),
    (case(), "source", "needs a `source`"),
    (case(**cite("a"), citation_sources=["a"]), "citation_sources", "derived from the citations"),
])
def test_bad_citations_name_file_line_record_field(tmp_path, record, field, expected):
    (problem,) = problems_of(tmp_path, [source("a"), record])
    assert problem.file.endswith("data.jsonl") and problem.line == 2 and problem.record == "c-1"
    assert problem.field == field and expected in problem.message, str(problem)


def _dated_problems(tmp_path, published: str, as_of: str | None) -> list:
    """The problems of loading a source published `published` and an indicator citing it (as of `as_of`)."""
    cited = f", as_of: '{as_of}'" if as_of else ""
    path = tmp_path / "a.yaml"
    path.write_text(f"- {{kind: source, id: doc, title: A source, publisher: P, published: '{published}', doc_type: article}}\n"
                    "- {kind: indicator, id: i-1, name: One, description: A pattern., "
                    f"citations: [{{source: doc, paragraphs: [1]{cited}}}]}}\n")
    with pytest.raises(LoadError) as caught:
        load([path])
    return caught.value.problems


@pytest.mark.parametrize("as_of, limit", [("2026-01-01", "2024"), ("2025", "2024")])
def test_an_as_of_after_the_source_was_published(tmp_path, as_of, limit):
    """A source cannot give a status as of after it was written; the latest as_of decides the current status."""
    [problem] = _dated_problems(tmp_path, "2024", as_of)
    assert problem.field == "citations.0.as_of" and f"source 'doc' was published {limit}" in problem.message


@pytest.mark.parametrize("published, as_of, field", [
    ("2024", "2031-01", "citations.0.as_of"), ("2031", "2020", "published"), ("2099-12-31", None, "published"),
])
def test_a_date_after_today_is_refused_where_it_is_given(tmp_path, published, as_of, field):
    """A source is published, and a status given, on a day that has come (`schemas.text.refuse_future`)."""
    from datetime import date

    problem = next(p for p in _dated_problems(tmp_path, published, as_of) if p.field == field)
    assert f"is after today ({date.today().isoformat()})" in problem.message, str(problem)


def test_a_late_as_of_is_named_as_written_not_as_the_citations_are_ordered(tmp_path):
    """The second citation is the late one; the citations are put in date order after the check, so the
    error still names `citations.1.as_of` and its line."""
    path = tmp_path / "a.yaml"
    path.write_text("- {kind: source, id: late, title: Late, publisher: P, published: 2025-11, doc_type: article}\n"
                    "- {kind: source, id: early, title: Early, publisher: P, published: 2011-03, doc_type: article}\n"
                    "- kind: indicator\n  id: i-1\n  name: One\n  description: A pattern.\n  citations:\n"
                    "    - {source: late, paragraphs: [1]}\n"
                    "    - {source: early, paragraphs: [2], as_of: 2011-06}\n")
    with pytest.raises(LoadError) as caught:
        load([path])
    [problem] = caught.value.problems
    assert (problem.field, problem.line) == ("citations.1.as_of", 9), str(problem)
    assert "source 'early' was published 2011-03" in problem.message
