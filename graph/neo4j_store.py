"""The Neo4j store: a server shared by a newsroom, and the way past one machine.

Building: constraints and indexes generated from the schema are created
first; rows are written in `UNWIND` batches of `BATCH_SIZE` (chosen by
measurement, see BENCHMARKS.md), each in a managed write transaction
(`execute_write`), so the driver retries transient errors.

Staging, the build lock and the switch (see `neo4j_lock` and
`neo4j_switch`): a build takes the server-side build lock, stages its graph
under staging labels tagged with its build id, checks the staged counts, and
switches only when complete; once the switch has begun it is finished (now,
or by the next build or command that opens the store), never undone.

Why CREATE, not MERGE, and why that is safe. Every build stages under its own,
new build id, so a staged write never meets an earlier copy of itself and
CREATE suffices (MERGE costs a lookup per node and a scan of the
endpoints' relationships per relationship). The one way a CREATE batch could
land twice is a retry of a transaction that did commit; the driver never
does that: a connection lost while committing raises `IncompleteCommit`,
which `execute_write` does not retry, so the build fails and cleans up. Two
checks stand behind that, both on the server:
- staged (build, id) pairs are unique-constrained per label, so a node batch
  written twice fails its transaction, and with it the build;
- before the switch, and again inside the switch's transaction, the staged
  count of every label and relationship type must equal the Dataset's; a
  relationship batch written twice, or a relationship whose endpoint is
  missing, fails the build before the old graph is touched.

Two profiles in one database (`neo4j_profiles`): a build stages the public
projection of the data (`casegraph.graph.profile.public_dataset`) under the
schema's labels and the full graph under `CasegraphRestricted_<Label>` labels
and `CASEGRAPHRESTRICTED_<TYPE>` types; both are count-checked and switched
together, and a view reads one profile's graph.

Rows go to the server as one list per column (`Table.column_batches()`), not
one map per row: no per-row dict in Python, no property names repeated in
every row on the wire, and a null simply is not stored (`CREATE` ignores
null properties), so nulls cost nothing to drop. Columns that are null in
every row of a table are left out of its statement.
"""

from __future__ import annotations

import os
import time
import uuid
from pathlib import Path
from typing import Any, Iterable, Iterator

import neo4j
from neo4j import exceptions as neo4j_errors

from casegraph.graph.rows import Table, node_tables, rel_tables
from casegraph.graph.store import BuildResult, Loaded, Progress, StoreError
from casegraph.loaders.dataset import Dataset
from casegraph.graph.aggregates import with_aggregates
from casegraph.graph.limits import QueryLimits
from casegraph.graph.neo4j_lock import BuildLock
from casegraph.graph.neo4j_profiles import all_labels, profile_constraints, profile_names
from casegraph.graph.neo4j_view import Neo4jView
from casegraph.graph.profile import PUBLIC, RESTRICTED, Profile, public_dataset
from casegraph.graph.neo4j_switch import (
    BUILD_PROPERTY, STAGING, BuildCheckFailed, begin_switch, check_counts, drop_build, drop_stale, read_meta,
    roll_forward, staging_constraints, staging_label, staging_labels, switch_atomically)

BOLT_SCHEMES = ("bolt", "bolt+s", "bolt+ssc", "neo4j", "neo4j+s", "neo4j+ssc")
"""The URI schemes casegraph reaches Neo4j by (its Bolt protocol)."""

__all__ = ["Neo4jStore", "Neo4jView", "BATCH_SIZE", "ATOMIC_SWITCH_LIMIT", "STAGING", "staging_label",
           "staging_labels", "BuildCheckFailed"]

BATCH_SIZE = 2_000
"""Rows per write transaction: measured best of 2,000 / 5,000 / 10,000 / 20,000 / 50,000 (BENCHMARKS.md)."""

