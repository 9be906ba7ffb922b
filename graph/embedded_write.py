"""How the embedded store writes a build: stage each profile's tables as Parquet, then COPY each once.

A build has two steps that each need most of the memory a large build
takes, and never both at once:

1. **staging**: the Dataset (loaded here, or for large data loaded in one
   child process and staged in another: `load_and_stage`) is projected into both profiles (the full graph,
   and the public projection of `casegraph.graph.profile`), each with its
   aggregates counted from its own records (`casegraph.graph.aggregates`),
   and every table is written to a Parquet file under the build's folder;
2. **copying**: a fresh database per profile, casegraph's DDL, then one COPY
   per table from its file, the database reopened before a table that would
   take what it holds past REOPEN_ROWS (`copy_staged`).

Why one COPY per table (BENCHMARKS.md, issue 12, "Why the store step is slow
at 100,000 cases"): LadybugDB's COPY into a relationship table that already
holds rows costs more than all the rows before it, so the earlier build's
slices of 100,000 rows made SHOWS of 100,000 cases (478,175 rows) take
1,194 s against 41 s in one COPY. One COPY of that table needs ~1.7 GB
for a moment, which fits under the 2 GB build target only in a process that
holds nothing else: so data larger than LOAD_IN_CHILD_BYTES is loaded and
staged in child processes that exit (and give their memory back) before the
first COPY.
"""

from __future__ import annotations

import itertools
import json
import shutil
import tempfile
from pathlib import Path
from typing import Callable, Iterable

import ladybug
import pyarrow as pa
import pyarrow.parquet as pq

from casegraph.graph.aggregates import filed_facts, with_aggregates
from casegraph.graph.profile import PUBLIC, RESTRICTED, Profile, public_dataset
from casegraph.graph.records import RECORDS, TABLES_FILE, record_file, write_records
from casegraph.graph.rows import node_tables, rel_tables
from casegraph.graph.store import Loaded, Progress, StoreError
from casegraph.loaders.dataset import Dataset
from casegraph.loaders.load import release_free_memory
from casegraph.loaders.parallel import usable_cores
from casegraph.processes import Child, Ended, NotPickled
from casegraph.schemas.aggregates import FILED_LABEL
from casegraph.schemas.ddl import ladybug_ddl

__all__ = ["stage_dataset", "load_and_stage", "copy_staged", "copy_profiles", "LOAD_IN_CHILD_BYTES",
           "WRITE_BUFFER_POOL", "PROFILES", "Produce"]

PROFILES: tuple[Profile, ...] = (RESTRICTED, PUBLIC)
"""The profiles a build stages and writes, in this order (each a database of its own)."""

LOAD_IN_CHILD_BYTES = 32 * 1024 ** 2
"""Data files larger than this (bytes, all files together) are loaded and staged in a child process.

The child costs ~2.5 s to start (it imports casegraph afresh), so small data (the London data is
~0.2 MB; 32 MB is ~8,000 generated cases: 10,000 are 39 MB) loads in the building process, where the load's memory
and a COPY's are both small."""

WRITE_BUFFER_POOL = 2 * 1024 ** 3
"""The buffer pool of a database a build writes, in bytes: more than the largest COPY needs, and not
LadybugDB's default of 80 % of the machine's memory, whose bookkeeping alone costs ~45 MB on a 24 GB
machine (~11 MB here)."""


# -- staging --------------------------------------------------------------------------------------

def stage_dataset(dataset: Dataset, folder: Path | None, say: Progress) -> Loaded:
    """Write both profiles' tables of `dataset` as Parquet under `folder/<profile>/` (nothing when
    `folder` is None: the store already holds this data); return what the build reports of it.

    Raises OSError when the folder cannot be written."""
    loaded = Loaded.of(dataset)
    if folder is not None:
        _stage_profiles(dataset, folder, say)
    return loaded


def _stage_profiles(dataset: Dataset, folder: Path, say: Progress, profiles: Iterable[Profile] = PROFILES) -> None:
    """Stage each of `profiles` of `dataset` under `folder/<profile>/`."""
    for profile in profiles:
        say(_STAGING[profile])
        _stage_profile(with_aggregates(dataset if profile == RESTRICTED else public_dataset(dataset)), folder / profile)


