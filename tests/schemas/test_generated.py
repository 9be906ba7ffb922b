"""What is generated from the schema stays in step with it."""

from __future__ import annotations

from pathlib import Path

import jsonschema
import pydantic
import pytest
import yaml

from casegraph.schemas import schema
from casegraph.schemas.ddl import ladybug_ddl, neo4j_constraints
from casegraph.schemas.docs import render_schema_docs
from casegraph.schemas.jsonschema import record_json_schema, render_json_schema
from casegraph.schemas.nodes import CaseFile

ROOT = Path(__file__).resolve().parents[2]


def test_committed_json_schema_is_up_to_date():
    assert (ROOT / "schemas" / "casegraph.schema.json").read_text() == render_json_schema(), \
        "regenerate: casegraph schema > schemas/casegraph.schema.json"


def test_committed_schema_docs_are_up_to_date():
    assert (ROOT / "docs" / "schema.md").read_text() == render_schema_docs(), \
        "regenerate: casegraph schema --format markdown > docs/schema.md"


def test_every_london_record_validates_against_the_json_schema():
    validator = jsonschema.Draft202012Validator(record_json_schema())
    for path in sorted((ROOT / "data" / "london").rglob("*.yaml")):
        for record in yaml.safe_load(path.read_text()) or []:
            record = {("period" if k == "when" else k): v for k, v in record.items()}
            errors = list(validator.iter_errors(record))
            assert not errors, f"{path}: {record.get('id') or record.get('rel')}: {errors[0].message}"


def test_ddl_declares_every_label_and_type_once():
    ddl = ladybug_ddl()
    graph = schema()
    assert len(ddl) == len(graph.nodes) + len(graph.rels) + 1  # and the evidence queries' filed answers
    assert ddl[-1].startswith("CREATE NODE TABLE FiledFact(key STRING PRIMARY KEY, ")
    for label in graph.labels:
        assert sum(s.startswith(f"CREATE NODE TABLE {label}(") for s in ddl) == 1
    statements = neo4j_constraints()
    assert sum(s.startswith("CREATE CONSTRAINT") and s.endswith("REQUIRE n.id IS UNIQUE") for s in statements) \
        == len(graph.nodes)
    assert sum(s.endswith("ON (r.id)") for s in statements) == len(graph.rels)
    # every fact is ranked for both evidence queries, cases for uncertain-facts, and people and places
    # are found by their boroughs; the cases heading a row of outcomes-by-decade (1), review-follow-up's
    # rows (reviews and RECOMMENDS: 2) and the responders of institution-responses (people, institutions: 2)
    facts = [n for n in graph.nodes if any(c.name == "single_source_rank" for c in n.columns)]
    assert len(statements) == len(graph.nodes) + len(graph.rels) + 2 * (len(facts) + len(graph.rels)) + 1 + 2 + 5
    assert "CREATE INDEX casefile_outcome_rows IF NOT EXISTS FOR (n:CaseFile) ON (n.outcome_rows)" in statements
    assert "CREATE INDEX recommends_follow_up_rank IF NOT EXISTS FOR ()-[r:RECOMMENDS]-() ON (r.follow_up_rank)" \
        in statements
    assert "CREATE INDEX casefile_uncertain_rank IF NOT EXISTS FOR (n:CaseFile) ON (n.uncertain_rank)" in statements
    assert "CREATE INDEX person_linked_boroughs IF NOT EXISTS FOR (n:Person) ON (n.linked_boroughs)" in statements


def test_every_relationship_endpoint_is_a_known_label():
    graph = schema()
    for rel in graph.rels:
        for a, b in rel.endpoints:
            assert a in graph.labels and b in graph.labels


def test_a_restatement_validates_against_the_json_schema_and_an_unidentified_record_does_not():
    """A restatement from another source gives a node's id, its citation and what that source states only
    (README "A restatement"): the schema an editor checks data with takes it, and says which fields the
    record giving the node in full needs. A record without an id, or with a field no model has, is refused."""
    definitions = record_json_schema()["$defs"]
    validator = jsonschema.Draft202012Validator(record_json_schema())
    restatement = {"kind": "case", "id": "redbridge-2011-child-sex-ring", "period": "2012",
                   "source": "second-source", "paragraphs": [3]}
    assert not list(validator.iter_errors(restatement))
    assert definitions["CaseFile"]["required"] == ["kind", "id"]
    assert "gives the node in full" in definitions["CaseFile"]["description"]
    assert "title" in definitions["CaseFile"]["description"].split("in full")[-1]
    assert list(validator.iter_errors({"kind": "case", "period": "2012", "source": "second-source"}))
    assert list(validator.iter_errors({**restatement, "no_such_field": 1}))
    assert definitions["INVOLVES"]["required"] == ["rel", "from", "to", "role"]  # a relationship's identity


BASES_REFUSED = ["x", "inferred", "n/a", "see source", "the  42 x y z", "a b c d", "  -  ", "TBD TBD TBD",
                 "unknown unknown unknown", "the the the", "asdf asdf asdf", "todo: fill this in", "same as above",
                 "not applicable here", "TBC, see the source", "placeholder for the basis"]
BASES_TAKEN = ["the borough's police", "the month is unknown; the year is the source's", "Le quartier était là",
               "the source says 'police'; Hounslow is policed by the Metropolitan Police", "tbd1 is a code, not a gap",
               "the borough of its place"]


def _leaves(errors):
    """The errors under a `oneOf`/`anyOf` error: what each alternative refused."""
    for error in errors:
        yield error
        yield from _leaves(error.context or ())


@pytest.mark.parametrize("basis", BASES_REFUSED)
def test_the_json_schema_refuses_a_basis_the_load_refuses(basis):
    """A basis's minimum (`BASIS_WORDS` different words, no placeholder: `schemas/common.py` `_says_how`) is in the
    JSON Schema an editor checks data with, not only in the load: a one-word basis is refused by both."""
    validator = jsonschema.Draft202012Validator(record_json_schema())
    record = {"kind": "case", "id": "a-case", "title": "A case", "summary": "Men were tried.", "period": "2012",
              "source": "src", "paragraphs": [1],
              "status": "inferred", "basis": basis}
    refused = {(leaf.validator, tuple(leaf.absolute_path)) for leaf in _leaves(validator.iter_errors(record))}
    assert refused & {("pattern", ("basis",)), ("minLength", ("basis",))}
    assert not list(validator.iter_errors({**record, "basis": "the borough of its place"}))
    with pytest.raises(pydantic.ValidationError, match="expected how it was inferred"):
        CaseFile.model_validate({k: v for k, v in record.items() if k != "kind"})


@pytest.mark.parametrize("basis", BASES_TAKEN)
def test_the_json_schema_takes_a_basis_the_load_takes(basis):
    """Never stricter than the load: a basis the load takes, in any script, is valid in the JSON Schema."""
    validator = jsonschema.Draft202012Validator(record_json_schema())
    record = {"kind": "case", "id": "a-case", "title": "A case", "summary": "Men were tried.", "period": "2012",
              "source": "src", "paragraphs": [1],
              "status": "inferred", "basis": basis}
    assert not list(validator.iter_errors(record))
    CaseFile.model_validate({k: v for k, v in record.items() if k != "kind"})


def test_the_json_schema_says_what_a_basis_needs():
    basis = record_json_schema()["$defs"]["CaseFile"]["properties"]["basis"]["anyOf"][0]
    assert basis["minLength"] == 8
    assert "3 different words" in basis["description"] and "placeholder" in basis["description"]
