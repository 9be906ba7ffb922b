"""The query catalog: one Cypher file per query, with a validated header.

A query file starts with a header in a block comment:

    /*
    name: similar-cases
    title: Cases similar to a given case
    question: Which cases share indicators, places, people or institutions with this one?
    parameters:
      case: {type: string, required: true, description: id of the case}
    page: {limit: 20}
    */
    MATCH ...

`page` makes the query paged: the catalog adds two parameters, `limit` (rows
per page, `page.limit` by default, at most `page.max`) and `offset` (rows to
skip), and the query returns the whole answer's row count in a `total`
column, which `run_query` moves to `Result.total`. Every caller (the CLI, the
web explorer, exports) learns the page size, how to page and the total from
the header alone. The text pages with `SKIP $offset LIMIT $limit` after a
complete `ORDER BY`, so pages never overlap.

The text after the header runs on every engine, unless `ladybug/NAME.cypher`
or `neo4j/NAME.cypher` beside it gives that engine its own variant (e.g.
LadybugDB needs `* TRAIL` for Neo4j's default path semantics). A query whose
common call is answered by an order the build stored declares those
parameter values in `stored` (e.g. `stored: {include_restricted: false}`),
and an engine that cannot leave the computed part of one text unrun
(LadybugDB runs every part of a `UNION ALL`) gets `ENGINE/NAME.stored.cypher`
for exactly those calls. A query about a node of any cited label (`node: cited`)
names that id parameter in `by_label`, and an engine whose plan pays for
every label (LadybugDB plans every part of a `UNION ALL`, one per label) gets
`ENGINE/NAME.by-label.cypher`: one text written for the label `<label>`, run
for the label the node's id was found under (`queries.ids`); the engine's text
for a caller that knows no label is the `UNION ALL` of it over every label.
Queries are read-only and parameterised: values reach the engine as
parameters, never pasted into the text (but a page's `offset` and `limit`,
integers, on LadybugDB: `queries.run`); a label in a text comes from the schema.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any, Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from casegraph.schemas.text import NUMBER_TEXT, shown_path

__all__ = ["Parameter", "Page", "Query", "QueryError", "MissingParameter", "catalog", "get_query", "QUERY_DIR", "MAX_PAGE", "Quoted",
           "YES_NO", "yes_no"]

QUERY_DIR = Path(__file__).resolve().parent
ENGINES = ("ladybug", "neo4j")
LABEL_TOKEN = "<label>"
"""Where a `by-label` text names its node's label (not Cypher: a text that still holds it cannot run)."""
MAX_PAGE = 1000
"""The most rows one page may hold: a terminal or a browser table, not a bulk export."""

_PATH_BOUND = re.compile(r"\.\.\$([A-Za-z_][A-Za-z0-9_]*)")
"""Where a text bounds a path's length by a parameter (`*..$max_hops`): see `Parameter.path_bound`."""


class QueryError(ValueError):
    """A catalog or parameter problem, pointing at the file or the parameter."""


class MissingParameter(QueryError):
    """A required parameter not given: `parameter` names it, for a caller to say how it is given there
    (the command line's `--param NAME=...`, a form's field)."""

    def __init__(self, message: str, parameter: str):
        super().__init__(message)
        self.parameter = parameter


