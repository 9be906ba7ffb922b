"""Record files: a build's records as Arrow IPC files beside each profile's database, read many at once.

Why: a reader that needs a part of the graph whole (the explorer's selections, for every view, export
and dossier of a borough; `projection.hydrate`) reads it from LadybugDB with a query per anchor node
and relationship type, 64-101 queries for a borough at 100,000 cases at about 1 ms each, most of a
borough's overview page (BENCHMARKS.md, "The explorer's pages"). So the build writes every table it
stages a second time, as an uncompressed Arrow IPC file: the same rows, from the same staged table,
that it COPYs into the profile's database. A reader maps the files (`pyarrow.memory_map`: nothing is
copied into memory; the pages a read touches are read from disk) and takes a part's rows by their row
numbers, found in an index of the table's ids made at its first read, or for every table at once
(`RecordFiles.index`, as a server does when it opens): `_Index`, a search of sorted ids, ~25 bytes an
id. (A filter of the whole table's ids per read, `pyarrow.compute.is_in`, cost a borough's overview
60 ms at 100,000 cases: BENCHMARKS.md.)

Layout, in a build's folder (`graph.embedded`): `records/<profile>/` holds `tables.json` (as the
staging writes it: `[{table, from, to, rows, file}]`) and one `.arrow` file per table. The database
stays what every query answers from; the files hold what it holds and are written, moved and removed
with it. A build without them (made by an older casegraph) is read by queries.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any, Iterable

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from casegraph.graph.values import FILING
from casegraph.schemas import schema

__all__ = ["RecordFiles", "record_file", "write_records", "RECORDS", "TABLES_FILE", "stored_columns"]

RECORDS = "records"
"""The folder of a build (and of a staged profile) that holds its record files."""

TABLES_FILE = "tables.json"
"""A staged profile's list of tables, in COPY order: [{table, from, to, rows, file}]."""

def record_file(staged: str) -> str:
    """The record file's name of a staged table's Parquet file (`tables.json`'s `file`): the same, `.arrow`."""
    return staged.removesuffix(".parquet") + ".arrow"


def write_records(table: pa.Table, path: Path) -> None:
    """`table` as an uncompressed Arrow IPC file at `path` (the format a reader maps without copying).
    Raises OSError."""
    with pa.OSFile(str(path), "wb") as sink, pa.ipc.new_file(sink, table.schema) as writer:
        writer.write_table(table)


def stored_columns(label_or_type: str) -> list[str]:
    """The columns a part read whole gets of a record (`projection.hydrate`, both ways): the schema's,
    in its order, less the stored orders (`values.FILING`: the build's ranks for catalog queries)."""
    return [c.name for c in schema().columns_of(label_or_type) if c.name not in FILING]


def _read_ahead(path: Path) -> None:
    """Ask the kernel to read the file into its page cache now, in the background: a part's rows are
    scattered over the files, and each page first touched on a cold disk cost ~1.5 s per borough at
    100,000 cases (BENCHMARKS.md). Not held in the process's memory; a no-op where the call is missing."""
    if hasattr(os, "posix_fadvise"):
        descriptor = os.open(path, os.O_RDONLY)
        try:
            os.posix_fadvise(descriptor, 0, 0, os.POSIX_FADV_WILLNEED)
        finally:
            os.close(descriptor)


class _Index:
    """A table's ids, sorted, and where each is in the table: `rows(ids)` gives the row numbers of those
    of `ids` the table holds, in C (numpy's binary search), with no Python object per stored id."""

    def __init__(self, ids: pa.ChunkedArray):
        encoded = pc.cast(ids, pa.binary()).to_pylist()
        self.width = max(map(len, encoded), default=1)
        keys = np.array(encoded, dtype=f"S{self.width}")  # ids hold no NUL, which numpy strips
        self.order = np.argsort(keys, kind="stable").astype(np.int64)
        self.sorted = keys[self.order]

    def rows(self, ids: list[str]) -> np.ndarray:
        """Row numbers (int64) of the ids found, in the order of `ids`; an id not held is left out."""
        encoded = [i.encode() for i in ids]
        encoded = [e for e in encoded if len(e) <= self.width]  # longer: not held (numpy would cut it)
        if not encoded or not len(self.sorted):
            return np.empty(0, np.int64)
        wanted = np.array(encoded, dtype=f"S{self.width}")
        at = np.minimum(np.searchsorted(self.sorted, wanted), len(self.sorted) - 1)
        return self.order[at[self.sorted[at] == wanted]]


