"""Benchmark: what refusing bad input costs a load (issue 9).

    python -m benchmarks.input_checks --cases 20000 --seed 7 --repeat 3

Generates the synthetic dataset (`benchmarks.generate`, JSONL and CSV), then
times `load(files)` in CPU seconds, best of `--repeat`, alternating two
loaders in the same process and run:

- checked: the loader as it is, every value checked against its column's
  type and for characters no output can hold (`loaders/values.py`);
- baseline: the same loader with `check_values` replaced by what the loader
  did before issue 9 (split `;` lists in CSV cells, nothing else).

Prints both times and the ratio checked / baseline (`--format json` for programs).
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path

from benchmarks.generate import generate

__all__ = ["main", "baseline_check_values"]


def baseline_check_values(data: dict, types: dict[str, str], text_cells: bool) -> dict[str, str]:
    """The pre-issue-9 behaviour: CSV list cells split on `;`, no other check."""
    if text_cells:
        for key, kind in types.items():
            value = data.get(key)
            if kind.endswith("[]") and isinstance(value, str):
                data[key] = [part.strip() for part in value.split(";") if part.strip()]
    return {}


def _time_load(files: list[Path]) -> float:
    """CPU seconds of one load (the machine is shared: wall time measures the neighbours too)."""
    from casegraph.loaders import load

    started = time.process_time()
    load(files)
    return time.process_time() - started


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.input_checks", description=__doc__.split("\n\n")[0])
    parser.add_argument("--cases", type=int, default=20_000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--format", choices=("text", "json"), default="text")
    args = parser.parse_args(argv)
    import casegraph.loaders.validate as validate
    from casegraph.loaders import data_files

    checked_values = validate.check_values
    with tempfile.TemporaryDirectory() as folder:
        counts = generate(Path(folder), args.cases, args.seed)
        files = data_files([Path(folder)])
        times: dict[str, list[float]] = {"checked": [], "baseline": []}
        order = [("baseline", baseline_check_values), ("checked", checked_values)]
        for _ in range(args.repeat):
            order.reverse()  # neither loader always runs first
            for name, function in order:
                validate.check_values = function
                times[name].append(_time_load(files))
        validate.check_values = checked_values
    best = {name: min(values) for name, values in times.items()}
    report = {"cases": args.cases, "records": sum(counts.values()), "seconds": times, "best": best,
              "ratio": round(best["checked"] / best["baseline"], 3)}
    if args.format == "json":
        print(json.dumps(report, indent=2))
    else:
        print(f"{report['records']:,} records ({args.cases:,} cases), best of {args.repeat}:")
        print(f"  load, baseline (no value checks): {best['baseline']:.2f} CPU s")
        print(f"  load, checked:                    {best['checked']:.2f} CPU s")
        print(f"  ratio checked / baseline:         {report['ratio']:.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