class Parameter(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    type: Literal["string", "int", "float", "bool"]
    node: str | list[str] | None = Field(
        default=None, description="the label (or labels, or `cited`: every label whose nodes are cited facts, "
        "`Schema.cited_labels`) of the node whose id this parameter takes; the id is checked (any case) before the query runs")
    required: bool = False
    default: Any = None
    minimum: int | None = None
    maximum: int | None = None
    values_of: str | None = Field(
        default=None, description="`Citation.FIELD`: the parameter takes one of that schema field's values "
        "(`schemas.registry.choices`: e.g. a 3x5x2 grade), or its default (no filter)")
    differs_from: str | None = Field(
        default=None, description="another id parameter this one may not name the same node as (checked once both "
        "ids are resolved: a question about a node and itself has no answer, which is not the same as `(no rows)`)")
    path_bound: bool = Field(
        default=False, description="an int the text bounds a path's length by, written `..$NAME` (Cypher takes no "
        "parameter there): `Query.text` writes the bound value in, one text per value of `minimum`..`maximum`, "
        "which it must declare (the engines keep each text's plan: LadybugDB's client about 12 MB a text for "
        "`paths-between-cases`, its five values on two written pages, `queries.run.WRITTEN_PAGES`, ~120 MB at most)")
    description: str

    @model_validator(mode="after")
    def _bounded_if_written(self) -> "Parameter":
        if self.path_bound and (self.type != "int" or self.minimum is None or self.maximum is None):
            raise ValueError("a `path_bound` parameter is an int with a `minimum` and a `maximum`")
        return self

    @field_validator("node")
    @classmethod
    def _known_label(cls, node: str | list[str] | None) -> str | list[str] | None:
        from casegraph.schemas import schema

        labels = {n.label for n in schema().nodes}
        for label in ([] if node in (None, "cited") else [node] if isinstance(node, str) else node):
            if label not in labels:
                raise ValueError(f"no node label {label!r} in the schema")
        return node

    @field_validator("values_of")
    @classmethod
    def _known_field(cls, values_of: str | None) -> str | None:
        if values_of is not None and not _field_values(values_of):
            raise ValueError(f"{values_of!r}: expected Citation.FIELD, a field with a fixed set of values")
        return values_of

    @property
    def labels(self) -> tuple[str, ...]:
        """The labels whose ids this parameter takes (none: it takes no id)."""
        from casegraph.schemas import schema

        if self.node is None:
            return ()
        if self.node == "cited":
            return schema().cited_labels
        return (self.node,) if isinstance(self.node, str) else tuple(self.node)

    def convert(self, name: str, text: Any) -> Any:
        """A value as parsed from the command line (`queries.params`), given in Python or read from a URL ->
        the declared type, within `minimum`..`maximum` if declared. A JSON number or boolean for a string
        parameter becomes its text (`case_id=2012`); text for a number or boolean is read as one when it is
        written in ASCII digits (`2`, `-1.5e3`; not `２`, `1_000` or `nan`, which Python alone would read)
        and not `Quoted` (text the user quoted to keep it text). Raises `QueryError` naming the parameter,
        what was given and what was expected."""
        if text is None and (self.required or self.labels):  # `case_id=null`: no id, never an empty answer
            raise QueryError(f"parameter {name!r}: expected {'an id' if self.labels else self.type}, got null")
        value = self._typed(name, text)
        if self.type == "int" and isinstance(value, int) and not -2 ** 63 <= value < 2 ** 63:
            raise QueryError(f"parameter {name!r}: expected an integer the engines hold (64 bits), got {value}")
        if self.values_of is not None and value != self.default and value not in _field_values(self.values_of):
            allowed = ", ".join(_field_values(self.values_of))
            raise QueryError(f"parameter {name!r}: expected one of {allowed} ({self.values_of}), or "
                             f"{self.default!r} for any, got {value!r}")
        if self.type in ("int", "float"):
            if self.minimum is not None and value < self.minimum:
                raise QueryError(f"parameter {name!r}: expected at least {self.minimum}, got {value}")
            if self.maximum is not None and value > self.maximum:
                raise QueryError(f"parameter {name!r}: expected at most {self.maximum}, got {value}")
        return value

    def _typed(self, name: str, text: Any) -> Any:
        if self.type == "string" and not isinstance(text, str) and text is not None:
            return json.dumps(text)
        if self.type == "float" and isinstance(text, int) and not isinstance(text, bool):
            return float(text)
        if self.type == "bool" and not isinstance(text, Quoted):
            return yes_no(name, text)
        if not isinstance(text, str):
            expected = {"int": int, "float": float}.get(self.type)
            if expected and (not isinstance(text, expected) or (expected is int and isinstance(text, bool))):
                raise QueryError(f"parameter {name!r}: expected {self.type}, got {text!r}")
            return text
        if isinstance(text, Quoted) and self.type != "string":
            raise QueryError(f"parameter {name!r}: expected {self.type} ({_WRITTEN[self.type]}), got the quoted text "
                             f"{text!r}: quoting keeps a value text; give it unquoted ({name}={text.strip()})")
        text = text.strip()  # as the command line's JSON reading does: ` 1` and `1` are one value everywhere
        if self.type in NUMBER_TEXT and not NUMBER_TEXT[self.type].fullmatch(text):
            raise QueryError(f"parameter {name!r}: expected {self.type} ({_WRITTEN[self.type]}), got {text!r}")
        try:
            if self.type == "int":
                return int(text)
            if self.type == "float":
                return float(text)
        except ValueError:
            raise QueryError(f"parameter {name!r}: expected {self.type}, got {text!r}") from None
        return text


class Quoted(str):
    """Text the user quoted to say it is text (`--param max_hops='"2"'`, `queries.params`): never read as a
    number or a yes/no."""


YES_NO = {"true": True, "yes": True, "on": True, "1": True, "false": False, "no": False, "off": False, "0": False}
"""The words every front end reads as a yes/no (a catalog query's bool parameter, `include_restricted` on any
explorer route, `--param`, the Python API), in any case: one parser, `yes_no`."""

_WRITTEN = {"int": "a whole number in ASCII digits, e.g. 2", "float": "a number in ASCII digits, e.g. 0.5",
            "bool": "true/false, yes/no, on/off or 1/0, in any case"}


def yes_no(name: str, value: Any) -> bool:
    """`value` of parameter `name` as a bool: a bool itself, the number 0 or 1 (`--param x=1` reads it as JSON),
    or a `YES_NO` word in any case, around spaces. Raises QueryError naming `name` and the accepted words."""
    if isinstance(value, bool):
        return value
    word = str(value).strip().casefold() if isinstance(value, (str, int)) else None
    if word not in YES_NO:
        raise QueryError(f"parameter {name!r}: expected a yes/no ({_WRITTEN['bool']}), got {value!r}")
    return YES_NO[word]


def _field_values(values_of: str) -> tuple[str, ...]:
    """The values the schema allows in `Citation.FIELD` (none for an unknown or free-text field)."""
    from casegraph.schemas.citations import Citation
    from casegraph.schemas.registry import choices

    model, _, field = values_of.partition(".")
    found = Citation.model_fields.get(field) if model == "Citation" else None
    return choices(found.annotation) if found is not None else ()


class Page(BaseModel):
    """How a paged query pages: rows per page by default, and the most one page may hold."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    limit: int = Field(gt=0)
    max: int = Field(default=MAX_PAGE, gt=0)

    def parameters(self) -> dict[str, Parameter]:
        """The `limit` and `offset` parameters every paged query takes."""
        return {
            "limit": Parameter(type="int", default=self.limit, minimum=1, maximum=self.max,
                               description=f"rows per page (at most {self.max})"),
            "offset": Parameter(type="int", default=0, minimum=0,
                                description="rows to skip: the next page starts at offset + limit"),
        }


class Header(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    name: str = Field(pattern=r"^[a-z0-9-]+$")
    title: str
    question: str
    parameters: dict[str, Parameter] = Field(default_factory=dict)
    page: Page | None = Field(default=None, description="paged: adds `limit` and `offset`, returns `total`")
    sort_lists: list[str] = Field(
        default_factory=list, description="columns whose list values are sets (sorted for stable output)"
    )
    stored: dict[str, Any] | None = Field(
        default=None, description="the parameter values whose answer the build stored: a call with exactly these "
        "runs the engine's `ENGINE/NAME.stored.cypher` where there is one (the other parameters, e.g. paging, free)")
    by_label: str | None = Field(
        default=None, description="an id parameter (`node: cited` or a list of labels) whose node's label picks the text "
        "of an engine with `ENGINE/NAME.by-label.cypher`")
    competing_values: bool = Field(
        default=False, description="the answer's contested and citation lists (`queries.competing.COMPETING_INPUT`) "
        "come back as one `competing` column: an entry per competing value with its sources and their citations")

    @model_validator(mode="after")
    def _paging_parameters(self) -> "Header":
        if self.page is not None:
            clash = sorted(set(self.parameters) & {"limit", "offset"})
            if clash:
                raise ValueError(f"a paged query declares {', '.join(clash)} itself: `page` adds them")
            object.__setattr__(self, "parameters", {**self.parameters, **self.page.parameters()})
        unknown = sorted(set(self.stored or {}) - set(self.parameters))
        if unknown:
            raise ValueError(f"`stored` names {', '.join(unknown)}: not parameters of the query")
        for name, param in self.parameters.items():
            other = self.parameters.get(param.differs_from) if param.differs_from else None
            if param.differs_from is not None and not (param.labels and other is not None and other.labels):
                raise ValueError(f"parameter {name!r}: `differs_from` names {param.differs_from!r}: both must take "
                                 "a node's id")
        if self.by_label is not None and not (self.by_label in self.parameters and self.parameters[self.by_label].labels):
            raise ValueError(f"`by_label` names {self.by_label!r}: not a parameter that takes a node's id")
        return self


@dataclass(frozen=True)
class Query:
    header: Header
    path: Path
    body_line: int  # line of the first body line in `path`
    texts: dict[str, str]  # engine -> Cypher
    stored_texts: dict[str, str]  # engine -> Cypher for the calls `header.stored` names (engines that have one)
    label_texts: dict[str, str]  # engine -> Cypher for one label, written for LABEL_TOKEN (engines that have one)

    @property
    def name(self) -> str:
        return self.header.name

    def text(self, engine: str, bound: dict[str, Any] | None = None, labels: dict[str, str] | None = None) -> str:
        """The Cypher `engine` runs for a call with parameters `bound` (`bind`'s): its stored-order text when the
        call has exactly the values `header.stored` names and the engine has one; else, when `labels` (parameter
        -> the label its id was found under, `queries.ids.resolve_ids`) names the `by_label` parameter and the
        engine has a by-label text, that text for that label; else its text; each with its `path_bound` values
        written in. Raises `QueryError` for a label the parameter does not take."""
        stored = self.header.stored
        if bound is not None and stored is not None and engine in self.stored_texts \
                and all(bound.get(name) == value for name, value in stored.items()):
            return self._bounded(self.stored_texts[engine], bound)
        by_label = self.header.by_label
        if labels and by_label in labels and engine in self.label_texts:
            if labels[by_label] not in self.header.parameters[by_label].labels:
                raise QueryError(f"query {self.name!r}: parameter {by_label!r} takes no {labels[by_label]} id")
            return self._bounded(self.label_texts[engine].replace(LABEL_TOKEN, labels[by_label]), bound)
        return self._bounded(self.texts[engine], bound)

    def _bounded(self, text: str, bound: dict[str, Any] | None) -> str:
        """`text` with each `path_bound` parameter's value (`bind` checked it: an int within its declared range)
        written where it bounds a path's length; as written (`..$NAME`) when there are no values."""
        if bound is None:
            return text
        return _PATH_BOUND.sub(lambda match: ".." + str(int(bound[match.group(1)])), text)

    def every_text(self) -> list[tuple[str, str]]:
        """(label, Cypher) of every text the query may run: each engine's, then its stored-order and by-label
        ones (a by-label text as written, with LABEL_TOKEN)."""
        by_label = f"one label: the label of `{self.header.by_label}`, for {LABEL_TOKEN}"
        return (sorted(self.texts.items())
                + sorted((f"{engine}, stored order", text) for engine, text in self.stored_texts.items())
                + sorted((f"{engine}, {by_label}", text) for engine, text in self.label_texts.items()))

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
                raise MissingParameter(f"query {self.name!r} needs a value for {name!r} ({param.description})", name)
            else:
                bound[name] = param.default
        return bound


def _parse(path: Path) -> Query:
    text = path.read_text(encoding="utf-8")
    if not text.startswith("/*") or "*/" not in text:
        raise QueryError(f"{shown_path(path)}:1: expected a header in a /* ... */ block comment")
    end = text.index("*/")
    try:
        header = Header.model_validate(yaml.safe_load(text[2:end]))
    except (ValidationError, yaml.YAMLError) as error:
        raise QueryError(f"{shown_path(path)}:1: invalid query header: {error}") from None
    if header.name != path.stem:
        raise QueryError(f"{shown_path(path)}:1: header name {header.name!r} must match the file name")
    body = text[end + 2:]
    body_line = text[: end + 2].count("\n") + 1
    texts, stored, by_label = {}, {}, {}
    for engine in ENGINES:
        variant = path.parent / engine / path.name
        texts[engine] = variant.read_text(encoding="utf-8") if variant.exists() else body
        stored_variant = path.parent / engine / f"{path.stem}.stored.cypher"
        if stored_variant.exists():
            if header.stored is None:
                raise QueryError(f"{shown_path(stored_variant)}:1: a stored-order text, but {path.name}'s header has no `stored`")
            stored[engine] = stored_variant.read_text(encoding="utf-8")
        label_variant = path.parent / engine / f"{path.stem}.by-label.cypher"
        if label_variant.exists():
            by_label[engine] = _label_text(label_variant, header, variant)
            lines = by_label[engine].splitlines(keepends=True)
            comment = "".join(line for line in lines if line.startswith("//"))  # once, above every part
            part = "".join(line for line in lines if not line.startswith("//"))
            texts[engine] = comment + "UNION ALL\n".join(
                part.replace(LABEL_TOKEN, label) for label in header.parameters[header.by_label].labels)
        for text in [texts[engine], *([stored[engine]] if engine in stored else [])]:
            if not text.strip():
                raise QueryError(f"{shown_path(path)}:{body_line}: no Cypher for engine {engine}")
            bounds = set(_PATH_BOUND.findall(text))
            declared = {name for name, param in header.parameters.items() if param.path_bound}
            if bounds != declared:
                raise QueryError(f"{shown_path(path)}:{body_line}: a path's length is bounded by `..$NAME` exactly where NAME is "
                                 f"a `path_bound` parameter: the text writes {sorted(bounds)}, the header declares "
                                 f"{sorted(declared)} (engine {engine})")
            if header.page and not all(word in text for word in ("$offset", "$limit", " AS total")):
                raise QueryError(f"{shown_path(path)}:{body_line}: a paged query must page with SKIP $offset LIMIT $limit "
                                 f"and return `... AS total` (engine {engine})")
    return Query(header, path, body_line, texts, stored, by_label)


def _label_text(path: Path, header: Header, variant: Path) -> str:
    """A by-label text, checked: the query names its `by_label` parameter, the text names LABEL_TOKEN, and no
    engine variant competes with it (the engine's text is made from it)."""
    if header.by_label is None:
        raise QueryError(f"{shown_path(path)}:1: a by-label text, but the query's header has no `by_label`")
    if variant.exists():
        raise QueryError(f"{shown_path(path)}:1: a by-label text beside {variant.name}: the engine's text is made from it")
    text = path.read_text(encoding="utf-8")
    if LABEL_TOKEN not in text:
        raise QueryError(f"{shown_path(path)}:1: a by-label text must name its node's label as {LABEL_TOKEN}")
    return text


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
