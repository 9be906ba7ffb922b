"""One public-profile rule for every output, checked on a hostile dataset.

`hostile.yaml` wires restricted records to public ones in every way the schema
allows (a victim who makes statements, commissions a review and is active in
two boroughs; a restricted home in two boroughs; a restricted case, review,
recommendation, investigation and source linked to public records; restricted
names in aliases, quotes and notes; restricted text fields on public records).

The test discovers the outputs from casegraph's own registries (the query
catalog, the views, the export formats, the analyses) and runs each with
default options on both engines: what reads the store (counts, every catalog
query, ad-hoc Cypher, one command of each kind) through the command line, and
every view, format, analysis and dossier on the public projection of the store
(the same graph on both engines, checked). Every stdout and every file written
is scanned for every restricted value. A new query, view, format or analysis is
covered without anyone adding it here.
"""

from __future__ import annotations

import itertools
import json
import re
from pathlib import Path

import networkx as nx
import pytest
import yaml
from click.testing import CliRunner

from casegraph.cli import cli as main
from casegraph.cli.analyze import RUNNERS
from casegraph.exports import FORMATS, SUFFIXES, ExportMeta, export
from casegraph.graph.embedded import EmbeddedStore
from casegraph.graph.profile import public_dataset
from casegraph.graph.projection import project
from casegraph.graph.store import input_checksum
from casegraph.loaders import load
from casegraph.queries import catalog
from casegraph.schemas import schema
from casegraph.reports import write_report
from casegraph.viz.compose import Options
from casegraph.viz.pages import write_figure
from casegraph.viz.views import VIEWS, figure_for

HOSTILE = Path(__file__).with_name("hostile.yaml")
MARKED = re.compile(r"Zq\w+")


def _values(record, fields) -> set[str]:
    found = set()
    for field in fields:
        value = getattr(record, field, None)
        for item in value if isinstance(value, list) else [value]:
            if isinstance(item, str):
                found.add(item)
    return found


@pytest.fixture(scope="session")
def hostile():
    return load([HOSTILE])


@pytest.fixture(scope="session")
def secrets(hostile) -> set[str]:
    """Every value only the restricted profile may show, worked out from the records themselves (not
    with the rule under test): the values of restricted records (restricted, citing only a restricted
    source, or touching a restricted node) and of restricted fields; the citations of restricted
    sources (quotes, locators); every value that only records citing restricted sources alone state
    (their note, their side of a contested value); less any value a public record also has. Plus every
    invented word of one (`Zq...`: a leak may be partial, a truncated tooltip)."""
    graph = schema()
    nodes, rels = list(hostile.all_nodes()), list(hostile.all_rels())
    sealed = {n.id for n in nodes if n.label == "Source" and n.sensitivity == "restricted"}

    def cited(record) -> list[str]:  # in any of its citations (issue 12), not only the first
        return getattr(record, "citation_sources", None) or [getattr(record, "source", None)]

    def only_sealed(record) -> bool:
        return bool(cited(record)) and set(cited(record)) <= sealed

    hidden = {n.id for n in nodes if n.sensitivity == "restricted" or only_sealed(n)}
    secret, public = _sealed_statements(sealed), set()
    for record in [*nodes, *rels]:
        name = getattr(record, "label", None) or record.type
        fields = [c.name for c in graph.columns_of(name)] + (["from_", "to"] if name in graph.rel_types else [])
        restricted = {c.name for c in graph.columns_of(name) if c.restricted}
        if (record.sensitivity == "restricted" or only_sealed(record)
                or {getattr(record, "from_", None), getattr(record, "to", None)} & hidden or record.id in hidden):
            secret |= _values(record, [f for f in fields if f not in ("from_", "to")])
        elif not sealed.isdisjoint(cited(record)):  # merged with sealed statements: its raw records say which
            secret |= _values(record, restricted)
        else:
            secret |= _values(record, restricted)
            public |= _values(record, [f for f in fields if f not in restricted])
    vocabulary = {c for t in [*graph.nodes, *graph.rels] for col in t.columns for c in col.choices}
    public -= sealed  # a sealed source's id is restricted, even where a public source's lineage names it
    found = {v for v in secret - public - vocabulary if len(v) >= 6}
    return found | {w for v in found for w in MARKED.findall(v)}


