"""`casegraph serve` as a user starts it, and the same pages from both engines."""

from __future__ import annotations

import os
import subprocess
import sys
import urllib.error
import urllib.request

import pytest

from casegraph.explorer.state import Explorer

from .conftest import client_for


def _start(*args):
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    return subprocess.Popen([sys.executable, "-m", "casegraph.cli", "serve", *args], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, env=env)


def test_serve_prints_its_local_address_and_serves(london_store):
    server = _start("--store", str(london_store.directory), "--port", "0")
    try:
        line = server.stdout.readline().strip()
        assert line.startswith("casegraph explorer: http://127.0.0.1:"), line
        url = line.split(": ", 1)[1]
        with urllib.request.urlopen(url + "entity/lambeth", timeout=30) as response:
            assert response.status == 200
            assert "default-src 'none'" in response.headers["content-security-policy"]
            assert b"Lambeth" in response.read()
    finally:
        server.terminate()
        _, errors = server.communicate(timeout=30)
    assert "WARNING" not in errors and "public profile" in errors


def test_binding_beyond_loopback_warns_and_restricted_pages_say_so(london_store):
    """Bound to all interfaces, it answers to the names given, and to the machine's own address (what a colleague
    reaches it by), and refuses any other name (DNS rebinding)."""
    import socket

    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe:  # the machine's address on its default route
        probe.connect(("192.0.2.1", 9))
        own = probe.getsockname()[0]
    server = _start("--store", str(london_store.directory), "--port", "0", "--host", "0.0.0.0",
                    "--include-restricted", "--allow-host", "casegraph.newsroom.example")
    try:
        line = server.stdout.readline().strip()
        assert line.startswith("casegraph explorer: http://0.0.0.0:"), line
        port = line.rsplit(":", 1)[1].strip("/")
        page = f"http://127.0.0.1:{port}/entity/victim-lambeth-2022"
        with urllib.request.urlopen(page, timeout=30) as response:
            assert b'id="restricted-banner"' in response.read()
        named = urllib.request.Request(page, headers={"Host": f"casegraph.newsroom.example:{port}"})
        with urllib.request.urlopen(named, timeout=30) as response:
            assert response.status == 200
        with urllib.request.urlopen(f"http://{own}:{port}/entity/lambeth", timeout=30) as response:
            assert response.status == 200
        # a DNS-rebinding page sends its own name: refused even though the server is reachable
        rebound = urllib.request.Request(page, headers={"Host": f"attacker.example:{port}"})
        with pytest.raises(urllib.error.HTTPError) as refused:
            urllib.request.urlopen(rebound, timeout=30)
        assert refused.value.code == 400
    finally:
        server.terminate()
        _, errors = server.communicate(timeout=30)
    assert "WARNING: binding to 0.0.0.0" in errors and "restricted data is shown" in errors and own in errors


@pytest.mark.parametrize("given", ["evil.com:80", "http://evil.com"])
def test_a_host_to_allow_given_with_a_port_or_scheme_is_refused_before_anything_starts(london_store, given):
    result = subprocess.run([sys.executable, "-m", "casegraph.cli", "serve", "--store", str(london_store.directory),
                             "--port", "0", "--allow-host", given], capture_output=True, text=True, timeout=120)
    assert result.returncode == 2 and "Invalid value for '--allow-host'" in result.stderr, result.stderr
    assert "give the host alone" in result.stderr and "reading" not in result.stderr


def test_serves_on_ipv6_loopback(london_store):
    server = _start("--store", str(london_store.directory), "--port", "0", "--host", "::1")
    try:
        line = server.stdout.readline().strip()
        assert line.startswith("casegraph explorer: http://[::1]:"), line
        url = line.split(": ", 1)[1]  # urllib sends `Host: [::1]:PORT`, as a browser does
        with urllib.request.urlopen(url + "entity/lambeth", timeout=30) as response:
            assert response.status == 200 and b"Lambeth" in response.read()
    finally:
        server.terminate()
        _, errors = server.communicate(timeout=30)
    assert "WARNING" not in errors


def test_no_graph_is_a_message(tmp_path):
    result = subprocess.run([sys.executable, "-m", "casegraph.cli", "serve", "--store", str(tmp_path / "none"),
                             "--port", "0"], capture_output=True, text=True, timeout=120)
    assert result.returncode == 1 and "casegraph build" in result.stderr and "Traceback" not in result.stderr


def test_an_address_it_cannot_listen_on_is_named_before_the_store_is_read(london_store):
    import socket

    taken = socket.socket()
    taken.bind(("127.0.0.1", 0))
    taken.listen(1)
    port = taken.getsockname()[1]
    try:
        for args, said in ((("--port", str(port)), f"cannot listen on 127.0.0.1:{port}: the port is in use"),
                           (("--port", "0", "--host", "no-such-host.invalid"), "cannot listen on no-such-host.invalid:0:")):
            result = subprocess.run([sys.executable, "-m", "casegraph.cli", "serve", "--store",
                                     str(london_store.directory), *args], capture_output=True, text=True, timeout=120)
            assert result.returncode == 1 and said in result.stderr, result.stderr
            assert "reading" not in result.stderr and "Traceback" not in result.stderr
    finally:
        taken.close()


PAGES = ["/search?q=lambeth", "/search?kind=CaseFile&borough=hillingdon", "/entity/lambeth-2022-hotel-room",
         "/entity/lambeth", "/entity/express-mylondon-2025", "/queries/similar-cases?run=1&case_id=lambeth-2022-hotel-room",
         "/queries/recurring-indicators?run=1", "/connections?from=lambeth-2022-hotel-room&to=croydon-2020-child-in-care",
         "/network?around=lambeth"]


def test_both_engines_serve_the_same_pages(neo4j_store, public_client):
    explorer = Explorer.open(neo4j_store, include_restricted=False)
    try:
        neo4j_client = client_for(explorer)
        for url in PAGES:
            embedded, neo4j = public_client.get(url), neo4j_client.get(url)
            assert embedded.status_code == neo4j.status_code == 200, url
            assert embedded.text == neo4j.text, url
    finally:
        explorer.close()


def test_an_explorer_over_neo4j_stops_answering_once_the_store_is_rebuilt(neo4j_store, london, london_files):
    """Neo4j changes under a running explorer (an embedded one reads its build's own files): after a
    rebuild, a page says to restart instead of mixing the outline it read with the new graph."""
    from casegraph.graph.store import input_checksum

    explorer = Explorer.open(neo4j_store, include_restricted=False)
    try:
        client = client_for(explorer)
        assert client.get("/entity/lambeth").status_code == 200
        neo4j_store.build(london, input_checksum(london_files), force=True)
        explorer._checked_at = float("-inf")  # read the store's build now, not a second after the last read
        for url in ("/entity/lambeth", "/export?format=json&borough=lambeth", "/"):
            response = client.get(url)
            assert response.status_code == 503 and "was rebuilt after this explorer read it" in response.text, url
            assert "restart `casegraph serve`" in response.text.replace("&#96;", "`")
        tip = client.get("/tip/node/lambeth")  # a network page's fetch: told in JSON
        assert tip.status_code == 503 and tip.headers["content-type"] == "application/json"
        assert "restart `casegraph serve`" in tip.json()["error"]
        assert client.get("/assets/explorer.css").status_code == 200  # its own files still load
    finally:
        explorer.close()
