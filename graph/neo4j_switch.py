"""Staging and the switch of a Neo4j build: never a mixture, never no graph.

Staged data is the build's own: a staged node of schema label `L` carries
the staging label `CasegraphStaging_L` and the property `casegraph_build`
(its build id); staged relationships join only staged nodes of one build.
Ids are unique per (build, id), so two builds' staging never collide and
each build touches only its own.

The switch, for a build `B` that holds the build lock:
- small graphs: ONE transaction checks the lock, recounts B's staged nodes
  and relationships against the Dataset, deletes the old graph, relabels B's
  staging and marks the meta node `complete` (atomic: all or nothing);
- large graphs: one transaction checks the lock, recounts, and writes
  `status: switching` with B's id, checksum and `phase: delete`; then the old
  graph is deleted in batches, `phase: relabel` is written, B's staging is
  relabelled in batches, and the meta node says `complete`.

Both profiles' graphs (`casegraph.graph.neo4j_profiles`: the public one under
the schema's labels, the full one under `CasegraphRestricted_` labels) are
staged, counted and switched together, as one graph; the meta node then says
`profiles: true`.

Invariant: once `switching` is written, B's staging is the only complete copy
and nothing drops it; every step is idempotent, so `roll_forward` finishes an
interrupted switch from the phase the meta node records (the next build
does, or the next command that opens the store). Readers through casegraph
read only when the meta node says `complete`.
"""

from __future__ import annotations

from typing import Any

from casegraph.graph.neo4j_lock import LOCK
from casegraph.graph.neo4j_profiles import all_labels
from casegraph.graph.store import Progress, StoreError

__all__ = ["STAGING", "META", "BUILD_PROPERTY", "BuildCheckFailed", "staging_label", "staging_labels",
           "staging_constraints", "own_staged", "staged_counts", "begin_switch", "switch_atomically",
           "roll_forward", "drop_build", "drop_stale", "read_meta", "check_counts", "write", "repeat"]

STAGING = "CasegraphStaging"
"""Prefix of the staging labels; also the single staging label of builds before per-label staging."""
META = "CasegraphMeta"
BUILD_PROPERTY = "casegraph_build"
"""The staged node's build id (removed when the node is switched in)."""

Counts = dict[tuple[str, str], int]


class BuildCheckFailed(StoreError):
    """The staged graph does not match the Dataset (or the lock was lost); the old graph is untouched."""


def staging_label(label: str) -> str:
    """The label a node of schema label `label` carries while staged (schema labels only, never input)."""
    return f"{STAGING}_{label}"


def staging_labels() -> list[str]:
    return [staging_label(label) for label in all_labels()]


def staging_constraints() -> list[str]:
    """Unique (build, id) per staged label: fast endpoint lookups, a node batch written twice fails,
    and two builds' staging never collide. The first statements drop the id-only constraints of before."""
    drops = [f"DROP CONSTRAINT casegraph_staging_{label.lower()}_id IF EXISTS" for label in all_labels()]
    return [*drops, "DROP CONSTRAINT casegraph_staging_id IF EXISTS",
            *(f"CREATE CONSTRAINT casegraph_staging_{label.lower()}_build_id IF NOT EXISTS "
              f"FOR (n:{staging_label(label)}) REQUIRE (n.{BUILD_PROPERTY}, n.id) IS UNIQUE"
              for label in all_labels())]


def own_staged(label: str, variable: str = "n") -> str:
    """`MATCH` of the build's (`$build`) staged nodes of `label`, through the (build, id) index."""
    return (f"MATCH ({variable}:{staging_label(label)}) "
            f"WHERE {variable}.{BUILD_PROPERTY} = $build AND {variable}.id IS NOT NULL")


def staged_counts(tx, build: str, expected: Counts, rel_starts: dict[str, list[str]]) -> Counts:
    """The build's staged nodes per label and relationships per type (keys as in `expected`)."""
    counts: Counts = {}
    for kind, name in expected:
        if kind == "node":
            query = f"{own_staged(name)} RETURN count(n) AS n"
            counts[kind, name] = tx.run(query, build=build).single()["n"]
        else:  # staged relationships leave staged nodes of the same build only
            counts[kind, name] = sum(
                tx.run(f"{own_staged(label, 'a')} MATCH (a)-[r:{name}]->() RETURN count(r) AS n",
                       build=build).single()["n"] for label in rel_starts.get(name, []))
    return counts


def check_counts(tx, build: str, expected: Counts, rel_starts: dict[str, list[str]]) -> None:
    """BuildCheckFailed unless every staged count equals the Dataset's."""
    found = staged_counts(tx, build, expected, rel_starts)
    wrong = [f"{found.get(key, 0):,} staged {key[1]} {key[0]}s where the data has {count:,}"
             for key, count in expected.items() if found.get(key, 0) != count]
    if wrong:
        raise BuildCheckFailed("Neo4j build abandoned before the switch: " + "; ".join(wrong)
                               + " (a batch written twice, a relationship endpoint missing, or staging "
                               "removed by another build); the old graph is untouched: run the build again")


