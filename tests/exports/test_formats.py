"""Format details: GEXF as Gephi expects it, CSV cells a spreadsheet will not run, JSON shape."""

from __future__ import annotations

import csv
import json
import xml.etree.ElementTree as ET

import networkx as nx
import pytest

from casegraph.exports import ExportMeta, read_csv, write_csv, write_gexf, write_graphml, write_node_link
from casegraph.exports.csvfiles import FORMULA_START, neutralise, unneutralise
from casegraph.exports.encoding import column_types

GEXF_NS = "{http://www.gexf.net/1.2draft}"
GEXF_TYPES = {"integer", "long", "double", "float", "boolean", "liststring", "string", "anyURI"}


def test_gexf_is_gexf_1_2_with_declared_typed_attributes(london_graphs, tmp_path):
    """The rules of the GEXF 1.2 schema that Gephi relies on, checked on the XML itself."""
    graph = london_graphs["public"]
    [path] = write_gexf(graph, tmp_path / "l.gexf")
    root = ET.parse(path).getroot()
    assert root.tag == f"{GEXF_NS}gexf" and root.get("version") == "1.2"
    children = [c.tag for c in root]
    assert children == [f"{GEXF_NS}meta", f"{GEXF_NS}graph"]
    [g] = root.findall(f"{GEXF_NS}graph")
    assert g.get("defaultedgetype") == "directed" and g.get("mode") == "static"
    parts = [c.tag.replace(GEXF_NS, "") for c in g]
    assert parts[-2:] == ["nodes", "edges"] and set(parts[:-2]) == {"attributes"}
    declared = {}
    for block in g.findall(f"{GEXF_NS}attributes"):
        assert block.get("class") in ("node", "edge")
        for attribute in block:
            assert attribute.get("type") in GEXF_TYPES
            declared[(block.get("class"), attribute.get("id"))] = (attribute.get("title"), attribute.get("type"))
    titles = {}
    for (klass, _), (title, kind) in declared.items():
        assert titles.setdefault((klass, title), kind) == kind, f"{title} declared twice"
    node_ids = set()
    for node in g.find(f"{GEXF_NS}nodes"):
        assert node.get("id") not in node_ids and node.get("label")
        node_ids.add(node.get("id"))
        _check_values(node, "node", declared)
    edge_ids = set()
    for edge in g.find(f"{GEXF_NS}edges"):
        assert edge.get("id") not in edge_ids
        edge_ids.add(edge.get("id"))
        assert edge.get("source") in node_ids and edge.get("target") in node_ids
        assert edge.get("type") in (None, "directed", "undirected", "mutual")
        _check_values(edge, "edge", declared)
    assert len(node_ids) == graph.number_of_nodes() and len(edge_ids) == graph.number_of_edges()


def _check_values(element, klass, declared):
    values = element.find(f"{GEXF_NS}attvalues")
    for value in (values if values is not None else []):
        title, kind = declared[(klass, value.get("for"))]
        text = value.get("value")
        if kind in ("integer", "long"):
            int(text)
        elif kind in ("double", "float"):
            float(text)
        elif kind == "boolean":
            assert text in ("true", "false")
        if title in ("aliases", "paragraphs", "outcomes", "figures", "findings"):
            assert isinstance(json.loads(text), list)


def test_no_property_is_a_list_in_one_type_and_a_scalar_in_another():
    from casegraph.schemas import schema

    seen = {}
    for owner in (*schema().nodes, *schema().rels):
        for column in owner.columns:
            assert seen.setdefault(column.name, column.type) == column.type, column.name
    assert column_types()["paragraphs"] == "INT64[]"


FORMULAS = ["=1+1", "+1", "-1", "@SUM(A1)", "\t=1", "=HYPERLINK(\"http://x\",\"y\")", "'=quoted", "'plain",
            " =1+1", "\u00a0 +1", "\u200c=1", "\t\n@x", "\uff1d1+1", "\uff0bA1", "\n-1"]
"""Formulas as spreadsheets run them, also after spaces and invisible characters they trim."""


def test_csv_cells_a_spreadsheet_would_run_are_neutralised(tmp_path):
    for text in FORMULAS:
        assert not neutralise(text)[:1] in FORMULA_START
        assert unneutralise(neutralise(text)) == text
    graph = nx.MultiDiGraph()
    for number, text in enumerate(FORMULAS):
        graph.add_node(f"n{number}", label="Indicator", id=f"n{number}", name=text, description=text,
                       source="s", paragraphs=[1], status="reported", sensitivity="public")
    files = write_csv(graph, tmp_path / "f")
    with open(files[0], newline="", encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            for value in row.values():
                assert value[:1] not in FORMULA_START and value.lstrip()[:1] not in FORMULA_START, value
    back = read_csv(files[2])
    assert [back.nodes[f"n{i}"]["name"] for i in range(len(FORMULAS))] == FORMULAS


def test_node_link_json_shape(london_graphs, tmp_path):
    [path] = write_node_link(london_graphs["public"], tmp_path / "l.json", ExportMeta())
    data = json.loads(path.read_text())
    assert set(data) >= {"directed", "multigraph", "graph", "nodes", "edges"}
    edge = data["edges"][0]
    assert {"from", "to", "key", "id", "type", "source", "paragraphs", "status", "sensitivity"} <= set(edge)
    assert data["graph"]["casegraph"]["profile"] == "public"


def test_graphml_names_its_json_encoded_attributes(london_graphs, tmp_path):
    [path] = write_graphml(london_graphs["public"], tmp_path / "l.graphml")
    raw = nx.read_graphml(path, force_multigraph=True)
    assert set(json.loads(raw.graph["casegraph_json_attributes"])) >= {"aliases", "paragraphs"}
    assert raw.graph["casegraph_list_encoding"] == "json"


@pytest.mark.parametrize("text", ["plain", "", "a & b", "<tag>", 'say "no"', "it's", "tab\there", "line\nbreak",
                                  "cr\rhere", "&amp; already", "zwnj\u200cok", "naïve 東京"])
def test_xml_escapes_are_the_standard_library_s(text):
    """`xmltext.attribute` and `content` skip the escape only for a text that holds nothing it replaces:
    the same characters out as `xml.sax.saxutils.escape` gives, for every text."""
    from xml.sax.saxutils import escape

    from casegraph.exports.xmltext import _ATTRIBUTE_ENTITIES, attribute, content

    assert attribute(text) == escape(text, _ATTRIBUTE_ENTITIES)
    assert content(text) == escape(text)
