"""The first layer alone: the allow-list guard refuses every attempt of the corpus, on each engine's list,
and accepts harmless queries (keywords as names, in strings, in comments). No engine runs here."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from casegraph.graph.store import WriteRefused
from casegraph.queries.guard import check_read_only, tokenize
from tests.queries.adhoc_corpus import HARMLESS, attempts

ENGINES = ["ladybug", "neo4j"]


@pytest.mark.parametrize("engine", ENGINES)
def test_the_guard_alone_refuses_every_attempt(engine):
    passed = []
    for what, cypher in attempts(engine):
        try:
            check_read_only(cypher, engine)
        except WriteRefused as refusal:
            assert str(refusal).startswith("refused: "), refusal
        else:
            passed.append((what, cypher))
    assert passed == []
    assert len(attempts(engine)) > 200


@pytest.mark.parametrize("engine", ENGINES)
def test_the_guard_accepts_harmless_queries(engine):
    for cypher in HARMLESS[engine]:
        check_read_only(cypher, engine)


def test_every_catalog_query_is_a_read_by_the_guard():
    from casegraph.queries import catalog

    for query in catalog().values():
        for engine in ENGINES:
            check_read_only(query.text(engine), engine)
        for engine, text in query.stored_texts.items():
            check_read_only(text, engine)


def test_numbers_end_where_the_engine_ends_them():
    """`1CREATE` is the number 1, then the word CREATE, as Neo4j's lexer reads it."""
    assert [t.text for t in tokenize("LIMIT 1CREATE")] == ["LIMIT", "1", "CREATE"]
    assert [t.kind for t in tokenize("RETURN 1.5e-3, 0x1F, `a``b`, $p, 'it\\'s'")] == [
        "word", "number", "punct", "number", "punct", "name", "punct", "param", "punct", "string"]


@pytest.mark.parametrize("cypher, message", [
    ("MATCH (n) RETURN n LIMIT 1CREATE (m)", "`CREATE` at line 1, column 27 is not part of a read query"),
    ("MATCH (n)\n  SET n.x = 1", "`SET` at line 2, column 3"),
    ("RETURN 1; RETURN 2", "one statement per query, and this one has more after the `;` at line 1, column 9"),
    ("CALL apoc.load.json('x')", "procedure `apoc.load.json` is not on casegraph's list of read-only procedures"),
    ("RETURN apoc.export.csv.all('x', {})", "function `apoc.export.csv.all` is not on casegraph's list"),
    ("RETURN 'unclosed", "cannot read the query at line 1, column 8"),
    ("MATCH (n RETURN n", "unbalanced brackets"),
    ("   ", "the query is empty"),
])
def test_refusals_say_what_and_where(cypher, message):
    with pytest.raises(WriteRefused, match="^refused: ") as refusal:
        check_read_only(cypher, "neo4j")
    assert message in str(refusal.value)


def test_the_procedure_lists_are_per_engine():
    check_read_only("CALL db.labels() YIELD label RETURN label", "neo4j")
    check_read_only("CALL show_tables() RETURN *", "ladybug")
    with pytest.raises(WriteRefused, match="for ladybug"):
        check_read_only("CALL db.labels() YIELD label RETURN label", "ladybug")
    with pytest.raises(WriteRefused, match="for neo4j"):
        check_read_only("CALL show_tables() RETURN *", "neo4j")


def test_two_statements_are_a_message_not_a_traceback(london_store):
    from casegraph.cli import cli

    result = CliRunner().invoke(cli, ["query", "--store", str(london_store.directory), "--cypher",
                                      "MATCH (b:Borough) RETURN count(b); MATCH (b:Borough) RETURN b.id"])
    assert result.exit_code == 1
    assert "casegraph: refused: one statement per query" in result.output
    assert "Traceback" not in result.output and "get_column_names" not in result.output
    ok = CliRunner().invoke(cli, ["query", "--store", str(london_store.directory), "--format", "json",
                                  "--cypher", "MATCH (b:Borough) RETURN count(b) AS load;"])
    assert ok.exit_code == 0 and '"load": 33' in ok.output
