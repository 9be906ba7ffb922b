"""Attempts to get past the read-only rule of ad-hoc queries, per engine, and harmless queries that must pass.

Each attempt is `(what, cypher)`; `what` says what it would do: `write` changes
the graph or the schema (both layers must refuse it), the others (`file`,
`extension`, `attach`, `export`, `import`, `procedure`, `config`,
`statements`, `admin`) are refused by the guard (the engines' read-only
modes do not all stop them: that is why the guard exists). Every base attempt
is also tried in odd case, glued to a number, hidden behind comments and split
over lines (`variants`).
"""

from __future__ import annotations

__all__ = ["ATTEMPTS", "HARMLESS", "attempts", "variants"]

_COMMON = [
    ("write", "CREATE (n:Indicator {id: 'leak', name: 'leak'})"),
    ("write", "MATCH (n:Borough) SET n.name = 'leak'"),
    ("write", "MATCH (n:Borough) DETACH DELETE n"),
    ("write", "MATCH (n:Indicator) DELETE n"),
    ("write", "MERGE (n:Indicator {id: 'leak'})"),
    ("write", "MATCH (n:Borough) REMOVE n.name"),
    ("write", "MATCH (n:Borough) WITH n LIMIT 1 CREATE (m:Indicator {id: 'leak', name: 'leak'})"),
    ("write", "UNWIND [1] AS x CREATE (m:Indicator {id: 'leak', name: 'leak'})"),
    ("write", "MATCH (n:Borough) WHERE n.id = 'camden' SET n.name = 'leak' RETURN n.name"),
    ("write", "MATCH (n:Borough) RETURN n.id LIMIT 1 UNION MATCH (m:Borough) SET m.name = 'leak' RETURN m.id"),
    ("write", "MATCH (n:Borough) WITH * SET n.name = 'leak'"),
    ("write", "MATCH (n:Borough) WITH n AS with SET n.name = 'leak'"),
    ("write", "MATCH (by:Borough) WITH by SET by.name = 'leak'"),
    ("statements", "MATCH (n:Borough) RETURN count(n); MATCH (n:Borough) SET n.name = 'leak'"),
    ("statements", "RETURN 1; RETURN 2"),
]

ATTEMPTS = {
    "ladybug": _COMMON + [
        ("write", "CREATE NODE TABLE Leak(id STRING, PRIMARY KEY(id))"),
        ("write", "DROP TABLE Indicator"),
        ("write", "ALTER TABLE Borough ADD leak INT64"),
        ("write", "COMMENT ON TABLE Borough IS 'leak'"),
        ("write", "CREATE SEQUENCE leak"),
        ("write", "CREATE MACRO leak(x) AS x + 1"),
        ("write", "COPY Indicator FROM '/tmp/casegraph-leak-in.csv'"),
        ("write", "CHECKPOINT"),
        ("admin", "BEGIN TRANSACTION"),
        ("export", "COPY (MATCH (n:Borough) RETURN n.id) TO '/tmp/casegraph-leak.csv'"),
        ("export", "EXPORT DATABASE '/tmp/casegraph-leak-export'"),
        ("import", "IMPORT DATABASE '/tmp/casegraph-leak-export'"),
        ("file", "LOAD FROM '/etc/passwd' (file_format='csv') RETURN *"),
        ("file", "LOAD WITH HEADERS (a STRING) FROM '/etc/passwd' RETURN *"),
        ("extension", "INSTALL json"),
        ("extension", "LOAD EXTENSION json"),
        ("extension", "UNINSTALL json"),
        ("attach", "ATTACH '/tmp/casegraph-leak.lbdb' AS other (dbtype lbug)"),
        ("attach", "DETACH other"),
        ("attach", "USE other"),
        ("config", "CALL threads=1"),
        ("procedure", "CALL create_fts_index('Borough', 'leak', ['name'])"),
        ("procedure", "CALL project_graph('leak', ['Borough'], ['NEIGHBOURS'])"),
        ("procedure", "CALL clear_warnings() RETURN *"),
        ("admin", "PROJECT GRAPH leak (Borough, NEIGHBOURS)"),
    ],
    "neo4j": _COMMON + [
        ("write", "CREATE INDEX leak FOR (n:Borough) ON (n.name)"),
        ("write", "DROP CONSTRAINT borough_id"),
        ("write", "MATCH (n:Borough) FOREACH (x IN [1] | SET n.leak = x)"),
        ("write", "CALL { CREATE (n:Indicator {id: 'leak', name: 'leak'}) } IN TRANSACTIONS"),
        ("write", "MATCH (n:Borough) WITH n CALL { WITH n SET n.leak = 1 } RETURN count(*)"),
        ("write", "MATCH (n:Borough) CALL (n) { SET n.leak = 1 } RETURN count(*)"),
        ("write", "CALL db.createLabel('Leak')"),
        ("write", "CALL db.createProperty('leak')"),
        ("write", "CALL db.createRelationshipType('LEAK')"),
        ("write", "CALL apoc.cypher.runWrite('CREATE (:Leak)', {})"),
        ("write", "CALL apoc.create.node(['Leak'], {})"),
        ("write", "CREATE DATABASE leak"),
        ("write", "EXPLAIN CREATE (n:Leak)"),
        ("write", "PROFILE CREATE (n:Leak)"),
        ("file", "LOAD CSV FROM 'file:///etc/passwd' AS line RETURN line"),
        ("file", "CALL apoc.load.json('file:///etc/passwd')"),
        ("file", "CALL apoc.load.csv('https://example.com/leak.csv') YIELD map RETURN map"),
        ("file", "RETURN apoc.load.jsonParams('https://example.com', {}, null) AS x"),
        ("export", "CALL apoc.export.csv.all('/tmp/casegraph-leak.csv', {})"),
        ("export", "RETURN apoc.export.csv.all('/tmp/casegraph-leak.csv', {}) AS x"),
        ("export", "CALL `apoc.export.json.all`('/tmp/casegraph-leak.json', {})"),
        ("import", "CALL apoc.import.csv([{fileName: 'file:///leak.csv', labels: ['Leak']}], [], {})"),
        ("procedure", "CALL dbms.setConfigValue('db.transaction.timeout', '1s')"),
        ("procedure", "CALL db.clearQueryCaches()"),
        ("procedure", "CALL dbms.security.createUser('leak', 'leak', false)"),
        ("admin", "SHOW USERS"),
        ("admin", "USE system SHOW DATABASES"),
        ("admin", "GRANT ROLE admin TO leak"),
        ("admin", "ALTER USER neo4j SET PASSWORD 'leak'"),
        ("admin", "TERMINATE TRANSACTIONS 'neo4j-transaction-1'"),
        ("admin", "STOP DATABASE neo4j"),
    ],
}
"""Base attempts per engine."""

