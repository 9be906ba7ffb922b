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

from casegraph.graph.values import conditional_in
from casegraph.loaders.dataset import Dataset
from casegraph.schemas.ddl import ladybug_ddl

__all__ = ["Store", "View", "Result", "BuildResult", "Loaded", "StoreError", "QueryFailed", "WriteRefused", "QueryLimitHit",
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

    @property
    def conditional(self) -> int:
        """Citations with handling code C in these rows (`graph.values.conditional_in`): what every front end
        says of the answer (`exports.base.conditions_notice`)."""
        return conditional_in(self.records())


@dataclass
class Loaded:
    """What a build reports of the data it loaded: the full graph's counts by label and type, the
    load's warnings (`loaders.problems.Problem`s) and contested facts (`Dataset.contested()`)."""

    node_counts: dict[str, int]
    rel_counts: dict[str, int]
    warnings: list = field(default_factory=list)
    contested: list[dict] = field(default_factory=list)

    @classmethod
    def of(cls, dataset: Dataset) -> "Loaded":
        return cls(dataset.node_counts(), dataset.rel_counts(), list(dataset.warnings), dataset.contested())


@dataclass
class BuildResult:
    """What a build did: its id, whether it changed the store, the full graph's counts by label and
    type, the input checksum, and the load's `warnings` (Problems) and `contested` facts
    (`Dataset.contested()`), which a build reports even when nothing changed."""

    build_id: str
    changed: bool
    node_counts: dict[str, int] = field(default_factory=dict)
    rel_counts: dict[str, int] = field(default_factory=dict)
    checksum: str = ""
    warnings: list = field(default_factory=list)
    contested: list[dict] = field(default_factory=list)

    @classmethod
    def of(cls, loaded: Loaded, build_id: str, changed: bool, checksum: str) -> "BuildResult":
        return cls(build_id, changed, loaded.node_counts, loaded.rel_counts, checksum, loaded.warnings,
                   loaded.contested)


class View(Protocol):
    engine: str

    def run(self, cypher: str, params: dict[str, Any] | None = None, bounded: bool = False) -> Result: ...

    def sibling(self, profile: str) -> "View":
        """The same build's graph of another profile (this view itself for its own), closed with this view."""
        ...

    def close(self) -> None: ...

    def __enter__(self) -> "View": ...

    def __exit__(self, *exc) -> None: ...


class Store(Protocol):
    engine: str

    def build(self, dataset: Dataset, checksum: str, progress: Progress | None = None,
              force: bool = False) -> BuildResult: ...

    def build_files(self, files: Iterable[Path], checksum: str, progress: Progress | None = None,
                    force: bool = False) -> BuildResult:
        """Load data files (`casegraph.loaders.load`) and build them: what `casegraph build` runs.
        Raises LoadError (nothing written) and StoreError."""
        ...

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
                "layout": "profiles: public + restricted graphs; record files"}
    return hashlib.sha256(json.dumps(document, sort_keys=True).encode()).hexdigest()