ATOMIC_SWITCH_LIMIT = 50_000
"""Old + new graph up to this many nodes + relationships: the switch is one transaction."""

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
        if uri.partition("://")[0].lower() not in BOLT_SCHEMES:  # the driver's http(s) needs a package we do not ship
            raise StoreError(f"cannot use Neo4j URI {uri!r}: expected {', '.join(s + '://' for s in BOLT_SCHEMES)}"
                             "host:port (Bolt, usually port 7687)")
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
                return session.execute_read(read_meta)
        return self._checked(work)

    # -- building ---------------------------------------------------------

    def build(self, dataset: Dataset, checksum: str, progress: Progress | None = None,
              force: bool = False, break_lock: bool = False) -> BuildResult:
        """Build `dataset` under the server-side build lock; see the module docstring.

        Nothing is built when the store already holds this checksum, unless `force`.
        Raises BuildLocked when another build holds the lock (`break_lock=True`
        breaks a stale one first: only when its build is known to be dead),
        BuildCheckFailed when the staged graph does not match the data,
        StoreError when the server cannot be used.
        """
        say = progress or (lambda message: None)
        return self._checked(lambda: self._build(dataset, checksum, say, force, break_lock))

    def build_files(self, files: Iterable[Path], checksum: str, progress: Progress | None = None,
                    force: bool = False, break_lock: bool = False) -> BuildResult:
        """Load data files (`casegraph.loaders.load`, in this process: the server holds the graph) and
        `build` them. Raises LoadError (every problem; nothing written) and what `build` raises."""
        from casegraph.loaders import load

        return self.build(load(list(files), progress=progress), checksum, progress, force, break_lock)

    def _build(self, dataset: Dataset, checksum: str, say: Progress, force: bool, break_lock: bool) -> BuildResult:
        meta = self.meta()
        if (meta and meta.get("checksum") == checksum and meta.get("status") == "complete"
                and not (force or break_lock)):
            say("the store already holds this data: nothing to change")
            return BuildResult.of(Loaded.of(dataset), meta["build_id"], False, checksum)
        build_id = time.strftime("%Y%m%dT%H%M%S") + "-" + uuid.uuid4().hex[:8]
        with self._session() as session:
            lock = BuildLock(session, build_id, self.describe())
            if break_lock:
                broken = lock.break_()
                say(f"broke the build lock of build {broken['build_id']} by {broken['owner']}" if broken
                    else "no build lock to break")
            lock.acquire()
            try:
                meta = self._prepare(session, build_id, say)
                if meta and meta.get("checksum") == checksum and meta.get("status") == "complete" and not force:
                    say("the store already holds this data: nothing to change")
                    return BuildResult.of(Loaded.of(dataset), meta["build_id"], False, checksum)
                try:
                    # each profile's aggregates are counted from its own records (casegraph.graph.aggregates)
                    profiles = {RESTRICTED: with_aggregates(dataset),
                                PUBLIC: with_aggregates(public_dataset(dataset))}
                    for profile, data in profiles.items():
                        say(f"staging the {profile} profile")
                        self._stage(session, data, profile_names(profile), build_id, say)
                    self._switch(session, profiles, build_id, checksum, say)
                except BaseException:
                    self._after_failure(session, build_id, say)
                    raise
            finally:
                _release(lock, say)
        return BuildResult.of(Loaded.of(dataset), build_id, True, checksum)

    def _prepare(self, session, build_id: str, say: Progress) -> dict[str, Any] | None:
        """Under the lock: constraints, an interrupted switch finished, other builds' staging removed."""
        say("creating constraints")
        for statement in [*profile_constraints(), *staging_constraints()]:
            session.execute_write(_run, statement, {})
        meta = self._roll_forward(session, say)
        drop_stale(session, build_id, BATCH_SIZE)
        return meta

    def _roll_forward(self, session, say: Progress) -> dict[str, Any] | None:
        """Finish a switch a build began and could not end (the lock is held); the meta node after it."""
        meta = session.execute_read(read_meta)
        if meta and meta.get("status") == "switching" and meta.get("switching_build"):
            say(f"finishing the switch to build {meta['switching_build']}, interrupted earlier")
            roll_forward(session, meta, BATCH_SIZE, say)
            meta = session.execute_read(read_meta)
        return meta

    def _after_failure(self, session, build_id: str, say: Progress) -> None:
        """Drop this build's staging, unless its switch has begun: then it is the only complete copy."""
        try:
            meta = session.execute_read(read_meta) or {}
            if meta.get("status") == "switching" and meta.get("switching_build") == build_id:
                say("build interrupted during the switch: the next build, or the next command that opens "
                    "the store, finishes it")
                return
            say("build failed: removing its staged data")
            drop_build(session, build_id, BATCH_SIZE)
        except (neo4j_errors.Neo4jError, neo4j_errors.DriverError):
            say("build failed and the server cannot be reached: the next build removes its staged data")

    def _stage(self, session, dataset: Dataset, names: dict[str, str], build_id: str, say: Progress) -> None:
        """Stage one profile's graph (`names`: schema label or type -> its name in that graph)."""
        for table in node_tables(dataset):
            self._write_table(session, table, _node_statement, names, build_id, f"{table.name} nodes", say)
        for table in rel_tables(dataset):
            self._write_table(session, table, _rel_statement, names, build_id, f"{table.name} relationships", say)
        say("checking the staged counts")
        session.execute_read(check_counts, build_id, *_expected({"": (dataset, names)}))

    def _write_table(self, session, table: Table, statement_for, names: dict[str, str], build_id: str,
                     what: str, say: Progress) -> None:
        """One table in batches of columns; a staged node id written twice fails the build (BuildCheckFailed)."""
        if not len(table):
            return
        say(f"loading {len(table):,} {what}")
        columns = _present_columns(table)
        statement = statement_for(table, columns, names)
        try:
            for params in _column_batches(table, columns):
                session.execute_write(_run, statement, {"build": build_id, **params})
        except neo4j_errors.ConstraintError as error:
            raise BuildCheckFailed(
                f"Neo4j build abandoned while staging {what}: {error.message} (a node id twice in the data, "
                "or a batch written twice); the old graph is untouched: run the build again") from None

    def _switch(self, session, profiles: dict[str, Dataset], build_id: str, checksum: str, say: Progress) -> None:
        """Switch both profiles' graphs at once (`profiles`: profile -> its Dataset)."""
        # The old graph counts too: deleting a large one in a single transaction exhausts the server's heap.
        total = sum(sum(d.node_counts().values()) + sum(d.rel_counts().values()) for d in profiles.values())
        total += session.execute_read(_graph_size)
        expected = _expected({p: (d, profile_names(p)) for p, d in profiles.items()})
        if total <= ATOMIC_SWITCH_LIMIT:
            say("switching to the new build (one transaction)")
            session.execute_write(switch_atomically, build_id, checksum, *expected)
            return
        session.execute_write(begin_switch, build_id, checksum, *expected)
        say("switching to the new build (batched; readers wait until it completes)")
        roll_forward(session, {"switching_build": build_id, "phase": "delete"}, BATCH_SIZE, say)

    # -- reading ----------------------------------------------------------

    def view(self, profile: Profile = PUBLIC, limits: QueryLimits | None = None) -> Neo4jView:
        """A read-only view of one profile's graph (public unless asked), bounded by `limits` (default:
        from the environment); first finishes a switch whose build died (when the lock is free)."""
        meta = self.meta()
        if meta is None:
            raise StoreError(f"no casegraph graph in {self.describe()}: run `casegraph build --neo4j {self.uri}` first")
        if meta.get("status") != "complete":
            self._checked(lambda: self._recover(meta))
            meta = self.meta() or {}
        if not meta.get("profiles"):
            raise StoreError(f"{self.describe()} holds a build without profiles (an older casegraph): "
                             "run `casegraph build` again")
        return Neo4jView(self._session(read=True), limits or QueryLimits.from_environment(), profile)

    def _recover(self, meta: dict[str, Any]) -> None:
        """Roll an interrupted switch forward under the build lock, or say why it cannot be read yet."""
        waiting = (f"{self.describe()} is switching to a new build: retry when `casegraph build` has finished "
                   "(if that build died, `casegraph build --break-lock` finishes its switch)")
        if not meta.get("switching_build"):  # a switch of a casegraph before roll-forward: only a rebuild helps
            raise StoreError(f"{self.describe()} holds an incomplete graph: run `casegraph build` again")
        recovery = "recover-" + uuid.uuid4().hex[:8]
        with self._session() as session:
            lock = BuildLock(session, recovery, self.describe())
            try:
                lock.acquire()
            except StoreError:
                raise StoreError(waiting) from None
            try:
                self._roll_forward(session, lambda message: None)
            except neo4j_errors.ClientError as error:  # e.g. a reader without write rights
                raise StoreError(f"{waiting}; finishing it here failed: {error.message}") from None
            finally:
                _release(lock, lambda message: None)


