"""GEXF 1.2 for Gephi, written as text in the layout of networkx's writer (`casegraph.exports.xmltext`:
the same bytes but `<creator>`, the casegraph version, in a fifth of the time) and read with
networkx's own GEXF code.

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

import itertools
import json
import time
from pathlib import Path

import networkx as nx

from casegraph.exports.base import EdgeItem, ExportError, Exporter, NodeItem
from casegraph.exports.encoding import decode_lists, encode_list, list_columns
from casegraph.exports.xmltext import DECLARATION, INDENT, attribute, content, edge_order, tag
from casegraph.schemas.names import display_name

__all__ = ["GEXFExporter", "write_gexf", "read_gexf", "caption"]

RESERVED = {"label", "type", "weight", "start", "end", "pid", "viz", "parents", "spells", "slices",
            "key", "networkx_key", "node_type", "rel_type"}
"""Attribute names networkx's GEXF code treats specially: no property may use them."""


_XML_TYPES = {str: "string", int: "long", float: "double", bool: "boolean"}
"""GEXF's attribute type of each Python type a value may have (networkx's, which its reader knows)."""

_ROOT = {"xmlns": "http://www.gexf.net/1.2draft", "xmlns:xsi": "http://www.w3.org/2001/XMLSchema-instance",
         "xsi:schemaLocation": "http://www.gexf.net/1.2draft http://www.gexf.net/1.2draft/gexf.xsd", "version": "1.2"}


def caption(label: str, properties: dict) -> str:
    """What Gephi shows on a node: its name, title or summary, else its id."""
    return display_name(properties)


class GEXFExporter(Exporter):
    format = "gexf"

    def __init__(self, path, meta=None):
        super().__init__(path, meta)
        self.nodes: list[NodeItem] = []
        self.edges: list[EdgeItem] = []

    def _check(self, properties: dict, what: str) -> None:
        clash = RESERVED & set(properties)
        if clash:
            raise ExportError(f"{what} has properties GEXF reserves: {', '.join(sorted(clash))}")

    def write_node(self, node: NodeItem) -> None:
        self._check(node.properties, f"node {node.id!r}")
        self.nodes.append(node)

    def write_edge(self, edge: EdgeItem) -> None:
        self._check(edge.properties, f"relationship {edge.id!r}")
        self.edges.append(edge)

    def finalize(self) -> list[Path]:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self.path.write_text(self.text(), encoding="utf-8")
        return [self.path]

    def text(self) -> str:
        """The GEXF document in networkx's layout (`casegraph.exports.xmltext`): `<meta>`, then the
        graph's attribute declarations (the relationships' first), its nodes and its relationships,
        each value an `<attvalue>` of its attribute. An attribute's type is that of its first value."""
        declared: dict[str, dict[str, tuple[str, str]]] = {"node": {}, "edge": {}}  # title -> (id, type)
        made = 0
        pad = INDENT * 5

        def values(lines: list[str], items, klass: str) -> None:
            nonlocal made
            titles = declared[klass]
            lines.append(INDENT * 4 + "<attvalues>")
            for title, value in items:
                kind = type(value)
                if kind is str:
                    text = attribute(value)
                elif kind is list or kind is tuple:
                    text = attribute(encode_list(value))
                elif kind is bool:
                    text = "true" if value else "false"
                elif kind is int or kind is float:
                    text = str(value)
                else:
                    raise ExportError(f"GEXF cannot hold a {kind.__name__} ({klass} attribute {title!r})")
                known = titles.get(title)
                if known is None:
                    known = titles[title] = (str(made), _XML_TYPES.get(kind, "string"))
                    made += 1
                lines.append(f'{pad}<attvalue for="{known[0]}" value="{text}" />')
            lines.append(INDENT * 4 + "</attvalues>")

        nodes: list[str] = []
        ids: dict[str, str] = {}  # a node's key -> its GEXF id (its `id` property, as networkx took it)
        for node in self.nodes:
            props = node.properties
            ids[node.id] = gexf_id = str(props.get("id", node.id))
            nodes.append(INDENT * 3 + tag("node", {"id": gexf_id, "label": caption(node.label, props)}))
            values(nodes, [*((k, v) for k, v in props.items() if k != "id"),
                           ("node_type", node.label)], "node")
            nodes.append(INDENT * 3 + "</node>")
        edges: list[str] = []
        taken = {str(edge.properties["id"]) for edge in self.edges if edge.properties.get("id") is not None}
        numbers = (str(n) for n in itertools.count() if str(n) not in taken)  # for a relationship without an id
        for edge in edge_order(self.nodes, self.edges):
            props = edge.properties
            edge_id = str(props["id"]) if props.get("id") is not None else next(numbers)
            edges.append(INDENT * 3 + tag("edge", {"source": ids[edge.source], "target": ids[edge.target],
                                                   "id": edge_id, "label": edge.type}))
            values(edges, [*((k, v) for k, v in props.items() if k != "id"), ("rel_type", edge.type),
                           ("networkx_key", edge.id)], "edge")
            edges.append(INDENT * 3 + "</edge>")
        description = {**self.meta.as_dict(), "json_encoded_attributes": sorted(list_columns())}
        lines = [DECLARATION, tag("gexf", _ROOT),
                 INDENT + tag("meta", {"lastmodifieddate": time.strftime("%Y-%m-%d")}),
                 f"{INDENT * 2}<creator>{content(self.meta.generator)}</creator>",
                 f"{INDENT * 2}<keywords>casegraph, profile:{content(self.meta.profile)}</keywords>",
                 f"{INDENT * 2}<description>{content(json.dumps(description, ensure_ascii=False, allow_nan=False))}"
                 "</description>",
                 INDENT + "</meta>",
                 INDENT + tag("graph", {"defaultedgetype": "directed", "mode": "static", "name": self.name})]
        for klass in ("edge", "node"):
            if declared[klass]:
                lines.append(INDENT * 2 + tag("attributes", {"mode": "static", "class": klass}))
                lines += [INDENT * 3 + tag("attribute", {"id": made_id, "title": title, "type": kind}, close=True)
                          for title, (made_id, kind) in declared[klass].items()]
                lines.append(INDENT * 2 + "</attributes>")
        for block, part in (("nodes", nodes), ("edges", edges)):
            lines += [f"{INDENT * 2}<{block}>", *part, f"{INDENT * 2}</{block}>"] if part else [f"{INDENT * 2}<{block} />"]
        lines += [INDENT + "</graph>", "</gexf>", ""]
        return "\n".join(lines)

    @property
    def name(self) -> str:
        return "casegraph export" + (" (RESTRICTED)" if self.meta.restricted else "")


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
