"""The Cypher script: safe literals, schema-only labels, and a real engine running it.

The script is run against a fresh LadybugDB database (the schema declared
from casegraph's DDL, then the script's data statements) and, when the
Neo4j tests run, inside a rolled-back transaction on the real Neo4j server;
what each engine holds afterwards is compared with the source graph.
"""

from __future__ import annotations

import ladybug
import networkx as nx
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from casegraph.exports import ExportError, ExportMeta, write_cypher
from casegraph.exports.cypher import (
    data_statements, edge_statement, literal, node_statement, schema_statements, statements,
)
from casegraph.graph.embedded import EmbeddedView
from casegraph.graph.projection import project
from casegraph.schemas.ddl import ladybug_ddl
from tests.exports.helpers import graph_diff

PAYLOADS = [
    "it's", "a\\'b", "\\", "'}) DETACH DELETE n //", "x' OR 1=1 //", "end\\", "\\\\'",
    "line\nbreak; MATCH (n) DETACH DELETE n;", "tab\tand", '"double" quotes', "`backtick`",
    "/* comment */ // comment", "\u200dzero-width joiner\u200c", "caf\u00e9 \U0001F600",
    "\\u0027", "$param", "{map: 1}", "=HYPERLINK(\"x\")", "\u200fright-to-left mark",
]


def _run_in_ladybug(script: str, directory) -> nx.MultiDiGraph:
    path = directory / "graph.lbdb"
    database = ladybug.Database(str(path))
    connection = ladybug.Connection(database)
    for statement in ladybug_ddl():
        connection.execute(statement)
    for statement in data_statements(script):
        connection.execute(statement)
    connection.close()
    database.close()
    with EmbeddedView(path) as view:
        return project(view)


@pytest.mark.parametrize("profile", ["public", "restricted"])
def test_the_script_recreates_the_london_graph_in_ladybug(london_graphs, tmp_path, profile):
    graph = london_graphs[profile]
    [path] = write_cypher(graph, tmp_path / "london.cypher", ExportMeta(profile=profile))
    assert path.name == ("london.restricted.cypher" if profile == "restricted" else "london.cypher")
    assert graph_diff(graph, _run_in_ladybug(path.read_text(encoding="utf-8"), tmp_path)) == []


def _tiny_graph(texts: list[str]) -> nx.MultiDiGraph:
    graph = nx.MultiDiGraph()
    graph.add_node("src", label="Source", id="src", title="T", publisher="P", published="2025",
                   doc_type="article", sensitivity="public")
    for number, text in enumerate(texts):
        node = f"i{number}"
        graph.add_node(node, label="Indicator", id=node, name=text, description=text, source="src",
                       paragraphs=[1, 2], status="reported", sensitivity="public", quote=text)
    graph.add_node("b", label="Borough", id="b", name="B", aliases=[*texts[:3], ""] if texts else [],
                   gss_code="E09000001", region="London", lat=51.5, lon=-0.1, source="src",
                   paragraphs=[1], status="reported", sensitivity="public")
    return graph


def test_injection_payloads_stay_data(tmp_path):
    graph = _tiny_graph(PAYLOADS)
    [path] = write_cypher(graph, tmp_path / "p.cypher")
    script = path.read_text(encoding="utf-8")
    assert len(list(data_statements(script))) == graph.number_of_nodes()
    for line in script.splitlines():
        assert not line.strip() or line.startswith("//") or line.startswith(("CREATE ", "MATCH "))
    back = _run_in_ladybug(script, tmp_path)
    assert graph_diff(graph, back) == []


@pytest.mark.parametrize("text,code", [("\x00nul", "0000"), ("esc\x1b", "001B"), ("tab\tand\rreturn", "000D"),
                                       ("\ud800", "D800"), ("\uffff", "FFFF")])
def test_text_no_output_can_hold_is_refused_before_writing(tmp_path, text, code):
    """Characters casegraph refuses at load are refused by the writer too, naming node and property."""
    from casegraph.exports.base import ExportError

    with pytest.raises(ExportError, match=rf"^node 'b': property 'aliases' holds U\+{code} "):
        write_cypher(_tiny_graph([text]), tmp_path / "p.cypher")
    assert not (tmp_path / "p.cypher").exists()


