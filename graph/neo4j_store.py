"""The Neo4j store: a server shared by a newsroom, and the way past one machine.

Building: constraints and indexes generated from the schema are created
first; rows are written in `UNWIND` batches of `BATCH_SIZE` (chosen by
measurement, see BENCHMARKS.md), each in a managed write transaction
(`execute_write`), so the driver retries transient errors.

Staging (the invariant): queries never read a mixture of old and new data.
A build writes a node of schema label `L` under the staging label
`CasegraphStaging_L` only, invisible to every query that matches schema
labels, and its relationships only between staging nodes, unreachable from
labelled ones. When everything is written and checked, the switch deletes
the old graph and swaps each staging label for its schema label: in ONE
transaction when the graph is small enough (atomic), else in batches while
the `CasegraphMeta` node says `switching`, and readers through casegraph
refuse to read until it says `complete`. A failed build deletes its staging
data and leaves the old graph and the meta node as they were.

Why CREATE, not MERGE, and why that is safe. Every build first empties the
staging area (`_prepare`), so a staged write never meets an earlier copy of
itself and CREATE suffices (MERGE costs a lookup per node and a scan of the
endpoints' relationships per relationship). The one way a CREATE batch could
land twice is a retry of a transaction that did commit; the driver never
does that: a connection lost while committing raises `IncompleteCommit`,
which `execute_write` does not retry, so the build fails and cleans up. Two
checks stand behind that, both on the server:
- staged node ids are unique-constrained per label, so a node batch written
  twice fails its transaction, and with it the build;
- before the switch, the staged count of every label and relationship type
  (constant-time reads of Neo4j's count store) must equal the Dataset's; a
  relationship batch written twice, or a relationship whose endpoint is
  missing, fails the build before the old graph is touched.

Two profiles in one database (Neo4j Community has one user database, and no
per-label access control): a build writes the public projection of the data
(`casegraph.graph.profile.public_dataset`) under the schema's labels, and the
full graph under `CasegraphRestricted_<Label>` labels and
`CASEGRAPH_RESTRICTED_<TYPE>` relationship types (`restricted_label`), both
staged and switched together. The two graphs share no node and no label or
type: a public view runs queries as they are and never reaches restricted
data; a restricted view runs them with every schema label and type replaced
by its restricted one (`in_profile`; names come from the schema, never from
input). A query whose plan scans all nodes or all relationships (`MATCH (n)`,
`()-[r]->()`) is refused in the public profile: only such a scan could
reach both graphs.

Rows go to the server as one list per column (`Table.column_batches()`), not
one map per row: no per-row dict in Python, no property names repeated in
every row on the wire, and a null simply is not stored (`CREATE` ignores
null properties), so nulls cost nothing to drop. Columns that are null in
every row of a table are left out of its statement.
"""

from __future__ import annotations

import os
import re
import time
import uuid
from typing import Any, Iterable, Iterator

import neo4j
from neo4j import exceptions as neo4j_errors

from casegraph.graph.guard import WriteRefused, refuse_writes
from casegraph.graph.profile import PUBLIC, RESTRICTED, Profile, public_dataset
from casegraph.graph.rows import Table, node_tables, rel_tables
from casegraph.graph.store import BuildResult, Progress, QueryFailed, Result, StoreError
from casegraph.graph.values import node_value, path_value, plain, rel_value
from casegraph.loaders.dataset import Dataset
from casegraph.schemas import schema
from casegraph.schemas.ddl import neo4j_constraints

__all__ = ["Neo4jStore", "Neo4jView", "BATCH_SIZE", "ATOMIC_SWITCH_LIMIT", "STAGING", "staging_label",
           "staging_labels", "BuildCheckFailed", "RESTRICTED_PREFIX", "restricted_label", "in_profile"]

BATCH_SIZE = 2_000
"""Rows per write transaction: measured best of 2,000 / 5,000 / 10,000 / 20,000 / 50,000 (BENCHMARKS.md)."""

ATOMIC_SWITCH_LIMIT = 50_000
"""Old + new graph up to this many nodes + relationships: the switch is one transaction."""

STAGING = "CasegraphStaging"
"""Prefix of the staging labels; also the single staging label of builds before per-label staging."""
META = "CasegraphMeta"
RESTRICTED_PREFIX = "CasegraphRestricted"
"""Prefix of the labels the full graph (the restricted profile) carries."""


def restricted_label(label: str) -> str:
    """The label (or relationship type) a schema label (or type) has in the full graph."""
    if label.isupper():
        return f"{RESTRICTED_PREFIX.upper()}_{label}"
    return f"{RESTRICTED_PREFIX}_{label}"


