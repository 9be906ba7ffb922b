"""What the benchmark runs in child processes, one measurement per process.

    python -m benchmarks.stages build   DATA STORE          the whole casegraph build, timed
    python -m benchmarks.stages prepare DATA TABLES FORMATS one build, instrumented: time per
                                                           stage, and the rows it COPYs written
                                                           to TABLES (in each of the comma-
                                                           separated FORMATS) for the baseline
    python -m benchmarks.stages copy    TABLES DB FORMAT    the raw engine baseline: a fresh
                                                           database, the same DDL, COPY each
                                                           table, nothing else

Each prints one JSON object on its last line. The parent (`benchmarks.build`)
reads the child's peak memory from `os.wait4`, so one measurement never
inherits another's memory.
"""

from __future__ import annotations

import json
import sys
import tempfile
import time
from pathlib import Path

__all__ = ["run_build", "run_prepare", "run_copy", "FORMATS"]

FORMATS = ("arrow", "parquet", "csv")
"""How the raw baseline feeds COPY: Arrow tables in memory, Parquet files, CSV files."""


def run_build(data: Path, store_dir: Path) -> dict:
    """The whole build as `casegraph build` does it: files, checksum, `EmbeddedStore.build_files`
    (the load and staging in a child process for large data, then the COPYs). The stages' seconds
    are read from the build's progress messages: `load` until staging begins, `stage` until the
    first database is written, `store` the rest."""
    from casegraph.graph.embedded import EmbeddedStore
    from casegraph.graph.store import input_checksum
    from casegraph.loaders import data_files

    marks: list[tuple[float, str, int]] = []  # (when, message, this process's resident KB then)

    def mark(message: str) -> None:
        marks.append((time.perf_counter(), message, _resident_kb()))

    started = time.perf_counter()
    files = data_files([data])
    checksum = input_checksum(files)
    summed = time.perf_counter()
    result = EmbeddedStore(store_dir).build_files(files, checksum, progress=mark)
    done = time.perf_counter()
    staging = next(t for t, message, _ in marks if message.startswith("staging the "))
    writing = next(t for t, message, _ in marks if message.startswith("writing the "))
    return {
        # what this process held while the load's child ran beside it (the two peaks never meet)
        "resident_mb_while_loading": max(kb for t, _, kb in marks if t < writing) / 1024,
        "seconds": done - started, "checksum": summed - started, "load": staging - summed,
        "stage": writing - staging, "store": done - writing, "nodes": sum(result.node_counts.values()),
        "relationships": sum(result.rel_counts.values()),
        "node_counts": result.node_counts, "rel_counts": result.rel_counts,
    }