_STAGING = {RESTRICTED: "staging the restricted profile (all data)",
            PUBLIC: "staging the public profile (restricted data left out)"}


def _stage_profile(dataset: Dataset, folder: Path) -> None:
    """One profile's tables as Parquet files in COPY order (nodes, relationships, `FiledFact`), listed in
    TABLES_FILE. Uncompressed: the format LadybugDB COPYs fastest (the build benchmark's baseline).
    The same tables (not `FiledFact`, which no reader takes whole) as record files under `RECORDS`
    (`casegraph.graph.records`), with their own TABLES_FILE."""
    (folder / RECORDS).mkdir(parents=True)
    entries: list[dict] = []

    def write(name: str, tables: Iterable[pa.Table], from_label: str | None = None,
              to_label: str | None = None) -> None:
        file = f"{len(entries):02d}-{name}" + (f"-{from_label}-{to_label}" if from_label else "") + ".parquet"
        rows = _write_parquet(tables, folder / file)
        if rows is not None:
            entries.append({"table": name, "from": from_label, "to": to_label, "rows": rows, "file": file})

    for table in node_tables(dataset):
        if len(table):
            write(table.name, [table.arrow])
            write_records(table.arrow, folder / RECORDS / record_file(entries[-1]["file"]))
    for table in rel_tables(dataset):
        write(table.name, [table.arrow], table.from_label, table.to_label)
        write_records(table.arrow, folder / RECORDS / record_file(entries[-1]["file"]))
    (folder / RECORDS / TABLES_FILE).write_text(json.dumps(entries, indent=1))
    write(FILED_LABEL, filed_facts(dataset))
    (folder / TABLES_FILE).write_text(json.dumps(entries, indent=1))


def _write_parquet(tables: Iterable[pa.Table], path: Path) -> int | None:
    """Tables of one schema as one uncompressed Parquet file at `path`, each written (and let go) before
    the next is made (`filed_facts`); returns the rows written, or None (and no file) when `tables` is
    empty. Raises OSError."""
    tables = iter(tables)
    first = next(tables, None)
    if first is None:
        return None
    rows = 0
    with pq.ParquetWriter(path, first.schema, compression="none") as writer:
        for table in itertools.chain([first], tables):
            writer.write_table(table)
            rows += table.num_rows
    return rows


# -- loading and staging in child processes ------------------------------------------------------

def load_and_stage(files: Iterable[Path], folder: Path | None, say: Progress,
                   isolate: bool | None = None) -> Loaded:
    """`loaders.load` the files and `stage_dataset` the result; in child processes when `isolate`,
    or (None) when the files are larger than LOAD_IN_CHILD_BYTES together. Returns `Loaded`.

    Isolated, one child loads the files and saves the Dataset (`Dataset.save`, Arrow files under
    `folder/DATASET`) and exits; then one child per profile stages it from those files, memory-mapped, and
    exits: staging in the process that loaded would stand on all the memory the load's Python objects held
    and left fragmented, and each profile's staging on the other's (100,000 generated cases: 2,331 MB in one
    process; the load alone ~1,790 MB, the restricted profile's staging ~1,200 MB, the public's ~1,670 MB,
    BENCHMARKS.md). Each child is a fresh interpreter running `_run` (`casegraph.processes.Child`): it
    inherits no memory or threads, and runs none of the calling program. The loading child's temporary files
    are under `folder` (`TEMPORARY`). Their progress messages reach `say`; their errors are raised here as
    they were raised there (`LoadError` with every problem).
    Raises StoreError when a child ends without an answer (killed, out of memory), or with an error that does
    not pickle (its text)."""
    files = [Path(f) for f in files]
    if isolate is None:
        isolate = sum(f.stat().st_size for f in files) > LOAD_IN_CHILD_BYTES
    if not isolate:
        return _load_and_stage(files, folder, say)
    saved = folder / DATASET if folder is not None else None
    loaded = _in_child(("load", files, saved), say)
    if folder is not None:
        for profile in PROFILES:
            _in_child(("stage", saved, folder, profile), say)
        shutil.rmtree(saved)
    return loaded


DATASET = "dataset"
"""Where under the staging folder the loading child saves the Dataset for the staging child."""

