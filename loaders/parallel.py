"""Read the files of a large load in two processes: the first half here, the second in a helper.

Reading and validating is most of a large load's time, and all of it Python
on one core (BENCHMARKS.md, issue 12). A machine with two cores or more reads
data larger than READ_IN_TWO_BYTES in two processes: this one reads the first
files, a helper process (a fresh interpreter running `_helper`) the rest, about half the bytes each, and sends what it read back
column by column, pickled. Appended after this process's own, the helper's
rows come in file order, so the load that follows sees exactly what one reading
of every file gives (`reading.Read.then`): the same rows, problems and
messages, in the same order.
"""

from __future__ import annotations

import os
import pickle
import subprocess
import sys
from pathlib import Path
from typing import BinaryIO, Callable

from casegraph.loaders.columns import ColumnTable
from casegraph.loaders.reading import Read, read_files

__all__ = ["read_in_two", "reads_in_two", "READ_IN_TWO_BYTES"]

READ_IN_TWO_BYTES = 32 * 1024 ** 2
"""Data files larger than this together (bytes) are read in two processes: the helper costs ~2 s to start
(it imports casegraph afresh), and sending its half back ~a tenth of reading it (10,000 generated cases are
39 MB; the London data is 0.2 MB)."""

_HELPER = "import sys; from casegraph.loaders.parallel import _helper; _helper(int(sys.argv[1]))"
_META = ("files", "lines", "field_lines", "given", "restated")
"""What a ColumnTable holds beside its columns, sent after them."""

Progress = Callable[[str], None]


def reads_in_two(files: list[Path]) -> bool:
    """Whether a load of `files` reads them in two processes: more than one file, more than one core this
    process may use, and more than READ_IN_TWO_BYTES together."""
    return len(files) > 1 and len(os.sched_getaffinity(0)) > 1 \
        and sum(path.stat().st_size for path in files) > READ_IN_TWO_BYTES


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
    raised (a failure of casegraph's own, never a problem of the data: those are in the `Read`); a helper that
    ends without an answer (killed, out of memory) has its files read here instead, and `progress` says so."""
    split = _split(files)
    reading, writing = os.pipe()
    helper = subprocess.Popen([sys.executable, "-c", _HELPER, str(writing)], stdin=subprocess.PIPE,
                              pass_fds=(writing,))
    os.close(writing)
    try:
        with os.fdopen(reading, "rb") as stream:
            helper.stdin.write(pickle.dumps((files[split:], range(split + 1, len(files) + 1))))
            helper.stdin.close()
            read = read_files(files[:split], progress, range(1, len(files) + 1))
            later = _receive(stream, progress)
        helper.wait()
    finally:
        if helper.poll() is None:
            helper.kill()
            helper.wait()
    if later is None:
        if progress:
            progress(f"the process reading the later files ended without an answer (exit code {helper.returncode}: "
                     f"killed, or out of memory?); reading them here")
        later = read_files(files[split:], progress, range(split + 1, len(files) + 1))
    return read.then(later)


def _receive(stream: BinaryIO, progress: Progress | None) -> Read | None:
    """The helper's `Read` as `_send` sends it; None when the stream ends first."""
    try:
        while True:
            message = pickle.load(stream)
            if message[0] == "say":
                if progress:
                    progress(message[1])
            elif message[0] == "failed":
                raise message[1]
            else:
                break
        _, problems, unloaded, pending, tables = message
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


def _send(read: Read, stream: BinaryIO) -> None:
    """A `Read` to `_receive`: what failed first, then each table a column at a time, each column let go once
    sent (so the helper never holds its records and a copy of them)."""
    tables = [(kind, name, table) for kind, group in (("node", read.collected.nodes), ("rel", read.collected.rels))
              for name, table in group.items()]
    pickle.dump(("read", read.problems, read.unloaded, read.pending,
                 [(kind, name, list(table.values)) for kind, name, table in tables]), stream, pickle.HIGHEST_PROTOCOL)
    for _, _, table in tables:
        for column in list(table.values):
            pickle.dump(table.values.pop(column), stream, pickle.HIGHEST_PROTOCOL)
        pickle.dump(tuple(getattr(table, attribute) for attribute in _META), stream, pickle.HIGHEST_PROTOCOL)
    stream.flush()


def _helper(descriptor: int) -> None:
    """The helper process: reads (files, their numbers) pickled on stdin, writes to `descriptor` its progress
    messages ("say", text)..., then the `Read` (`_send`), or ("failed", the exception)."""
    from casegraph.loaders.load import paused_gc

    files, numbers = pickle.load(sys.stdin.buffer)
    with os.fdopen(descriptor, "wb") as stream:
        def say(text: str) -> None:
            pickle.dump(("say", text), stream)
            stream.flush()

        try:
            with paused_gc():
                _send(read_files(files, say, numbers), stream)
        except BaseException as error:  # noqa: BLE001 (the reading process raises it)
            try:
                pickle.dump(("failed", error), stream)
            except Exception:  # an exception that does not pickle: its text
                pickle.dump(("failed", RuntimeError(f"{type(error).__name__}: {error}")), stream)