_IDENTITY = ("kind", "rel", "id", "from", "to", "role", "source", "paragraphs", "citations", "status", "as_of")


def _sealed_statements(sealed: set[str]) -> set[str]:
    """From the raw records of the hostile file: what a citation of a sealed source gives (its quote,
    locator), and every value of a record citing sealed sources only (but its identity: a public record
    may state the same fact)."""
    found = set()
    for record in yaml.safe_load(HOSTILE.read_text(encoding="utf-8")):
        own = [{k: record[k] for k in ("source", "quote", "locator") if k in record}] if "source" in record else []
        citations = own + list(record.get("citations") or ())
        sealed_ones = [c for c in citations if c["source"] in sealed]
        for citation in sealed_ones:
            found |= {str(citation[k]) for k in ("quote", "locator") if k in citation}
        if citations and len(sealed_ones) == len(citations):
            found |= {v for k, v in record.items() if k not in _IDENTITY and isinstance(v, str)}
    return found


def _store_options(engine, hostile, tmp_path_factory, request) -> list[str]:
    """Build the hostile data into a real store of this engine; the CLI options that name it."""
    if engine == "ladybug":
        embedded = EmbeddedStore(tmp_path_factory.mktemp("hostile-store"))
        embedded.build(hostile, input_checksum([HOSTILE]))
        return ["--store", str(embedded.directory)]
    server = request.getfixturevalue("neo4j_server_store")
    monkeypatch = request.getfixturevalue("monkeypatch")
    for key, value in request.getfixturevalue("neo4j_settings").items():  # the CLI reads its credentials there
        monkeypatch.setenv(key, value)
    server.build(hostile, input_checksum([HOSTILE]))
    return ["--neo4j", server.uri]


def _catalog_runs() -> list[list[str]]:
    """Every catalog query with its default parameters; a required one gets every public case id."""
    cases = ["open-case", "other-case"]
    runs = []
    for name, query in catalog().items():
        required = [p for p, spec in query.header.parameters.items() if spec.required]
        for values in itertools.product(cases, repeat=len(required)):
            given = dict(zip(required, values))
            if any(given.get(query.header.parameters[p].differs_from) == v for p, v in given.items()):
                continue  # one case twice where two are asked for: refused (tests/queries)
            runs.append(["query", name, "--format", "json", *[f"--param={p}={v}" for p, v in given.items()]])
    return runs


def _cli_runs(out: Path) -> list[list[str]]:
    """What reads the store itself: counts, every catalog query, ad-hoc Cypher, and one command of each
    kind that projects the store (their outputs are checked for every view, format and analysis below)."""
    return [["stats", "--format", "json"], ["query", "--cypher", "MATCH (c:CaseFile) RETURN c", "--format", "json"],
            *_catalog_runs(),
            ["viz", "overview", "--out", str(out / "cli-overview.html")],
            ["export", "--format", "json", "--query", "similar-cases", "--param", "case_id=open-case",
             "--out", str(out / "cli-export.json")],
            ["analyze", "all", "--format", "json"],
            ["report", "--case", "open-case", "--out", str(out / "cli-dossier.html")]]


def _outputs_of(graph, out: Path) -> list[tuple[str, str]]:
    """Every view (page and still), export format, analysis and dossier of a projected graph, with
    default options; the text of each."""
    texts = []
    for view in VIEWS:
        params = {"node": "open-case"} if view == "ego" else {}
        for suffix in (".html", ".svg"):
            write_figure(figure_for(view, graph, Options(), **params), out / f"view-{view}{suffix}")
    for fmt in FORMATS:
        export(graph, fmt, out / f"export-{fmt}{SUFFIXES[fmt]}", ExportMeta())
    for name, run in RUNNERS.items():
        columns, rows = run(graph, 50, None)
        texts.append((f"analyze {name}", json.dumps([columns, rows], default=str)))
    for suffix in (".html", ".md"):
        write_report(graph, out / f"dossier{suffix}", ExportMeta())
    return texts + [("files written", _written(out))]


def _written(out: Path) -> str:
    return "\n".join(p.read_text(encoding="utf-8", errors="replace") for p in sorted(out.rglob("*")) if p.is_file())


