"""Catalog queries as forms, and their answers as tables that link to entity pages.

A form's fields come from the query's header (`casegraph.queries.catalog`):
each parameter's name, type (text, whole number, number, yes/no), default,
whether it is required and its description. What a browser sends is checked
by the catalog itself (`Query.bind`: unknown parameters refused, types
converted), so the explorer runs only catalog queries with validated values,
never Cypher text. `include_restricted` follows the profile served
(`casegraph.queries.restricted`): in the public profile it is not a field (a
URL asking for it is refused, `app`), in the restricted profile a field whose
default is true.

An answer's cells become `Cell`s: a node links to its page, a path to each of
its nodes, a text that is a node id to that node. There is nothing to
withhold: in the public profile the query ran on the public graph
(`casegraph.graph.profile`), which holds no restricted record.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from starlette.datastructures import QueryParams

from casegraph.explorer.entity import kind_name
from casegraph.explorer.paging import Pages
from casegraph.queries import Query
from casegraph.queries.restricted import RESTRICTED_PARAM, profile_params
from casegraph.schemas.citations import UNKNOWN_TEXT
from casegraph.schemas.names import display_name

__all__ = ["FormField", "Cell", "form_fields", "given_params", "page_links", "cell"]

INPUTS = {"string": "text", "int": "number", "float": "number", "bool": "select"}


@dataclass
class FormField:
    name: str
    type: str
    input: str  # the HTML input type: text, number, select
    required: bool
    default: Any
    description: str
    value: str  # what the form shows: the value given, else the default
    minimum: int | None = None  # a number's bounds, the header's (`Parameter.minimum`, `maximum`)
    maximum: int | None = None


@dataclass
class Cell:
    """One answer cell: `kind` is text, node, path (`items`: nodes and, between them, steps: a
    relationship type as `text`), list, pair (`text`: `items[0]`) or unknown (an unknown element of a
    list or value of a map: `text` is `UNKNOWN_TEXT`)."""

    kind: str
    text: str = ""
    id: str = ""
    node_kind: str = ""
    items: list["Cell"] = field(default_factory=list)


def _shown(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def _is_number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return text == ""
    return True


def form_fields(query: Query, params: QueryParams, include_restricted: bool) -> list[FormField]:
    """The form of `query`, filled with what `params` gave (else each parameter's default, in the profile)."""
    fields = []
    defaults = profile_params(query, {}, "restricted" if include_restricted else "public")
    for name, param in query.header.parameters.items():
        if name == RESTRICTED_PARAM and not include_restricted:
            continue
        default = defaults.get(name, param.default)
        value = params.get(name, _shown(default))
        if param.type in ("int", "float") and not _is_number(value):
            value = ""  # a number field shows no text it cannot hold; the error above the form says why
        fields.append(FormField(name, param.type, INPUTS[param.type], param.required, default,
                                param.description, value, param.minimum, param.maximum))
    return fields


def given_params(query: Query, params: QueryParams) -> dict[str, str]:
    """The parameters a submitted form gives: empty or blank fields left to their defaults. Only the
    query's own parameters get here (the route takes no other: `app.query_takes`); `Query.bind` checks
    their values, and `Explorer.run` refuses one asking for restricted data the profile leaves out."""
    given = {}
    for name, value in params.multi_items():
        if name == "run":
            continue
        if value.strip():  # a blank field, like an empty one, leaves the parameter to its default
            given[name] = value
    return given


def page_links(query: Query, result, url) -> Pages | None:
    """Where an answer's page sits in the whole answer, for a paged query (`paging.Pages`: the rule of every
    paged list), its links `url` with another `offset`. None for a query that is not paged."""
    if query.header.page is None or result.total is None:
        return None
    given = QueryParams(url.query)

    def at(start: int) -> str:  # a link within this site: path and query only
        moved = url.include_query_params(offset=start)
        return f"{moved.path}?{moved.query}"

    offset, limit = given.get("offset", "").strip(), given.get("limit", "").strip()  # as `Query.bind` read them
    return Pages(int(offset or 0), int(limit or query.header.page.limit), result.total, len(result.rows), at)


def cell(value: Any, explorer) -> Cell:
    """One value of an answer, as a cell (see the module docstring)."""
    graph = explorer.graph
    if isinstance(value, dict) and "labels" in value and "properties" in value:
        props = value["properties"]
        node = props.get("id")
        if node in graph:
            return Cell("node", display_name(props, node), node, kind_name(graph.nodes[node].get("label", "")))
        return Cell("text", display_name(props, node))
    if isinstance(value, dict) and "nodes" in value and "relationships" in value:
        # its nodes (node values, or a catalog query's steps) linked, each step's relationship type between
        # them, as `graph.values.text_of` writes a path in a table: case —SHOWS— indicator —SHOWS— case
        items = [cell(value["nodes"][0], explorer)] if value["nodes"] else []
        for rel, node in zip(value["relationships"], value["nodes"][1:]):
            items += [Cell("step", str(rel.get("type", ""))), cell(node, explorer)]
        return Cell("path", items=items)
    if isinstance(value, dict) and {"id", "label"} <= value.keys() and "properties" not in value:
        # a record a query names (a path's step, `via`): its node, linked
        node = value["id"]
        if node in graph:
            return Cell("node", display_name(graph.nodes[node], node), node, kind_name(graph.nodes[node].get("label", "")))
        return Cell("text", display_name(value, str(node)))
    if isinstance(value, dict) and "type" in value and "properties" in value:
        return Cell("text", value["type"].replace("_", " ").lower())
    if isinstance(value, (list, tuple)):
        return Cell("list", items=[_element(v, explorer) for v in value])
    if isinstance(value, dict):
        return Cell("list", items=[Cell("pair", str(k), items=[_element(v, explorer)]) for k, v in value.items()])
    text = _shown(value)
    if isinstance(value, str) and value in graph:
        return Cell("node", display_name(graph.nodes[value], value), value,
                    kind_name(graph.nodes[value].get("label", "")))
    return Cell("text", text)


def _element(value: Any, explorer) -> Cell:
    """An element of a list or a value of a map: an unknown one (None) says so (`UNKNOWN_TEXT`, as the text
    outputs write it), never an empty item, so `[None]` reads apart from `[]`."""
    return Cell("unknown", UNKNOWN_TEXT) if value is None else cell(value, explorer)
