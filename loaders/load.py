"""Load data files into a validated, resolved Dataset, or raise every problem.

sources -> raw records -> validated records -> resolved Dataset. Nothing
here writes to a store: a load either returns a whole Dataset or raises
LoadError listing all problems (all of each file, not only the first).
"""

from __future__ import annotations

import ctypes
import gc
import os
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path
from typing import Callable, Iterable, Iterator

from casegraph.loaders.checks import PERSON_CHECKS, check_citation_dates, check_dataset
from casegraph.loaders.exceptions import Exceptions
from casegraph.loaders.claim_wording import Wordings, check_conviction_wording, check_unbacked_convictions
from casegraph.loaders.columns import Collected, Tables
from casegraph.loaders.dataset import Dataset, prepare_conversion
from casegraph.loaders.lineage import check_citation_sources, derive_citations, drop_repeated_citations
from casegraph.loaders.problems import LoadError, Problem
from casegraph.loaders.public_versions import PublicVersions, restricted_sources
from casegraph.loaders.parallel import read_in_two, reads_in_two
from casegraph.loaders.raw import RawRecord
from casegraph.loaders.reading import READERS, lacking, read_files
from casegraph.loaders.resolve import resolve
from casegraph.loaders.safety import SafetyCheck, load_rules, restrict_restricted_citations
from casegraph.loaders.unloaded import Unloaded
from casegraph.loaders.validate import validate_record
from casegraph.schemas import schema
from casegraph.schemas.common import forget_shared_values

__all__ = ["load", "data_files", "default_data_dir", "paused_gc", "release_free_memory", "READERS"]

Progress = Callable[[str], None]


def default_data_dir() -> Path:
    """The curated dataset shipped with casegraph (`data/`, installed as `casegraph.data`)."""
    return Path(__file__).resolve().parent.parent / "data"


def data_files(paths: Iterable[Path]) -> list[Path]:
    """Every data file under the given files and folders, in a stable order.

    A data file ends in .yaml, .yml, .csv or .jsonl, in any case (`x.YAML`).
    Raises LoadError naming every path that is not what it seems: a path
    that does not exist, a file of another type named directly, a folder
    with no data file, a folder that cannot be listed, a symbolic link to
    nothing. Nothing is skipped in silence (other files in a folder, such as
    notes, are not data; the build lists the files it read).
    """
    found: list[Path] = []
    problems: list[Problem] = []
    for path in map(Path, paths):
        if path.is_dir():
            before = len(problems)
            files = _folder(path, problems)
            if not files and len(problems) == before:
                problems.append(Problem(str(path), None, None, None,
                                        "no data files (.yaml, .yml, .csv, .jsonl) in this folder"))
            found.extend(files)
        elif path.is_file():
            if path.suffix.lower() not in READERS:
                problems.append(Problem(str(path), None, None, None,
                                        "unsupported file type: expected .yaml, .yml, .csv or .jsonl"))
            else:
                found.append(path)
        elif path.is_symlink():
            problems.append(Problem(str(path), None, None, None, "a symbolic link to nothing"))
        else:
            problems.append(Problem(str(path), None, None, None, "no such file or folder"))
    if problems:
        raise LoadError(problems)
    return found


def _folder(folder: Path, problems: list[Problem]) -> list[Path]:
    """The data files under a folder (following links to folders once each), sorted."""
    found: list[Path] = []
    seen: set[str] = set()

    def refused(error: OSError) -> None:
        problems.append(Problem(error.filename or str(folder), None, None, None,
                                f"cannot list the folder: {error.strerror or error}"))

    for root, folders, names in os.walk(folder, onerror=refused, followlinks=True):
        real = os.path.realpath(root)
        if real in seen:  # a link back to a folder already read
            folders[:] = []
            continue
        seen.add(real)
        folders.sort()
        for name in names:
            path = Path(root) / name
            if path.suffix.lower() not in READERS:
                continue
            if path.is_symlink() and not path.exists():
                problems.append(Problem(str(path), None, None, None, "a symbolic link to nothing"))
            else:
                found.append(path)
    return sorted(found)


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


def release_free_memory() -> None:
    """Hand the memory malloc holds free back to the system (glibc's `malloc_trim`; elsewhere nothing).

    Called where a large amount has just been freed (a load's column lists, a closed database): glibc
    keeps it otherwise, and the next step's peak would stand on top of it."""
    if _MALLOC_TRIM is not None:
        _MALLOC_TRIM(0)


def _malloc_trim():
    try:
        return ctypes.CDLL(None).malloc_trim
    except (OSError, AttributeError):  # not glibc
        return None


_MALLOC_TRIM = _malloc_trim()


