"""Public exports hold no restricted value; restricted exports say what they are."""

from __future__ import annotations

import json

import networkx as nx
import pytest

from casegraph.exports import FORMATS, SUFFIXES, ExportError, ExportMeta, export
from tests.exports.helpers import leaks, restricted_values


def _export_all(graph, directory, profile, with_analytics=False):
    from casegraph.analysis import annotate
    from casegraph.reports import write_report

    graph = graph.copy()
    meaning = annotate(graph) if with_analytics else {}
    meta = ExportMeta(profile=profile, analytics=meaning)
    files = []
    for fmt in FORMATS:
        files += export(graph, fmt, directory / ("london" + (SUFFIXES[fmt] or "")), meta)
    files.append(write_report(graph, directory / "dossier.md", meta))
    files.append(write_report(graph, directory / "dossier.html", meta))
    return files


def test_the_london_data_has_restricted_values_to_look_for(london_graphs):
    values = restricted_values(london_graphs["restricted"], london_graphs["public"])
    assert len(values) > 20
    assert "Child O" in values  # a victim's designation in the source


@pytest.mark.parametrize("with_analytics", [False, True])
def test_no_public_export_holds_a_restricted_value(london_graphs, tmp_path, with_analytics):
    values = restricted_values(london_graphs["restricted"], london_graphs["public"])
    files = _export_all(london_graphs["public"], tmp_path, "public", with_analytics)
    assert len(files) == 11  # csv writes nodes, edges, citations and metadata
    assert leaks(files, values) == []


def test_the_scan_finds_restricted_values_in_restricted_exports(london_graphs, tmp_path):
    """The scan is not vacuous: every restricted export does hold the values."""
    values = restricted_values(london_graphs["restricted"], london_graphs["public"])
    files = _export_all(london_graphs["restricted"], tmp_path, "restricted")
    found = {name for name, _ in leaks(files, values)}
    assert found == {f.name for f in files if "metadata" not in f.name}


def test_restricted_exports_are_marked(london_graphs, tmp_path):
    files = _export_all(london_graphs["restricted"], tmp_path, "restricted")
    for path in files:
        assert ".restricted." in path.name, path
    text = {p.name: p.read_text(encoding="utf-8") for p in files}
    assert nx.read_graphml(tmp_path / "london.restricted.graphml").graph["casegraph_profile"] == "restricted"
    assert "profile:restricted" in text["london.restricted.gexf"]
    assert json.loads(text["london.restricted.json"])["graph"]["casegraph"]["profile"] == "restricted"
    assert json.loads(text["metadata.restricted.json"])["profile"] == "restricted"
    assert text["london.restricted.cypher"].splitlines()[2].startswith("// profile: restricted. RESTRICTED")
    assert "RESTRICTED" in text["dossier.restricted.html"][:2000]
    # every row of every CSV file says it, so that a file copied out or renamed still does
    import csv

    from casegraph.exports.csvfiles import PROFILE_COLUMN, RESTRICTED_CELL, read_csv

    tables = [path for path in files if path.suffix == ".csv"]
    assert len(tables) == 3
    for path in tables:
        rows = list(csv.reader(path.open(encoding="utf-8", newline="")))
        assert rows[0][-1] == PROFILE_COLUMN and len(rows) > 1 and all(row[-1] == RESTRICTED_CELL for row in rows[1:])
    back = read_csv(next(p for p in files if p.name == "metadata.restricted.json"))  # the marking: no property
    assert all(PROFILE_COLUMN not in attrs for _, attrs in back.nodes(data=True))
    public = _export_all(london_graphs["public"], tmp_path / "public", "public")
    assert all(PROFILE_COLUMN not in path.read_text(encoding="utf-8") for path in public if path.suffix == ".csv")


def test_a_public_exporter_refuses_restricted_records(london_graphs, tmp_path):
    for fmt in FORMATS:
        with pytest.raises(ExportError, match="restricted"):
            export(london_graphs["restricted"], fmt, tmp_path / f"x.{fmt}", ExportMeta(profile="public"))
    assert not list(tmp_path.iterdir())  # nothing half-written


def test_an_edge_to_a_node_left_out_is_refused(tmp_path):
    """A relationship to a node the export does not hold (e.g. a restricted victim) never gets out."""
    from casegraph.exports.base import EdgeItem, Exporter, NodeItem

    class Null(Exporter):
        def write_node(self, node): pass
        def write_edge(self, edge): pass
        def finalize(self): return []

    exporter = Null(tmp_path / "n")
    exporter.write(NodeItem("a", "Indicator", {"id": "a", "sensitivity": "public"}))
    with pytest.raises(ExportError, match="does not hold"):
        exporter.write(EdgeItem("r", "SHOWS", "hidden-victim", "a", {"sensitivity": "public"}))