TEMPORARY = "tmp"
"""Where under the staging folder the loading child and its helpers keep their temporary files (a helper's
columns: hundreds of MB at 100,000 cases): in the build's partial folder, which a failed build removes, and the
next build when this one was killed; never in the system's temporary folder, where a killed child's would stay
(and on a tmpfs /tmp take memory)."""


def _in_child(task: tuple, say: Progress):
    """Run `task` (`_run`) in a fresh child process; its answer, or raise its error (StoreError when it ends
    without an answer)."""
    return _answer(_child(task), task[0], say)


def _child(task: tuple) -> Child:
    return Child("casegraph.graph.embedded_write:_run", task)


def _answer(child: Child, kind: str, say: Progress):
    """The answer of a child running a task of `kind` (`processes.Child.answer`); StoreError when it ended
    without one."""
    try:
        return child.answer(say)
    except Ended as ended:
        raise StoreError(f"the process {_DOING[kind]} ended without an answer ({ended}); nothing was written") \
            from None
    except NotPickled as error:  # an error of its own that did not pickle: its text, as one line
        raise StoreError(f"the process {_DOING[kind]} failed: {error}") from None


_DOING = {"load": "loading the data", "stage": "staging the data", "copy": "writing a database"}


def _load_and_stage(files: list[Path], folder: Path | None, say: Progress) -> Loaded:
    from casegraph.loaders import load

    return stage_dataset(load(files, progress=say), folder, say)


def _run(task: tuple, say: Progress):
    """A child's task: ("load", files, folder or None): load the files, save the Dataset in the folder, and
    return `Loaded`; ("stage", that folder, the staging folder, a profile): stage that profile of the saved
    Dataset; ("copy", a staged profile's folder, a database, a part, the largest table's MB in it):
    `copy_staged` of that part (both return None)."""
    if task[0] == "copy":
        _, folder, database, part, alone_mb = task
        copy_staged(folder, database, say, part, alone_mb)
        return None
    if task[0] == "load":
        from casegraph.loaders import load

        _, files, saved = task
        if saved is not None:  # the folders this process makes for its helpers' files (`TEMPORARY`)
            temporary = saved.parent / TEMPORARY
            temporary.mkdir(parents=True, exist_ok=True)
            tempfile.tempdir = str(temporary)
        dataset = load(files, progress=say)
        if saved is not None:
            dataset.save(saved)
        return Loaded.of(dataset)
    _, saved, folder, profile = task
    _stage_profiles(Dataset.open(saved), folder, say, (profile,))
    return None


# -- copying --------------------------------------------------------------------------------------

def copy_staged(folder: Path, database: Path, say: Progress, part: str = "all", alone_mb: float | None = None) -> None:
    """A database at `database` from one staged profile (`folder`, as `_stage_profile` wrote it): casegraph's
    DDL, then one COPY per table from its Parquet file, CHECKPOINT. `part` "small" creates the database and
    COPYs the node tables and the relationship tables up to `alone_mb` (default ALONE_MB; `_memory_of`),
    "large" COPYs the larger relationship tables into it (their ends are there), "all" does both at once.
    Raises RuntimeError (LadybugDB's) when a COPY fails.

    What a COPY allocated stays held until the database closes (40-110 MB for a node table of any
    size, ~3.5 KB a row for a relationship table), so a table that would take the rows COPYed since
    the database was opened past REOPEN_ROWS is COPYed into the database reopened: a large table's
    COPY never stands on what earlier ones hold, and small tables (all of the London data) share one
    opening, since each costs ~0.2 s."""
    alone_mb = ALONE_MB if alone_mb is None else alone_mb
    entries = [entry for entry in json.loads((folder / TABLES_FILE).read_text())
               if part == "all" or (bool(entry["from"]) and _memory_of(entry) > alone_mb) == (part == "large")]
    writer = _Writer(database)
    try:
        if part != "large":
            for statement in ladybug_ddl():
                writer.connection.execute(statement)
        held = 0
        for entry in entries:
            if held and held + entry["rows"] > REOPEN_ROWS:
                writer.reopen()
                held = 0
            say(_what(entry))
            _copy_table(writer, entry, folder / entry["file"])
            held += entry["rows"]
        writer.connection.execute("CHECKPOINT")
    finally:
        writer.close()


REOPEN_ROWS = 50_000
"""Rows COPYed into one opening of a database being written before it is reopened (see `copy_staged`)."""

