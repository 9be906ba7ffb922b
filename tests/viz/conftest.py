"""Fixtures for the view tests: graphs (London, generated, hostile).

The headless Chromium is `tests/conftest.py`'s, shared with the explorer
tests: browser tests skip with a clear message when /usr/bin/chromium
(Debian's `chromium` package) or playwright is missing locally, and fail
when the CI environment variable is set (`tests.require`): CI must run them.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from casegraph.graph.embedded import EmbeddedStore
from casegraph.graph.projection import project, project_dataset
from casegraph.graph.store import input_checksum
from casegraph.loaders import data_files, default_data_dir, load
from tests.conftest import ARGS, CHROMIUM, need_browser  # noqa: F401  (the browser fixture is shared, in tests/conftest.py)

PAYLOADS = [
    "<script>window.__pwned=1</script>",
    '<img src=x onerror="window.__pwned=2">',
    '"><svg onload=window.__pwned=3>',
    "javascript:window.__pwned=4",
    "</script><script>window.__pwned=5</script><!--",
    "' onmouseover='window.__pwned=6' x='",
    '<a href="javascript:window.__pwned=7">an href link</a>',
    "{{ 7*7 }} ${7*7} &amp; &lt;b&gt; ]]>",  # U+2028/2029 are refused at load now (tests/loaders)
]
"""Texts that would run script if any renderer treated data as markup."""

SECRET = "Restricted Victim Zyxw"
"""The restricted person's name in the hostile dataset: must never appear by default."""


@pytest.fixture(scope="session")
def london_graph(london_store):
    """The London graph as the CLI reads it, restricted data included (views must drop it)."""
    with london_store.view("restricted") as view:
        return project(view)


def _hostile_records() -> list[dict]:
    p = PAYLOADS
    src = "hostile-source"
    fact = {"source": src, "paragraphs": [1]}
    return [
        {"kind": "source", "id": src, "title": p[0], "publisher": p[1], "published": "2024", "doc_type": "article",
         # the loader refuses a `javascript:` URL (tests/loaders/test_input_kinds.py); this one is http(s)
         "url": "https://example.org/?next=javascript:window.__pwned=9&x=%22%3E%3Cscript%3E", "description": p[2]},
        {"kind": "case", "id": "hostile-case", "title": p[4], "summary": p[1] + p[2], "period": "2001-2012",
         "note": p[6], **fact},
        {"kind": "case", "id": "hostile-case-two", "title": p[5], "summary": p[7], "period": "unknown", **fact},
        {"rel": "IN_BOROUGH", "from": "hostile-case", "to": "newham", **fact},
        {"rel": "IN_BOROUGH", "from": "hostile-case-two", "to": "hackney", **fact, "status": "inferred",
         "basis": p[3] + " is how it was inferred"},
        {"kind": "person", "id": "hostile-person", "name": p[6], "description": p[0], **fact},
        {"rel": "INVOLVES", "from": "hostile-case", "to": "hostile-person", "role": "accused", "status": "alleged",
         "quote": p[5], "description": p[1], **fact},
        {"rel": "INVOLVES", "from": "hostile-case-two", "to": "hostile-person", "role": "perpetrator",
         "status": "convicted", **fact},
        {"rel": "ACTIVE_IN", "from": "hostile-person", "to": "newham", **fact},
        {"rel": "ACTIVE_IN", "from": "hostile-person", "to": "hackney", **fact},
        {"kind": "person", "id": "hostile-victim", "name": SECRET, "pseudonym": True, "sensitivity": "restricted",
         **fact},
        {"rel": "INVOLVES", "from": "hostile-case", "to": "hostile-victim", "role": "victim",
         "sensitivity": "restricted", **fact},
        {"kind": "institution", "id": "hostile-council", "name": p[2], "institution_type": "council", **fact},
        {"rel": "BASED_IN", "from": "hostile-council", "to": "newham", **fact},
        {"kind": "statement", "id": "hostile-refusal", "statement_type": "declined-to-comment", "summary": p[3],
         "period": 2024, **fact},
        {"rel": "MADE_BY", "from": "hostile-refusal", "to": "hostile-council", **fact},
        {"rel": "ABOUT", "from": "hostile-refusal", "to": "hostile-case", **fact},
        {"kind": "review", "id": "hostile-review", "name": p[7], "review_type": "inquiry", "period": 2015,
         "summary": p[0], **fact},
        {"rel": "COMMISSIONED_BY", "from": "hostile-review", "to": "hostile-council", **fact},
        {"rel": "EXAMINED", "from": "hostile-review", "to": "hostile-case", **fact},
        {"kind": "recommendation", "id": "hostile-recommendation", "summary": p[4], **fact},
        {"rel": "RECOMMENDS", "from": "hostile-review", "to": "hostile-recommendation", **fact},
        {"kind": "place", "id": "hostile-place", "name": p[1], "place_type": "other", **fact},
        {"rel": "AT_PLACE", "from": "hostile-case", "to": "hostile-place", "role": p[0], **fact},
        {"rel": "PLACE_IN", "from": "hostile-place", "to": "newham", **fact},
        {"kind": "indicator", "id": "hostile-indicator", "name": p[6], "description": p[4], **fact},
        {"rel": "SHOWS", "from": "hostile-case", "to": "hostile-indicator", "quote": p[1][:300], **fact},
        {"rel": "SHOWS", "from": "hostile-case-two", "to": "hostile-indicator", "quote": p[3], **fact},
        {"rel": "SHOWS", "from": "hostile-case", "to": "missing-episodes", "quote": p[2], **fact},
    ]


@pytest.fixture(scope="session")
def hostile_files(tmp_path_factory) -> list[Path]:
    """A small dataset (in a tmp dir) whose every text field is an injection payload, plus the reference data."""
    folder = tmp_path_factory.mktemp("hostile-data")
    path = folder / "hostile.yaml"
    path.write_text(yaml.safe_dump(_hostile_records(), allow_unicode=True, sort_keys=False), encoding="utf-8")
    base = default_data_dir()
    return data_files([base / "reference", base / "sources.yaml", path])


@pytest.fixture(scope="session")
def hostile_store(hostile_files, tmp_path_factory) -> EmbeddedStore:
    store = EmbeddedStore(tmp_path_factory.mktemp("hostile-store"))
    store.build(load(hostile_files), input_checksum(hostile_files))
    return store


@pytest.fixture(scope="session")
def hostile_graph(hostile_files):
    return project_dataset(load(hostile_files), include_restricted=True)


@pytest.fixture()
def run_cli():
    """Run `casegraph ...` in-process; returns the click Result."""
    from casegraph.cli import cli

    def run(*args: str):
        return CliRunner().invoke(cli, [str(a) for a in args], catch_exceptions=False)

    return run


@pytest.fixture(scope="session")
def synthetic_big():
    """A generated graph (about 1,500 nodes, all 33 boroughs and 21 indicators), restricted victims included."""
    from casegraph.viz.synthetic import synthetic_graph

    return synthetic_graph(1500, seed=3)