class RecordFiles:
    """One profile's record files, mapped: `nodes(label, ids)` and `relationships(type, from, to, keys)`
    give each found record's stored properties. Close it (or the view that holds it) when done."""

    def __init__(self, folder: Path):
        self.folder = folder
        self._maps: list[pa.MemoryMappedFile] = []
        self._tables: dict[str | tuple[str, str, str], pa.Table] = {}  # a label, or (type, from, to)
        self._indexes: dict[str | tuple[str, str, str], _Index] = {}
        self._filled: dict[str | tuple[str, str, str], list[str]] = {}
        for entry in json.loads((folder / TABLES_FILE).read_text()):
            path = folder / record_file(entry["file"])
            _read_ahead(path)
            mapped = pa.memory_map(str(path))
            self._maps.append(mapped)
            key = (entry["table"], entry["from"], entry["to"]) if entry["from"] else entry["table"]
            self._tables[key] = pa.ipc.open_file(mapped).read_all()

    @classmethod
    def open(cls, folder: Path) -> "RecordFiles | None":
        """The record files in `folder`, or None when it has none (a build made before them).
        Raises OSError or `pyarrow.ArrowInvalid` for files that cannot be read."""
        return cls(folder) if (folder / TABLES_FILE).is_file() else None

    def index(self) -> None:
        """Make every table's index of ids now (a reader's first read of a table makes it otherwise: about
        a second for all tables at 100,000 cases, ~35 MB), as a server does before its first page."""
        for key in self._tables:
            self._index(key)

    def _index(self, key: str | tuple[str, str, str]) -> _Index:
        found = self._indexes.get(key)
        if found is None:
            found = self._indexes[key] = _Index(self._tables[key].column("id"))
        return found

    def nodes(self, label: str, ids: Iterable[str]) -> dict[str, dict[str, Any]]:
        """id -> stored properties (None left out) of the nodes of `label` among `ids`."""
        return self._taken(label, label, ids)

    def relationships(self, rel_type: str, from_label: str, to_label: str,
                      keys: Iterable[str]) -> dict[str, dict[str, Any]]:
        """id -> stored properties (None left out) of the relationships of `rel_type` from `from_label`
        to `to_label` among `keys`."""
        return self._taken((rel_type, from_label, to_label), rel_type, keys)

    def _taken(self, key: str | tuple[str, str, str], name: str, ids: Iterable[str]) -> dict[str, dict[str, Any]]:
        if key not in self._tables:
            return {}
        table = self._tables[key]
        names = self._filled.get(key)
        if names is None:  # a column no row of the table fills gives nothing (a third of them at 100,000 cases)
            present = {n for n, column in zip(table.column_names, table.columns) if column.null_count < len(column)}
            names = self._filled[key] = [n for n in stored_columns(name) if n in present or n == "id"]
        found = table.select(names).take(self._index(key).rows(list(ids)))
        columns = [column.to_pylist() for column in found.columns]
        at = names.index("id")
        # values as the engine gives them: the schema's columns are scalars and lists of scalars
        # (`schemas.arrow`), which Arrow gives as Python's own, as `EmbeddedView.run` does
        return {values[at]: {n: v for n, v in zip(names, values) if v is not None} for values in zip(*columns)}

    def close(self) -> None:
        self._indexes.clear()
        self._filled.clear()
        self._tables.clear()  # the tables before the maps: their buffers are the maps'
        for mapped in self._maps:
            mapped.close()
        self._maps.clear()
