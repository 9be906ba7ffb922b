"""The Neo4j store: a server shared by a newsroom, and the way past one machine.

Building: constraints generated from the schema are created first; rows are
written in `UNWIND $rows` batches, each in a managed write transaction
(`execute_write`), so the driver retries transient errors. A retried batch
may run twice, so batches MERGE on ids and are idempotent.

Staging (the invariant): queries never read a mixture of old and new data.
A build writes its nodes under the single label `CasegraphStaging` (their
schema label kept in `_label`), invisible to every query that matches schema
labels, and its relationships only between staging nodes, unreachable from
labelled ones. When everything is written, the switch deletes the old graph
and gives staging nodes their labels: in ONE transaction when the graph is
small enough (atomic), else in batches while the `CasegraphMeta` node says
`switching`, and readers through casegraph refuse to read until it says
`complete`. A failed build deletes its staging data and leaves the old graph
and the meta node as they were.
"""

from __future__ import annotations

import os
import time
import uuid
from typing import Any, Iterable

import neo4j
from neo4j import exceptions as neo4j_errors

from casegraph.graph.guard import WriteRefused, refuse_writes
from casegraph.graph.rows import node_tables, rel_tables
from casegraph.graph.store import BuildResult, Progress, QueryFailed, Result, StoreError
from casegraph.graph.values import node_value, path_value, plain, rel_value
from casegraph.loaders.dataset import Dataset
from casegraph.schemas import schema
from casegraph.schemas.ddl import neo4j_constraints

__all__ = ["Neo4jStore", "Neo4jView", "BATCH_SIZE", "ATOMIC_SWITCH_LIMIT"]

BATCH_SIZE = 10_000
"""Rows per write transaction (see BENCHMARKS.md for the measurement)."""

ATOMIC_SWITCH_LIMIT = 50_000
"""Graphs up to this many nodes + relationships switch over in one transaction."""

STAGING = "CasegraphStaging"
META = "CasegraphMeta"


def _connection_error(error: Exception, uri: str, user: str, database: str | None) -> StoreError:
    """One line that says what to check, not a traceback."""
    if isinstance(error, neo4j_errors.AuthError):
        return StoreError(f"Neo4j at {uri} refused user {user!r}: check NEO4J_USER and NEO4J_PASSWORD")
    if isinstance(error, neo4j_errors.ServiceUnavailable):
        return StoreError(f"cannot reach Neo4j at {uri}: is the server running, and are host and port right? "
                          f"({error.__class__.__name__})")
    if isinstance(error, neo4j_errors.ConfigurationError):
        return StoreError(f"cannot use Neo4j URI {uri!r}: {error}")
    code = getattr(error, "code", "") or ""
    if "DatabaseNotFound" in code:
        return StoreError(f"Neo4j at {uri} has no database {database!r}: check NEO4J_DATABASE")
    return StoreError(f"Neo4j at {uri}: {error}")