def _leaks(outputs, secrets) -> list[tuple[str, str]]:
    return sorted({(what, secret) for what, text in outputs for secret in secrets if secret in text})


@pytest.mark.parametrize("engine", ["ladybug", "neo4j"])
def test_no_output_holds_a_restricted_value(engine, hostile, secrets, tmp_path, tmp_path_factory, request,
                                            ladybug_public_graph):
    store = _store_options(engine, hostile, tmp_path_factory, request)
    runner = CliRunner()
    outputs = []
    for command in _cli_runs(tmp_path / "cli"):
        result = runner.invoke(main, [*command, *store])
        assert result.exit_code == 0, (command, result.output)
        outputs.append((" ".join(command[:2]), result.stdout))
    outputs.append(("cli files", _written(tmp_path / "cli")))
    _assert_public_version_queried(runner, store)
    graph = _projection(engine, store, request)
    if engine == "neo4j":  # the same public graph on both engines, so every projected output is the same
        assert nx.utils.graphs_equal(graph, ladybug_public_graph)
    outputs += _outputs_of(graph, tmp_path / "outputs")
    assert not _leaks(outputs, secrets)
    # the scan is not vacuous: public data does come out, and the restricted profile holds the secrets
    everything = "\n".join(text for _, text in outputs)
    assert "Open case in Northam" in everything and "Open Man" in everything and "open-review" in everything
    assert "src-open-derived" in everything  # a public source derived from the sealed one is published
    assert "Twocited Man" in everything and "mixed open quote" in everything  # facts with mixed citations
    assert {"Zqsecondcitequote", "Zqlocatorpage", "Zqmixednote from the sealed file", "Zqmixedshowsquote from the "
            "sealed file", "Zqmixedtitle from the sealed file"} <= secrets  # their restricted side is scanned for
    full = runner.invoke(main, ["export", "--format", "json", "--profile", "restricted",
                                "--out", str(tmp_path / "full.json"), *store])
    assert full.exit_code == 0, full.output
    text = (tmp_path / "full.restricted.json").read_text(encoding="utf-8")
    assert {"Zqvictimname", "Zqcasetitle restricted case", "Zqdetailword about the victim kept for research",
            "Zqcospeaker", "Zqhomename Cottage", "Zqrecsummary", "Zqoperation name"} <= {s for s in secrets if s in text}


def _assert_public_version_queried(runner, store: list[str]) -> None:
    """The evidence queries of each engine answer for a fact with mixed citations from its public
    citations alone: its status history and its (single) independent source."""
    result = runner.invoke(main, ["query", "status-history", "--param", "id=twocited-man", "--format", "json", *store])
    assert result.exit_code == 0, result.output
    man = [row for row in json.loads(result.stdout) if row["about"] == "twocited-man" and row["fact"] == "Person"]
    assert [(r["sources"], r["statuses"], r["current_status"], r["current_source"]) for r in man] == \
        [(["src-open"], ["alleged"], "alleged", "src-open")]
    single = runner.invoke(main, ["query", "single-source-facts", "--format", "json", *store])
    assert single.exit_code == 0, single.output
    rows = [r for r in json.loads(single.stdout) if r["id"] == "twocited-man"]
    assert [r["sources"] for r in rows] == [["src-open"]]  # two independent sources in the restricted profile


def _projection(engine, store_options, request):
    option, where = store_options
    store = EmbeddedStore(Path(where)) if option == "--store" else request.getfixturevalue("neo4j_server_store")
    with store.view("public") as view:
        return project(view)


@pytest.fixture(scope="session")
def ladybug_public_graph(hostile, tmp_path_factory):
    store = EmbeddedStore(tmp_path_factory.mktemp("hostile-reference"))
    store.build(hostile, input_checksum([HOSTILE]))
    with store.view("public") as view:
        return project(view)


def test_a_fact_citing_only_restricted_sources_becomes_restricted_with_a_warning(hostile):
    warned = {w.record: w.message for w in hostile.warnings}
    assert "cites only restricted sources ('src-zqsealed')" in warned["leaky-case"]
    cases = dict(zip(hostile.node_tables["CaseFile"].column("id").to_pylist(),
                     hostile.node_tables["CaseFile"].column("sensitivity").to_pylist()))
    assert cases["leaky-case"] == "restricted" and "leaky-case" not in _public_rows(hostile, "CaseFile")