_HARMLESS = [
    "RETURN 1 AS load",
    "MATCH (copy:Borough) RETURN copy.name AS name ORDER BY name LIMIT 3",
    "MATCH (load:Borough) WITH load AS copy RETURN count(copy) AS `set`",
    "MATCH (b:Borough) WHERE b.name <> 'CREATE SET' AND b.name <> \"DROP TABLE\" RETURN count(b) AS n",
    "MATCH (b:Borough) // CREATE (n)\nRETURN count(b) /* SET b.x = 1 */ AS n",
    "MATCH (b:Borough) RETURN count(b) AS n;",
    "match (b:Borough) where b.id starts with 'c' and not b.name is null return b.id order by b.id desc skip 1 limit 2",
    "MATCH (b:Borough)-[:NEIGHBOURS]-(n:Borough) WITH b, count(n) AS neighbours RETURN max(neighbours) AS most",
    "UNWIND [1, 2, 3] AS x WITH x WHERE x > 1 RETURN collect(DISTINCT x) AS xs",
    "MATCH (c:CaseFile) RETURN CASE WHEN c.year_start IS NULL THEN 'unknown' ELSE 'known' END AS period, count(*) AS n",
    "MATCH (b:Borough) RETURN b.id AS id LIMIT 1 UNION ALL MATCH (i:Indicator) RETURN i.id AS id LIMIT 1",
    "MATCH (b:Borough) WHERE b.id = $id RETURN b.name AS name",
]

HARMLESS = {
    "ladybug": _HARMLESS + ["CALL show_tables() RETURN *", "MATCH p = (a:Borough)-[* SHORTEST 1..3]-(b:Borough) "
                            "WHERE a.id = 'camden' AND b.id = 'croydon' RETURN length(p) AS hops"],
    "neo4j": _HARMLESS + [
        "MATCH (b:Borough) RETURN b {.id, .name} AS borough ORDER BY borough.id LIMIT 1",
        "RETURN [x IN range(1, 5) WHERE x % 2 = 1 | x * 10] AS odd, reduce(t = 0, x IN [1, 2] | t + x) AS sum",
        "CALL db.labels() YIELD label RETURN label",
        "MATCH (b:Borough) WHERE EXISTS { MATCH (b)-[:NEIGHBOURS]-() } RETURN count { (b)--() } AS degree LIMIT 1",
    ],
}
"""Queries the guard must accept and each engine runs: keywords as names, in strings and comments."""


def variants(cypher: str) -> list[str]:
    """The attempt as written, in odd case, glued to a number, behind comments, split over lines."""
    odd = "".join(c.upper() if i % 2 else c.lower() for i, c in enumerate(cypher))
    return [
        cypher,
        odd if "'" not in cypher else cypher.swapcase(),
        f"MATCH (z:Borough) RETURN z LIMIT 1{cypher}",
        f"/* harmless */ {cypher}",
        f"// a comment\n{cypher}",
        f"MATCH (z:Borough) RETURN z // RETURN\n{cypher}",
        cypher.replace(" ", "\n  "),
        cypher.replace(" ", "/**/"),
    ]


def attempts(engine: str) -> list[tuple[str, str]]:
    """(what, cypher) for every base attempt of `engine` and every variant of it."""
    return [(what, variant) for what, cypher in ATTEMPTS[engine] for variant in variants(cypher)]