class Neo4jStore:
    """A graph in a Neo4j database (Community, Enterprise, a cluster or Aura)."""

    engine = "neo4j"

    def __init__(self, uri: str, user: str = "neo4j", password: str = "", database: str | None = None):
        self.uri, self.user, self.database = uri, user, database
        try:
            self._driver = neo4j.GraphDatabase.driver(
                uri, auth=(user, password), notifications_min_severity="OFF")
        except (neo4j_errors.ConfigurationError, ValueError) as error:
            raise StoreError(f"cannot use Neo4j URI {uri!r}: {error}") from None

    @classmethod
    def from_environment(cls, uri: str | None = None) -> "Neo4jStore":
        uri = uri or os.environ.get("NEO4J_URI")
        if not uri:
            raise StoreError("no Neo4j URI: pass --neo4j bolt://host:7687 or set NEO4J_URI")
        return cls(uri, os.environ.get("NEO4J_USER", "neo4j"), os.environ.get("NEO4J_PASSWORD", ""),
                   os.environ.get("NEO4J_DATABASE") or None)

    def describe(self) -> str:
        return f"Neo4j at {self.uri}" + (f" (database {self.database})" if self.database else "")

    def close(self) -> None:
        self._driver.close()

    def _session(self, read: bool = False):
        mode = neo4j.READ_ACCESS if read else neo4j.WRITE_ACCESS
        return self._driver.session(database=self.database, default_access_mode=mode)

    def _checked(self, work):
        """Run `work` turning connection problems into one-line StoreErrors."""
        try:
            return work()
        except (neo4j_errors.ServiceUnavailable, neo4j_errors.AuthError,
                neo4j_errors.ConfigurationError) as error:
            raise _connection_error(error, self.uri, self.user, self.database) from None
        except neo4j_errors.ClientError as error:
            if "DatabaseNotFound" in (error.code or ""):
                raise _connection_error(error, self.uri, self.user, self.database) from None
            raise

    def meta(self) -> dict[str, Any] | None:
        def work():
            self._driver.verify_connectivity()  # fails fast, instead of retrying for 30 s
            with self._session(read=True) as session:
                record = session.execute_read(
                    lambda tx: tx.run(f"MATCH (m:{META}) RETURN m {{.*}} AS meta").single())
                return dict(record["meta"]) if record else None
        return self._checked(work)

    # -- building ---------------------------------------------------------

    def build(self, dataset: Dataset, checksum: str, progress: Progress | None = None) -> BuildResult:
        say = progress or (lambda message: None)
        return self._checked(lambda: self._build(dataset, checksum, say))

    def _build(self, dataset: Dataset, checksum: str, say: Progress) -> BuildResult:
        meta = self.meta()
        if meta and meta.get("checksum") == checksum and meta.get("status") == "complete":
            say("the store already holds this data: nothing to change")
            return BuildResult(meta["build_id"], False, dataset.node_counts(), dataset.rel_counts(), checksum)
        build_id = time.strftime("%Y%m%dT%H%M%S") + "-" + uuid.uuid4().hex[:8]
        with self._session() as session:
            self._prepare(session, say)
            try:
                self._stage(session, dataset, say)
                self._switch(session, dataset, build_id, checksum, say)
            except BaseException:
                say("build failed: removing its staged data")
                self._drop_staging(session)
                raise
        return BuildResult(build_id, True, dataset.node_counts(), dataset.rel_counts(), checksum)

    def _prepare(self, session, say: Progress) -> None:
        say("creating constraints")
        for statement in [*neo4j_constraints(),
                          f"CREATE CONSTRAINT casegraph_staging_id IF NOT EXISTS "
                          f"FOR (n:{STAGING}) REQUIRE n.id IS UNIQUE"]:
            session.execute_write(_run, statement, {})
        self._drop_staging(session)  # leftovers of an interrupted build

    def _stage(self, session, dataset: Dataset, say: Progress) -> None:
        for table in node_tables(dataset):
            statement = (f"UNWIND $rows AS row MERGE (n:{STAGING} {{id: row.id}}) "
                         f"SET n += row, n._label = $label")
            for batch in _batches(table.rows, say, f"{table.name} nodes"):
                rows = [_without_nulls(row) for row in batch]
                session.execute_write(_run, statement, {"rows": rows, "label": table.name})
        for table in rel_tables(dataset):
            statement = (f"UNWIND $rows AS row "
                         f"MATCH (a:{STAGING} {{id: row.from}}), (b:{STAGING} {{id: row.to}}) "
                         f"MERGE (a)-[r:{table.name} {{id: row.props.id}}]->(b) SET r += row.props")
            for batch in _batches(table.rows, say, f"{table.name} relationships"):
                rows = [{"from": r["from"], "to": r["to"],
                         "props": _without_nulls({k: v for k, v in r.items() if k not in ("from", "to")})}
                        for r in batch]
                session.execute_write(_run, statement, {"rows": rows})

    def _switch(self, session, dataset: Dataset, build_id: str, checksum: str, say: Progress) -> None:
        total = sum(dataset.node_counts().values()) + sum(dataset.rel_counts().values())
        meta = {"build_id": build_id, "checksum": checksum}
        labels = schema().labels
        if total <= ATOMIC_SWITCH_LIMIT:
            say("switching to the new build (one transaction)")
            session.execute_write(_switch_atomically, labels, meta)
            return
        session.execute_write(_run, f"MERGE (m:{META}) SET m.status = 'switching'", {})
        say("switching to the new build (batched; readers wait until it completes)")
        for label in labels:
            _repeat(session, f"MATCH (n:{label}) WITH n LIMIT $limit DETACH DELETE n RETURN count(*) AS done")
        for label in labels:
            _repeat(session, f"MATCH (n:{STAGING}) WHERE n._label = $label WITH n LIMIT $limit "
                             f"SET n:{label} REMOVE n:{STAGING}, n._label RETURN count(*) AS done",
                    {"label": label})
        session.execute_write(_run, f"MERGE (m:{META}) SET m += $meta, m.status = 'complete'", {"meta": meta})

    def _drop_staging(self, session) -> None:
        _repeat(session, f"MATCH (n:{STAGING}) WITH n LIMIT $limit DETACH DELETE n RETURN count(*) AS done")

    # -- reading ----------------------------------------------------------

    def view(self) -> "Neo4jView":
        meta = self.meta()
        if meta is None:
            raise StoreError(f"no casegraph graph in {self.describe()}: run `casegraph build --neo4j {self.uri}` first")
        if meta.get("status") != "complete":
            raise StoreError(f"{self.describe()} is switching to a new build (or a switch was interrupted): "
                             "retry when `casegraph build` has finished")
        return Neo4jView(self)


