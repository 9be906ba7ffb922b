"""Whatever a file holds, the loader answers with records or LoadError, never a crash."""

from __future__ import annotations

import json
from pathlib import Path

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from casegraph.loaders import LoadError, load

SOURCES = Path(__file__).resolve().parents[2] / "data" / "sources.yaml"

FIELDS = ["kind", "rel", "id", "name", "title", "summary", "period", "when", "from", "to", "role",
          "source", "paragraphs", "status", "sensitivity", "age_from", "age_to", "aliases", "quote"]
SCALARS = st.one_of(
    st.none(), st.booleans(), st.integers(-10**6, 10**6), st.floats(allow_nan=True),
    st.text(max_size=20), st.sampled_from(["case", "person", "INVOLVES", "victim", "2012", "2016-2012",
                                          "unknown", "express-mylondon-2025", "restricted", "inferred"]),
)
VALUES = st.recursive(SCALARS, lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner, max_size=3), max_leaves=6)
RECORDS = st.dictionaries(st.sampled_from(FIELDS), VALUES, max_size=8)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(records=st.lists(RECORDS, max_size=4))
def test_random_yaml_records_never_crash_the_loader(tmp_path_factory, records):
    path = tmp_path_factory.mktemp("fuzz") / "x.yaml"
    path.write_text(yaml.safe_dump(records, allow_unicode=True))
    try:
        load([SOURCES, path])
    except LoadError as error:
        assert all(p.file for p in error.problems)


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(lines=st.lists(st.one_of(st.text(max_size=30), RECORDS.map(json.dumps)), max_size=4))
def test_random_jsonl_lines_never_crash_the_loader(tmp_path_factory, lines):
    path = tmp_path_factory.mktemp("fuzz") / "x.jsonl"
    path.write_text("\n".join(line.replace("\n", " ") for line in lines))
    try:
        load([SOURCES, path])
    except LoadError:
        pass


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=st.text(max_size=200))
def test_random_text_as_yaml_never_crashes_the_loader(tmp_path_factory, text):
    path = tmp_path_factory.mktemp("fuzz") / "x.yaml"
    path.write_text(text)
    try:
        load([SOURCES, path])
    except LoadError:
        pass
