"""scripts/neo4j-local stops only the server of its own cache directory.

Pids wrap at 32,768 on a busy machine, so a stale pid file (a server that died with its machine, or a
run killed at its time limit) can name a live server of another cache: `stop` once killed another test
run's Neo4j so, and that run's Neo4j tests failed by the hundred. The script recognises its own server by
its launcher's command line: the launcher class *and* its own run folder.
"""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

from tests.conftest import ROOT


def test_a_stale_pid_file_naming_another_caches_server_stops_nothing(neo4j_settings, tmp_path):
    if os.environ.get("NEO4J_URI"):  # a server the environment gives: not started by the script
        return
    own = Path(os.environ.get("CASEGRAPH_CACHE") or Path.home() / ".cache" / "casegraph") / "neo4j" / "run"
    pid = (own / "neo4j.pid").read_text().strip()
    stale = tmp_path / "neo4j" / "run"
    stale.mkdir(parents=True)
    (stale / "neo4j.pid").write_text(pid + "\n")  # as if this cache's server had held that pid
    env = {**os.environ, "CASEGRAPH_CACHE": str(tmp_path)}
    status = subprocess.run([str(ROOT / "scripts" / "neo4j-local"), "status"], env=env, capture_output=True,
                            text=True, timeout=60)
    assert "running" not in status.stdout.replace("not running", "")
    stopped = subprocess.run([str(ROOT / "scripts" / "neo4j-local"), "stop"], env=env, capture_output=True,
                             text=True, timeout=120)
    assert stopped.returncode == 0 and "not running" in stopped.stderr + stopped.stdout
    os.kill(int(pid), 0)  # the other cache's server is still there, and answers
    from neo4j import GraphDatabase

    auth = (neo4j_settings.get("NEO4J_USER") or "neo4j", neo4j_settings.get("NEO4J_PASSWORD", ""))
    with GraphDatabase.driver(neo4j_settings["NEO4J_URI"], auth=auth) as driver:
        assert driver.execute_query("RETURN 1 AS one").records[0]["one"] == 1
