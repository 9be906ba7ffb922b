"""Benchmark: the whole casegraph build against the raw engine COPY of the same rows.

    python -m benchmarks.build --cases 100000 --seed 7

1. generates the dataset (`benchmarks.generate`; not timed, reused when the
   same arguments and generator made it before);
2. runs one instrumented build (not counted): timers around the stages
   `load()` and `EmbeddedStore.build()` call give the profile breakdown, and
   the Arrow tables it COPYs (the final node and relationship rows of
   `graph/rows.py`) are written out as Arrow, Parquet and CSV;
3. times the whole build as `casegraph build` runs it, `input_checksum` +
   `EmbeddedStore(tmp).build_files(...)`, best of `--repeat`, each run in its
   own process. Its peak memory is the resident memory of the process and
   every process it starts (the child that loads, its helper reading half
   the files, the child that stages) **together**, sampled every 0.05 s from
   /proc (`TreeMemory`), and no less than the largest single process's peak
   the kernel reports (`os.wait4`), which no sampling misses;
4. times the raw engine baseline, a fresh database with the same DDL
   (`ladybug_ddl()`) and one COPY per table of those rows, nothing else, in
   each format, best of `--repeat`; the fastest format is the baseline;
5. prints both times, the ratio, rows/s and peak memory (`--format json` for
   programs). Targets: ratio <= 4, peak RSS < 2 GB.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

from benchmarks.generate import generate
from benchmarks.stages import FORMATS

__all__ = ["main", "run_child", "TARGET_RATIO", "TARGET_RSS_MB"]

ROOT = Path(__file__).resolve().parent.parent
TARGET_RATIO = 4.0
TARGET_RSS_MB = 2048


def _say(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


class TreeMemory(threading.Thread):
    """Samples the resident memory of a process and all its descendants together (MB), every `interval`
    seconds, from Linux /proc, until `stop`: `peak` is the largest sum seen."""

    def __init__(self, pid: int, interval: float = 0.05):
        super().__init__(daemon=True)
        self.pid, self.interval, self.peak = pid, interval, 0.0
        self._stopped = threading.Event()

    def run(self) -> None:
        page = os.sysconf("SC_PAGE_SIZE")
        while not self._stopped.is_set():
            total = 0
            for pid in self._tree():
                try:
                    total += int(Path(f"/proc/{pid}/statm").read_text().split()[1]) * page
                except (OSError, IndexError, ValueError):  # it ended meanwhile
                    pass
            self.peak = max(self.peak, total / 2 ** 20)
            self._stopped.wait(self.interval)

    def _tree(self) -> list[int]:
        parents: dict[int, list[int]] = {}
        for entry in os.scandir("/proc"):
            if entry.name.isdigit():
                try:
                    stat = Path(f"/proc/{entry.name}/stat").read_text()
                except OSError:
                    continue
                parents.setdefault(int(stat.rsplit(")", 1)[1].split()[1]), []).append(int(entry.name))
        tree, todo = [], [self.pid]
        while todo:
            pid = todo.pop()
            tree.append(pid)
            todo.extend(parents.get(pid, ()))
        return tree

    def stop(self) -> float:
        self._stopped.set()
        self.join()
        return self.peak


def run_child(*args: str) -> tuple[dict, float, float, float]:
    """Run one `benchmarks.stages` step in a fresh process: its report, wall and CPU seconds, peak RSS (MB):
    the larger of the kernel's peak of its largest single process and the sampled peak of all its processes
    together (`TreeMemory`)."""
    with tempfile.TemporaryFile(mode="w+") as errors:
        started = time.perf_counter()
        child = subprocess.Popen([sys.executable, "-m", "benchmarks.stages", *args], cwd=ROOT,
                                 stdout=subprocess.PIPE, stderr=errors, text=True)
        memory = TreeMemory(child.pid)
        memory.start()
        output = child.stdout.read()
        together = memory.stop()  # the child closed its output: it is ending, its children ended
        _, status, usage = os.wait4(child.pid, 0)  # this child's own rusage, not all children's
        wall = time.perf_counter() - started
        child.returncode = os.waitstatus_to_exitcode(status)
        child.stdout.close()
        if child.returncode != 0:
            errors.seek(0)
            raise SystemExit(f"benchmark step {args[0]} failed ({child.returncode}):\n{errors.read()[-4000:]}")
    cpu = usage.ru_utime + usage.ru_stime
    return json.loads(output.strip().splitlines()[-1]), wall, cpu, max(usage.ru_maxrss / 1024, together)  # ru_maxrss: KB


def _generator_digest() -> str:
    digest = hashlib.sha256()
    for path in sorted((ROOT / "benchmarks").glob("*.py")):
        if path.name in ("generate.py", "geography.py", "vocabulary.py"):
            digest.update(path.read_bytes())
    digest.update((ROOT / "data" / "reference" / "indicators.yaml").read_bytes())
    return digest.hexdigest()[:16]


def _dataset(work: Path, cases: int, seed: int, authorities: int) -> tuple[Path, dict]:
    """The generated data folder, made now unless the same arguments and generator made it before."""
    data = work / f"data-{cases}-{seed}-{authorities}"
    stamp = {"cases": cases, "seed": seed, "authorities": authorities, "generator": _generator_digest()}
    stamp_file = data / "generated.json"
    if stamp_file.exists():
        saved = json.loads(stamp_file.read_text())
        if {k: saved.get(k) for k in stamp} == stamp:
            _say(f"reusing generated data in {data}")
            return data, saved
    _say(f"generating {cases:,} cases (seed {seed}) into {data}")
    started = time.perf_counter()
    counts = generate(data, cases, seed, authorities)
    saved = {**stamp, "counts": counts, "records": sum(counts.values()),
             "bytes": sum(p.stat().st_size for p in data.iterdir() if p.suffix in (".jsonl", ".csv")),
             "seconds": round(time.perf_counter() - started, 2)}
    stamp_file.write_text(json.dumps(saved, indent=2))  # not a data file: the loader reads .jsonl/.csv only
    return data, saved


def _best(runs: list[dict], key: str = "seconds") -> dict:
    return min(runs, key=lambda run: run[key])


def measure(cases: int, seed: int, authorities: int, repeat: int, formats: list[str], work: Path) -> dict:
    work.mkdir(parents=True, exist_ok=True)
    data, generated = _dataset(work, cases, seed, authorities)
    tables = work / f"tables-{cases}-{seed}-{authorities}"
    shutil.rmtree(tables, ignore_errors=True)

    _say("one instrumented build: the time of each stage, and the rows it COPYs kept for the baseline")
    prepared, _, _, prepare_rss = run_child("prepare", str(data), str(tables), ",".join(formats))

    builds = []
    for number in range(1, repeat + 1):
        store = Path(tempfile.mkdtemp(prefix="store-", dir=work))
        try:
            report, wall, cpu, rss = run_child("build", str(data), str(store))
        finally:
            shutil.rmtree(store, ignore_errors=True)
        builds.append({**report, "wall": wall, "cpu": cpu, "peak_rss_mb": rss})
        _say(f"build {number}/{repeat}: {report['seconds']:.2f} s ({cpu:.2f} s CPU), peak RSS {rss:,.0f} MB")

    baselines: dict[str, list[dict]] = {}
    for number in range(1, repeat + 1):
        for fmt in formats:
            db = Path(tempfile.mkdtemp(prefix=f"raw-{fmt}-", dir=work))
            try:
                report, wall, cpu, rss = run_child("copy", str(tables), str(db), fmt)
            finally:
                shutil.rmtree(db, ignore_errors=True)
            baselines.setdefault(fmt, []).append({**report, "wall": wall, "cpu": cpu, "peak_rss_mb": rss})
            _say(f"raw COPY from {fmt} {number}/{repeat}: {report['seconds']:.2f} s ({cpu:.2f} s CPU in the process)")
    shutil.rmtree(tables, ignore_errors=True)

    build = _best(builds)
    fastest = min(baselines, key=lambda fmt: _best(baselines[fmt])["seconds"])
    raw = _best(baselines[fastest])
    rows = build["nodes"] + build["relationships"]
    ratio = build["seconds"] / raw["seconds"]
    peak = max(run["peak_rss_mb"] for run in builds)
    return {
        "command": f"python -m benchmarks.build --cases {cases} --seed {seed}"
                   + (f" --authorities {authorities}" if authorities != 350 else "")
                   + (f" --repeat {repeat}" if repeat != 3 else ""),
        "cases": cases, "seed": seed, "authorities": authorities, "repeat": repeat,
        "input": {"files": str(data), "records": generated["records"], "bytes": generated["bytes"]},
        "nodes": build["nodes"], "relationships": build["relationships"],
        "node_counts": build["node_counts"], "rel_counts": build["rel_counts"],
        "build": {"seconds": build["seconds"], "load": build["load"], "checksum": build["checksum"],
                  "stage": build["stage"], "store": build["store"],
                  "resident_mb_while_loading": build["resident_mb_while_loading"],
                  "rows_per_s": rows / build["seconds"], "peak_rss_mb": peak,
                  "cpu_seconds": build["cpu"],
                  "runs": [round(run["seconds"], 3) for run in builds]},
        "raw_copy": {"format": fastest, "seconds": raw["seconds"], "rows_per_s": raw["rows"] / raw["seconds"],
                     "rows": raw["rows"],
                     "cpu_seconds": raw["cpu"],
                     "by_format": {fmt: {"best": _best(runs)["seconds"], "runs": [round(r["seconds"], 3) for r in runs],
                                         "peak_rss_mb": max(r["peak_rss_mb"] for r in runs)}
                                   for fmt, runs in baselines.items()}},
        "ratio": ratio,
        "breakdown": {"stages": prepared["stages"], "seconds": prepared["seconds"], "peak_rss_mb": prepare_rss},
        "targets": {"ratio": TARGET_RATIO, "peak_rss_mb": TARGET_RSS_MB,
                    "ratio_met": ratio <= TARGET_RATIO, "memory_met": peak < TARGET_RSS_MB},
    }


def _print(report: dict) -> None:
    build, raw = report["build"], report["raw_copy"]
    rows = report["nodes"] + report["relationships"]
    print(f"{report['command']}")
    print(f"  input           {report['input']['records']:>12,} records, {report['input']['bytes'] / 2**20:,.0f} MB")
    print(f"  graph           {report['nodes']:>12,} nodes, {report['relationships']:,} relationships ({rows:,} rows)")
    print(f"  casegraph build {build['seconds']:>12.2f} s  ({build['rows_per_s']:,.0f} rows/s; "
          f"checksum {build['checksum']:.2f} s, load {build['load']:.2f} s, stage {build['stage']:.2f} s, "
          f"store {build['store']:.2f} s; "
          f"{build['cpu_seconds']:.2f} s CPU)")
    print(f"  raw COPY        {raw['seconds']:>12.2f} s  ({raw['rows_per_s']:,.0f} rows/s; from {raw['format']}, "
          + ", ".join(f"{fmt} {v['best']:.2f} s" for fmt, v in raw["by_format"].items()) + ")")
    ok = lambda met: "met" if met else "NOT met"  # noqa: E731
    print(f"  ratio           {report['ratio']:>12.1f}x (target <= {TARGET_RATIO:g}x: {ok(report['targets']['ratio_met'])})")
    print(f"  peak RSS        {build['peak_rss_mb']:>12,.0f} MB (target < {TARGET_RSS_MB:,} MB: "
          f"{ok(report['targets']['memory_met'])}; the build's process held "
          f"{build['resident_mb_while_loading']:,.0f} MB while its load's child ran)")
    breakdown = report["breakdown"]
    print(f"  breakdown (one more build, instrumented: {breakdown['seconds']:.2f} s):")
    for stage, seconds in breakdown["stages"].items():
        print(f"    {stage:<10}{seconds:>9.2f} s  {100 * seconds / breakdown['seconds']:5.1f}%")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.build", description=__doc__.split("\n\n")[0])
    parser.add_argument("--cases", type=int, default=100_000, help="how many cases (default 100000)")
    parser.add_argument("--seed", type=int, default=7, help="generator seed (default 7)")
    parser.add_argument("--authorities", type=int, default=350, help="local authorities (default 350)")
    parser.add_argument("--repeat", type=int, default=3, help="runs of each measurement; the best counts (default 3)")
    parser.add_argument("--baseline", choices=("fastest", *FORMATS), default="fastest",
                        help="raw COPY source: every format, fastest counts (default), or one")
    parser.add_argument("--work", type=Path, default=ROOT / "benchmarks" / "out",
                        help="where generated data, baseline rows and temporary stores go")
    parser.add_argument("--format", choices=("text", "json"), default="text")
    args = parser.parse_args(argv)
    formats = list(FORMATS) if args.baseline == "fastest" else [args.baseline]
    report = measure(args.cases, args.seed, args.authorities, max(1, args.repeat), formats, args.work)
    if args.format == "json":
        print(json.dumps(report, indent=2))
    else:
        _print(report)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
