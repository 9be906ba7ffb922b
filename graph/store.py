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

__all__ = ["Store", "View", "Result", "BuildResult", "StoreError", "QueryFailed", "input_checksum", "Progress"]

Progress = Callable[[str], None]


class StoreError(RuntimeError):
    """A store problem a user can act on (no graph built yet, server down, ...)."""


class QueryFailed(StoreError):
    """The engine rejected or failed a query; the message is the engine's."""


@dataclass
class Result:
    """Rows of a query, values already plain (see `casegraph.graph.values`)."""

    columns: list[str]
    rows: list[list[Any]]

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

    def run(self, cypher: str, params: dict[str, Any] | None = None) -> Result: ...

    def close(self) -> None: ...

    def __enter__(self) -> "View": ...

    def __exit__(self, *exc) -> None: ...


class Store(Protocol):
    engine: str

    def build(self, dataset: Dataset, checksum: str, progress: Progress | None = None) -> BuildResult: ...

    def view(self, profile: str = "public") -> View:
        """A read-only view of one profile's graph: `public` (default) or `restricted`."""
        ...

    def describe(self) -> str: ...


def input_checksum(files: Iterable[Path]) -> str:
    """A checksum of the data files and the schema: equal means nothing to rebuild."""
    digest = hashlib.sha256()
    digest.update(json.dumps(ladybug_ddl()).encode())
    digest.update(b"profiles: public + restricted graphs")  # the layout of a build
    for path in sorted(Path(f) for f in files):
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()