def _public_name(name: str) -> str:
    """A label or type as the schema names it, whichever graph it came from."""
    for prefix in (RESTRICTED_PREFIX + "_", RESTRICTED_PREFIX.upper() + "_"):
        if name.startswith(prefix):
            return name[len(prefix):]
    return name


def _labels(profile: Profile) -> dict[str, str]:
    """Schema label or relationship type -> its name in a profile's graph."""
    names = [*schema().labels, *schema().rel_types]
    return {name: name if profile == PUBLIC else restricted_label(name) for name in names}


def _all_labels() -> list[str]:
    """Every node label a built graph uses: the public graph's, then the full graph's."""
    return [*schema().labels, *(restricted_label(label) for label in schema().labels)]


def in_profile(cypher: str, profile: Profile) -> str:
    """The query as it runs on a profile's graph: in the restricted profile, `:Label` ->
    `:CasegraphRestricted_Label` and `:TYPE` / `|TYPE` -> `CASEGRAPH_RESTRICTED_TYPE`.

    Only schema names after a colon (or a `|` of types) are replaced."""
    if profile == PUBLIC:
        return cypher
    return _name_ref().sub(lambda m: f"{m.group(1)}{restricted_label(m.group(2))}", cypher)


def _name_ref() -> re.Pattern:
    names = sorted([*schema().labels, *schema().rel_types], key=len, reverse=True)
    return re.compile(r"([:|]\s*)(" + "|".join(names) + r")\b")


_SCANS_ALL = ("AllNodesScan", "AllRelationshipsScan")
"""Plan operators that read every node or relationship, whichever graph it belongs to."""


def _scans_all(plan: Any) -> bool:
    """True when a plan reads every node or relationship, or counts them without a label or type."""
    if not plan:
        return False
    operator = str(plan.get("operatorType", ""))
    details = str((plan.get("args") or {}).get("Details", ""))
    if any(name in operator for name in _SCANS_ALL) or ("CountFromCountStore" in operator and ":" not in details):
        return True
    return any(_scans_all(child) for child in plan.get("children", ()))


class BuildCheckFailed(StoreError):
    """The staged graph does not match the Dataset; the build was abandoned before the switch."""


def staging_label(label: str) -> str:
    """The label a node of schema label `label` carries while staged (schema labels only, never input)."""
    return f"{STAGING}_{label}"


def staging_labels() -> list[str]:
    return [staging_label(label) for label in _all_labels()]