def _run(tx, statement: str, params: dict[str, Any]) -> None:
    tx.run(statement, params).consume()


def _switch_atomically(tx, labels: Iterable[str], meta: dict[str, Any]) -> None:
    for label in labels:
        tx.run(f"MATCH (n:{label}) DETACH DELETE n").consume()
    for label in labels:
        tx.run(f"MATCH (n:{STAGING}) WHERE n._label = $label SET n:{label} REMOVE n:{STAGING}, n._label",
               {"label": label}).consume()
    tx.run(f"MERGE (m:{META}) SET m += $meta, m.status = 'complete'", {"meta": meta}).consume()


def _repeat(session, statement: str, params: dict[str, Any] | None = None) -> None:
    """Run a batched statement until it reports no more work."""
    def once(tx):
        return tx.run(statement, {"limit": BATCH_SIZE, **(params or {})}).single()["done"]
    while session.execute_write(once):
        pass


def _batches(rows: list[dict], say: Progress, what: str):
    for start in range(0, len(rows), BATCH_SIZE):
        if start == 0:
            say(f"loading {len(rows):,} {what}")
        yield rows[start:start + BATCH_SIZE]


def _without_nulls(row: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in row.items() if v is not None}


class Neo4jView:
    """Read transactions on a Neo4j store; ad-hoc writes refused before they run."""

    engine = "neo4j"

    def __init__(self, store: Neo4jStore):
        self._store = store
        self._session = store._session(read=True)

    def run(self, cypher: str, params: dict[str, Any] | None = None) -> Result:
        refuse_writes(cypher)
        params = params or {}
        try:
            query_type = self._session.execute_read(_query_type, cypher, params)
            if query_type != "r":
                raise WriteRefused(f"refused: Neo4j plans this query as type {query_type!r} "
                                   "(it would write or change the schema); casegraph runs ad-hoc queries read-only")
            columns, rows = self._session.execute_read(_read, cypher, params)
        except neo4j_errors.Neo4jError as error:
            if "AccessMode" in (error.code or "") or "read access mode" in str(error.message or "").lower():
                raise WriteRefused("refused: the server rejected a write in a read transaction") from None
            raise QueryFailed(f"Neo4j: {error.message or error}") from None
        return Result(columns, [[_value(v) for v in row] for row in rows])

    def close(self) -> None:
        self._session.close()

    def __enter__(self) -> "Neo4jView":
        return self

    def __exit__(self, *exc) -> None:
        self.close()


def _query_type(tx, cypher: str, params: dict[str, Any]) -> str:
    return tx.run("EXPLAIN " + cypher, params).consume().query_type


def _read(tx, cypher: str, params: dict[str, Any]):
    result = tx.run(cypher, params)
    rows = [list(record.values()) for record in result]
    return list(result.keys()), rows


def _value(value: Any) -> Any:
    if isinstance(value, neo4j.graph.Node):
        labels = [label for label in value.labels if label != STAGING]
        return node_value(labels, dict(value))
    if isinstance(value, neo4j.graph.Relationship):
        return rel_value(value.type, dict(value))
    if isinstance(value, neo4j.graph.Path):
        return path_value([_value(n) for n in value.nodes], [_value(r) for r in value.relationships])
    if isinstance(value, list):
        return [_value(v) for v in value]
    if isinstance(value, dict):
        return {k: _value(v) for k, v in value.items()}
    return plain(value)
