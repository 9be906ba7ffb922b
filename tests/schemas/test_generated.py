"""What is generated from the schema stays in step with it."""

from __future__ import annotations

from pathlib import Path

import jsonschema
import yaml

from casegraph.schemas import schema
from casegraph.schemas.ddl import ladybug_ddl, neo4j_constraints
from casegraph.schemas.docs import render_schema_docs
from casegraph.schemas.jsonschema import record_json_schema, render_json_schema

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
