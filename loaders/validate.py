"""Raw records -> validated schema records, with problems located precisely."""

from __future__ import annotations

import re
from difflib import get_close_matches
from functools import cache

from pydantic import BaseModel, ValidationError

from casegraph.loaders.problems import Problem
from casegraph.loaders.raw import RawRecord
from casegraph.loaders.values import check_values, column_types
from casegraph.schemas import schema
from casegraph.schemas.citations import Citation
from casegraph.schemas.common import NO_PROVENANCE, Fact, lacks_provenance
from casegraph.schemas.nodes import Node
from casegraph.schemas.registry import written_fields
from casegraph.schemas.relationships import Relationship
from casegraph.schemas.text import NOT_BLANK, clip

__all__ = ["validate_record", "MISSING"]

MISSING = ("required field is missing (a record restating a node another record gives in full, e.g. for a "
           "second source, may leave it out: no record of this kind gives this id)")
"""The message of a required field left out; a restatement may leave one out (`loaders.load._restatements`)."""


@cache
def _models() -> tuple[dict[str, type[Node]], dict[str, type[Relationship]]]:
    graph = schema()
    return ({n.kind: n.model for n in graph.nodes}, {r.type: r.model for r in graph.rels})


SHOWN_OWNERS = 6
"""Of the kinds that have a field given to a record that has not, those named."""

_CITATION_ONLY = tuple(name for name in Citation.model_fields if name not in Fact.model_fields)
"""Fields of a citation that a fact does not have itself (`reliability`, `as_of`, ...)."""


@cache
def _written_by() -> dict[str, tuple[str, ...]]:
    """Each field a data file may give -> the kinds and relationship types that have it."""
    graph, found = schema(), {}
    for name, model in [*((n.kind, n.model) for n in graph.nodes), *((r.type, r.model) for r in graph.rels)]:
        for field in written_fields(model):
            found.setdefault(field, []).append(name)
    return {field: tuple(names) for field, names in found.items()}


def _unknown_field(loc: tuple, model: type[BaseModel]) -> str:
    """An unknown field's message: where it belongs when it is a field of a citation or of other records,
    else the field it may be a misspelling of among those that may be written there (`written_fields`:
    never a derived one), else none (no suggestion rather than a wrong one)."""
    name, written = str(loc[-1]), written_fields(model)
    if len(loc) == 1 and name in _CITATION_ONLY and "citations" in written:
        return (f"unknown field: `{name}` is a field of a citation, not of the record: give it inside one "
                f"(`citations: [{{source: ..., {name}: ...}}]`)")
    if len(loc) == 1 and name in _written_by():
        owner = f"a {model.kind}" if issubclass(model, Node) else f"relationship {model.type}"
        others = _written_by()[name]
        shown = ", ".join(others[:SHOWN_OWNERS]) + (", ..." if len(others) > SHOWN_OWNERS else "")
        return f"unknown field: {owner} has no `{name}` (a field of {shown})"
    options = written if len(loc) == 1 else written_fields(Citation) if loc[0] == "citations" else ()
    close = get_close_matches(name, options, n=1)
    return "unknown field: not in the schema " + (f"(did you mean {close[0]!r}?)" if close else "(check its spelling)")


def _expected(error: dict, model: type[BaseModel]) -> str:
    kind = error["type"]
    if kind == "extra_forbidden" and error["loc"]:
        return _unknown_field(error["loc"], model)
    if kind == "missing":
        return MISSING
    if kind == "string_pattern_mismatch" and (error.get("ctx") or {}).get("pattern") == NOT_BLANK:
        return "expected text, got only spaces"
    message = error["msg"]
    if message.startswith("Value error, "):
        message = message[len("Value error, "):]
    elif message.startswith("Input should be "):  # pydantic's wording, read as the loader's own messages
        message = "expected " + message[len("Input should be "):].replace("a valid ", "a ", 1)
    value = error.get("input")
    got = clip(value) if value is not None else ""
    if kind not in ("model_type",) and not isinstance(value, (dict, list)) and value is not None \
            and f"got {got}" not in message:  # a validator's own message may name it already
        return f"{message}, got {got}" if message.startswith("expected ") else f"{message} (got {got})"
    return message


