"""Store DDL generated from the schema: LadybugDB tables, Neo4j constraints.

Never hand-written: a new field or type in the schema reaches every store
through these functions.
"""

from __future__ import annotations

from typing import Callable

from casegraph.schemas.aggregates import FILED_LABEL, INDEXED
from casegraph.schemas.registry import Schema, filed_columns, schema

__all__ = ["ladybug_ddl", "neo4j_constraints"]


def ladybug_ddl(graph: Schema | None = None) -> list[str]:
    """CREATE NODE/REL TABLE statements; node tables first, then the evidence queries' filed answers
    (`casegraph.schemas.aggregates.FiledFact`, LadybugDB only)."""
    graph = graph or schema()
    statements = [_node_table(node.label, node.columns, "id") for node in graph.nodes]
    for rel in graph.rels:
        pairs = ", ".join(f"FROM {a} TO {b}" for a, b in rel.endpoints)
        columns = ", ".join(f"{c.name} {c.type}" for c in rel.columns)
        statements.append(f"CREATE REL TABLE {rel.type}({pairs}, {columns})")
    statements.append(_node_table(FILED_LABEL, filed_columns(), "key"))
    return statements


def _node_table(label: str, columns, key: str) -> str:
    """One CREATE NODE TABLE statement, `key` its primary key."""
    declared = ", ".join(f"{c.name} {c.type}" + (" PRIMARY KEY" if c.name == key else "") for c in columns)
    return f"CREATE NODE TABLE {label}({declared})"


def neo4j_constraints(graph: Schema | None = None, name: Callable[[str], str] = str) -> list[str]:
    """Uniqueness constraints on every node id, indexes on every relationship id (Neo4j 5), and
    range indexes on the aggregates catalog queries find their rows by (`aggregates.INDEXED`).

    `name` gives the label or type a graph stores a schema name under (the schema's own by
    default; a Neo4j store's full graph: `graph.neo4j_profiles.restricted_label`), so both graphs
    of a store get the same constraints and indexes from this one rule. Relationship ids are
    indexed, not constrained unique: a staged build holds a second copy of each relationship until
    it replaces the old graph.
    """
    graph = graph or schema()
    statements = [
        f"CREATE CONSTRAINT {name(node.label).lower()}_id IF NOT EXISTS "
        f"FOR (n:{name(node.label)}) REQUIRE n.id IS UNIQUE"
        for node in graph.nodes
    ]
    statements += [
        f"CREATE INDEX {name(rel.type).lower()}_id IF NOT EXISTS FOR ()-[r:{name(rel.type)}]-() ON (r.id)"
        for rel in graph.rels
    ]
    statements += [
        f"CREATE INDEX {name(node.label).lower()}_{c.name} IF NOT EXISTS FOR (n:{name(node.label)}) ON (n.{c.name})"
        for node in graph.nodes for c in node.columns if c.name in INDEXED
    ]
    statements += [
        f"CREATE INDEX {name(rel.type).lower()}_{c.name} IF NOT EXISTS FOR ()-[r:{name(rel.type)}]-() ON (r.{c.name})"
        for rel in graph.rels for c in rel.columns if c.name in INDEXED
    ]
    return statements