def _restatements(pending: list[tuple[RawRecord, list[Problem]]], collected: Collected,
                  unloaded: Unloaded) -> list[Problem]:
    """Add each pending record (`reading._restating`) that restates a node another record gives in full: its
    missing required fields are the first such record's, and count as not stated (they contest nothing
    and are credited to no source of this record). Returns the problems of the rest, in place of which
    they join `unloaded`: a record with other problems too gives those alone when it restates a node
    (given, or failed: the record giving it in full has its own problems), every one of them otherwise."""
    labels = {n.kind: n.label for n in schema().nodes}
    firsts: dict[str, dict[str, int]] = {}  # label -> node id -> the first row giving it
    problems: list[Problem] = []
    failed: list[RawRecord] = []  # joining `unloaded` after the loop: only records failed as read count above
    for raw, found in pending:
        kind, node_id = raw.data["kind"], raw.data["id"]
        label = labels.get(kind, "")
        table = collected.nodes.get(label)
        if table is not None and label not in firsts:
            firsts[label] = {}
            for row, given_id in enumerate(table["id"]):
                firsts[label].setdefault(given_id, row)
        row = firsts[label].get(node_id) if table is not None else None
        record, filled = None, {p.field for p in found if lacking(p)}
        if row is not None:
            data = {**raw.data, **{field: table[field][row] for field in filled}}
            record, found = validate_record(replace(raw, data=data))
        elif unloaded.gives(kind, node_id):
            found = [p for p in found if not lacking(p)]
        if record is None:
            problems.extend(found)
            failed.append(raw)
            continue
        collected.add(record, raw, frozenset(record.model_fields_set - filled))
    for raw in failed:
        unloaded.add_record(raw)
    return problems


def load(paths: Iterable[Path] | None = None, progress: Progress | None = None) -> Dataset:
    """Read, validate, resolve and check; return the Dataset or raise LoadError.

    `paths=None` loads the shipped data; an empty list is an error, never the
    shipped data in its place. A file with no records is an error. The
    Dataset's `warnings` (Problems) say what the load changed but did not
    refuse: public records citing only restricted sources, made restricted;
    public records citing public and restricted sources, published with their
    public citations only (their `public_versions`); a citation stated twice
    for one fact, kept once (`lineage.drop_repeated_citations`).
    """
    prepare_conversion()
    try:
        with paused_gc():
            return _load(paths, progress)
    finally:
        forget_shared_values()
        release_free_memory()


def _load(paths: Iterable[Path] | None, progress: Progress | None) -> Dataset:
    files = data_files([default_data_dir()] if paths is None else paths)
    if not files:
        raise LoadError([Problem("(no data)", None, None, None, "no data files were given")])
    in_two = reads_in_two(files)  # a large load on two cores: a helper reads half the files, another judges texts
    read = read_in_two(files, progress) if in_two else read_files(files, progress)
    problems, collected, unloaded = read.problems, read.collected, read.unloaded
    pending, read = read.pending, None
    problems.extend(_restatements(pending, collected, unloaded))
    if progress:
        progress(f"resolving {sum(map(len, collected.nodes.values())):,} nodes "
                 f"and {sum(map(len, collected.rels.values())):,} relationships")
    problems.extend(check_citation_sources(collected, unloaded))
    versions = PublicVersions(restricted_sources(collected))
    tables, found = resolve(collected, unloaded, versions)
    del collected
    problems.extend(found)
    problems.extend(check_citation_dates(tables))  # as written: before repeats are dropped and dates ordered
    problems.extend(unloaded.problems())
    found, repeated = drop_repeated_citations(tables, versions.tables.values())
    problems.extend(found)
    found, undated = derive_citations(tables, versions.tables.values())
    problems.extend(found)
    warnings = restrict_restricted_citations(tables, versions) + repeated + undated
    exceptions = Exceptions(tables, (*(rule.id for rule in load_rules()), *PERSON_CHECKS))
    problems.extend(exceptions.unknown())
    # the public texts judged by a helper while the checks below run; they change no table (the helper judged the
    # values and rows of now: a value changed in between would be read as judged clean)
    safety = SafetyCheck(tables, helper=in_two, progress=progress)
    release_free_memory()  # what collecting its texts freed: the checks below and the Arrow tables stand on it
    try:
        problems.extend(check_dataset(tables, exceptions))
        wordings = Wordings()  # the three conviction checks read the same texts
        worded = check_conviction_wording(tables, wordings=wordings)
        unbacked = check_unbacked_convictions(tables, wordings)
        problems.extend(safety.problems(exceptions))
    finally:
        safety.close()
    problems.extend(worded)
    warnings.extend(exceptions.stale())  # after the safety check, which uses them
    warnings.extend(unbacked)
    versioned = Tables({key: t for key, t in versions.tables.items() if isinstance(key, str)},
                       {key: t for key, t in versions.tables.items() if not isinstance(key, str)})
    said = {(p.file, p.line, p.record, p.field) for p in problems}  # the whole fact's error says it already
    problems.extend(p for p in check_conviction_wording(versioned, public=True, wordings=wordings)
                    if (p.file, p.line, p.record, p.field) not in said)
    if problems:
        raise LoadError(problems)
    del safety, wordings, said  # what the checks kept, given back before the Arrow tables are made
    release_free_memory()
    dataset = Dataset.from_tables(tables, versions.tables)
    dataset.warnings = sorted(warnings)
    return dataset