_NAMED_FIELD = re.compile(r"^(?:an? (?:inferred )?fact needs an? )?`(\w+)`")
"""A record-level message that names its field first (`a fact needs a `source``) is about that field."""


def _problems(raw: RawRecord, error: ValidationError, model: type[BaseModel]) -> list[Problem]:
    problems = []
    for item in error.errors():
        loc = [str(part) for part in item["loc"]]
        if not loc:
            named = _NAMED_FIELD.match(_expected(item, model))
            loc = [named.group(1)] if named else []
        field = loc[0] if loc else None
        if field == "from_":
            field = "from"
        path = ".".join([field, *loc[1:]]) if field else None
        problems.append(Problem(raw.file, raw.line_of(path), raw.name, ".".join(loc) or None, _expected(item, model)))
    # `sumary:` for `summary:` is one mistake: its "did you mean" says it, the missing field need not
    meant = {p.message.split("did you mean ")[1][1:-3] for p in problems if "did you mean " in p.message}
    return [p for p in problems if not (p.message == MISSING and p.field in meant)]


def _left_out(problem: Problem, fields: set[str]) -> bool:
    """Whether a model's problem is only that a field left out for its refused value is not there: the
    field itself, or a record-level check naming it (`a fact needs `paragraphs``): said once already."""
    return problem.field in fields or any(f"`{field}`" in problem.message for field in fields)


def validate_record(raw: RawRecord) -> tuple[Node | Relationship | None, list[Problem]]:
    """Validate one raw record against the model its `kind` or `rel` names: (the record, []) or (None,
    every problem of the record, each with file, line, record and field): a value of the wrong type
    (`check_values`) and the model's problems with the rest of the record (unknown or missing fields,
    a bad value of another field) together. A record the reader could not read whole (`RawRecord.broken`)
    fails with the reader's problem alone."""
    if raw.broken is not None:  # the reader's problem says all that can be said of it
        return None, [Problem(raw.file, raw.line, raw.name, None, raw.broken)]
    nodes, rels = _models()
    data = dict(raw.data)
    kind, rel = data.pop("kind", None), data.pop("rel", None)
    if (kind is None) == (rel is None):
        return None, [Problem(raw.file, raw.line, raw.name, None,
                              "expected exactly one of `kind` (a node: "
                              + ", ".join(sorted(nodes)) + ") or `rel` (a relationship: "
                              + ", ".join(sorted(rels)) + ")")]
    tag = kind if kind is not None else rel
    model: type[BaseModel] | None = None
    if isinstance(tag, str):
        model = nodes.get(tag) if kind is not None else rels.get(tag)
    if model is None:
        field, options = ("kind", nodes) if kind is not None else ("rel", rels)
        return None, [Problem(raw.file, raw.line_of(field), raw.name, field,
                              f"unknown {field} {clip(tag)}: expected one of "
                              + ", ".join(sorted(options)))]
    found = check_values(data, column_types(kind, None) if kind is not None else column_types(None, rel),
                         raw.text_cells)
    problems = [Problem(raw.file, raw.line_of(field), raw.name, field, message) for field, message in found.items()]
    # the rest of the record is still checked, without the values refused above (never given to the model):
    # every problem of a record at once, not one round of fixes per kind of problem
    rest = {key: value for key, value in data.items() if key not in found}
    try:
        record = model.model_validate(rest)
    except ValidationError as error:
        left_out = {*found, *raw.refused}
        problems += [p for p in _problems(raw, error, model) if not _left_out(p, left_out)]
        # Field errors stop the model's own provenance check: say what it would have said too.
        fields_failed = all(item["loc"] for item in error.errors())
        if fields_failed and issubclass(model, Fact) and lacks_provenance(data) and not left_out:
            problems.append(Problem(raw.file, raw.line, raw.name, "source", NO_PROVENANCE))
        return None, problems
    return (None, problems) if problems else (record, [])

