"""One public-profile rule for every output, checked on a hostile dataset.

`hostile.yaml` wires restricted records to public ones in every way the schema
allows (a victim who makes statements, commissions a review and is active in
two boroughs; a restricted home in two boroughs; a restricted case, review,
recommendation, investigation and source linked to public records; restricted
names in aliases, quotes and notes; restricted text fields on public records).

The test discovers the outputs from casegraph's own registries (the query
catalog, the views, the export formats, the analyses) and runs each through the
command line, with default options, on both engines; every stdout and every
file written is scanned for every restricted value. A new query, view, format
or analysis is covered without anyone adding it here.
"""

from __future__ import annotations

import itertools
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from casegraph.cli import main
from casegraph.cli.analyze import RUNNERS
from casegraph.exports import FORMATS
from casegraph.graph.embedded import EmbeddedStore
from casegraph.graph.profile import public_dataset
from casegraph.graph.store import input_checksum
from casegraph.loaders import load
from casegraph.queries import catalog
from casegraph.viz.views import VIEWS

HOSTILE = Path(__file__).with_name("hostile.yaml")
WORD = re.compile(r"[A-Za-z][A-Za-z0-9-]{4,}")


def _strings(dataset) -> set[str]:
    found: set[str] = set()
    for table in [*dataset.node_tables.values(), *dataset.rel_tables.values()]:
        for column in table.itercolumns():
            for value in column.to_pylist():
                for item in value if isinstance(value, list) else [value]:
                    if isinstance(item, str):
                        found.add(item)
    return found


@pytest.fixture(scope="session")
def hostile():
    return load([HOSTILE])


@pytest.fixture(scope="session")
def secrets(hostile) -> set[str]:
    """Every restricted value, and every word of one that no public value has (a leak may be partial)."""
    public = _strings(public_dataset(hostile))
    hidden = {s for s in _strings(hostile) - public if len(s) >= 5 and not s.isdigit()}
    public_words = {w.casefold() for s in public for w in WORD.findall(s)}
    words = {w for s in hidden for w in WORD.findall(s) if w.casefold() not in public_words}
    return hidden | words


def _stores(hostile, tmp_path_factory, neo4j_server_store):
    embedded = EmbeddedStore(tmp_path_factory.mktemp("hostile-store"))
    embedded.build(hostile, input_checksum([HOSTILE]))
    neo4j_server_store.build(hostile, input_checksum([HOSTILE]))
    return {"ladybug": ["--store", str(embedded.directory)], "neo4j": ["--neo4j", neo4j_server_store.uri]}


def _catalog_runs() -> list[list[str]]:
    """Every catalog query with its default parameters; a required one gets every public case id."""
    cases = ["open-case", "other-case"]
    runs = []
    for name, query in catalog().items():
        required = [p for p, spec in query.header.parameters.items() if spec.required]
        for values in itertools.product(cases, repeat=len(required)):
            runs.append(["query", name, *[f"--param={p}={v}" for p, v in zip(required, values)]])
    return runs


def _commands(out: Path) -> list[list[str]]:
    runs = [["stats", "--format", "json"], ["query", "--cypher", "MATCH (c:CaseFile) RETURN c"]]
    runs += [[*run, "--format", "json"] for run in _catalog_runs()]
    for view in VIEWS:
        for suffix in (".html", ".svg"):
            extra = ["--node", "open-case"] if view == "ego" else []
            runs.append(["viz", view, "--out", str(out / f"view-{view}{suffix}"), *extra])
    for fmt in FORMATS:
        runs.append(["export", "--format", fmt, "--out", str(out / f"export-{fmt}")])
        runs.append(["export", "--format", fmt, "--query", "similar-cases", "--param", "case_id=open-case",
                     "--out", str(out / f"export-query-{fmt}")])
    runs += [["analyze", name, "--format", "json"] for name in RUNNERS]
    runs += [["report", "--out", str(out / f"dossier{suffix}")] for suffix in (".html", ".md")]
    runs += [["report", "--case", "open-case", "--out", str(out / "dossier-case.html")]]
    return runs


def _written(out: Path) -> str:
    return "\n".join(p.read_text(encoding="utf-8", errors="replace") for p in sorted(out.rglob("*")) if p.is_file())


@pytest.mark.parametrize("engine", ["ladybug", "neo4j"])
def test_no_output_holds_a_restricted_value(engine, hostile, secrets, tmp_path, tmp_path_factory,
                                            neo4j_server_store):
    store = _stores(hostile, tmp_path_factory, neo4j_server_store)[engine]
    runner = CliRunner()
    outputs = []
    for command in _commands(tmp_path):
        result = runner.invoke(main, [*command, *store])
        assert result.exit_code == 0, (command, result.output)
        outputs.append((command, result.stdout))
    outputs.append((["files written"], _written(tmp_path)))
    leaks = {(" ".join(command[:2]), secret) for command, text in outputs for secret in secrets if secret in text}
    assert not leaks, sorted(leaks)
    # the scan is not vacuous: public data does come out, and the restricted profile does hold the secrets
    everything = "\n".join(text for _, text in outputs)
    assert "Open case in Northam" in everything and "Open Man" in everything
    full = runner.invoke(main, ["export", "--format", "json", "--profile", "restricted",
                                "--out", str(tmp_path / "full.json"), *store])
    assert full.exit_code == 0, full.output
    text = (tmp_path / "full.restricted.json").read_text(encoding="utf-8")
    assert {"Zqvictimname", "Zqcasetitle restricted case", "Zqdetailword about the victim kept for research"} <= {
        s for s in secrets if s in text}


def test_a_public_fact_citing_a_restricted_source_becomes_restricted_with_a_warning(hostile):
    warned = {(w.record, w.field) for w in hostile.warnings}
    assert ("leaky-case", "source") in warned
    cases = dict(zip(hostile.node_tables["CaseFile"].column("id").to_pylist(),
                     hostile.node_tables["CaseFile"].column("sensitivity").to_pylist()))
    assert cases["leaky-case"] == "restricted"
    assert all("restricted source 'src-zqsealed'" in w.message for w in hostile.warnings)


def test_public_counts_count_public_records_only(hostile, tmp_path):
    store = EmbeddedStore(tmp_path / "store")
    store.build(hostile, input_checksum([HOSTILE]))
    result = CliRunner().invoke(main, ["query", "cases-by-borough", "--format", "json", "--store", str(store.directory)])
    assert result.exit_code == 0, result.output
    assert "zqcase" not in result.stdout
    public = public_dataset(hostile)
    stats = CliRunner().invoke(main, ["stats", "--format", "json", "--store", str(store.directory)])
    assert f'"CaseFile"' in stats.stdout
    cases = public.node_counts()["CaseFile"]
    assert cases == 2 and f'"count": {cases}' in stats.stdout.split('"CaseFile"')[1][:40]
