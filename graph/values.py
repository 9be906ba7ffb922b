"""Engine results -> plain values, the same whichever engine answered.

A node becomes `{"labels": [...], "properties": {...}}`, a relationship
`{"type": ..., "properties": {...}}`, a path `{"nodes": [...],
"relationships": [...]}`. Properties that are null are left out, as Neo4j
does not store them, so both engines give the same answer.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from casegraph.schemas import schema

__all__ = ["node_value", "rel_value", "path_value", "plain"]


def _props(properties: dict[str, Any], allowed) -> dict[str, Any]:
    return {k: v for k, v in properties.items() if v is not None and (allowed is None or k in allowed)}


def _columns(name: str):
    try:
        return {c.name for c in schema().columns_of(name)}
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
    """Lists and maps of plain values stay as they are, recursively."""
    if isinstance(value, dict):
        return {k: plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [plain(v) for v in value]
    if isinstance(value, Decimal):  # LadybugDB sums integers as decimals
        return int(value) if value == value.to_integral_value() else float(value)
    return value
