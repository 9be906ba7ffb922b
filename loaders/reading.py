"""Read data files and validate their records into columns: the first step of a load.

files -> raw records (`READERS`) -> validated records -> `Collected` columns. What a
file or record gets wrong is kept as problems, the records that failed as
`Unloaded` (so that references to them are not reported again), and the node
records that lack required fields as `pending` (they may restate a node another
record gives in full: `loaders.load` decides once every file is read).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterator

from casegraph.loaders.columns import Collected
from casegraph.loaders.problems import LoadError, Problem
from casegraph.loaders.raw import RawRecord
from casegraph.loaders.tabular import read_csv, read_jsonl
from casegraph.loaders.unloaded import Unloaded
from casegraph.loaders.validate import MISSING, validate_record
from casegraph.loaders.yaml_files import read_yaml
from casegraph.schemas.text import shown_path
from casegraph.schemas.words import counted

__all__ = ["Read", "read_files", "lacking", "READERS", "PROGRESS_EVERY"]

READERS: dict[str, Callable[[Path], Iterator[RawRecord]]] = {
    ".yaml": read_yaml,
    ".yml": read_yaml,
    ".csv": read_csv,
    ".jsonl": read_jsonl,
}

PROGRESS_EVERY = 100_000
"""Records between progress messages on a long file."""

Progress = Callable[[str], None]


@dataclass
class Read:
    """What reading some files gave: their valid records as columns, their problems (in file order), the
    records and files that failed (`Unloaded`), and the node records that may restate a node (`pending`:
    each with its problems)."""

    collected: Collected = field(default_factory=Collected)
    problems: list[Problem] = field(default_factory=list)
    unloaded: Unloaded = field(default_factory=Unloaded)
    pending: list[tuple[RawRecord, list[Problem]]] = field(default_factory=list)

    def then(self, later: "Read") -> "Read":
        """This read followed by `later`, a read of the files after these (in place): every table's rows in
        file order, as one read of all the files gives them."""
        self.collected.concat(later.collected)
        self.problems += later.problems
        self.unloaded.update(later.unloaded)
        self.pending += later.pending
        return self


def read_files(files: list[Path], progress: Progress | None = None, numbers: range | None = None) -> Read:
    """Read and validate `files`, in order; `numbers` are their places among all the files a load reads
    (for the progress messages: "reading x.yaml (3/20)"), and its `stop` is how many there are. Never raises
    for what the files hold: every problem is in the `Read`."""
    numbers = numbers if numbers is not None else range(1, len(files) + 1)
    read = Read()
    for number, path in zip(numbers, files):
        if progress:
            progress(f"reading {shown_path(path)} ({number}/{numbers.stop - 1})")
        _read_file(path, read, progress)
    return read


def _read_file(path: Path, read: Read, progress: Progress | None) -> None:
    problems, unloaded = read.problems, read.unloaded
    count = 0
    try:
        for count, raw in enumerate(READERS[path.suffix.lower()](path), start=1):
            if progress and count % PROGRESS_EVERY == 0:
                progress(f"  {counted(count, 'record')} read from {shown_path(path.name)}")
            record, found = validate_record(raw)
            if record is None and _restating(raw, found):
                read.pending.append((raw, found))
                continue
            if record is None:
                problems.extend(found)
                unloaded.add_record(raw)
                continue
            read.collected.add(record, raw)
        if count == 0:
            problems.append(Problem(str(path), None, None, None,
                                    "no records: the file is empty (a data file holds at least one record)"))
    except LoadError as error:
        problems.extend(error.problems)
        if count == 0:  # refused before its first record (not YAML, a bad CSV header): none of them read
            unloaded.add_file(str(path))
    except UnicodeDecodeError as error:
        unloaded.add_file(str(path))
        problems.append(Problem(str(path), None, None, None, f"not UTF-8 text: {error.reason} "
                                                             f"at byte {error.start}"))
    except OSError as error:
        unloaded.add_file(str(path))
        problems.append(Problem(str(path), None, None, None,
                                f"cannot read the file: {error.strerror or type(error).__name__}"))


def lacking(problem: Problem) -> bool:
    """Whether a problem is a required top-level field left out (which a restatement may leave out)."""
    return problem.message == MISSING and bool(problem.field) and "." not in problem.field


def _restating(raw: RawRecord, found: list[Problem]) -> bool:
    """Whether a failed node record lacks required fields and has a kind and an id: it may restate a node
    (`loaders.load`), which makes those fields given, whatever its other problems."""
    return isinstance(raw.data.get("kind"), str) and isinstance(raw.data.get("id"), str) \
        and any(map(lacking, found))
