"""Engine results -> plain values, the same whichever engine answered.

A node becomes `{"labels": [...], "properties": {...}}`, a relationship
`{"type": ..., "properties": {...}}`, a path `{"nodes": [...],
"relationships": [...]}`. Properties that are null are left out, as Neo4j
does not store them, so both engines give the same answer. A fact's place in
the evidence queries' stored order (`FactAggregates`) is left out too, as are a
row's place in `review-follow-up` (`FollowUpOrder`) and the `outcomes-by-decade`
rows filed on a case (`OutcomeRows`): where the build filed the record among the
graph's others, not something the record says, and it changes whenever another
record is added.
"""

from __future__ import annotations

from decimal import Decimal
from functools import cache
from typing import Any

from casegraph.schemas import schema
from casegraph.schemas.aggregates import FactAggregates, FollowUpOrder, OutcomeRows, aggregate_fields
from casegraph.schemas.citations import UNKNOWN_TEXT
from casegraph.schemas.names import display_name

__all__ = ["node_value", "rel_value", "path_value", "plain", "text_of", "conditional_of", "conditional_in", "FILING"]


def _props(properties: dict[str, Any], allowed) -> dict[str, Any]:
    return {k: v for k, v in properties.items() if v is not None and (allowed is None or k in allowed)}


FILING = frozenset((*aggregate_fields(FactAggregates), *aggregate_fields(FollowUpOrder), *aggregate_fields(OutcomeRows)))
"""Stored orders (a fact's rank in an evidence query's answer, a row's in `review-follow-up`'s) and the
rows of `outcomes-by-decade` filed on the case heading each: filing positions, not facts, so no
record's value, projection or hydration carries them."""


@cache  # once per label or type, not once per row
def _columns(name: str):
    try:
        return frozenset(c.name for c in schema().columns_of(name)) - FILING
    except KeyError:
        return None


def node_value(labels: list[str], properties: dict[str, Any]) -> dict[str, Any]:
    allowed = _columns(labels[0]) if labels else None
    return {"labels": sorted(labels), "properties": _props(properties, allowed)}


def rel_value(rel_type: str, properties: dict[str, Any]) -> dict[str, Any]:
    return {"type": rel_type, "properties": _props(properties, _columns(rel_type))}


def path_value(nodes: list[dict], rels: list[dict]) -> dict[str, Any]:
    return {"nodes": nodes, "relationships": rels}


def plain(value: Any) -> Any:
    """Lists and maps of plain values stay as they are, recursively; a map's keys in sorted order
    (Neo4j keeps no order of a map's keys, LadybugDB its literal's: sorted, both engines print alike)."""
    if isinstance(value, dict):
        return {k: plain(value[k]) for k in sorted(value)}
    if isinstance(value, (list, tuple)):
        return [plain(v) for v in value]
    if isinstance(value, Decimal):  # LadybugDB sums integers as decimals
        return int(value) if value == value.to_integral_value() else float(value)
    return value


def _chain_name(node: dict[str, Any]) -> str:
    if "properties" not in node:  # a step of a catalog query's path: a record, {id, label, name}
        return text_of(node)
    props = node["properties"]
    return str(props.get("id")) if "CaseFile" in node["labels"] else display_name(props)


def text_of(value: Any) -> str:
    """A value as text for a table cell, a CSV cell or a notebook table, whole (never cut).

    A node is `Label:name`; a relationship `[TYPE]`; a path (a path value, or a catalog
    query's steps, `{nodes: [records], relationships: [{id, type}]}`) a readable chain,
    `lambeth-2022-hotel-room —SHOWS— Alcohol or drugs —SHOWS— kingston-2021-sar`
    (cases by id, the id to use next; other nodes by name); a record a query
    names (`{id, label, name}`) the same way; a list its items joined by `; ` (an empty list
    empty); a boolean yes or no; null empty, but an unknown element of a list or value of a map
    `UNKNOWN_TEXT` (`C; unknown; P`: `[None]` is not `[]`)."""
    if value is None:
        return ""
    if isinstance(value, dict) and "labels" in value and "properties" in value:
        return f"{value['labels'][0]}:{display_name(value['properties'])}"
    if isinstance(value, dict) and "type" in value and "properties" in value:
        return f"[{value['type']}]"
    if isinstance(value, dict) and "nodes" in value and "relationships" in value:
        parts = [_chain_name(value["nodes"][0])] if value["nodes"] else []
        for rel, node in zip(value["relationships"], value["nodes"][1:]):
            parts += [f"—{rel['type']}—", _chain_name(node)]
        return " ".join(parts)
    if isinstance(value, dict) and {"field", "value", "sources", "citations"} <= value.keys():
        return _competing_text(value)
    if isinstance(value, list):
        return ("; " if not value or not isinstance(value[0], dict) or "field" not in value[0]
                else " | ").join(_element_text(v) for v in value)
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, dict) and "id" in value:  # a record a query names: {id, label, name}
        return str(value["id"]) if value.get("label") == "CaseFile" else display_name(value)
    if isinstance(value, dict):
        return "; ".join(f"{k}: {_element_text(v)}" for k, v in value.items())
    return str(value)


def _element_text(value: Any) -> str:
    """An element of a list or a value of a map as `text_of` writes it: an unknown one `UNKNOWN_TEXT`."""
    return UNKNOWN_TEXT if value is None else text_of(value)


def _competing_text(entry: dict) -> str:
    """A competing value of a contested fact (`queries.competing`): `victims_reported = 7 (per
    court-report: p. 2, reported as of 2012-01-10, handling code C)`."""
    cited = []
    for c in entry["citations"]:
        where = ", ".join(filter(None, ("paragraphs " + ",".join(map(str, c["paragraphs"])) if c["paragraphs"]
                                        else None, c.get("locator"))))
        status = " ".join(filter(None, (c.get("status"), f"as of {c['as_of']}" if c.get("as_of") else None)))
        handling = f"handling code {c['handling']}" if c.get("handling") else None
        cited.append(f"{c['source']}" + (f": {where}" if where else "")
                     + "".join(f", {part}" for part in (status, handling) if part))
    return f"{entry['field']} = {entry['value']} (per {'; '.join(cited) or ', '.join(entry['sources'])})"


def conditional_of(record: dict) -> int:
    """How many of one record's citations (a node's or a relationship's attributes or properties: its
    `citation_handling` list, a tuple in an outline) carry the 3x5x2 handling code C: sharing permitted with
    conditions the source sets, which casegraph does not hold."""
    codes = record.get("citation_handling")
    return codes.count("C") if isinstance(codes, (list, tuple)) else 0


_NESTED = (dict, list, tuple)


def conditional_in(values: Any) -> int:
    """`conditional_of` every record found in `values`, at any depth: a query answer's records (a column
    named `citation_handling`, or a node or relationship value whose properties hold it, in a list, a map
    or a path), a page's records, any iterable of these. What every output counts before saying so
    (`exports.base.conditions_notice`)."""
    if isinstance(values, dict):
        return conditional_of(values) + sum(conditional_in(v) for k, v in values.items()
                                            if k != "citation_handling" and type(v) in _NESTED)
    if isinstance(values, (str, bytes)):
        return 0
    try:
        return sum(conditional_in(v) for v in values if type(v) in _NESTED)
    except TypeError:  # a number, None: no record
        return 0
