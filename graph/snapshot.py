"""A canonical picture of a stored graph, to compare builds and engines.

Two stores hold the same graph when their snapshots are equal: every node
with its label and properties, every relationship with its type, endpoints
and properties, sorted by id.
"""

from __future__ import annotations

import hashlib
import json
from typing import Any

from casegraph.graph.projection import project
from casegraph.graph.store import View

__all__ = ["snapshot", "graph_checksum"]


def snapshot(view: View) -> dict[str, list[dict[str, Any]]]:
    graph = project(view)
    nodes = [{"id": node, **attrs} for node, attrs in sorted(graph.nodes(data=True))]
    rels = sorted(
        ({"from": a, "to": b, **attrs} for a, b, attrs in graph.edges(data=True)),
        key=lambda rel: rel["id"],
    )
    return {"nodes": nodes, "relationships": rels}


def graph_checksum(view: View) -> str:
    """SHA-256 of the canonical snapshot."""
    text = json.dumps(snapshot(view), sort_keys=True, ensure_ascii=False, default=str)
    return hashlib.sha256(text.encode()).hexdigest()
