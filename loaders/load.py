"""Load data files into a validated, resolved Dataset, or raise every problem.

sources -> raw records -> validated records -> resolved Dataset. Nothing
here writes to a store: a load either returns a whole Dataset or raises
LoadError listing all problems (all of each file, not only the first).
"""

from __future__ import annotations

import csv
import gc
from contextlib import contextmanager
from pathlib import Path
from typing import Callable, Iterable, Iterator

from casegraph.loaders.checks import check_dataset
from casegraph.loaders.columns import Collected
from casegraph.loaders.dataset import Dataset
from casegraph.loaders.problems import LoadError, Problem
from casegraph.loaders.raw import RawRecord
from casegraph.loaders.resolve import resolve
from casegraph.loaders.safety import check_publication_safety, restrict_restricted_citations
from casegraph.loaders.tabular import read_csv, read_jsonl
from casegraph.loaders.validate import validate_record
from casegraph.loaders.yaml_files import read_yaml

__all__ = ["load", "data_files", "default_data_dir", "READERS"]

READERS: dict[str, Callable[[Path], Iterator[RawRecord]]] = {
    ".yaml": read_yaml,
    ".yml": read_yaml,
    ".csv": read_csv,
    ".jsonl": read_jsonl,
}

Progress = Callable[[str], None]

PROGRESS_EVERY = 100_000
"""Records between progress messages on a long file."""


def default_data_dir() -> Path:
    """The curated dataset shipped with casegraph (`data/`, installed as `casegraph.data`)."""
    return Path(__file__).resolve().parent.parent / "data"


def data_files(paths: Iterable[Path]) -> list[Path]:
    """Every data file under the given files and folders, in a stable order."""
    found: list[Path] = []
    for path in paths:
        path = Path(path)
        if path.is_dir():
            found.extend(p for p in sorted(path.rglob("*")) if p.suffix in READERS and p.is_file())
        elif path.is_file():
            if path.suffix not in READERS:
                raise LoadError([Problem(str(path), None, None, None,
                                         "unsupported file type: expected .yaml, .yml, .csv or .jsonl")])
            found.append(path)
        else:
            raise LoadError([Problem(str(path), None, None, None, "no such file or folder")])
    return found


@contextmanager
def paused_gc() -> Iterator[None]:
    """Pause the cyclic garbage collector: a load allocates millions of objects that all stay
    alive, and each generation-2 pass would scan every one of them for nothing."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            # Everything allocated meanwhile is young: re-enabled as it is, the collector
            # would at once traverse millions of live records (seconds). Move them to the
            # permanent generation first; refcounting still frees them as usual.
            gc.freeze()
            gc.enable()


def load(paths: Iterable[Path] | None = None, progress: Progress | None = None) -> Dataset:
    """Read, validate, resolve and check; return the Dataset or raise LoadError.

    The Dataset's `warnings` (Problems) say what the load changed but did not refuse:
    public records citing a restricted source, made restricted."""
    with paused_gc():
        return _load(paths, progress)


def _load(paths: Iterable[Path] | None, progress: Progress | None) -> Dataset:
    files = data_files(paths or [default_data_dir()])
    problems: list[Problem] = []
    collected = Collected()
    invalid: set[str] = set()  # ids of records that failed validation
    for number, path in enumerate(files, start=1):
        if progress:
            progress(f"reading {path} ({number}/{len(files)})")
        try:
            for count, raw in enumerate(READERS[path.suffix](path), start=1):
                if progress and count % PROGRESS_EVERY == 0:
                    progress(f"  {count:,} records read from {path.name}")
                record, found = validate_record(raw)
                if record is None:
                    problems.extend(found)
                    invalid.add(str(raw.data.get("id")))
                    continue
                collected.add(record, raw)
        except LoadError as error:
            problems.extend(error.problems)
        except (UnicodeDecodeError, csv.Error) as error:
            problems.append(Problem(str(path), None, None, None, f"cannot read the file: {error}"))
    if progress:
        progress(f"resolving {sum(map(len, collected.nodes.values())):,} nodes "
                 f"and {sum(map(len, collected.rels.values())):,} relationships")
    tables, found = resolve(collected, invalid)
    del collected
    problems.extend(found)
    warnings = restrict_restricted_citations(tables)
    problems.extend(check_dataset(tables))
    problems.extend(check_publication_safety(tables))
    if problems:
        raise LoadError(problems)
    dataset = Dataset.from_tables(tables)
    dataset.warnings = sorted(warnings)
    return dataset
