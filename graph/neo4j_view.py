"""Reading a Neo4j store: read transactions, EXPLAIN before an ad-hoc query, bounded time.

`run` trusts its caller: ad-hoc text goes through `casegraph.queries.run_adhoc`
(the guard) first. This is the second layer: a query runs only when
Neo4j's own `EXPLAIN` plans it as a read (`query_type == "r"`), and then in
a READ transaction, which the server refuses to write in.

A view reads one profile's graph (`casegraph.graph.neo4j_profiles`): a
restricted view runs each query with the schema's labels and types replaced
by the full graph's; a public view runs it as written and refuses a query that
names the full graph's or a build's staging labels or types (`names_other_graph`),
and a plan that scans (or counts without a label) every node or relationship.
"""

from __future__ import annotations

from typing import Any

import neo4j
from neo4j import exceptions as neo4j_errors

from casegraph.graph.limits import QueryLimits
from casegraph.graph.neo4j_profiles import in_profile, names_other_graph, public_name, scans_all
from casegraph.graph.profile import PUBLIC, Profile
from casegraph.graph.neo4j_switch import STAGING
from casegraph.graph.store import QueryFailed, QueryLimitHit, Result, WriteRefused
from casegraph.graph.values import node_value, path_value, plain, rel_value

__all__ = ["Neo4jView"]


class Neo4jView:
    """Read transactions in one session; `limits.timeout` on bounded (ad-hoc and catalog) queries."""

    engine = "neo4j"

    def __init__(self, session, limits: QueryLimits | None = None, profile: Profile = PUBLIC):
        self._session = session
        self.limits = limits or QueryLimits()
        self.profile = profile
        self._planned: set[str] = set()  # texts whose plan passed `_check_plan`: a verdict per text, not per run

    def run(self, cypher: str, params: dict[str, Any] | None = None, bounded: bool = False) -> Result:
        """Rows of one read query; `bounded` applies the timeout in a transaction the driver does not retry.

        Raises WriteRefused (planned as a write, or refused by the read
        transaction), QueryLimitHit (timeout, or the server's transaction
        memory limit), QueryFailed (any other server error, with its message; in the public
        profile, a plan that scans every node or relationship).
        """
        params = params or {}
        named = names_other_graph(cypher) if self.profile == PUBLIC else None
        if named:
            raise QueryFailed(f"refused in the public profile: this query names {named!r}, "
                              "a label or type of the restricted graph stored beside the public one (or a label "
                              "given by an expression, which could name one); ask with the schema's names, or "
                              "use --profile restricted")
        cypher = in_profile(cypher, self.profile)
        try:
            if bounded:
                with self._session.begin_transaction(timeout=self.limits.timeout) as tx:
                    if cypher not in self._planned:
                        _check_plan(tx, cypher, params, self.profile)
                    columns, rows = _read(tx, cypher, params)
            else:
                if cypher not in self._planned:
                    self._session.execute_read(_check_plan, cypher, params, self.profile)
                columns, rows = self._session.execute_read(_read, cypher, params)
        except neo4j_errors.Neo4jError as error:
            raise _failure(error, self.limits) from None
        self._planned.add(cypher)
        return Result(columns, [[_value(v) for v in row] for row in rows])

    def sibling(self, profile: Profile) -> "Neo4jView":
        """The same build's graph of `profile`, read in this view's session and limits (closed with it)."""
        return self if profile == self.profile else Neo4jView(self._session, self.limits, profile)

    def close(self) -> None:
        self._session.close()

    def __enter__(self) -> "Neo4jView":
        return self

    def __exit__(self, *exc) -> None:
        self.close()


def _failure(error: neo4j_errors.Neo4jError, limits: QueryLimits) -> Exception:
    code, message = error.code or "", str(error.message or error)
    if "AccessMode" in code or "read access mode" in message.lower():
        return WriteRefused("refused: the server rejected a write in a read transaction")
    if "TransactionTimedOut" in code:
        return QueryLimitHit(limits.timeout_message())
    if "MemoryPoolOutOfMemoryError" in code:
        return QueryLimitHit(limits.memory_message(
            "the server's memory limit per transaction (db.memory.transaction.max, set by its administrator)"))
    return QueryFailed(f"Neo4j: {message}")


def _check_plan(tx, cypher: str, params: dict[str, Any], profile: Profile = PUBLIC) -> None:
    """WriteRefused unless Neo4j plans the query as a read; QueryFailed when a public-profile plan
    scans every node or relationship (it would reach the restricted graph stored beside it)."""
    summary = tx.run("EXPLAIN " + cypher, params).consume()
    query_type = summary.query_type
    if profile == PUBLIC and scans_all(summary.plan):
        raise QueryFailed("refused in the public profile: this query scans every node or relationship "
                          "(a pattern with no label or type, such as (n) or ()-[r]->()), which would "
                          "reach the restricted graph stored beside the public one; give a label")
    if query_type != "r":
        raise WriteRefused(f"refused: Neo4j plans this query as type {query_type!r} "
                           "(it would write or change the schema); casegraph runs ad-hoc queries read-only")


def _read(tx, cypher: str, params: dict[str, Any]):
    result = tx.run(cypher, params)
    rows = [list(record.values()) for record in result]
    return list(result.keys()), rows


def _value(value: Any) -> Any:
    if isinstance(value, neo4j.graph.Node):
        labels = [public_name(label) for label in value.labels if not label.startswith(STAGING)]
        return node_value(labels, dict(value))
    if isinstance(value, neo4j.graph.Relationship):
        return rel_value(public_name(value.type), dict(value))
    if isinstance(value, neo4j.graph.Path):
        return path_value([_value(n) for n in value.nodes], [_value(r) for r in value.relationships])
    if isinstance(value, list):
        return [_value(v) for v in value]
    if isinstance(value, dict):
        return {k: _value(value[k]) for k in sorted(value)}  # sorted: see values.plain
    if isinstance(value, str):  # a label as text from a procedure (`db.labels()`), in the restricted graph
        return public_name(value)
    return plain(value)
