"""Bounds on what one query may cost: a timeout and a memory limit, on both engines.

Without them one read-only ad-hoc query took 19.9 GB of a 24 GB machine
before LadybugDB refused it (LadybugDB's buffer pool defaults to 80% of RAM).

- LadybugDB: `memory` is the read-only database's buffer pool, which holds
  every intermediate result of a query; `timeout` is the connection's query
  timeout (checked between batches of rows).
- Neo4j: `timeout` is the read transaction's timeout (the server stops it);
  memory per transaction is the server's `db.memory.transaction.max`, which
  only the server's administrator sets (a shared server's limit is not a
  client's to change). casegraph turns the server's refusal into the same
  clear message.

Configure with CASEGRAPH_QUERY_TIMEOUT (seconds, `0` = none) and
CASEGRAPH_QUERY_MEMORY (`512MB`, `2GB`, ...; `0` = the engine's default).
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass

from casegraph.graph.store import StoreError

__all__ = ["QueryLimits", "parse_size", "DEFAULT_TIMEOUT", "DEFAULT_MEMORY"]

DEFAULT_TIMEOUT = 120.0
"""Seconds: every catalog query on the 100,000-case benchmark graph takes well under this."""
DEFAULT_MEMORY = 2 * 1024 ** 3
"""Bytes: the memory budget of a 100,000-case build (README), for reading too."""

_UNITS = {"": 1, "B": 1, "K": 1024, "KB": 1024, "M": 1024 ** 2, "MB": 1024 ** 2, "G": 1024 ** 3, "GB": 1024 ** 3}


def parse_size(text: str) -> int:
    """`"512MB"` -> 536870912 (binary units: K/KB, M/MB, G/GB); StoreError on anything else."""
    match = re.fullmatch(r"\s*(\d+(?:\.\d+)?)\s*([KMG]?B?)\s*", text.upper())
    if not match:
        raise StoreError(f"CASEGRAPH_QUERY_MEMORY={text!r}: expected a size such as 512MB or 2GB (0 = no limit)")
    return int(float(match.group(1)) * _UNITS[match.group(2)])


@dataclass(frozen=True)
class QueryLimits:
    """`timeout` in seconds and `memory` in bytes; None leaves the engine's default."""

    timeout: float | None = DEFAULT_TIMEOUT
    memory: int | None = DEFAULT_MEMORY

    @classmethod
    def from_environment(cls) -> "QueryLimits":
        """The limits CASEGRAPH_QUERY_TIMEOUT and CASEGRAPH_QUERY_MEMORY set, else the defaults."""
        timeout_text = os.environ.get("CASEGRAPH_QUERY_TIMEOUT", "").strip()
        memory_text = os.environ.get("CASEGRAPH_QUERY_MEMORY", "").strip()
        try:
            timeout = float(timeout_text) if timeout_text else DEFAULT_TIMEOUT
        except ValueError:
            raise StoreError(f"CASEGRAPH_QUERY_TIMEOUT={timeout_text!r}: expected seconds (0 = no timeout)") from None
        memory = parse_size(memory_text) if memory_text else DEFAULT_MEMORY
        return cls(timeout or None, memory or None)

    def timeout_message(self) -> str:
        return (f"the query was stopped after its timeout of {self.timeout:g} s: narrow it (a LIMIT, fewer hops, "
                "a more selective MATCH), or raise CASEGRAPH_QUERY_TIMEOUT")

    def memory_message(self, where: str) -> str:
        return (f"the query was stopped when it reached {where}: narrow it (a LIMIT, fewer hops, aggregate "
                "before collecting), or raise the limit")