NODE_TABLE_MB = 120
REL_ROW_KB = 3.5
"""What a COPY holds until its database closes: a node table's (40-110 MB whatever its size), a relationship
table's per row (100,000 generated cases: SHOWS, 478,175 rows, held ~1,560 MB; BENCHMARKS.md)."""

ALONE_MB = 500
"""A table whose COPY would hold more than this (`_memory_of`) is COPYed while no other process writes a
database: at 100,000 generated cases SHOWS (~1,560 MB) and INVOLVES (~730 MB). Two COPYs of the other tables
at once (up to ~350 MB each) and the two processes themselves stay under 2 GB, where two processes writing
every table at once, within a shared budget of estimates, reached 2,247 MB (BENCHMARKS.md)."""


def _memory_of(entry: dict) -> float:
    """What COPYing a staged table will hold until its database closes (MB, an estimate: `REL_ROW_KB`)."""
    return entry["rows"] * REL_ROW_KB / 1024 if entry["from"] else NODE_TABLE_MB


def copy_profiles(staged: Path, databases: dict[Profile, Path], say: Progress) -> None:
    """Write each profile's database from its staged folder (`staged/<profile>`). For data over COPY_IN_TWO_ROWS
    on a machine with two cores or more (LadybugDB's COPY from Parquet runs on one core), a child process writes
    the public profile's tables up to ALONE_MB while this one writes the restricted profile's; once the child
    has ended, this one COPYs the larger tables of each, one at a time. Raises RuntimeError (a COPY's) or
    StoreError (a child that ended without an answer)."""
    rows = sum(entry["rows"] for profile in PROFILES
               for entry in json.loads((staged / profile / TABLES_FILE).read_text()))
    if rows <= COPY_IN_TWO_ROWS or usable_cores() < 2:
        for profile in PROFILES:
            say(f"writing the {profile} profile's database")
            copy_staged(staged / profile, databases[profile], say)
        return
    say(f"writing the {RESTRICTED} and {PUBLIC} profiles' databases at once, their largest tables one by one")
    alone = ALONE_MB  # one value for both processes
    child = _child(("copy", staged / PUBLIC, databases[PUBLIC], "small", alone))
    try:
        copy_staged(staged / RESTRICTED, databases[RESTRICTED], say, "small", alone)
    except BaseException:
        child.stop()
        raise
    _answer(child, "copy", lambda text: say(f"{PUBLIC} profile: {text}"))  # it has ended: this process alone from here
    for profile in PROFILES:
        copy_staged(staged / profile, databases[profile], lambda text: say(f"{profile} profile: {text}"), "large",
                    alone)


COPY_IN_TWO_ROWS = 200_000
"""Staged rows (both profiles together) above which the two databases are written at once: a child costs ~2.5 s
to start (the London data is ~2,000 rows; 10,000 generated cases ~330,000)."""


def _what(entry: dict) -> str:
    if entry["table"] == FILED_LABEL:
        return f"filing {entry['rows']:,} rows of the evidence queries' answers"
    if entry["from"]:
        return f"loading {entry['rows']:,} {entry['table']} relationships ({entry['from']} -> {entry['to']})"
    return f"loading {entry['rows']:,} {entry['table']} nodes"


def _copy_table(writer: "_Writer", entry: dict, path: Path) -> None:
    """One COPY of a whole table from its Parquet file. Labels come from the schema (the staged list
    is ours); the path is a string literal, escaped."""
    options = f" (from='{entry['from']}', to='{entry['to']}')" if entry["from"] else ""
    literal = str(path).replace("\\", "\\\\").replace("'", "\\'")
    writer.connection.execute(f"COPY {entry['table']} FROM '{literal}'{options}")


class _Writer:
    """A database being written: `connection`, reopened between tables (see `copy_staged`)."""

    def __init__(self, path: Path):
        self.path = path
        self._open()

    def _open(self) -> None:
        self.database = ladybug.Database(str(self.path), buffer_pool_size=WRITE_BUFFER_POOL)
        self.connection = ladybug.Connection(self.database)

    def reopen(self) -> None:
        self.close()
        self._open()

    def close(self) -> None:
        self.connection.close()
        self.database.close()
        release_free_memory()


Produce = Callable[[Path | None, Progress], Loaded]
"""How a build gets its data: stage it under the folder given (None: only report it) and return Loaded."""

