"""The query catalog: one Cypher file per query, with a validated header.

A query file starts with a header in a block comment:

    /*
    name: similar-cases
    title: Cases similar to a given case
    question: Which cases share indicators, places, people or institutions with this one?
    parameters:
      case: {type: string, required: true, description: id of the case}
    */
    MATCH ...

The text after the header runs on every engine, unless `ladybug/NAME.cypher`
or `neo4j/NAME.cypher` beside it gives that engine its own variant (e.g.
LadybugDB needs `* TRAIL` for Neo4j's default path semantics). Queries are
read-only and parameterised: values reach the engine as parameters, never
pasted into the text.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any, Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

__all__ = ["Parameter", "Query", "QueryError", "catalog", "get_query", "QUERY_DIR"]

QUERY_DIR = Path(__file__).resolve().parent
ENGINES = ("ladybug", "neo4j")


class QueryError(ValueError):
    """A catalog or parameter problem, pointing at the file or the parameter."""


class Parameter(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    type: Literal["string", "int", "float", "bool"]
    node: str | None = Field(default=None, description="the label of the node whose id this parameter takes; "
                             "the id is checked (any case) before the query runs")
    required: bool = False
    default: Any = None
    description: str

    @field_validator("node")
    @classmethod
    def _known_label(cls, label: str | None) -> str | None:
        from casegraph.schemas import schema

        if label is not None and label not in {n.label for n in schema().nodes}:
            raise ValueError(f"no node label {label!r} in the schema")
        return label

    def convert(self, name: str, text: Any) -> Any:
        """A value as parsed from the command line (`queries.params`) or given in Python -> the declared type.

        A JSON number or boolean for a string parameter becomes its text (`case_id=2012`);
        text for a number or boolean is read as one. Raises `QueryError` saying what was expected."""
        if self.type == "string" and not isinstance(text, str) and text is not None:
            return json.dumps(text)
        if self.type == "float" and isinstance(text, int) and not isinstance(text, bool):
            return float(text)
        if not isinstance(text, str):
            expected = {"int": int, "float": float, "bool": bool}.get(self.type)
            if expected and (not isinstance(text, expected) or (expected is int and isinstance(text, bool))):
                raise QueryError(f"parameter {name!r}: expected {self.type}, got {text!r}")
            return text
        try:
            if self.type == "int":
                return int(text)
            if self.type == "float":
                return float(text)
            if self.type == "bool":
                if text.lower() in ("true", "yes", "1"):
                    return True
                if text.lower() in ("false", "no", "0"):
                    return False
                raise ValueError
        except ValueError:
            raise QueryError(f"parameter {name!r}: expected {self.type}, got {text!r}") from None
        return text


class Header(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    name: str = Field(pattern=r"^[a-z0-9-]+$")
    title: str
    question: str
    parameters: dict[str, Parameter] = Field(default_factory=dict)
    sort_lists: list[str] = Field(
        default_factory=list, description="columns whose list values are sets (sorted for stable output)"
    )


@dataclass(frozen=True)
class Query:
    header: Header
    path: Path
    body_line: int  # line of the first body line in `path`
    texts: dict[str, str]  # engine -> Cypher

    @property
    def name(self) -> str:
        return self.header.name

    def text(self, engine: str) -> str:
        return self.texts[engine]

    def bind(self, given: dict[str, Any]) -> dict[str, Any]:
        """Check and convert parameters; fill defaults; refuse unknown ones."""
        declared = self.header.parameters
        unknown = sorted(set(given) - set(declared))
        if unknown:
            expected = ", ".join(sorted(declared)) or "none"
            raise QueryError(f"query {self.name!r} has no parameter {', '.join(unknown)}: expected {expected}")
        bound = {}
        for name, param in declared.items():
            if name in given:
                bound[name] = param.convert(name, given[name])
            elif param.required:
                raise QueryError(f"query {self.name!r} needs --param {name}=... ({param.description})")
            else:
                bound[name] = param.default
        return bound


def _parse(path: Path) -> Query:
    text = path.read_text(encoding="utf-8")
    if not text.startswith("/*") or "*/" not in text:
        raise QueryError(f"{path}:1: expected a header in a /* ... */ block comment")
    end = text.index("*/")
    try:
        header = Header.model_validate(yaml.safe_load(text[2:end]))
    except (ValidationError, yaml.YAMLError) as error:
        raise QueryError(f"{path}:1: invalid query header: {error}") from None
    if header.name != path.stem:
        raise QueryError(f"{path}:1: header name {header.name!r} must match the file name")
    body = text[end + 2:]
    body_line = text[: end + 2].count("\n") + 1
    texts = {}
    for engine in ENGINES:
        variant = path.parent / engine / path.name
        texts[engine] = variant.read_text(encoding="utf-8") if variant.exists() else body
        if not texts[engine].strip():
            raise QueryError(f"{path}:{body_line}: no Cypher for engine {engine}")
    return Query(header, path, body_line, texts)


@cache
def catalog(directory: Path = QUERY_DIR) -> dict[str, Query]:
    """Every query in the catalog, by name."""
    queries = [_parse(path) for path in sorted(directory.glob("*.cypher"))]
    return {q.name: q for q in queries}


def get_query(name: str) -> Query:
    """The catalog query `name` (any case). Raises `QueryError` naming the closest queries."""
    from casegraph.graph.search import Entry, rank

    queries = catalog()
    wanted = name.strip().lower()
    if wanted in queries:
        return queries[wanted]
    entries = [Entry(q.name, "Query", [q.name, q.header.title]) for q in queries.values()]
    close = [entry.id for entry, _, _ in rank(wanted, entries, limit=3)]
    hint = f"did you mean {', '.join(close)}? " if close else ""
    raise QueryError(f"no query named {name!r}: {hint}`casegraph queries` lists them")
