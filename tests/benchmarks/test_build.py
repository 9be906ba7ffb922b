"""`python -m benchmarks.build` end to end on a small generated dataset: every step runs, and the instrumented
breakdown times each stage it names (the stages are patched by name: a renamed function would fail here)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent.parent


def test_the_build_benchmark_runs_and_times_every_stage(tmp_path):
    done = subprocess.run([sys.executable, "-m", "benchmarks.build", "--cases", "40", "--authorities", "8",
                           "--repeat", "1", "--baseline", "parquet", "--work", str(tmp_path), "--format", "json"],
                          cwd=ROOT, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout)
    stages = report["breakdown"]["stages"]
    for stage in ("read", "validate", "resolve", "check", "safety", "wording", "arrow", "aggregates", "stage", "copy"):
        assert stages[stage] > 0, stage
    assert report["ratio"] > 0 and report["build"]["peak_rss_mb"] > 0 and report["raw_copy"]["seconds"] > 0
