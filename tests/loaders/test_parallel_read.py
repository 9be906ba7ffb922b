"""A large load reads its files in two processes (`loaders/parallel.py`): it gives what one reading gives, the
same rows in the same order, the same problems and messages, and survives a helper that dies."""

from __future__ import annotations

import importlib
import shutil
from pathlib import Path

import pyarrow as pa
import pytest

from benchmarks.generate import generate
from casegraph.loaders import LoadError, data_files, default_data_dir
from casegraph.loaders import parallel
from casegraph.loaders.reading import read_files

loading = importlib.import_module("casegraph.loaders.load")


@pytest.fixture(scope="module")
def generated(tmp_path_factory) -> list[Path]:
    folder = tmp_path_factory.mktemp("generated")
    generate(folder, 300, 5, 20)
    return data_files([folder])


def _read(read):
    tables = {kind: {name: (dict(table.values), list(table.files), list(table.lines), dict(table.field_lines),
                            list(table.given)) for name, table in group.items()}
              for kind, group in (("nodes", read.collected.nodes), ("rels", read.collected.rels))}
    unloaded = read.unloaded
    return (tables, read.problems, [(raw, found) for raw, found in read.pending],
            (unloaded._records, unloaded._nodes, unloaded._names, unloaded._files))


def test_two_processes_read_what_one_reads(generated):
    said_one, said_two = [], []
    one = read_files(generated, said_one.append)
    two = parallel.read_in_two(generated, said_two.append)
    assert _read(two) == _read(one)
    assert said_two == said_one and len(said_one) == len(generated)
    assert list(two.collected.nodes) == list(one.collected.nodes)  # tables in the order one reading meets them


def test_problems_in_both_halves_come_in_file_order(generated, tmp_path):
    folder = tmp_path / "data"
    shutil.copytree(generated[0].parent, folder)
    files = data_files([folder])
    first, last = files[1], files[-1]  # one in each process's half
    for path in (first, last):
        lines = path.read_text().splitlines(keepends=True)
        lines[0] = lines[0].replace('"id":"', '"id":"Bad Id ', 1)
        path.write_text("".join(lines) + '{"kind": "case", "id": "lacking-everything"}\n')
    one, two = read_files(files), parallel.read_in_two(files)
    assert two.problems == one.problems
    assert {p.file for p in two.problems} == {str(first), str(last)}
    assert [raw.data["id"] for raw, _ in two.pending] == ["lacking-everything"] * 2


def test_a_load_over_the_size_reads_in_two_and_gives_the_same_dataset(generated, monkeypatch):
    one = loading.load(generated)
    monkeypatch.setattr(parallel, "READ_IN_TWO_BYTES", 0)
    assert parallel.reads_in_two(generated)
    two = loading.load(generated)
    for label, table in one.node_tables.items():
        assert two.node_tables[label].equals(table), label
    for key, table in one.rel_tables.items():
        assert two.rel_tables[key].equals(table), key
    assert two.warnings == one.warnings


def test_a_helper_that_dies_has_its_files_read_here(generated, monkeypatch):
    monkeypatch.setattr(parallel, "HELPER", "tests.processes_targets:exit_3")
    said = []
    read = parallel.read_in_two(generated, said.append)
    assert _read(read) == _read(read_files(generated))
    assert any("ended without an answer (exit code 3" in message for message in said)


def test_a_failure_in_the_helper_is_raised_here(generated, monkeypatch, tmp_path):
    monkeypatch.setattr(parallel, "HELPER", "tests.processes_targets:broken")
    with pytest.raises(ValueError, match="broken helper"):
        parallel.read_in_two(generated)


def test_small_data_and_one_file_are_read_here():
    assert not parallel.reads_in_two(data_files([default_data_dir()]))