def _release(lock: BuildLock, say: Progress) -> None:
    try:
        lock.release()
    except (neo4j_errors.Neo4jError, neo4j_errors.DriverError):
        say("could not release the build lock (server unreachable): once sure no build is running, "
            "`casegraph build --break-lock` breaks it")


def _expected(graphs: dict[str, tuple[Dataset, dict[str, str]]]
              ) -> tuple[dict[tuple[str, str], int], dict[str, list[str]]]:
    """(expected staged counts, start labels per relationship type) for `check_counts`, of one or
    more graphs (each a Dataset with its label and type names; the names differ between graphs)."""
    expected: dict[tuple[str, str], int] = {}
    starts: dict[str, list[str]] = {}
    for dataset, names in graphs.values():
        expected.update({("node", names[k]): v for k, v in dataset.node_counts().items()})
        expected.update({("relationship", names[k]): v for k, v in dataset.rel_counts().items()})
        for table in rel_tables(dataset):
            start = names[table.from_label]
            if start not in starts.setdefault(names[table.name], []):
                starts[names[table.name]].append(start)
    return expected, starts


def _run(tx, statement: str, params: dict[str, Any]) -> None:
    tx.run(statement, params).consume()


def _present_columns(table: Table) -> list[str]:
    """The table's columns, less those null in every row (a relationship's endpoints always kept)."""
    rows = len(table)
    return [name for name in table.columns
            if name in ("id", "from", "to") or table.arrow.column(name).null_count < rows]


