"""GEXF 1.2 for Gephi, written and read with networkx's own GEXF code.

GEXF gives a few attribute names a meaning of its own, so the neutral graph
is mapped on the way in and back on the way out:

- a node's GEXF `label` (its caption in Gephi) is its name, title or
  summary; the casegraph label (`CaseFile`, `Person`, ...) is the node
  attribute `node_type`, ready for Gephi's Partition panel;
- an edge's GEXF `label` is the relationship type, also kept as the edge
  attribute `rel_type` (GEXF's own edge `type` means directed/undirected);
- the edge id is the relationship id.

Every other property is declared as a typed GEXF attribute (`<attributes
class="node">`) with its values in `<attvalues>`; list properties are JSON
arrays in string attributes (see `casegraph.exports.encoding`). The `<meta>`
block carries the profile, notice and selection as JSON in `<description>`,
and `<keywords>` says `casegraph, profile:public` (or `profile:restricted`).
"""

from __future__ import annotations

import json
from pathlib import Path
from xml.etree.ElementTree import SubElement

import networkx as nx
from networkx.readwrite.gexf import GEXFWriter

from casegraph.exports.base import EdgeItem, ExportError, Exporter, NodeItem
from casegraph.exports.encoding import decode_lists, encode_lists, list_columns
from casegraph.schemas.names import display_name

__all__ = ["GEXFExporter", "write_gexf", "read_gexf", "caption"]

RESERVED = {"label", "type", "weight", "start", "end", "pid", "viz", "parents", "spells", "slices",
            "key", "networkx_key", "node_type", "rel_type"}
"""Attribute names networkx's GEXF code treats specially: no property may use them."""


def caption(label: str, properties: dict) -> str:
    """What Gephi shows on a node: its name, title or summary, else its id."""
    return display_name(properties)


class GEXFExporter(Exporter):
    format = "gexf"

    def __init__(self, path, meta=None):
        super().__init__(path, meta)
        self.graph = nx.MultiDiGraph(name="casegraph export" + (" (RESTRICTED)" if self.meta.restricted else ""))

    def _check(self, properties: dict, what: str) -> None:
        clash = RESERVED & set(properties)
        if clash:
            raise ExportError(f"{what} has properties GEXF reserves: {', '.join(sorted(clash))}")

    def write_node(self, node: NodeItem) -> None:
        self._check(node.properties, f"node {node.id!r}")
        self.graph.add_node(node.id, **encode_lists(node.properties),
                            label=caption(node.label, node.properties), node_type=node.label)

    def write_edge(self, edge: EdgeItem) -> None:
        self._check(edge.properties, f"relationship {edge.id!r}")
        self.graph.add_edge(edge.source, edge.target, key=edge.id, **encode_lists(edge.properties),
                            label=edge.type, rel_type=edge.type)

    def finalize(self) -> list[Path]:
        writer = GEXFWriter(encoding="utf-8", prettyprint=True, version="1.2draft")
        writer.add_graph(self.graph)
        meta = writer.xml.find("meta")
        SubElement(meta, "keywords").text = f"casegraph, profile:{self.meta.profile}"
        description = {**self.meta.as_dict(), "json_encoded_attributes": sorted(list_columns())}
        SubElement(meta, "description").text = json.dumps(description, ensure_ascii=False, allow_nan=False)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        with open(self.path, "wb") as handle:
            writer.write(handle)
        return [self.path]


def write_gexf(graph: nx.MultiDiGraph, path, meta=None) -> list[Path]:
    """Write a projected graph (or a selection of one) as GEXF 1.2."""
    from casegraph.exports.base import export_graph

    return export_graph(graph, GEXFExporter(path, meta))


def read_meta(path) -> dict:
    """The export metadata from a casegraph GEXF file's `<meta><description>`."""
    import xml.etree.ElementTree as ET

    root = ET.parse(path).getroot()
    namespace = root.tag.split("}")[0] + "}" if root.tag.startswith("{") else ""
    description = root.find(f"{namespace}meta/{namespace}description")
    return json.loads(description.text) if description is not None and description.text else {}


def read_gexf(path) -> nx.MultiDiGraph:
    """Read a casegraph GEXF file back into the neutral graph."""
    raw = nx.read_gexf(path, node_type=str, version="1.2draft")
    meta = read_meta(path)
    keys = frozenset(meta.get("json_encoded_attributes", list_columns()))
    graph = nx.MultiDiGraph(**{f"casegraph_{k}": v for k, v in meta.items()})
    for node, attrs in raw.nodes(data=True):
        attrs = dict(attrs)
        attrs.pop("label", None)
        graph.add_node(node, label=attrs.pop("node_type"), **decode_lists({"id": node, **attrs}, keys))
    if raw.is_multigraph():
        edges = raw.edges(keys=True, data=True)
    else:  # networkx reads a file without parallel edges as a DiGraph, the key as an attribute
        edges = ((u, v, d.get("key", d.get("id")), d) for u, v, d in raw.edges(data=True))
    for source, target, key, attrs in edges:
        attrs = dict(attrs)
        attrs.pop("label", None)
        attrs.pop("key", None)
        graph.add_edge(source, target, key=key, type=attrs.pop("rel_type"), **decode_lists(attrs, keys))
    return graph
