"""FollowTheMoney entities, checked with the followthemoney library's own model and CLI."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from casegraph.exports import ExportMeta, read_ftm, write_ftm
from casegraph.exports.ftm import ftm_id

from followthemoney import model
from followthemoney.cli.cli import cli as ftm_cli


def _entities(graph, path, profile="public"):
    return read_ftm(write_ftm(graph, path, ExportMeta(profile=profile))[0])


@pytest.mark.parametrize("profile", ["public", "restricted"])
def test_every_entity_is_valid_in_the_followthemoney_model(london_graphs, tmp_path, profile):
    graph = london_graphs[profile]
    entities = _entities(graph, tmp_path / "london.ftm.json", profile)
    citations = sum(len(a.get("citation_sources") or ()) for _, a in graph.nodes(data=True))
    assert len(entities) == graph.number_of_nodes() + graph.number_of_edges() + citations  # + one Documentation each
    ids = {e["id"] for e in entities}
    assert len(ids) == len(entities)
    by_id = {e["id"]: e for e in entities}
    for data in entities:
        schema = model.get(data["schema"])
        assert schema is not None and not schema.abstract, data["schema"]
        proxy = model.get_proxy(data, cleaned=False)  # cleans every value against its type
        for name, values in data["properties"].items():
            prop = schema.get(name)
            assert prop is not None, f"{data['schema']} has no property {name}"
            for value in values:  # valid for its type (FtM may normalise it, e.g. strip quotes from a name)
                cleaned = prop.type.clean(value)
                assert cleaned is not None and cleaned in proxy.get(name), (data["id"], name, value)
            if prop.type.name == "entity":  # every reference resolves, to an entity of the right schema
                for ref in values:
                    assert ref in by_id, f"{data['id']}.{name} -> {ref} is not in the file"
                    assert model.get(by_id[ref]["schema"]).is_a(prop.range), (data["id"], name, ref)
        if schema.edge:
            assert proxy.get(schema.edge_source) and proxy.get(schema.edge_target)


def test_each_entity_keeps_provenance_status_sensitivity_and_time(london_graphs, tmp_path):
    graph = london_graphs["public"]
    entities = {e["id"]: e for e in _entities(graph, tmp_path / "l.ftm.json")}
    for node, attrs in graph.nodes(data=True):
        props = entities[ftm_id(node)]["properties"]
        if attrs["label"] == "Source":
            continue
        assert props["proof"] == [ftm_id(s) for s in dict.fromkeys(attrs["citation_sources"])]
        assert f"Claim status: {attrs['status']}" in props["description"][0]
        assert f"sensitivity:{attrs['sensitivity']}" in props["keywords"]
        if attrs.get("period"):
            assert f"period:{attrs['period']}" in props["keywords"]
        if attrs.get("year_start") is not None:
            assert props["startDate"] == [str(attrs["year_start"])]
    for u, v, key, attrs in graph.edges(keys=True, data=True):
        entity = entities[ftm_id(key)]
        props = entity["properties"]
        assert props["proof"] == [ftm_id(s) for s in dict.fromkeys(attrs["citation_sources"])]
        assert f"Claim status: {attrs['status']}" in props["description"][0]
        assert f"Sensitivity: {attrs['sensitivity']}" in props["description"][0]
        if entity["schema"] != "Associate":
            assert props["status"] == [attrs["status"]]


def test_the_mapping(london_graphs, tmp_path):
    graph = london_graphs["public"]
    entities = {e["id"]: e for e in _entities(graph, tmp_path / "l.ftm.json")}
    schema_of = {n: entities[ftm_id(n)]["schema"] for n in graph}
    labels = {}
    for node, attrs in graph.nodes(data=True):
        labels.setdefault(attrs["label"], set()).add(schema_of[node])
    assert labels["CaseFile"] == {"Event"}
    assert labels["Borough"] == {"Address"}
    assert labels["Institution"] <= {"PublicBody", "Organization"}
    assert schema_of["metropolitan-police"] == "PublicBody"
    assert labels["Person"] <= {"Person", "Organization"}
    assert labels["Indicator"] == {"Note"}
    edge_schemata = {entities[ftm_id(k)]["schema"] for _, _, k in graph.edges(keys=True)}
    assert {"UnknownLink", "Membership", "ProjectParticipant"} <= edge_schemata


def test_ids_are_stable(london_graphs, tmp_path):
    first = _entities(london_graphs["public"], tmp_path / "a.ftm.json")
    second = _entities(london_graphs["public"].copy(), tmp_path / "b.ftm.json")
    assert first == second
    assert {e["id"] for e in first} >= {ftm_id("metropolitan-police"), ftm_id("newham")}


def test_the_ftm_command_line_validates_the_file(london_graphs, tmp_path):
    """`ftm validate` (followthemoney's own CLI, run in process: no `ftm` on the PATH needed) keeps every entity."""
    [path] = write_ftm(london_graphs["public"], tmp_path / "l.ftm.json")
    out = tmp_path / "validated.json"
    result = CliRunner().invoke(ftm_cli, ["validate", "-i", str(path), "-o", str(out)], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    again = read_ftm(out)
    assert {e["id"] for e in again} == {e["id"] for e in read_ftm(path)}