def _staging_constraints() -> list[str]:
    """Unique ids per label of the full graph and per staged label: fast endpoint lookups, and
    a node batch written twice fails."""
    full = [f"CREATE CONSTRAINT {name.lower()}_id IF NOT EXISTS FOR (n:{name}) REQUIRE n.id IS UNIQUE"
            for name in (restricted_label(label) for label in schema().labels)]
    return full + [f"CREATE CONSTRAINT casegraph_staging_{label.lower()}_id IF NOT EXISTS "
                   f"FOR (n:{staging_label(label)}) REQUIRE n.id IS UNIQUE" for label in _all_labels()]


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
                profiles = {RESTRICTED: dataset, PUBLIC: public_dataset(dataset)}
                for profile, data in profiles.items():
                    say(f"staging the {profile} profile")
                    self._stage(session, data, _labels(profile), say)
                for profile, data in profiles.items():
                    self._verify(session, data, _labels(profile), say)
                self._switch(session, profiles, build_id, checksum, say)
            except BaseException:
                say("build failed: removing its staged data")
                self._drop_staging(session)
                raise
        return BuildResult(build_id, True, dataset.node_counts(), dataset.rel_counts(), checksum)

    def _prepare(self, session, say: Progress) -> None:
        say("creating constraints")
        for statement in [*neo4j_constraints(), *_staging_constraints(),
                          "DROP CONSTRAINT casegraph_staging_id IF EXISTS"]:  # of single-label staging
            session.execute_write(_run, statement, {})
        self._drop_staging(session)  # leftovers of an interrupted build: CREATE below relies on it

    def _stage(self, session, dataset: Dataset, labels: dict[str, str], say: Progress) -> None:
        for table in node_tables(dataset):
            self._write_table(session, table, _node_statement, labels, f"{table.name} nodes", say)
        for table in rel_tables(dataset):
            self._write_table(session, table, _rel_statement, labels, f"{table.name} relationships", say)

    def _write_table(self, session, table: Table, statement_for, labels: dict[str, str], what: str,
                     say: Progress) -> None:
        """One table in batches of columns; a staged node id written twice fails the build (BuildCheckFailed)."""
        if not len(table):
            return
        say(f"loading {len(table):,} {what}")
        columns = _present_columns(table)
        statement = statement_for(table, columns, labels)
        try:
            for params in _column_batches(table, columns):
                session.execute_write(_run, statement, params)
        except neo4j_errors.ConstraintError as error:
            raise BuildCheckFailed(
                f"Neo4j build abandoned while staging {what}: {error.message} (a node id twice in the data, "
                "or a batch written twice); the old graph is untouched: run the build again") from None

    def _verify(self, session, dataset: Dataset, labels: dict[str, str], say: Progress) -> None:
        """Staged counts per label and relationship type must equal the Dataset's, before the switch."""
        say("checking the staged counts")
        expected = {**{("node", k): v for k, v in dataset.node_counts().items()},
                    **{("relationship", k): v for k, v in dataset.rel_counts().items()}}
        found = session.execute_read(_staged_counts, dataset, labels)
        wrong = [f"{found.get(key, 0):,} staged {key[1]} {key[0]}s where the data has {count:,}"
                 for key, count in expected.items() if found.get(key, 0) != count]
        if wrong:
            raise BuildCheckFailed("Neo4j build abandoned before the switch: " + "; ".join(wrong)
                                   + " (a batch written twice, or a relationship endpoint missing); "
                                   "the old graph is untouched: run the build again")

    def _switch(self, session, profiles: dict[str, Dataset], build_id: str, checksum: str, say: Progress) -> None:
        # The old graph counts too: deleting a large one in a single transaction exhausts the server's heap.
        total = sum(sum(d.node_counts().values()) + sum(d.rel_counts().values()) for d in profiles.values())
        total += session.execute_read(_graph_size)
        meta = {"build_id": build_id, "checksum": checksum}
        labels = _all_labels()
        if total <= ATOMIC_SWITCH_LIMIT:
            say("switching to the new build (one transaction)")
            session.execute_write(_switch_atomically, labels, meta)
            return
        session.execute_write(_run, f"MERGE (m:{META}) SET m.status = 'switching'", {})
        say("switching to the new build (batched; readers wait until it completes)")
        for label in labels:
            _repeat(session, f"MATCH (n:{label}) WITH n LIMIT $limit DETACH DELETE n RETURN count(*) AS done")
        for label in labels:
            _repeat(session, f"MATCH (n:{staging_label(label)}) WITH n LIMIT $limit "
                             f"SET n:{label} REMOVE n:{staging_label(label)} RETURN count(*) AS done")
        session.execute_write(_run, f"MERGE (m:{META}) SET m += $meta, m.status = 'complete', m.profiles = true",
                              {"meta": meta})

    def _drop_staging(self, session) -> None:
        for label in [*staging_labels(), STAGING]:  # STAGING: leftovers of a build before per-label staging
            _repeat(session, f"MATCH (n:{label}) WITH n LIMIT $limit DETACH DELETE n RETURN count(*) AS done")

    # -- reading ----------------------------------------------------------

    def view(self, profile: Profile = PUBLIC) -> "Neo4jView":
        """A read view of the graph in a profile (public unless asked)."""
        meta = self.meta()
        if meta is None:
            raise StoreError(f"no casegraph graph in {self.describe()}: run `casegraph build --neo4j {self.uri}` first")
        if meta.get("status") != "complete":
            raise StoreError(f"{self.describe()} is switching to a new build (or a switch was interrupted): "
                             "retry when `casegraph build` has finished")
        if profile == RESTRICTED and not meta.get("profiles"):
            raise StoreError(f"{self.describe()} holds a build without profiles (an older casegraph): "
                             "run `casegraph build` again")
        return Neo4jView(self, profile)


def _run(tx, statement: str, params: dict[str, Any]) -> None:
    tx.run(statement, params).consume()


def _present_columns(table: Table) -> list[str]:
    """The table's columns, less those null in every row (a relationship's endpoints always kept)."""
    rows = len(table)
    return [name for name in table.columns
            if name in ("id", "from", "to") or table.arrow.column(name).null_count < rows]


def _properties(columns: list[str]) -> str:
    """`{name: $c<k>[i], ...}`: property names from the schema, values from parameter lists."""
    return "{" + ", ".join(f"`{name}`: $c{k}[i]" for k, name in enumerate(columns)
                           if name not in ("from", "to")) + "}"


def _node_statement(table: Table, columns: list[str], labels: dict[str, str]) -> str:
    return (f"UNWIND range(0, size($c0) - 1) AS i "
            f"CREATE (:{staging_label(labels[table.name])} {_properties(columns)})")


