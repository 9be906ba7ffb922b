"""Fixtures for the explorer tests: explorers over the London and hostile stores, an HTTP client,
and a live server (uvicorn in a thread) for the browser tests."""

from __future__ import annotations

import socket
import threading
import time

import pytest

from casegraph.explorer.app import create_app
from casegraph.explorer.state import Explorer
from tests.viz.conftest import PAYLOADS, SECRET, hostile_files, hostile_store, synthetic_big  # noqa: F401  (shared)


@pytest.fixture(scope="session")
def london_public(london_store):
    explorer = Explorer.open(london_store, include_restricted=False)
    yield explorer
    explorer.close()


@pytest.fixture(scope="session")
def london_restricted(london_store):
    explorer = Explorer.open(london_store, include_restricted=True)
    yield explorer
    explorer.close()


@pytest.fixture(scope="session")
def hostile_public(hostile_store):
    explorer = Explorer.open(hostile_store, include_restricted=False)
    yield explorer
    explorer.close()


def client_for(explorer):
    from starlette.testclient import TestClient

    return TestClient(create_app(explorer), base_url="http://127.0.0.1", raise_server_exceptions=True)


@pytest.fixture(scope="session")
def public_client(london_public):
    return client_for(london_public)


@pytest.fixture(scope="session")
def restricted_client(london_restricted):
    return client_for(london_restricted)


class LiveServer:
    """`create_app(explorer)` served by uvicorn on 127.0.0.1 in a background thread."""

    def __init__(self, explorer):
        import uvicorn

        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.url = f"http://127.0.0.1:{self.sock.getsockname()[1]}"
        self.server = uvicorn.Server(uvicorn.Config(create_app(explorer), log_level="warning"))
        self.thread = threading.Thread(target=self.server.run, kwargs={"sockets": [self.sock]}, daemon=True)
        self.thread.start()
        deadline = time.monotonic() + 20
        while not self.server.started:
            if time.monotonic() > deadline:
                raise RuntimeError("the explorer did not start")
            time.sleep(0.05)

    def stop(self):
        self.server.should_exit = True
        self.thread.join(10)


@pytest.fixture(scope="session")
def london_server(london_public):
    server = LiveServer(london_public)
    yield server
    server.stop()


@pytest.fixture(scope="session")
def hostile_server(hostile_public):
    server = LiveServer(hostile_public)
    yield server
    server.stop()


SECRET_CASE = ("zyxw-secret-case", "Restricted Case Zyxw")
"""A restricted case (id, title) in `secret_public`: no page of the public profile may name it."""


@pytest.fixture(scope="session")
def secret_public(tmp_path_factory):
    """The public explorer over a small store holding a restricted case and two public look-alikes."""
    from tests.conftest import store_of

    fact = {"source": "express-mylondon-2025", "paragraphs": [1]}
    records = [
        {"kind": "case", "id": SECRET_CASE[0], "title": SECRET_CASE[1], "period": "2001", "summary": "x",
         "sensitivity": "restricted",
         **fact},
        {"kind": "case", "id": "zyxw-public-case", "title": "Public Case Zyxw", "period": "2002", "summary": "x", **fact},
        {"kind": "case", "id": "zyxw-other-case", "title": "Other Case Zyxw", "period": "2003", "summary": "x", **fact},
        {"rel": "IN_BOROUGH", "from": SECRET_CASE[0], "to": "newham", "sensitivity": "restricted", **fact},
        {"rel": "IN_BOROUGH", "from": "zyxw-public-case", "to": "newham", **fact},
        {"rel": "IN_BOROUGH", "from": "zyxw-other-case", "to": "newham", **fact},
    ]
    explorer = Explorer.open(store_of(records, tmp_path_factory, "secret"), include_restricted=False)
    yield explorer
    explorer.close()
