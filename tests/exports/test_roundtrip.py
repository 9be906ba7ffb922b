"""Round trips: the whole London graph out to each format and back, unchanged.

Each format is read back by code casegraph did not write: networkx's
GraphML, GEXF and node-link readers, Python's csv module, LadybugDB running
the Cypher script.
"""

from __future__ import annotations

import networkx as nx
import pytest

from casegraph.exports import (
    ExportMeta, read_csv, read_gexf, read_graphml, read_node_link, write_csv, write_gexf,
    write_graphml, write_node_link,
)
from tests.exports.helpers import as_exported, graph_diff

FORMATS = {
    "graphml": (write_graphml, read_graphml, "london.graphml"),
    "gexf": (write_gexf, read_gexf, "london.gexf"),
    "json": (write_node_link, read_node_link, "london.json"),
}


def _read_csv(files):
    return read_csv(next(f for f in files if f.name.startswith("metadata")))


@pytest.mark.parametrize("profile", ["public", "restricted"])
@pytest.mark.parametrize("fmt", [*FORMATS, "csv"])
def test_whole_london_graph_survives_a_round_trip(london_graphs, tmp_path, fmt, profile):
    graph = london_graphs[profile]
    meta = ExportMeta(profile=profile)
    if fmt == "csv":
        files = write_csv(graph, tmp_path / "london", meta)
        back = _read_csv(files)
    else:
        write, read, name = FORMATS[fmt]
        files = write(graph, tmp_path / name, meta)
        back = read(files[0])
    assert graph_diff(as_exported(graph), back) == []
    lists = [(n, k) for n, a in back.nodes(data=True) for k, v in a.items() if isinstance(v, list)]
    assert lists, "list properties (aliases, paragraphs, ...) come back as lists"
    if profile == "restricted":
        assert all("restricted" in f.name for f in files)


def test_a_selection_survives_a_round_trip_with_analytics(london_graphs, tmp_path):
    from casegraph.analysis import annotate
    from casegraph.graph.selection import Selection, select

    graph = london_graphs["public"].copy()
    meaning = annotate(graph)
    part = select(graph, Selection(boroughs=("lambeth",)))
    meta = ExportMeta(analytics=meaning)
    for write, read, name in FORMATS.values():
        assert graph_diff(as_exported(part), read(write(part, tmp_path / name, meta)[0])) == []
    assert graph_diff(as_exported(part), _read_csv(write_csv(part, tmp_path / "csv", meta))) == []
    assert any("analytics_community" in a for _, a in part.nodes(data=True))


def test_networkx_reads_the_files_directly(london_graphs, tmp_path):
    """Without casegraph's read_* helpers: networkx alone, as a Gephi or script user would."""
    import json

    graph = london_graphs["public"]
    g1 = nx.read_graphml(write_graphml(graph, tmp_path / "a.graphml")[0], force_multigraph=True)
    g2 = nx.read_gexf(write_gexf(graph, tmp_path / "a.gexf")[0])
    data = json.loads(write_node_link(graph, tmp_path / "a.json")[0].read_text())
    g3 = nx.node_link_graph(data, directed=True, multigraph=True, edges="edges", source="from", target="to")
    for other in (g1, g2, g3):
        assert set(other.nodes) == set(graph.nodes)
        assert other.number_of_edges() == graph.number_of_edges()
    case = next(n for n, a in graph.nodes(data=True) if a["label"] == "CaseFile")
    assert g1.nodes[case]["label"] == "CaseFile"
    assert g2.nodes[case]["node_type"] == "CaseFile"
    assert g2.nodes[case]["label"] == graph.nodes[case]["title"]  # Gephi's caption
    assert g3.nodes[case]["paragraphs"] == graph.nodes[case]["paragraphs"]
    assert json.loads(g1.nodes[case]["paragraphs"]) == graph.nodes[case]["paragraphs"]
    assert g1.graph["casegraph_profile"] == "public"


def test_csv_is_read_by_pyarrow_too(london_graphs, tmp_path):
    import pyarrow.csv as pacsv

    graph = london_graphs["public"]
    files = write_csv(graph, tmp_path / "london.csv", ExportMeta())
    names = sorted(f.name for f in files)
    assert names == ["london.citations.csv", "london.edges.csv", "london.metadata.json", "london.nodes.csv"]
    citations = pacsv.read_csv(tmp_path / "london.citations.csv")
    cited = sum(len(a.get("citation_sources", ())) for _, a in graph.nodes(data=True)) + \
        sum(len(a["citation_sources"]) for _, _, a in graph.edges(data=True))
    assert citations.num_rows == cited
    assert citations.column_names[:4] == ["fact_id", "fact", "citation", "source"]
    nodes = pacsv.read_csv(tmp_path / "london.nodes.csv")
    edges = pacsv.read_csv(tmp_path / "london.edges.csv")
    assert nodes.num_rows == graph.number_of_nodes()
    assert edges.num_rows == graph.number_of_edges()
    assert set(nodes.column("id").to_pylist()) == set(graph.nodes)
    for column in ("source", "paragraphs", "status", "sensitivity", "period", "year_start"):
        assert column in nodes.column_names
    for column in ("id", "type", "from", "to", "source", "paragraphs", "status", "sensitivity"):
        assert column in edges.column_names