def _properties(columns: list[str], build: str | None = None) -> str:
    """`{name: $c<k>[i], ...}`: property names from the schema, values from parameter lists
    (and, for a staged node, `build: $build`)."""
    pairs = [f"`{name}`: $c{k}[i]" for k, name in enumerate(columns) if name not in ("from", "to")]
    return "{" + ", ".join([*pairs, *([f"{build}: $build"] if build else [])]) + "}"


def _node_statement(table: Table, columns: list[str], names: dict[str, str]) -> str:
    return (f"UNWIND range(0, size($c0) - 1) AS i "
            f"CREATE (:{staging_label(names[table.name])} {_properties(columns, BUILD_PROPERTY)})")


def _rel_statement(table: Table, columns: list[str], names: dict[str, str]) -> str:
    start, end = columns.index("from"), columns.index("to")
    return (f"UNWIND range(0, size($c0) - 1) AS i "
            f"MATCH (a:{staging_label(names[table.from_label])} {{{BUILD_PROPERTY}: $build, id: $c{start}[i]}}) "
            f"MATCH (b:{staging_label(names[table.to_label])} {{{BUILD_PROPERTY}: $build, id: $c{end}[i]}}) "
            f"CREATE (a)-[:{names[table.name]} {_properties(columns)}]->(b)")


def _column_batches(table: Table, columns: list[str]) -> Iterator[dict[str, list[Any]]]:
    """Parameters `c0, c1, ...` per batch of `BATCH_SIZE` rows (column order = statement order)."""
    for batch in table.column_batches(BATCH_SIZE, columns):
        yield {f"c{k}": values for k, values in enumerate(batch.values())}


def _graph_size(tx) -> int:
    """Nodes + relationships of the current (labelled) graph, from the count store."""
    size = 0
    for label in all_labels():
        size += tx.run(f"MATCH (n:{label}) RETURN count(n) AS n").single()["n"]
        size += tx.run(f"MATCH (:{label})-[r]->() RETURN count(r) AS n").single()["n"]
    return size
