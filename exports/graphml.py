"""GraphML, written as text in the layout of networkx's writer (`casegraph.exports.xmltext`: the
same bytes, in a tenth of the time) and read with networkx's own GraphML code.

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

from casegraph.exports.base import EdgeItem, ExportError, Exporter, NodeItem
from casegraph.exports.encoding import decode_lists, encode_list
from casegraph.exports.xmltext import DECLARATION, INDENT, attribute, content, edge_order, tag

__all__ = ["GraphMLExporter", "write_graphml", "read_graphml"]


_XML_TYPES = {str: "string", int: "long", float: "double", bool: "boolean"}
"""GraphML's `attr.type` of each Python type a value may have (networkx's, which its reader knows)."""

_ROOT = {"xmlns": "http://graphml.graphdrawing.org/xmlns", "xmlns:xsi": "http://www.w3.org/2001/XMLSchema-instance",
         "xsi:schemaLocation": "http://graphml.graphdrawing.org/xmlns "
                               "http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd"}


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
        self.nodes: list[NodeItem] = []
        self.edges: list[EdgeItem] = []

    def write_node(self, node: NodeItem) -> None:
        self.nodes.append(node)

    def write_edge(self, edge: EdgeItem) -> None:
        self.edges.append(edge)

    def finalize(self) -> list[Path]:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self.path.write_text(self.text(), encoding="utf-8")
        return [self.path]

    def text(self) -> str:
        """The GraphML document: `<key>`s (newest first), then the graph's nodes, its relationships and
        its own data, each value a `<data>` of its key, in networkx's layout (`casegraph.exports.xmltext`)."""
        keys: dict[tuple[str, type, str], str] = {}  # (name, Python type, scope) -> key id, in order made
        json_keys: set[str] = set()

        def data(lines: list[str], values, scope: str, pad: str = INDENT * 3) -> None:
            for name, value in values:
                kind = type(value)
                if kind is str:
                    text = value
                elif kind is list or kind is tuple:
                    text, kind = encode_list(value), str
                    if type(value) is list:
                        json_keys.add(name)
                elif kind in _XML_TYPES:
                    text = str(value)
                else:
                    raise ExportError(f"GraphML cannot hold a {kind.__name__} ({scope} data {name!r})")
                key = keys.get((name, kind, scope))
                if key is None:
                    key = keys[(name, kind, scope)] = f"d{len(keys)}"
                if text:
                    lines.append(f'{pad}<data key="{key}">{content(text)}</data>')
                else:
                    lines.append(f'{pad}<data key="{key}" />')

        graph: list[str] = []
        # the list names' key comes with the graph's others; its value is known once every list is seen
        data(graph, [*graph_data(self.meta).items(), ("casegraph_json_attributes", "")], "graph", INDENT * 2)
        body: list[str] = []
        for node in self.nodes:
            body.append(f'{INDENT * 2}<node id="{attribute(node.id)}">')
            data(body, (("label", node.label), *node.properties.items()), "node")
            body.append(f"{INDENT * 2}</node>")
        for edge in edge_order(self.nodes, self.edges):
            body.append(f'{INDENT * 2}<edge source="{attribute(edge.source)}" target="{attribute(edge.target)}" '
                        f'id="{attribute(edge.id)}">')
            data(body, (("type", edge.type), *edge.properties.items()), "edge")
            body.append(f"{INDENT * 2}</edge>")
        del graph[-1]
        data(graph, [("casegraph_json_attributes", json.dumps(sorted(json_keys)))], "graph", INDENT * 2)
        declared = [INDENT + tag("key", {"id": key, "for": scope, "attr.name": name, "attr.type": _XML_TYPES[kind]},
                                 close=True)
                    for (name, kind, scope), key in reversed(keys.items())]
        return "\n".join([DECLARATION, tag("graphml", _ROOT), *declared, f'{INDENT}<graph edgedefault="directed">',
                          *body, *graph, f"{INDENT}</graph>", "</graphml>", ""])


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
