"""A citation stated twice for one fact counts once (`loaders.lineage.drop_repeated_citations`).

`repeated` is the London data plus a file restating every London fact with each of its citations
given twice (the same source, paragraphs, locator, quote and status as the London record): no
citation, count or answer may change, on either engine, in either profile; the load warns once for
each citation so repeated. A record of its own citing one thing twice keeps it once too, the
warning at the field and line of the repeat; a repeat graded otherwise is refused.
"""

from __future__ import annotations

import json
import shutil

import pytest

from casegraph.graph.snapshot import snapshot
from casegraph.graph.store import input_checksum
from casegraph.loaders import LoadError, data_files, default_data_dir, load
from casegraph.queries import catalog, run_query
from casegraph.schemas.citations import CITATION_COLUMNS
from tests.conftest import london_with, on_both_engines
from tests.graph.test_parity import _rows
from tests.multisource.restate import given_citations, london_records, without_citations
from tests.queries.params import SAMPLE_PARAMS

REPEATED = [{**without_citations(data), "citations": given_citations(data) * 2} for data in london_records()]
"""Every London record again, each of its citations listed twice."""

EVIDENCE = (*CITATION_COLUMNS, "independent_sources", "status", "status_as_of", "status_source",
            "source", "paragraphs", "locator", "quote")


@pytest.fixture(scope="module")
def repeated(tmp_path_factory):
    return london_with(REPEATED, tmp_path_factory.mktemp("repeated"))


def _evidence(dataset) -> dict[str, dict]:
    return {r.id: {name: getattr(r, name, None) for name in EVIDENCE}
            for r in [*dataset.all_nodes(), *dataset.all_rels()] if hasattr(r, "citation_sources")}


def test_every_fact_keeps_london_s_citations_and_counts(london, repeated):
    dataset = repeated[0]
    assert dataset.node_counts() == london.node_counts() and dataset.rel_counts() == london.rel_counts()
    assert _evidence(dataset) == _evidence(london)
    assert {key: rows.to_pylist() for key, rows in dataset.public_versions.items()} == \
        {key: rows.to_pylist() for key, rows in london.public_versions.items()}  # what the public profile shows
    warned = [w for w in dataset.warnings if "cited 3 times for this fact" in w.message]
    assert len(warned) == len(dataset.warnings) == sum(len(given_citations(data)) for data in london_records())
    (malone,) = [w for w in warned if w.record == "martin-malone"]
    assert malone.file.endswith("lewisham-2000-martin-malone.yaml") and malone.line and malone.field is None
    assert "stated again at " in malone.message and "zz-added.jsonl:" in malone.message
    assert malone.message.endswith(": kept once (a citation counts once); give it once")


def _answers(store) -> dict:
    """What a store holds and answers, in each profile: its stored graph, and every catalog query's rows."""
    found = {}
    for profile in ("public", "restricted"):
        with store.view(profile) as view:
            found[profile] = snapshot(view)
            for name, query in sorted(catalog().items()):
                for params in SAMPLE_PARAMS.get(name, [{}]):
                    if "include_restricted" in query.header.parameters:
                        params = {**params, "include_restricted": profile == "restricted"}
                    found[profile, name, json.dumps(params, sort_keys=True)] = _rows(run_query(view, query, params))
    return found


@pytest.mark.parametrize("engine", ["ladybug", "neo4j"])
def test_every_answer_and_the_stored_graph_are_london_s(repeated, engine, london, london_files, london_store,
                                                        neo4j_server_store):
    """Every catalog query (`case-detail`'s citation count, `single-source-facts`, `status-history`...)
    answers as on the London data on the same engine, in both profiles, and the stored graph is London's,
    record by record."""
    if engine == "ladybug":
        before, after = _answers(london_store), _answers(repeated[2])
    else:
        neo4j_server_store.build(london, input_checksum(london_files))
        before = _answers(neo4j_server_store)
        after = _answers(on_both_engines(repeated, neo4j_server_store)["neo4j"])
    assert before.keys() == after.keys()
    for key, answer in before.items():
        assert after[key] == answer, key


def _load_with(tmp_path, records: list[dict]):
    """The reference data and sources plus `records` (one JSONL file, a record a line), loaded."""
    base = default_data_dir()
    folder = tmp_path / "data"
    shutil.copytree(base / "reference", folder / "reference")
    shutil.copy(base / "sources.yaml", folder / "sources.yaml")
    (folder / "added.jsonl").write_text("".join(json.dumps(r) + "\n" for r in records))
    return load(data_files([folder]))


POLICE = {"kind": "institution", "id": "repeat-test-police", "name": "A test police force", "institution_type": "police",
          "source": "express-mylondon-2025", "paragraphs": [27]}


def test_a_record_citing_one_thing_twice_keeps_it_once_at_its_field_and_line(tmp_path):
    again = {"source": "express-mylondon-2025", "paragraphs": [27]}
    dataset = _load_with(tmp_path, [{**POLICE, "citations": [{"source": "express-mylondon-2025", "paragraphs": [28]},
                                                              again, again]}])
    (police,) = [n for n in dataset.all_nodes() if n.id == POLICE["id"]]
    assert police.citation_sources == ["express-mylondon-2025"] * 2 and police.citation_paragraphs == ["27", "28"]
    assert police.independent_sources == 1
    (warning,) = dataset.warnings
    assert (warning.file.endswith("added.jsonl"), warning.line, warning.record, warning.field) == \
        (True, 1, POLICE["id"], "citations.2.source")
    assert "source 'express-mylondon-2025' is cited 3 times for this fact" in warning.message
    assert "(also as source at line 1, citations.1.source at line 1)" in warning.message


def test_a_citation_repeated_with_another_grade_is_refused(tmp_path):
    with pytest.raises(LoadError) as refused:
        _load_with(tmp_path, [{**POLICE, "citations": [{"source": "express-mylondon-2025", "paragraphs": [27],
                                                        "reliability": 1, "credibility": "A"}]}])
    (problem,) = refused.value.problems
    assert (problem.record, problem.field) == (POLICE["id"], "citations.0.source")
    assert problem.message.endswith("graded otherwise (not graded, 1A ?): expected one citation with one grade; give it once")
