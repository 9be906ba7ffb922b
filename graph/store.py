"""The store contract: every engine builds and reads the same way.

A `Store` builds a whole Dataset atomically (a failed build leaves the store
as it was; rebuilding the same data changes nothing) and opens `View`s that
only read. The embedded LadybugDB store and the Neo4j store both implement
it, and one contract test runs against both.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Iterable, Protocol

from casegraph.loaders.dataset import Dataset
from casegraph.schemas.ddl import ladybug_ddl

__all__ = ["Store", "View", "Result", "BuildResult", "StoreError", "QueryFailed", "WriteRefused", "QueryLimitHit",
           "input_checksum", "Progress"]

Progress = Callable[[str], None]


class StoreError(RuntimeError):
    """A store problem a user can act on (no graph built yet, server down, ...)."""


class QueryFailed(StoreError):
    """The engine rejected or failed a query; the message is the engine's."""


class WriteRefused(ValueError):
    """A query was refused because it could write or touch files: by casegraph's guard
    (`casegraph.queries.guard`) before it ran, or by the engine's read-only mode."""


class QueryLimitHit(QueryFailed):
    """A query hit its memory limit or its timeout (`casegraph.graph.limits`)."""


@dataclass
class Result:
    """Rows of a query, values already plain (see `casegraph.graph.values`).

    `total` is set for a paged catalog query: how many rows the whole answer
    has, of which `rows` is the page asked for (see `casegraph.queries.catalog`)."""

    columns: list[str]
    rows: list[list[Any]]
    total: int | None = None

    def records(self) -> list[dict[str, Any]]:
        return [dict(zip(self.columns, row)) for row in self.rows]


@dataclass
class BuildResult:
    build_id: str
    changed: bool
    node_counts: dict[str, int] = field(default_factory=dict)
    rel_counts: dict[str, int] = field(default_factory=dict)
    checksum: str = ""


class View(Protocol):
    engine: str

    def run(self, cypher: str, params: dict[str, Any] | None = None, bounded: bool = False) -> Result: ...

    def close(self) -> None: ...

    def __enter__(self) -> "View": ...

    def __exit__(self, *exc) -> None: ...


class Store(Protocol):
    engine: str

    def build(self, dataset: Dataset, checksum: str, progress: Progress | None = None,
              force: bool = False) -> BuildResult: ...

    def view(self, profile: str = "public", limits: Any = None) -> View:
        """A read-only view of one profile's graph: `public` (default) or `restricted`, bounded by
        `limits` (a `casegraph.graph.limits.QueryLimits`; default: from the environment)."""
        ...

    def describe(self) -> str: ...


def input_checksum(files: Iterable[Path]) -> str:
    """A checksum of the data files, the schema and casegraph's version: equal means nothing to rebuild.

    Unambiguous: it hashes one JSON document listing the version, the store
    DDL, the build's layout and, per file in path order, its name and the SHA-256 of its bytes,
    so no two different inputs run together into the same bytes (as names
    and contents concatenated could). A new casegraph version rebuilds,
    since it may resolve the same data differently.
    """
    from casegraph import __version__

    entries = [[path.name, hashlib.sha256(path.read_bytes()).hexdigest()]
               for path in sorted(Path(f) for f in files)]
    document = {"casegraph": __version__, "ddl": ladybug_ddl(), "files": entries,
                "layout": "profiles: public + restricted graphs"}
    return hashlib.sha256(json.dumps(document, sort_keys=True).encode()).hexdigest()
