"""The embedded store: LadybugDB on disk, no server.

Layout of a store directory:

    STORE/current -> builds/<id>      (a symlink, swapped atomically)
    STORE/builds/<id>/graph.lbdb      (one complete build: the restricted profile, all data)
    STORE/builds/<id>/public.lbdb     (the same build's public projection, `casegraph.graph.profile`)
    STORE/builds/<id>/records/<profile>/  (each profile's tables again, as Arrow IPC files to map and
                                       read many records from at once: `casegraph.graph.records`)
    STORE/builds/<id>/manifest.json   (counts and input checksum)
    STORE/builds/<id>.partial/        (a build under way; any found under the lock is removed;
                                       its staged/ holds the tables being COPYed)
    STORE/.lock                       (held by the one process that builds)

Invariant: `current` only ever points at a complete build. A build writes a
fresh database through the bulk path (one COPY per table from staged Parquet
files, `casegraph.graph.embedded_write`) into a new directory and swaps `current` only when it is complete, so a failed build
leaves the store exactly as it was and readers never see half a graph.
Readers open the database read-only (the engine refuses writes, and many
readers may run while a build is under way).
"""

from __future__ import annotations

import fcntl
import json
import os
import shutil
import time
import uuid
from itertools import chain
from pathlib import Path
from typing import Any, Iterable

import ladybug

from casegraph.graph.embedded_write import PROFILES, Produce, copy_profiles, load_and_stage, stage_dataset
from casegraph.graph.limits import QueryLimits
from casegraph.graph.profile import PUBLIC, RESTRICTED, Profile
from casegraph.graph.records import RECORDS, RecordFiles
from casegraph.graph.store import BuildResult, Progress, QueryFailed, QueryLimitHit, Result, StoreError, WriteRefused
from casegraph.graph.values import node_value, path_value, plain, rel_value
from casegraph.loaders.dataset import Dataset
from casegraph.loaders.load import paused_gc
from casegraph.schemas.text import shown_path

__all__ = ["EmbeddedStore", "EmbeddedView", "default_store_dir"]

DB_FILE = "graph.lbdb"
DB_FILES = {RESTRICTED: DB_FILE, PUBLIC: "public.lbdb"}
"""One database per profile: a public reader opens a graph that holds no restricted data."""
MANIFEST = "manifest.json"

