"""The build lock of a Neo4j store: one builder at a time on a shared server.

The lock is a node, `(:CasegraphBuildLock {name: 'build'})`, under a
uniqueness constraint on `name`: creating it succeeds for exactly one of any
number of builders, on any machine, because the server enforces the
constraint. It records who holds it (`owner`: user@host and process id), the
`build_id` and the server time the build `started_at`, so a refused builder
can say who is building.

A process that dies (kill -9, a lost connection) cannot remove its lock: the
lock then stays until someone who knows the build is dead breaks it with
`casegraph build --break-lock` (`BuildLock.break_`). Breaking the lock of a
build that is in fact still running cannot publish a mixture: the switch
checks, inside its own transaction, that its build still holds the lock.
"""

from __future__ import annotations

import getpass
import os
import socket
from typing import Any

from neo4j import exceptions as neo4j_errors

from casegraph.graph.store import StoreError

__all__ = ["LOCK", "BuildLock", "BuildLocked", "lock_holder", "owner_name"]

LOCK = "CasegraphBuildLock"

_CONSTRAINT = f"CREATE CONSTRAINT casegraph_build_lock IF NOT EXISTS FOR (l:{LOCK}) REQUIRE l.name IS UNIQUE"


class BuildLocked(StoreError):
    """Another build holds the lock."""


def owner_name() -> str:
    """`user@host (pid N)`: enough for a newsroom to find who is building."""
    try:
        user = getpass.getuser()
    except (KeyError, OSError):
        user = "unknown"
    return f"{user}@{socket.gethostname()} (pid {os.getpid()})"


def lock_holder(tx) -> dict[str, Any] | None:
    """The lock's properties (`owner`, `build_id`, `started_at` as text), or None when nobody holds it."""
    record = tx.run(f"MATCH (l:{LOCK} {{name: 'build'}}) "
                    "RETURN l {.owner, .build_id, started_at: toString(l.started_at)} AS lock").single()
    return dict(record["lock"]) if record else None


def describe_holder(holder: dict[str, Any]) -> str:
    return f"build {holder.get('build_id')} by {holder.get('owner')}, started {holder.get('started_at')}"


class BuildLock:
    """Acquire, release and break the lock of one store for one build id.

    `acquire` raises BuildLocked naming the holder and the way to break a
    stale lock; `release` removes only this build's lock.
    """

    def __init__(self, session, build_id: str, where: str):
        self.session, self.build_id, self.where = session, build_id, where

    def acquire(self) -> None:
        """Create the lock node; BuildLocked if another build holds it."""
        try:
            self.session.execute_write(_run, _CONSTRAINT)
        except neo4j_errors.ClientError as error:  # two first builds creating it at once
            if "EquivalentSchemaRuleAlreadyExists" not in (error.code or ""):
                raise
        try:
            self.session.execute_write(_run, f"CREATE (:{LOCK} {{name: 'build', owner: $owner, "
                                              "build_id: $build_id, started_at: datetime()})",
                                       owner=owner_name(), build_id=self.build_id)
        except neo4j_errors.ConstraintError:
            holder = self.session.execute_read(lock_holder) or {}
            raise BuildLocked(
                f"another build is writing {self.where} ({describe_holder(holder)}); wait for it to finish. "
                "If that build died (killed, or its connection lost), run `casegraph build --break-lock`") from None

    def release(self) -> None:
        """Remove the lock if this build still holds it (never another build's)."""
        self.session.execute_write(_run, f"MATCH (l:{LOCK} {{name: 'build'}}) WHERE l.build_id = $build_id DELETE l",
                                   build_id=self.build_id)

    def break_(self) -> dict[str, Any] | None:
        """Remove the lock whoever holds it; returns what it said, or None if there was none."""
        holder = self.session.execute_read(lock_holder)
        self.session.execute_write(_run, f"MATCH (l:{LOCK} {{name: 'build'}}) DELETE l")
        return holder


def _run(tx, statement: str, **params: Any) -> None:
    tx.run(statement, params).consume()