def _rel_statement(table: Table, columns: list[str], labels: dict[str, str]) -> str:
    start, end = columns.index("from"), columns.index("to")
    return (f"UNWIND range(0, size($c0) - 1) AS i "
            f"MATCH (a:{staging_label(labels[table.from_label])} {{id: $c{start}[i]}}) "
            f"MATCH (b:{staging_label(labels[table.to_label])} {{id: $c{end}[i]}}) "
            f"CREATE (a)-[:{labels[table.name]} {_properties(columns)}]->(b)")


def _column_batches(table: Table, columns: list[str]) -> Iterator[dict[str, list[Any]]]:
    """Parameters `c0, c1, ...` per batch of `BATCH_SIZE` rows (column order = statement order)."""
    for batch in table.column_batches(BATCH_SIZE, columns):
        yield {f"c{k}": values for k, values in enumerate(batch.values())}


def _staged_counts(tx, dataset: Dataset, labels: dict[str, str]) -> dict[tuple[str, str], int]:
    """Staged nodes per label and relationships per type, from the count store (constant time each)."""
    counts: dict[tuple[str, str], int] = {}
    for label in dataset.node_counts():
        counts["node", label] = tx.run(f"MATCH (n:{staging_label(labels[label])}) RETURN count(n) AS n").single()["n"]
    starts: dict[str, set[str]] = {}
    for table in rel_tables(dataset):  # staged relationships leave staged nodes only
        starts.setdefault(table.name, set()).add(table.from_label)
    for rel_type, from_labels in starts.items():
        counts["relationship", rel_type] = sum(
            tx.run(f"MATCH (:{staging_label(labels[label])})-[r:{labels[rel_type]}]->() RETURN count(r) AS n")
            .single()["n"]
            for label in sorted(from_labels))
    return counts


def _graph_size(tx) -> int:
    """Nodes + relationships of the current (labelled) graph, from the count store."""
    size = 0
    for label in _all_labels():
        size += tx.run(f"MATCH (n:{label}) RETURN count(n) AS n").single()["n"]
        size += tx.run(f"MATCH (:{label})-[r]->() RETURN count(r) AS n").single()["n"]
    return size


def _switch_atomically(tx, labels: Iterable[str], meta: dict[str, Any]) -> None:
    for label in labels:
        tx.run(f"MATCH (n:{label}) DETACH DELETE n").consume()
    for label in labels:
        tx.run(f"MATCH (n:{staging_label(label)}) SET n:{label} REMOVE n:{staging_label(label)}").consume()
    tx.run(f"MERGE (m:{META}) SET m += $meta, m.status = 'complete', m.profiles = true", {"meta": meta}).consume()


def _repeat(session, statement: str, params: dict[str, Any] | None = None) -> None:
    """Run a batched statement until it reports no more work."""
    def once(tx):
        return tx.run(statement, {"limit": BATCH_SIZE, **(params or {})}).single()["done"]
    while session.execute_write(once):
        pass


class Neo4jView:
    """Read transactions on a Neo4j store; ad-hoc writes refused before they run."""

    engine = "neo4j"

    def __init__(self, store: Neo4jStore, profile: Profile = PUBLIC):
        self._store, self.profile = store, profile
        self._session = store._session(read=True)

    def run(self, cypher: str, params: dict[str, Any] | None = None) -> Result:
        refuse_writes(cypher)
        cypher = in_profile(cypher, self.profile)
        params = params or {}
        try:
            query_type, plan = self._session.execute_read(_query_type, cypher, params)
            if self.profile == PUBLIC and _scans_all(plan):
                raise QueryFailed("refused in the public profile: this query scans every node or relationship "
                                  "(a pattern with no label or type, such as (n) or ()-[r]->()), which would "
                                  "reach the restricted graph stored beside the public one; give a label")
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


def _query_type(tx, cypher: str, params: dict[str, Any]) -> tuple[str, Any]:
    summary = tx.run("EXPLAIN " + cypher, params).consume()
    return summary.query_type, summary.plan


def _read(tx, cypher: str, params: dict[str, Any]):
    result = tx.run(cypher, params)
    rows = [list(record.values()) for record in result]
    return list(result.keys()), rows


def _value(value: Any) -> Any:
    if isinstance(value, neo4j.graph.Node):
        labels = [_public_name(label) for label in value.labels if not label.startswith(STAGING)]
        return node_value(labels, dict(value))
    if isinstance(value, neo4j.graph.Relationship):
        return rel_value(_public_name(value.type), dict(value))
    if isinstance(value, neo4j.graph.Path):
        return path_value([_value(n) for n in value.nodes], [_value(r) for r in value.relationships])
    if isinstance(value, list):
        return [_value(v) for v in value]
    if isinstance(value, dict):
        return {k: _value(v) for k, v in value.items()}
    return plain(value)
