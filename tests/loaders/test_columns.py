"""A load holds records column by column: rows dropped on the way keep every other row's origin,
and the Dataset's Arrow tables give back the records that were loaded."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from casegraph.loaders import Dataset, LoadError, load
from casegraph.schemas.arrow import arrow_schema

SOURCES = Path(__file__).resolve().parents[2] / "data" / "sources.yaml"
SOURCE = {"source": "express-mylondon-2025", "paragraphs": [7]}


def case(case_id: str) -> dict:
    return {"kind": "case", "id": case_id, "title": "A case", "summary": "Something reported.",
            "period": 2012, **SOURCE}


def person(person_id: str, **fields) -> dict:
    return {"kind": "person", "id": person_id, "name": f"Someone {person_id}", **SOURCE, **fields}


def involves(case_id: str, person_id: str, role: str, **fields) -> dict:
    return {"rel": "INVOLVES", "from": case_id, "to": person_id, "role": role, **SOURCE, **fields}


def write_jsonl(path: Path, records: list[dict]) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in records))
    return path


def problems_of(*paths: Path):
    with pytest.raises(LoadError) as caught:
        load([SOURCES, *paths])
    return caught.value.problems


def test_restated_nodes_in_one_file_merge_into_the_first(tmp_path):
    path = write_jsonl(tmp_path / "people.jsonl", [person("p-1"), person("p-1"), person("p-2"), person("p-1")])
    people = {p.id: p for p in load([SOURCES, path]).nodes["Person"]}
    assert sorted(people) == ["p-1", "p-2"]
    assert people["p-1"].citation_sources == ["express-mylondon-2025"]  # the same citation each time: once
    assert people["p-1"].independent_sources == 1 and people["p-1"].contested_fields == []


def test_duplicate_id_of_another_kind(tmp_path):
    path = write_jsonl(tmp_path / "mixed.jsonl", [case("x-1"), person("x-1")])
    (problem,) = problems_of(path)
    assert (problem.line, problem.field) == (2, "id")
    assert "duplicate id: already defined at" in problem.message and "mixed.jsonl:1" in problem.message


def test_rows_after_a_dropped_row_keep_their_lines(tmp_path):
    """A restatement merged at line 2 must not shift the line reported for a problem at line 4."""
    path = write_jsonl(tmp_path / "bulk.jsonl", [
        case("c-1"), case("c-1"),                             # line 2: restated, merged into line 1
        person("p-ok", sensitivity="restricted", pseudonym=True),
        person("p-public"),                                    # line 4: a victim left public
        person("p-young", sensitivity="restricted", pseudonym=True),
        involves("c-1", "p-ok", "victim", sensitivity="restricted"),
        involves("c-1", "nobody", "perpetrator"),              # line 7: unknown reference, dropped
        involves("c-1", "p-public", "victim", sensitivity="restricted"),
        involves("c-1", "p-ok", "victim", sensitivity="restricted"),  # line 9: restates line 6, merged
        involves("c-1", "p-young", "victim", sensitivity="restricted", age_from=19),  # line 10: adult age
    ])
    found = {(p.line, p.field): p for p in problems_of(path)}
    assert set(found) == {(4, "sensitivity"), (7, "to"), (10, "age_from")}
    assert found[4, "sensitivity"].record == "p-public"
    assert "unknown reference 'nobody'" in found[7, "to"].message
    assert found[10, "age_from"].record == "INVOLVES c-1 -> p-young"


def test_restated_relationship_is_one_relationship(tmp_path):
    path = write_jsonl(tmp_path / "bulk.jsonl", [
        case("c-1"), person("p-1"), involves("c-1", "p-1", "perpetrator"),
        involves("c-1", "p-1", "perpetrator", paragraphs=[8])])
    (rel,) = load([SOURCES, path]).rels["INVOLVES"]
    assert rel.citation_paragraphs == ["7", "8"]


def test_one_explicit_id_for_two_relationships_is_an_error(tmp_path):
    path = write_jsonl(tmp_path / "bulk.jsonl", [
        case("c-1"), person("p-1"), person("p-2"), involves("c-1", "p-1", "perpetrator", id="r-1"),
        involves("c-1", "p-2", "perpetrator", id="r-1")])
    (problem,) = problems_of(path)
    assert (problem.line, problem.field) == (5, "id")
    assert "already names INVOLVES c-1 -> p-1" in problem.message and "bulk.jsonl:4" in problem.message


def test_tables_are_typed_by_the_schema():
    dataset = load()
    for label, table in dataset.node_tables.items():
        assert table.schema == arrow_schema(label), label
    for (rel_type, _, _), table in dataset.rel_tables.items():
        assert table.schema == arrow_schema(rel_type), rel_type


def test_models_made_from_the_tables_give_back_the_same_tables():
    """Records -> Arrow -> models -> Arrow is lossless: lists, nulls, ints, booleans survive."""
    dataset = load()
    again = Dataset.of(dataset.all_nodes(), dataset.all_rels())
    assert again.node_tables.keys() == dataset.node_tables.keys()
    assert again.rel_tables.keys() == dataset.rel_tables.keys()
    for label, table in dataset.node_tables.items():
        assert again.node_tables[label].equals(table), label
    for key, table in dataset.rel_tables.items():
        assert again.rel_tables[key].equals(table), key


def test_models_on_demand_are_the_loaded_records():
    dataset = load()
    cases = {c.id: c for c in dataset.nodes["CaseFile"]}
    assert len(cases) == dataset.node_counts()["CaseFile"]
    stratford = next(c for c in cases.values() if c.period == "unknown")
    assert stratford.year_start is None and stratford.year_end is None
    involves_rows = list(dataset.rels["INVOLVES"])
    assert all(r.id and r.from_ in cases for r in involves_rows)
    assert len(involves_rows) == dataset.rel_counts()["INVOLVES"]


def test_a_dataset_made_in_code_needs_resolved_relationships():
    from casegraph.schemas.relationships import Shows

    dataset = load()
    shows = Shows(**{"from": "nowhere", "to": "missing-episodes", **SOURCE})
    with pytest.raises(ValueError, match="not found: nowhere"):
        Dataset.of(dataset.all_nodes(), [shows.with_ids("nowhere", "missing-episodes")])
    case_id = next(iter(dataset.nodes["CaseFile"])).id
    with pytest.raises(ValueError, match="its own id"):
        Dataset.of(dataset.all_nodes(), [Shows(**{"from": case_id, "to": "missing-episodes", **SOURCE})])
