"""Record files: a build's records as Arrow IPC files beside each profile's database, read many at once.

Why: a reader that needs a part of the graph whole (the explorer's selections, for every view, export
and dossier of a borough; `projection.hydrate`) reads it from LadybugDB with a query per anchor node
and relationship type, 64-101 queries for a borough at 100,000 cases at about 1 ms each, most of a
borough's overview page (BENCHMARKS.md, "The explorer's pages"). So the build writes every table it
stages a second time, as an uncompressed Arrow IPC file: the same rows, from the same staged table,
that it COPYs into the profile's database. A reader maps the files (`pyarrow.memory_map`: nothing is
copied into memory; the pages a read touches are read from disk) and takes a part's rows with one
filter per table (`pyarrow.compute.is_in` over the table's ids, in C).

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


class RecordFiles:
    """One profile's record files, mapped: `nodes(label, ids)` and `relationships(type, from, to, keys)`
    give each found record's stored properties. Close it (or the view that holds it) when done."""

    def __init__(self, folder: Path):
        self.folder = folder
        self._maps: list[pa.MemoryMappedFile] = []
        self._nodes: dict[str, pa.Table] = {}
        self._rels: dict[tuple[str, str, str], pa.Table] = {}
        for entry in json.loads((folder / TABLES_FILE).read_text()):
            path = folder / record_file(entry["file"])
            _read_ahead(path)
            mapped = pa.memory_map(str(path))
            self._maps.append(mapped)
            table = pa.ipc.open_file(mapped).read_all()
            if entry["from"]:
                self._rels[(entry["table"], entry["from"], entry["to"])] = table
            else:
                self._nodes[entry["table"]] = table

    @classmethod
    def open(cls, folder: Path) -> "RecordFiles | None":
        """The record files in `folder`, or None when it has none (a build made before them).
        Raises OSError or `pyarrow.ArrowInvalid` for files that cannot be read."""
        return cls(folder) if (folder / TABLES_FILE).is_file() else None

    def nodes(self, label: str, ids: Iterable[str]) -> dict[str, dict[str, Any]]:
        """id -> stored properties (None left out) of the nodes of `label` among `ids`."""
        return self._taken(self._nodes.get(label), label, ids)

    def relationships(self, rel_type: str, from_label: str, to_label: str,
                      keys: Iterable[str]) -> dict[str, dict[str, Any]]:
        """id -> stored properties (None left out) of the relationships of `rel_type` from `from_label`
        to `to_label` among `keys`."""
        return self._taken(self._rels.get((rel_type, from_label, to_label)), rel_type, keys)

    @staticmethod
    def _taken(table: pa.Table | None, name: str, ids: Iterable[str]) -> dict[str, dict[str, Any]]:
        wanted = pa.array(list(ids), pa.string())
        if table is None or not len(wanted):
            return {}
        found = table.filter(pc.is_in(table.column("id"), value_set=wanted))
        names = [n for n in stored_columns(name) if n in found.column_names]
        columns = [found.column(n).to_pylist() for n in names]
        at = names.index("id")
        # values as the engine gives them: the schema's columns are scalars and lists of scalars
        # (`schemas.arrow`), which Arrow gives as Python's own, as `EmbeddedView.run` does
        return {values[at]: {n: v for n, v in zip(names, values) if v is not None} for values in zip(*columns)}

    def close(self) -> None:
        self._nodes.clear()  # the tables first: their buffers are the maps'
        self._rels.clear()
        for mapped in self._maps:
            mapped.close()
        self._maps.clear()
