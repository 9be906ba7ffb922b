"""Read the files of a large load in two processes: the first half here, the second in a helper.

Reading and validating is most of a large load's time, and all of it Python
on one core (BENCHMARKS.md, issue 12). A machine with two cores or more reads
data larger than READ_IN_TWO_BYTES in two processes: this one reads the first
files, a helper process (a fresh interpreter running `_helper`) the rest, about half the bytes each. The helper
pickles what it read into a file, a column at a time, and exits; only then
does this process read it back, so the two never hold the helper's records at
once (through a pipe, 100,000 generated cases held ~2,020 MB in the two). Appended after this process's own, the helper's
rows come in file order, so the load that follows sees exactly what one reading
of every file gives (`reading.Read.then`): the same rows, problems and
messages, in the same order.
"""

from __future__ import annotations

import os
import pickle
import tempfile
from pathlib import Path
from typing import Callable

from casegraph.loaders.columns import ColumnTable
from casegraph.loaders.reading import Read, read_files
from casegraph.processes import Child, Ended

__all__ = ["read_in_two", "reads_in_two", "usable_cores", "READ_IN_TWO_BYTES"]

READ_IN_TWO_BYTES = 32 * 1024 ** 2
"""Data files larger than this together (bytes) are read in two processes: the helper costs ~2 s to start
(it imports casegraph afresh), and sending its half back ~a tenth of reading it (10,000 generated cases are
39 MB; the London data is 0.2 MB)."""

HELPER = "casegraph.loaders.parallel:_helper"
"""The helper's task (`processes.Child`)."""
_META = ("files", "lines", "field_lines", "given", "restated")
"""What a ColumnTable holds beside its columns, sent after them."""

Progress = Callable[[str], None]


def reads_in_two(files: list[Path]) -> bool:
    """Whether a load of `files` reads them in two processes: more than one file, more than one core this
    process may use, and more than READ_IN_TWO_BYTES together."""
    return len(files) > 1 and usable_cores() > 1 and sum(path.stat().st_size for path in files) > READ_IN_TWO_BYTES


def usable_cores() -> int:
    """The cores this process may run on (its CPU affinity where the system tells it), at least 1."""
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


def _split(files: list[Path]) -> int:
    """Where the helper's files start: the first file at which the files before it hold half the bytes."""
    sizes = [path.stat().st_size for path in files]
    total, before = sum(sizes), 0
    for at, size in enumerate(sizes):
        if before + size / 2 > total / 2:
            return max(1, at)
        before += size
    return len(files) - 1


def read_in_two(files: list[Path], progress: Progress | None = None) -> Read:
    """`reading.read_files(files, progress)`, the second half of the files read by a helper process at the same
    time. Its progress messages follow this process's, as one reading would give them. Raises what the helper
    raised (a failure of casegraph's own, never a problem of the data: those are in the `Read`; a MemoryError
    too), and OSError when the temporary folder cannot be written or the helper cannot start; a helper that ends
    without an answer (killed,
    by the system's out-of-memory killer too) has its files read here instead, and `progress` says so."""
    split = _split(files)
    with tempfile.TemporaryDirectory(prefix="casegraph-read-") as folder:
        handover = Path(folder) / "read.pickle"
        helper = Child(HELPER, (files[split:], range(split + 1, len(files) + 1), handover))
        try:
            read = read_files(files[:split], progress, range(1, len(files) + 1))
        except BaseException:
            helper.stop()
            raise
        try:
            helper.answer(progress)  # it has ended: its memory is the system's again before its records are read
            later = _receive(handover)
            ended = "its answer was cut short"
        except Ended as error:
            later, ended = None, str(error)
    if later is None:
        if progress:
            progress(f"the process reading the later files ended without an answer ({ended}); reading them here")
        later = read_files(files[split:], progress, range(split + 1, len(files) + 1))
    return read.then(later)


def _receive(handover: Path) -> Read | None:
    """The `Read` `_send` wrote to `handover`; None if the file ends first."""
    with open(handover, "rb") as stream:
        try:
            problems, unloaded, pending, tables = pickle.load(stream)
            read = Read(problems=problems, unloaded=unloaded, pending=pending)
            for kind, name, columns in tables:
                values = {column: pickle.load(stream) for column in columns}
                table = ColumnTable(name, values)
                for attribute, value in zip(_META, pickle.load(stream)):
                    setattr(table, attribute, value)
                (read.collected.nodes if kind == "node" else read.collected.rels)[name] = table
            return read
        except EOFError:
            return None


def _send(read: Read, handover: Path) -> None:
    """A `Read` to the file `_receive` reads: what failed first, then each table a column at a time, each column
    let go once written (so the helper never holds its records and a whole copy of them)."""
    tables = [(kind, name, table) for kind, group in (("node", read.collected.nodes), ("rel", read.collected.rels))
              for name, table in group.items()]
    with open(handover, "wb") as stream:
        pickle.dump((read.problems, read.unloaded, read.pending,
                     [(kind, name, list(table.values)) for kind, name, table in tables]), stream,
                    pickle.HIGHEST_PROTOCOL)
        for _, _, table in tables:
            for column in list(table.values):
                pickle.dump(table.values.pop(column), stream, pickle.HIGHEST_PROTOCOL)
            pickle.dump(tuple(getattr(table, attribute) for attribute in _META), stream, pickle.HIGHEST_PROTOCOL)


def _helper(task: tuple, say: Progress) -> None:
    """The helper process's task (`processes.Child`): (files, their numbers, the handover file); the `Read` of the
    files goes to the handover file (`_send`)."""
    from casegraph.loaders.load import paused_gc

    files, numbers, handover = task
    with paused_gc():
        _send(read_files(files, say, numbers), handover)
