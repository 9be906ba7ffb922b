"""Record files (`casegraph.graph.records`): a build's tables as Arrow IPC beside each profile's database.

A part read whole from them is exactly the part read by queries (every property, every type), on the
London data and on generated data that has every table; a public view's files hold only the public
graph; a build without them is read by queries.
"""

from __future__ import annotations

import json
import shutil
from collections import Counter
from pathlib import Path

import networkx as nx
import pytest

from benchmarks.generate import generate
from casegraph.graph.embedded import EmbeddedStore
from casegraph.graph.projection import hydrate, outline, project
from casegraph.graph.records import RECORDS, TABLES_FILE
from casegraph.graph.selection import Selection, select
from casegraph.graph.store import input_checksum
from casegraph.loaders import data_files, load


def _dump(graph):
    return ([(n, sorted(a.items())) for n, a in graph.nodes(data=True)],
            [(u, v, k, sorted(a.items())) for u, v, k, a in graph.edges(keys=True, data=True)])


def _typed(graph):
    """Every value with its Python type (an int read back as a float, a list as a tuple, would differ)."""
    def typed(value):
        return (type(value).__name__, [typed(v) for v in value] if isinstance(value, list) else value)

    return ([(n, sorted((k, typed(v)) for k, v in a.items())) for n, a in graph.nodes(data=True)],
            [(k, sorted((name, typed(v)) for name, v in a.items())) for _, _, k, a in graph.edges(keys=True, data=True)])


def _by_queries(view, part):
    """`hydrate` as a view without record files reads: by queries."""
    records, view.records = view.records, None
    try:
        return hydrate(view, part)
    finally:
        view.records = records


@pytest.fixture(scope="module")
def generated_store(tmp_path_factory) -> EmbeddedStore:
    """200 generated cases (every node label and relationship table the generator makes) built into a store."""
    data = tmp_path_factory.mktemp("records-data")
    generate(data, 200, seed=7, authority_count=60)
    files = data_files([data])
    store = EmbeddedStore(tmp_path_factory.mktemp("records-store"))
    store.build(load(files), input_checksum(files))
    return store


def _selections(slim) -> list[Selection]:
    boroughs = sorted(n for n, label in slim.nodes(data="label") if label == "Borough")
    cases = sorted(n for n, label in slim.nodes(data="label") if label == "CaseFile")
    return [Selection(), Selection(boroughs=tuple(boroughs[:1])), Selection(around=((cases[0], 2),)),
            Selection(cases=tuple(cases[:3]))]


@pytest.mark.parametrize("name", ["london_store", "generated_store"])
@pytest.mark.parametrize("profile", ["public", "restricted"])
def test_records_give_what_queries_give(name, profile, request):
    store = request.getfixturevalue(name)
    with store.view(profile) as view:
        assert view.records is not None
        slim = outline(view)
        whole = project(view)
        for selection in _selections(slim):
            from_files = hydrate(view, select(slim, selection))
            assert _typed(from_files) == _typed(_by_queries(view, select(slim, selection))), selection
            assert _dump(from_files) == _dump(select(whole, selection)), selection


@pytest.mark.parametrize("profile", ["public", "restricted"])
def test_a_profile_s_files_hold_its_graph_and_no_more(generated_store, profile):
    """One file per table the profile's database holds (not `FiledFact`, read by no part); the same rows:
    a public view's files hold no record the public graph leaves out."""
    folder = generated_store.current / RECORDS / profile
    tables = json.loads((folder / TABLES_FILE).read_text())
    assert sorted(p.name for p in folder.glob("*.arrow")) == sorted(t["file"].replace(".parquet", ".arrow")
                                                                    for t in tables)
    assert "FiledFact" not in {t["table"] for t in tables}
    with generated_store.view(profile) as view:
        whole = project(view)
        nodes = Counter(label for n, label in whole.nodes(data="label") if label != "Source")
        rels = Counter(rel for *_, rel in whole.edges(data="type"))
    in_files_nodes, in_files_rels = Counter(), Counter()
    for table in tables:
        (in_files_rels if table["from"] else in_files_nodes)[table["table"]] += table["rows"]
    in_files_nodes.pop("Source", None)
    assert +in_files_nodes == nodes
    assert +in_files_rels == rels


def test_public_files_differ_from_restricted_where_the_profile_leaves_out(generated_store):
    """The generator makes restricted records: the restricted files hold them, the public ones do not."""
    def rows(profile):
        tables = json.loads((generated_store.current / RECORDS / profile / TABLES_FILE).read_text())
        return sum(t["rows"] for t in tables)

    assert rows("public") < rows("restricted")


def test_a_build_without_record_files_is_read_by_queries(london, london_files, tmp_path):
    """A build made before record files (its folder removed here) opens, and reads a part by queries."""
    store = EmbeddedStore(tmp_path / "store")
    store.build(london, input_checksum(london_files))
    with store.view("public") as view:
        expected = _dump(hydrate(view, select(outline(view), Selection(boroughs=("hillingdon",)))))
    shutil.rmtree(store.current / RECORDS)
    with store.view("public") as view:
        assert view.records is None
        assert _dump(hydrate(view, select(outline(view), Selection(boroughs=("hillingdon",))))) == expected


def test_the_staged_parquet_is_not_kept(london_store):
    """Only the databases, the record files and the manifest stay in a build's folder."""
    assert sorted(p.name for p in Path(london_store.current).iterdir()) == \
        sorted(["graph.lbdb", "public.lbdb", "manifest.json", RECORDS] +
               [p.name for p in Path(london_store.current).iterdir() if p.name.endswith((".wal", ".lock"))])


def test_a_part_is_filled_in_and_the_outline_never(london_store):
    """`hydrate` fills the part it is given (its own nodes' and relationships' properties, nothing of the
    outline's) and refuses a frozen outline, whose records every page shares."""
    with london_store.view("public") as view:
        slim = outline(view)
        before = _dump(slim)
        part = select(slim, Selection(boroughs=("hillingdon",)))
        assert hydrate(view, part) is part
        assert _dump(slim) == before
        assert any("citation_quotes" in a for _, a in part.nodes(data=True))
        frozen = nx.freeze(slim)
        with pytest.raises(ValueError, match="frozen"):
            hydrate(view, frozen)


def test_records_are_found_by_id_and_nothing_else(generated_store):
    """The index of a table's ids (`records._Index`) gives the records asked for, in any order, and
    nothing for an id the table does not hold: absent, a prefix of a held id, one longer than any held
    (which a fixed-width search would cut to a held one), empty, or another label's."""
    with generated_store.view("public") as view:
        slim = outline(view)
        cases = sorted(n for n, label in slim.nodes(data="label") if label == "CaseFile")
        person = next(n for n, label in slim.nodes(data="label") if label == "Person")
        files = view.records
        asked = [cases[5], cases[0], cases[5]]
        found = files.nodes("CaseFile", asked)
        assert sorted(found) == sorted({cases[0], cases[5]})
        assert all(found[c]["id"] == c for c in found)
        widest = max(len(c) for c in cases)
        refused = ["", "no-such-case", cases[0][:-1], cases[0] + "x" * (widest + 5), person, cases[0] + "\u00e9"]
        assert files.nodes("CaseFile", refused) == {}
        assert files.nodes("CaseFile", []) == {}
        assert files.nodes("NoSuchLabel", cases[:2]) == {}
        files.index()  # made ahead, as the explorer does: the same answers
        assert files.nodes("CaseFile", asked) == found