def _public_rows(dataset, name: str) -> dict[str, dict]:
    tables = [t for key, t in public_dataset(dataset).node_tables.items() if key == name] + \
             [t for key, t in public_dataset(dataset).rel_tables.items() if key[0] == name]
    return {row["id"]: row for table in tables for row in table.to_pylist()}


def test_a_fact_citing_public_and_restricted_sources_stays_public_with_its_public_citations(hostile):
    """Issue 11's rule: a public fact needs a public citation; the restricted citations are left out,
    and what derives from citations is derived again from the public ones alone (a warning says so)."""
    warned = {w.record: w.message for w in hostile.warnings}
    assert "public profile shows it with its 1 public citation(s) only" in warned["twocited-man"]
    assert "public profile shows it with its 1 public citation(s) only" in warned["mixed-case"]
    full = {r["id"]: r for r in hostile.node_tables["Person"].to_pylist()}["twocited-man"]
    assert full["sensitivity"] == "public"  # the restricted profile has every citation
    assert (full["status"], full["status_source"], full["independent_sources"]) == ("convicted", "src-zqsealed", 2)
    man = _public_rows(hostile, "Person")["twocited-man"]
    assert man["citation_sources"] == ["src-open"] and man["citation_quotes"] == [""]
    assert man["citation_reliability"] == [""] and man["citation_credibility"] == [""]
    # convicted per the sealed file, alleged per the open report (both 2024): publicly, alleged
    assert (man["status"], man["status_as_of"], man["status_source"]) == ("alleged", "2024", "src-open")
    assert man["independent_sources"] == 1


def test_values_only_restricted_records_state_are_left_out_of_the_public_version(hostile):
    """`mixed-case` is stated by an open record and by one citing only the sealed file: publicly it is
    what the open record says (its period uncontested, no note), and its SHOWS, first cited to the sealed
    file, takes the open record's source and quote."""
    full = {r["id"]: r for r in hostile.node_tables["CaseFile"].to_pylist()}["mixed-case"]
    assert "period" in full["contested_fields"] and full["note"] and full["status"] == "convicted"
    case = _public_rows(hostile, "CaseFile")["mixed-case"]
    assert (case["period"], case["status"], case["note"], case["contested_fields"]) == ("2019", "alleged", None, [])
    assert case["summary"] == "A public case that a sealed file also gives." and case["title"] == "Mixed case in Northam"
    shows = [r for r in _public_rows(hostile, "SHOWS").values() if r["from"] == "mixed-case"]
    assert [(r["source"], r["quote"], r["citation_sources"], r["status"]) for r in shows] == \
        [("src-open", "mixed open quote", ["src-open"], "alleged")]


def test_the_stores_public_graph_holds_the_public_version(ladybug_public_graph):
    """The store's public graph (LadybugDB here; Neo4j's is checked equal to it in
    `test_no_output_holds_a_restricted_value`) holds the public version of a fact with mixed citations."""
    man = ladybug_public_graph.nodes["twocited-man"]
    assert (man["status"], man["citation_sources"], man["independent_sources"]) == ("alleged", ["src-open"], 1)
    case = ladybug_public_graph.nodes["mixed-case"]
    assert (case["period"], case["status"], case.get("contested_fields") or []) == ("2019", "alleged", [])


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
    assert cases == 3 and f'"count": {cases}' in stats.stdout.split('"CaseFile"')[1][:40]


def test_a_public_sources_lineage_never_names_a_restricted_source(hostile):
    """`derived_from` of a public source derived from a sealed one: the sealed id is left out, in the public
    Dataset the stores build and in `public_subgraph` of a restricted projection (issue 12)."""
    from casegraph.graph.profile import public_subgraph
    from casegraph.graph.projection import project_dataset

    sources = public_dataset(hostile).node_tables["Source"].to_pylist()
    assert {s["id"]: s["derived_from"] for s in sources}["src-open-derived"] is None
    full = project_dataset(hostile)
    assert full.nodes["src-open-derived"]["derived_from"] == ["src-zqsealed"]  # kept in the restricted profile
    public = public_subgraph(full)
    assert "derived_from" not in public.nodes["src-open-derived"] and "src-zqsealed" not in public