def default_store_dir() -> Path:
    """`$CASEGRAPH_STORE`, else the per-user data directory."""
    if os.environ.get("CASEGRAPH_STORE"):
        return Path(os.environ["CASEGRAPH_STORE"])
    base = Path(os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share")
    return base / "casegraph" / "store"


class EmbeddedStore:
    """A LadybugDB store directory (see the module docstring for its layout)."""

    engine = "ladybug"

    def __init__(self, directory: Path | str | None = None):
        self.directory = Path(directory) if directory else default_store_dir()

    def describe(self) -> str:
        return f"LadybugDB store at {shown_path(self.directory)}"

    @property
    def current(self) -> Path | None:
        link = self.directory / "current"
        if not link.exists():
            return None
        return (self.directory / os.readlink(link)).resolve()

    def manifest(self) -> dict[str, Any] | None:
        current = self.current
        if current is None or not (current / MANIFEST).exists():
            return None
        return json.loads((current / MANIFEST).read_text())

    # -- building ---------------------------------------------------------

    def build(self, dataset: Dataset, checksum: str, progress: Progress | None = None,
              force: bool = False) -> BuildResult:
        """Build a loaded Dataset into a new database and switch to it when complete.

        Nothing is built when the store already holds data of this checksum, unless `force`.
        This process holds the Dataset and each table's COPY at once: for large data,
        `build_files` (what `casegraph build` does) keeps them apart. Raises StoreError
        when another build holds the lock."""
        return self._build(checksum, progress, force, lambda folder, say: stage_dataset(dataset, folder, say))

    def build_files(self, files: Iterable[Path], checksum: str, progress: Progress | None = None,
                    force: bool = False, isolate: bool | None = None) -> BuildResult:
        """Load data files and build them, the load and staging in a child process for large data
        (`casegraph.graph.embedded_write.load_and_stage`; `isolate` forces the choice), so that the
        load's memory is given back before the first COPY. Raises LoadError (every problem in the
        data; nothing written) and StoreError."""
        files = list(files)
        return self._build(checksum, progress, force,
                           lambda folder, say: load_and_stage(files, folder, say, isolate=isolate))

    def _refuse_nested(self) -> None:
        """StoreError if the store's directory is inside another store's (a folder with `builds` and
        `current`): that store's next build removes what it does not know under `builds`."""
        for folder in self.directory.resolve().parents:
            if (folder / "builds").is_dir() and (folder / "current").is_symlink():
                raise StoreError(f"{shown_path(self.directory)} is inside the store at {shown_path(folder)}, whose builds would remove it: "
                                 "give --store a folder outside any other store")

    def _build(self, checksum: str, progress: Progress | None, force: bool, produce: Produce) -> BuildResult:
        """Under the build lock: `produce` the data (staged under the partial build's folder), COPY each
        profile's database from it, then switch `current` to the complete build."""
        say = progress or (lambda message: None)
        self._refuse_nested()
        self.directory.mkdir(parents=True, exist_ok=True)
        with open(self.directory / ".lock", "w") as lock:
            try:
                fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                raise StoreError(f"another build is writing {shown_path(self.directory)}; wait for it to finish") from None
            self._remove_partial_builds(say)
            manifest = self.manifest()
            if manifest and manifest.get("checksum") == checksum and not force:
                loaded = produce(None, say)
                say("the store already holds this data: nothing to change")
                return BuildResult(manifest["build_id"], False, manifest["node_counts"],
                                   manifest["rel_counts"], checksum, loaded.warnings, loaded.contested)
            build_id = time.strftime("%Y%m%dT%H%M%S") + "-" + uuid.uuid4().hex[:8]
            builds = self.directory / "builds"
            partial = builds / (build_id + ".partial")
            partial.mkdir(parents=True)
            try:
                with paused_gc():
                    result = self._write(partial, produce, build_id, checksum, say)
                final = builds / build_id
                partial.rename(final)
                self._switch_to(final)
            except BaseException:
                shutil.rmtree(partial, ignore_errors=True)
                raise
            self._remove_old_builds(keep={final.name})
            return result

    def _write(self, target: Path, produce: Produce, build_id: str, checksum: str, say: Progress) -> BuildResult:
        staged = target / "staged"
        loaded = produce(staged, say)
        copy_profiles(staged, {profile: target / DB_FILES[profile] for profile in PROFILES}, say)
        (target / RECORDS).mkdir()
        for profile in PROFILES:
            (staged / profile / RECORDS).rename(target / RECORDS / profile)
        shutil.rmtree(staged)  # the staged Parquet: not kept beside the databases
        result = BuildResult.of(loaded, build_id, True, checksum)
        (target / MANIFEST).write_text(json.dumps({
            "build_id": build_id, "checksum": checksum, "built_at": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
            "node_counts": result.node_counts, "rel_counts": result.rel_counts,
        }, indent=2))
        return result

    def _switch_to(self, build: Path) -> None:
        link = self.directory / "current"
        temporary = self.directory / f".current-{uuid.uuid4().hex[:8]}"
        os.symlink(os.path.relpath(build, self.directory), temporary)
        os.replace(temporary, link)  # atomic on POSIX

    def _remove_partial_builds(self, say: Progress) -> None:
        """Remove every `builds/*.partial`: under the build lock, only a killed build can have left one."""
        builds = self.directory / "builds"
        for partial in sorted(builds.glob("*.partial")) if builds.is_dir() else []:
            say(f"removing {partial.name}, left by a build that did not finish")
            shutil.rmtree(partial, ignore_errors=True)

    def _remove_old_builds(self, keep: set[str]) -> None:
        """Keep the current build and the one before it (a reader may still hold it)."""
        builds = sorted((self.directory / "builds").iterdir(), key=lambda p: p.stat().st_mtime)
        complete = [b for b in builds if not b.name.endswith(".partial") and b.name not in keep]
        for old in complete[:-1]:
            shutil.rmtree(old, ignore_errors=True)

    # -- reading ----------------------------------------------------------

    def view(self, profile: Profile = PUBLIC, limits: QueryLimits | None = None) -> "EmbeddedView":
        """A read-only view of the current build in a profile (public unless asked), bounded by
        `limits` (default: from the environment)."""
        current = self.current
        if current is None:
            raise StoreError(f"no graph in {shown_path(self.directory)}: run `casegraph build` first "
                             "(or point --store at the directory you built)")
        path = current / DB_FILES[profile]
        if not path.exists():
            raise StoreError(f"the build in {shown_path(self.directory)} has no {profile} profile (built by an older "
                             "casegraph): run `casegraph build` again")
        limits = limits or QueryLimits.from_environment()
        try:
            return EmbeddedView(path, profile, limits)
        except RuntimeError as error:
            if "recovery is pending" not in str(error):
                raise StoreError(f"cannot open {shown_path(path)}: {error}") from None
        self._recover(path)
        return EmbeddedView(path, profile, limits)

    def _recover(self, database: Path) -> None:
        """Finish a checkpoint a reader left pending (LadybugDB 0.22 runs `CHECKPOINT` on a read-only
        connection, fails, and leaves the file unopenable read-only): a read-write open completes it."""
        with open(self.directory / ".lock", "w") as lock:
            try:
                fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                raise StoreError(f"{database} needs recovery and a build is writing {shown_path(self.directory)}: "
                                 "retry when it has finished") from None
            try:
                ladybug.Database(str(database)).close()
            except RuntimeError as error:
                raise StoreError(f"{database} needs recovery, which needs it open by nobody else: "
                                 f"close other casegraph readers and retry ({error})") from None


class EmbeddedView:
    """A read-only connection to one build: the engine refuses writes, `limits` bound memory and time.

    `run` trusts its caller: ad-hoc text goes through `casegraph.queries.run_adhoc`
    (the guard) first; the read-only database is the second layer.
    """

    engine = "ladybug"

    def __init__(self, path: Path, profile: Profile = PUBLIC, limits: QueryLimits | None = None):
        self.path, self.profile = path, profile
        self.limits = limits or QueryLimits()
        self._database = ladybug.Database(str(path), read_only=True, buffer_pool_size=self.limits.memory or 0)
        self._connection = ladybug.Connection(self._database)
        self._siblings: dict[Profile, EmbeddedView] = {}
        self.records = RecordFiles.open(path.parent / RECORDS / profile)
        """The build's record files of this profile (`casegraph.graph.records`), None for a build without."""

    def sibling(self, profile: Profile) -> "EmbeddedView":
        """The same build's graph of `profile` (its database beside this one), opened at the first call
        with this view's limits, kept, and closed with this view. Raises `StoreError` if it is missing."""
        if profile == self.profile:
            return self
        if profile not in self._siblings:
            path = self.path.parent / DB_FILES[profile]
            if not path.exists():
                raise StoreError(f"the build at {shown_path(self.path.parent)} has no {profile} profile: run `casegraph build` again")
            self._siblings[profile] = EmbeddedView(path, profile, self.limits)
        return self._siblings[profile]

    def run(self, cypher: str, params: dict[str, Any] | None = None, bounded: bool = False) -> Result:
        """Rows of one statement; `bounded` applies the timeout (ad-hoc and catalog queries).

        Raises WriteRefused (the engine refused a write), QueryLimitHit (memory
        or timeout), QueryFailed (any other engine error, with its message).
        """
        timeout = self.limits.timeout if bounded else None
        self._connection.set_query_timeout(int(timeout * 1000) if timeout else 0)
        try:
            result = self._connection.execute(cypher, params or {})
        except RuntimeError as error:
            raise _failure(str(error), self.limits) from None
        finally:
            self._connection.set_query_timeout(0)
        if isinstance(result, list):  # more than one statement: the guard stops these before they get here
            for part in result:
                part.close()
            raise QueryFailed("LadybugDB: one statement per query")
        columns = result.get_column_names()
        rows = []
        while result.has_next():
            rows.append(result.get_next())
        result.close()
        # Column by column, values as they are where a column holds only scalars and lists of them
        # (a borough at 100,000 cases reads 2,300 rows of ~30 values: a look at each cost 20-60 ms).
        for index, values in enumerate(zip(*rows)):
            if not _plain_column(values):
                for row in rows:
                    row[index] = _value(row[index])
        return Result(columns, rows)

    def close(self) -> None:
        for sibling in self._siblings.values():
            sibling.close()
        if self.records is not None:
            self.records.close()
        self._connection.close()
        self._database.close()

    def __enter__(self) -> "EmbeddedView":
        return self

    def __exit__(self, *exc) -> None:
        self.close()


def _failure(message: str, limits: QueryLimits) -> Exception:
    """The engine's error as the error casegraph raises (see EmbeddedView.run)."""
    if "read-only" in message or "read only" in message:
        return WriteRefused("refused: the embedded store is opened read-only and this query would write")
    if message.strip() == "Interrupted.":
        return QueryLimitHit(limits.timeout_message())
    if "buffer pool is full" in message:
        memory = f"{limits.memory / 1024 ** 2:,.0f} MB" if limits.memory else "the buffer pool's size"
        return QueryLimitHit(limits.memory_message(f"its memory limit of {memory} (CASEGRAPH_QUERY_MEMORY)"))
    return QueryFailed(f"LadybugDB: {message}")


_SCALARS = frozenset((str, int, float, bool, type(None)))
_LISTED = frozenset((list, type(None)))


def _plain_column(values: tuple) -> bool:
    """Whether one column's values (of every row) are all as `_value` gives them: scalars, or lists
    of scalars (and None). Looked at in C (`map`, `filter`, `chain`), not value by value."""
    kinds = set(map(type, values))
    if kinds <= _SCALARS:
        return True
    return kinds <= _LISTED and _SCALARS.issuperset(map(type, chain.from_iterable(filter(None, values))))


def _value(value: Any) -> Any:
    """LadybugDB values -> the engine-neutral shapes of `casegraph.graph.values`."""
    if type(value) in _SCALARS:  # most values: as they are, without the checks below (a page reads thousands)
        return value
    if type(value) is list:  # the next most (a stored record has a dozen lists): a list of scalars as it is
        return value if _SCALARS.issuperset(map(type, value)) else [_value(v) for v in value]
    if isinstance(value, dict):
        if "_NODES" in value and "_RELS" in value:
            return path_value([_value(n) for n in value["_NODES"]], [_value(r) for r in value["_RELS"]])
        if "_SRC" in value and "_LABEL" in value:
            return rel_value(value["_LABEL"], {k: _value(v) for k, v in value.items() if not k.startswith("_")})
        if "_LABEL" in value and "_ID" in value:
            return node_value([value["_LABEL"]], {k: _value(v) for k, v in value.items() if not k.startswith("_")})
        return {k: _value(value[k]) for k in sorted(value)}  # sorted: see values.plain
    return plain(value)
