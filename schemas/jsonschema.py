"""JSON Schema for data authors, generated from the models.

One schema validates any record of a data file: a node (with its `kind`) or
a relationship (with its `rel`). Point an editor's YAML/JSON plugin at it.
"""

from __future__ import annotations

import json
from typing import Any

from pydantic import BaseModel

from casegraph.schemas.registry import Schema, schema, written_fields

__all__ = ["record_json_schema", "render_json_schema"]


def _with_tag(model: type[BaseModel], model_schema: dict[str, Any], tag: str, value: str) -> dict[str, Any]:
    """The model's schema, with the fields a data file may give (`written_fields`: no derived field, no
    aggregate), plus the `kind`/`rel` field that names it in data files."""
    result = dict(model_schema)
    written = set(written_fields(model))
    result["properties"] = {tag: {"const": value},
                            **{k: v for k, v in model_schema.get("properties", {}).items() if k in written}}
    result["required"] = [tag, *model_schema.get("required", [])]
    return result


def _restatable(node_schema: dict[str, Any]) -> dict[str, Any]:
    """A node's schema requiring what every record of it gives (`kind`, `id`): a restatement of a node
    from another source may leave out the fields the record giving it in full requires (`loaders.load`,
    README "A restatement"); those are named in the description, as a schema cannot see the other files."""
    full = [name for name in node_schema["required"] if name not in ("kind", "id")]
    result = {**node_schema, "required": [name for name in node_schema["required"] if name in ("kind", "id")]}
    if full:
        result["description"] = (node_schema.get("description", "").rstrip() + "\n\nRequired in the record that "
                                 f"gives the node in full (a restatement from another source takes them from it): "
                                 f"{', '.join(full)}.").lstrip()
    return result


def record_json_schema(graph: Schema | None = None) -> dict[str, Any]:
    graph = graph or schema()
    definitions: dict[str, Any] = {}
    choices = []
    for node in graph.nodes:
        node_schema = node.model.model_json_schema(mode="validation", ref_template="#/$defs/{model}")
        definitions.update(node_schema.pop("$defs", {}))
        definitions[node.label] = _restatable(_with_tag(node.model, node_schema, "kind", node.kind))
        choices.append({"$ref": f"#/$defs/{node.label}"})
    for rel in graph.rels:
        rel_schema = rel.model.model_json_schema(mode="validation", by_alias=True,
                                                 ref_template="#/$defs/{model}")
        definitions.update(rel_schema.pop("$defs", {}))
        definitions[rel.type] = _with_tag(rel.model, rel_schema, "rel", rel.type)
        choices.append({"$ref": f"#/$defs/{rel.type}"})
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "casegraph record",
        "description": "One record of a casegraph data file: a node (`kind`) or a relationship (`rel`). "
                       "A YAML data file is a list of these.",
        "oneOf": choices,
        "$defs": definitions,
    }


def render_json_schema() -> str:
    return json.dumps(record_json_schema(), indent=2, ensure_ascii=False) + "\n"
