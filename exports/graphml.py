"""GraphML, written and read with networkx's own GraphML code.

The file holds the neutral graph as it is: node key = casegraph id, node
data `label` = the casegraph label (`CaseFile`, `Person`, ...), edge id =
the relationship id, edge data `type` = the relationship type, and every
property beside them, provenance and claim status included. List
properties are JSON arrays in string data (see `casegraph.exports.encoding`);
the graph's own data names them (`casegraph_json_attributes`) and carries
the export's profile, notice and selection.

For Gephi prefer GEXF: Gephi's GraphML importer shows the `label` data (the
casegraph label) as each node's caption.
"""

from __future__ import annotations

import json
from pathlib import Path

import networkx as nx

from casegraph.exports.base import EdgeItem, Exporter, NodeItem
from casegraph.exports.encoding import decode_lists, encode_lists

__all__ = ["GraphMLExporter", "write_graphml", "read_graphml"]


def graph_data(meta) -> dict[str, str]:
    """Export metadata as flat graph attributes (GraphML graph data is scalar)."""
    data = meta.as_dict()
    return {
        "casegraph_generator": data["generator"],
        "casegraph_profile": data["profile"],
        "casegraph_notice": data["notice"],
        "casegraph_selection": json.dumps(data["selection"], ensure_ascii=False, allow_nan=False),
        "casegraph_analytics": json.dumps(data["analytics"], ensure_ascii=False, allow_nan=False),
        "casegraph_list_encoding": "json",
    }


class GraphMLExporter(Exporter):
    format = "graphml"

    def __init__(self, path, meta=None):
        super().__init__(path, meta)
        self.graph = nx.MultiDiGraph(**graph_data(self.meta))
        self.json_keys: set[str] = set()

    def write_node(self, node: NodeItem) -> None:
        self.json_keys |= {k for k, v in node.properties.items() if isinstance(v, list)}
        self.graph.add_node(node.id, label=node.label, **encode_lists(node.properties))

    def write_edge(self, edge: EdgeItem) -> None:
        self.json_keys |= {k for k, v in edge.properties.items() if isinstance(v, list)}
        self.graph.add_edge(edge.source, edge.target, key=edge.id, type=edge.type, **encode_lists(edge.properties))

    def finalize(self) -> list[Path]:
        self.graph.graph["casegraph_json_attributes"] = json.dumps(sorted(self.json_keys))
        self.path.parent.mkdir(parents=True, exist_ok=True)
        nx.write_graphml(self.graph, self.path, encoding="utf-8", prettyprint=True)
        return [self.path]


def write_graphml(graph: nx.MultiDiGraph, path, meta=None) -> list[Path]:
    """Write a projected graph (or a selection of one) as GraphML."""
    from casegraph.exports.base import export_graph

    return export_graph(graph, GraphMLExporter(path, meta))


def read_graphml(path) -> nx.MultiDiGraph:
    """Read a casegraph GraphML file back into the neutral graph (lists decoded)."""
    raw = nx.read_graphml(path, node_type=str, edge_key_type=str, force_multigraph=True)
    keys = frozenset(json.loads(raw.graph.get("casegraph_json_attributes", "[]")))
    graph = nx.MultiDiGraph(**raw.graph)
    for node, attrs in raw.nodes(data=True):
        graph.add_node(node, **decode_lists(attrs, keys))
    for source, target, key, attrs in raw.edges(keys=True, data=True):
        graph.add_edge(source, target, key=key, **decode_lists(attrs, keys))
    return graph