def _resident_kb() -> int:
    """This process's resident set now (Linux /proc), in KB."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    return 0


def run_prepare(data: Path, tables: Path, formats: list[str]) -> dict:
    """One real build, instrumented: time per stage, and its final rows written out for the baseline.

    The stage functions `load()` and `EmbeddedStore.build()` call are wrapped
    with timers where they are looked up (module globals), so the breakdown
    follows the code as it is. The build runs in this process (`build` of the
    loaded Dataset, the stages `build_files` runs in a child for large data).
    The full graph's staged tables are kept for the baseline, in each format;
    the time that takes is left out of the total. Stages the wrappers do not
    see are reported as `other`. The files are read in this one process, so
    that every stage is timed (a build reads large data in two: `loaders.parallel`).
    """
    import importlib

    embedded = importlib.import_module("casegraph.graph.embedded")
    writing = importlib.import_module("casegraph.graph.embedded_write")
    loading = importlib.import_module("casegraph.loaders.load")  # the module, not `loaders.load()`
    reading = importlib.import_module("casegraph.loaders.reading")
    dataset_module = importlib.import_module("casegraph.loaders.dataset")
    safety = importlib.import_module("casegraph.loaders.safety")
    from casegraph.graph.store import input_checksum
    from casegraph.loaders import data_files

    clock = time.perf_counter
    times: dict[str, float] = {}
    tables.mkdir(parents=True, exist_ok=True)
    manifest: list[dict] = []

    def timed(stage, function):
        def wrapper(*args, **kwargs):
            start = clock()
            try:
                return function(*args, **kwargs)
            finally:
                times[stage] = times.get(stage, 0.0) + clock() - start
        return wrapper

    def timed_items(stage, function):  # a generator: time spent making each item
        def wrapper(*args, **kwargs):
            items = function(*args, **kwargs)
            while True:
                start = clock()
                try:
                    item = next(items)
                except StopIteration:
                    return
                finally:
                    times[stage] = times.get(stage, 0.0) + clock() - start
                yield item
        return wrapper

    copy_staged = writing.copy_staged

    def copy_and_keep(folder, database, say):
        copy_staged(folder, database, say)
        # The baseline is the raw COPY of the data once (the full graph): the public graph a build
        # writes beside it is part of what the build costs, not of the baseline.
        if database.name == embedded.DB_FILES["restricted"]:
            start = clock()
            for entry in json.loads((folder / writing.TABLES_FILE).read_text()):
                arrow = _read_parquet(folder / entry["file"])
                name = Path(entry["file"]).stem
                manifest.append({"kind": "rel" if entry["from"] else "node", "table": entry["table"],
                                 "from": entry["from"], "to": entry["to"], "rows": entry["rows"],
                                 "files": {fmt: _write(arrow, tables / name, fmt) for fmt in formats}})
            times["(kept)"] = clock() - start

    for suffix, reader in list(reading.READERS.items()):
        reading.READERS[suffix] = timed_items("read", reader)
    loading.reads_in_two = lambda files: False  # every stage timed here, in this one process
    for module, names in ((reading, {"validate_record": "validate"}),
                          (loading, {"validate_record": "validate", "resolve": "resolve", "check_dataset": "check"}),
                          (dataset_module, {"to_arrow": "arrow"}),
                          (writing, {"public_dataset": "public", "with_aggregates": "aggregates",
                                     "_write_parquet": "stage", "_copy_table": "copy"})):
        for name, stage in names.items():
            setattr(module, name, timed(stage, getattr(module, name)))
    for name in ("__init__", "problems"):  # its texts judged here too: `reads_in_two` is False
        setattr(safety.SafetyCheck, name, timed("safety", getattr(safety.SafetyCheck, name)))
    loading.check_conviction_wording = timed("wording", loading.check_conviction_wording)
    loading.check_unbacked_convictions = timed("wording", loading.check_unbacked_convictions)
    writing.copy_staged = copy_and_keep
    writing.COPY_IN_TWO_ROWS = float("inf")  # both databases written here, one after the other, every COPY timed

    with tempfile.TemporaryDirectory(prefix="profile-store-", dir=tables) as store:
        started = clock()
        files = data_files([data])
        dataset = loading.load(files)
        checksum = input_checksum(files)
        embedded.EmbeddedStore(store).build(dataset, checksum)
        total = clock() - started - times.pop("(kept)", 0.0)
    stages = {stage: times.get(stage, 0.0)
              for stage in ("read", "validate", "resolve", "check", "safety", "wording", "arrow", "public", "aggregates",
                            "stage", "copy")}
    stages["other"] = total - sum(stages.values())
    (tables / "manifest.json").write_text(json.dumps(manifest, indent=1))
    return {"stages": stages, "seconds": total, "tables": len(manifest), "rows": sum(t["rows"] for t in manifest)}


def _read_parquet(path: Path):
    import pyarrow.parquet as pq

    return pq.read_table(path)


def _write(arrow, stem: Path, fmt: str) -> str:
    import pyarrow.csv as pcsv
    import pyarrow.feather as feather
    import pyarrow.parquet as pq

    if fmt == "arrow":
        path = stem.with_suffix(".arrow")
        feather.write_feather(arrow, path, compression="uncompressed")
    elif fmt == "parquet":
        path = stem.with_suffix(".parquet")
        pq.write_table(arrow, path, compression="none")
    else:
        path = stem.with_suffix(".csv")
        pcsv.write_csv(_csv_ready(arrow), path)
    return path.name


def _csv_ready(arrow):
    """Lists as LadybugDB's CSV list literal `[a,b]` (only ints and simple strings reach here)."""
    import pyarrow as pa

    columns = {}
    for name, column in zip(arrow.column_names, arrow.columns):
        if pa.types.is_list(column.type):
            values = column.to_pylist()
            column = pa.array([None if v is None else "[" + ",".join(map(str, v)) + "]" for v in values])
        columns[name] = column
    return pa.table(columns)


def run_copy(tables: Path, db_dir: Path, fmt: str) -> dict:
    """The raw engine baseline: fresh database, casegraph's DDL, one COPY per table, CHECKPOINT."""
    import ladybug
    import pyarrow.feather as feather

    from casegraph.schemas.ddl import ladybug_ddl

    manifest = json.loads((tables / "manifest.json").read_text())
    frames = {}
    if fmt == "arrow":  # read before the clock starts: the baseline is the COPY itself
        frames = {t["files"][fmt]: feather.read_table(tables / t["files"][fmt], memory_map=False) for t in manifest}
    started = time.perf_counter()
    database = ladybug.Database(str(db_dir / "graph.lbdb"))
    connection = ladybug.Connection(database)
    for statement in ladybug_ddl():
        connection.execute(statement)
    for table in manifest:
        options = f" (from='{table['from']}', to='{table['to']}')" if table["kind"] == "rel" else ""
        if fmt == "arrow":
            rows = frames[table["files"][fmt]]  # noqa: F841 (LadybugDB finds `rows` among this frame's locals)
            connection.execute(f"COPY {table['table']} FROM rows{options}")
        else:
            path = str(tables / table["files"][fmt])
            header = "header=true, " if fmt == "csv" else ""
            if options or header:
                inner = (header + options.strip()[1:-1]).strip(", ")
                options = f" ({inner})"
            connection.execute(f"COPY {table['table']} FROM '{path}'{options}")
    connection.execute("CHECKPOINT")
    connection.close()
    database.close()
    return {"seconds": time.perf_counter() - started, "rows": sum(t["rows"] for t in manifest)}


def main(argv: list[str]) -> int:
    mode, *args = argv
    if mode == "build":
        report = run_build(Path(args[0]), Path(args[1]))
    elif mode == "prepare":
        report = run_prepare(Path(args[0]), Path(args[1]), args[2].split(","))
    elif mode == "copy":
        report = run_copy(Path(args[0]), Path(args[1]), args[2])
    else:
        raise SystemExit(f"unknown stage {mode!r}: expected build, prepare or copy")
    print(json.dumps(report))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
