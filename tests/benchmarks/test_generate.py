"""The benchmark generator: same seed, same bytes; a small generated dataset loads and builds cleanly.

A smoke test, not a timed one: the benchmark itself (`python -m benchmarks.build`)
measures performance, against the raw engine COPY in the same run.
"""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

import pytest

from benchmarks.generate import SOURCE_ID, generate
from benchmarks.vocabulary import PSEUDONYMS
from casegraph.graph.embedded import EmbeddedStore
from casegraph.graph.store import input_checksum
from casegraph.loaders import data_files, load

CASES = 200
AUTHORITIES = 60


def _digest(folder: Path) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.iterdir())}


@pytest.fixture(scope="module")
def generated(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("generated")
    generate(out, CASES, seed=7, authority_count=AUTHORITIES)
    return out


def test_same_seed_same_bytes(generated, tmp_path):
    generate(tmp_path, CASES, seed=7, authority_count=AUTHORITIES)
    assert _digest(tmp_path) == _digest(generated)


def test_another_seed_other_data(generated, tmp_path):
    generate(tmp_path, CASES, seed=8, authority_count=AUTHORITIES)
    assert _digest(tmp_path) != _digest(generated)


def test_loads_with_no_problems_and_follows_the_london_shapes(generated):
    dataset = load(data_files([generated]))  # raises LoadError listing every problem
    nodes, rels = dataset.node_counts(), dataset.rel_counts()
    assert nodes["CaseFile"] == CASES
    assert nodes["Borough"] == AUTHORITIES
    assert rels["IN_BOROUGH"] == CASES
    assert 3 * CASES <= rels["SHOWS"] <= 7 * CASES  # London: 2 to 7 a case, about 5
    assert 2 * CASES <= rels["INVOLVES"] <= 5 * CASES
    assert {"AT_PLACE", "EXAMINED", "MADE_BY", "ABOUT", "RESPONDS_TO", "NEIGHBOURS"} <= set(rels)
    regions = {b.region for b in dataset.nodes["Borough"]}
    assert len(regions) >= 10 and "London" in regions
    assert all(re.fullmatch(r"[EWSN]\d{8}", b.gss_code) for b in dataset.nodes["Borough"])
    periods = {c.period for c in dataset.nodes["CaseFile"]}
    assert "unknown" in periods and any("-" in p for p in periods)
    victims = {r.to for r in dataset.rels["INVOLVES"] if r.role == "victim"}
    people = {p.id: p for p in dataset.nodes["Person"]}
    assert all(people[v].sensitivity == "restricted" for v in victims)
    assert {n.source for n in dataset.all_nodes() if hasattr(n, "paragraphs")} <= {SOURCE_ID, "casegraph-indicators"}


def test_pseudonyms_never_coined_into_public_names():
    from benchmarks.geography import coin_name
    import random

    rng, taken = random.Random(1), set()
    words = {w for _ in range(2000) for w in coin_name(rng, taken).casefold().split()}
    assert not words & {p.casefold() for p in PSEUDONYMS}


def test_builds_into_a_store(generated, tmp_path):
    files = data_files([generated])
    dataset = load(files)
    result = EmbeddedStore(tmp_path / "store").build(dataset, input_checksum(files))
    assert result.changed
    assert result.node_counts == dataset.node_counts()
    with EmbeddedStore(tmp_path / "store").view() as view:
        rows = view.run("MATCH (c:CaseFile)-[:IN_BOROUGH]->(b:Borough) RETURN count(DISTINCT b) AS n").rows
    assert rows[0][0] > 1


def test_facts_have_one_to_three_citations_and_some_sources_derive(generated):
    dataset = load(data_files([generated]))
    counts = [len(r.citation_sources) for r in [*dataset.rels["SHOWS"], *dataset.rels["INVOLVES"]]]
    assert set(counts) == {1, 2, 3} and 1.35 <= sum(counts) / len(counts) <= 1.65
    assert any(s.derived_from for s in dataset.nodes["Source"])
    assert any(r.independent_sources < len(set(r.citation_sources)) for r in dataset.rels["SHOWS"])