def _check_lock(tx, build: str) -> None:
    """Inside the switch's transaction: this build still holds the lock (its node write-locked till commit)."""
    held = tx.run(f"MATCH (l:{LOCK} {{name: 'build'}}) WHERE l.build_id = $build "
                  "SET l.switching = true RETURN count(l) AS n", build=build).single()["n"]
    if not held:
        raise BuildCheckFailed("Neo4j build abandoned before the switch: its build lock was broken "
                               "(`casegraph build --break-lock`) while it ran; the old graph is untouched")


def begin_switch(tx, build: str, checksum: str, expected: Counts, rel_starts: dict[str, list[str]]) -> None:
    """One transaction: lock held, counts right, then `status: switching, phase: delete`."""
    _check_lock(tx, build)
    check_counts(tx, build, expected, rel_starts)
    tx.run(f"MERGE (m:{META}) SET m.status = 'switching', m.switching_build = $build, "
           "m.switching_checksum = $checksum, m.phase = 'delete'", build=build, checksum=checksum).consume()


def switch_atomically(tx, build: str, checksum: str, expected: Counts, rel_starts: dict[str, list[str]]) -> None:
    """The whole switch in the caller's one transaction (small graphs)."""
    _check_lock(tx, build)
    check_counts(tx, build, expected, rel_starts)
    for label in all_labels():
        tx.run(f"MATCH (n:{label}) DETACH DELETE n").consume()
    for label in all_labels():
        tx.run(f"{own_staged(label)} SET n:{label} REMOVE n:{staging_label(label)}, n.{BUILD_PROPERTY}",
               build=build).consume()
    tx.run(f"MERGE (m:{META}) SET m.status = 'complete', m.build_id = $build, m.checksum = $checksum, "
           "m.profiles = true "
           "REMOVE m.switching_build, m.switching_checksum, m.phase", build=build, checksum=checksum).consume()


def roll_forward(session, meta: dict[str, Any], batch_size: int, say: Progress) -> None:
    """Finish the switch `meta` records (`status: switching`), from its phase; idempotent."""
    build = meta["switching_build"]
    labels = all_labels()
    if meta.get("phase") == "delete":
        for label in labels:
            repeat(session, f"MATCH (n:{label}) WITH n LIMIT $limit DETACH DELETE n RETURN count(*) AS done",
                   batch_size)
        write(session, f"MATCH (m:{META}) SET m.phase = 'relabel'")
    for label in labels:
        repeat(session, f"{own_staged(label)} WITH n LIMIT $limit "
                        f"SET n:{label} REMOVE n:{staging_label(label)}, n.{BUILD_PROPERTY} RETURN count(*) AS done",
               batch_size, build=build)
    write(session, f"MATCH (m:{META}) SET m.status = 'complete', m.build_id = m.switching_build, "
                   "m.checksum = m.switching_checksum, m.profiles = true REMOVE m.switching_build, m.switching_checksum, m.phase")
    say(f"switched to build {build}")


def drop_build(session, build: str, batch_size: int) -> None:
    """Remove one build's staging (a build that failed before `switching`)."""
    for label in all_labels():
        repeat(session, f"{own_staged(label)} WITH n LIMIT $limit DETACH DELETE n RETURN count(*) AS done",
               batch_size, build=build)


def drop_stale(session, build: str, batch_size: int) -> None:
    """Remove staging of every other build. Called under the lock, after any roll-forward: a build that
    is not the lock holder can never switch (the switch checks the lock), so its staging is garbage."""
    for label in [*staging_labels(), STAGING]:  # STAGING: leftovers of a build before per-label staging
        repeat(session, f"MATCH (n:{label}) WHERE n.{BUILD_PROPERTY} IS NULL OR n.{BUILD_PROPERTY} <> $build "
                        "WITH n LIMIT $limit DETACH DELETE n RETURN count(*) AS done", batch_size, build=build)


def read_meta(tx) -> dict[str, Any] | None:
    record = tx.run(f"MATCH (m:{META}) RETURN m {{.*}} AS meta").single()
    return dict(record["meta"]) if record else None


def write(session, statement: str, **params: Any) -> Any:
    """One write transaction of the switch; returns the first column of its single row, if any."""
    def work(tx):
        record = tx.run(statement, params).single()
        return record[0] if record else None
    return session.execute_write(work)


def repeat(session, statement: str, batch_size: int, **params: Any) -> None:
    """Run a batched statement (`... LIMIT $limit ... RETURN count(*) AS done`) until it does nothing."""
    while write(session, statement, limit=batch_size, **params):
        pass

