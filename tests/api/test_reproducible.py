"""The same graph and options give byte-identical pages, SVGs, PNGs, exports and dossiers.

Each run is a separate process with its own string-hash seed: anything that
followed a set's order (which changes from process to process) would differ.
"""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

from tests.viz.conftest import need_browser

SCRIPT = textwrap.dedent("""
    import sys
    from pathlib import Path

    import casegraph
    from casegraph.viz.views import VIEWS

    cg, out = casegraph.open(sys.argv[1]), Path(sys.argv[2])
    for view in VIEWS:
        extra = {"node": "hillingdon"} if view == "ego" else {}
        for selection in ({}, {"decade": "2010s", "borough": "hillingdon"}):
            name = view + "".join(f"-{v}" for v in selection.values())
            picture = cg.view(view, **extra, **selection)
            picture.save(out / f"{name}.html")
            picture.save(out / f"{name}.svg")
    cg.view("map").save(out / "map.png", width=1200)
    for ending in ("graphml", "gexf", "json", "ftm.json", "cypher", "csv"):
        cg.export(out / f"london.{ending}", borough="hillingdon", with_analytics=True)
        cg.export(out / f"all.{ending}")
    cg.report(out / "malone.md", person="martin-malone")
    cg.report(out / "hillingdon.html", borough="hillingdon")
""")


def _make(store, out: Path, seed: str) -> dict[str, bytes]:
    out.mkdir()
    env = {**os.environ, "PYTHONHASHSEED": seed}
    done = subprocess.run([sys.executable, "-c", SCRIPT, str(store.directory), str(out)], env=env,
                          capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr[-3000:]
    return {str(p.relative_to(out)): p.read_bytes() for p in sorted(out.rglob("*")) if p.is_file()}


def test_every_output_is_byte_identical_across_runs(london_store, tmp_path):
    need_browser()  # PNGs are screenshots: a missing Chromium skips locally and fails under CI
    first = _make(london_store, tmp_path / "first", "1")
    second = _make(london_store, tmp_path / "second", "2")
    assert len(first) > 35 and first.keys() == second.keys()
    assert {Path(name).suffix for name in first} >= {".html", ".svg", ".png", ".graphml", ".gexf", ".json",
                                                     ".cypher", ".csv", ".md"}
    differing = [name for name in first if first[name] != second[name]]
    assert not differing, differing