@pytest.fixture(scope="module")
def memory_connection():
    database = ladybug.Database()
    yield ladybug.Connection(database)
    database.close()


@settings(max_examples=300, deadline=None)
@given(text=st.text(max_size=60))
def test_any_text_reads_back_exactly(memory_connection, text):
    """Through LadybugDB's own Cypher parser: every string literal reads back as the text."""
    from casegraph.exports.cypher import string_literal

    result = memory_connection.execute(f"RETURN {string_literal(text)} AS v, [{literal(text)}] AS l")
    assert result.get_next() == [text, [text]]


def test_literals():
    assert literal("it's") == "'it\\'s'"
    assert literal("a\\b") == "'a\\\\b'"
    assert literal("a\nb") == "'a\\nb'"
    assert literal("\u2028") == "'\\u2028'"
    assert literal([1, 2]) == "[1, 2]"
    assert literal(True) == "true"
    assert literal(1e-7) == "0.0000001"
    assert literal(-0.5) == "-0.5"
    assert literal(None) == "null"
    for bad in (float("nan"), float("inf"), 2**70, {"a": 1}):
        with pytest.raises(ExportError):
            literal(bad)


def test_labels_types_and_keys_come_from_the_schema():
    with pytest.raises(ExportError):
        node_statement("CaseFile) DETACH DELETE (n", {"id": "x"})
    with pytest.raises(ExportError):
        node_statement("Victim", {"id": "x"})
    with pytest.raises(ExportError):
        edge_statement("INVOLVES]->() DELETE x //", "CaseFile", "a", "Person", "b", {})
    with pytest.raises(ExportError):
        node_statement("CaseFile", {"id`: 1, `x": "y"})


def test_the_script_is_one_statement_per_line(london_graphs, tmp_path):
    [path] = write_cypher(london_graphs["public"], tmp_path / "l.cypher")
    script = path.read_text(encoding="utf-8")
    from casegraph.schemas.ddl import neo4j_constraints

    found = list(statements(script))
    graph = london_graphs["public"]
    assert list(schema_statements(script)) == neo4j_constraints()
    assert len(list(data_statements(script))) == graph.number_of_nodes() + graph.number_of_edges()
    assert len(found) == len(neo4j_constraints()) + graph.number_of_nodes() + graph.number_of_edges()
    assert script.index("CREATE CONSTRAINT") < script.index("CREATE (:")  # indexes before the MATCHes


def test_a_restricted_script_carries_a_banner(london_graphs, tmp_path):
    [path] = write_cypher(london_graphs["restricted"], tmp_path / "l.cypher", ExportMeta(profile="restricted"))
    head = path.read_text(encoding="utf-8").splitlines()[:5]
    assert any("RESTRICTED" in line for line in head)


def test_the_script_recreates_the_graph_in_neo4j(neo4j_store, neo4j_settings, london_graphs, tmp_path):
    """On the real Neo4j server, inside a transaction that is rolled back (the store's data stays)."""
    import neo4j

    graph = london_graphs["restricted"]
    [path] = write_cypher(graph, tmp_path / "london.cypher", ExportMeta(profile="restricted"))
    script = path.read_text(encoding="utf-8")
    driver = neo4j.GraphDatabase.driver(neo4j_settings["NEO4J_URI"], auth=(
        neo4j_settings.get("NEO4J_USER") or "neo4j", neo4j_settings.get("NEO4J_PASSWORD", "")))
    database = neo4j_settings.get("NEO4J_DATABASE") or None
    try:
        with driver.session(database=database) as session:
            for statement in schema_statements(script):
                session.run(statement).consume()
            tx = session.begin_transaction()
            try:
                tx.run("MATCH (n) DETACH DELETE n").consume()
                for statement in data_statements(script):
                    tx.run(statement).consume()
                back = nx.MultiDiGraph()
                for labels, props in tx.run("MATCH (n) RETURN labels(n), properties(n)"):
                    back.add_node(props["id"], label=labels[0], **props)
                for a, rel_type, b, props in tx.run(
                        "MATCH (a)-[r]->(b) RETURN a.id, type(r), b.id, properties(r)"):
                    back.add_edge(a, b, key=props["id"], type=rel_type, **props)
            finally:
                tx.rollback()
    finally:
        driver.close()
    assert graph_diff(graph, back) == []
