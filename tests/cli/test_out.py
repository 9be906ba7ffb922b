"""Every command's --out (and the build's --overview), every export format: a path of the wrong kind, a
file above it, a folder that cannot be written: one message saying what was to be written where and why
(`casegraph.outputs.writing`), never `[Errno 17] File exists`."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from casegraph.cli import cli
from casegraph.exports import SUFFIXES


@pytest.fixture(scope="module")
def store(london_store):
    return str(london_store.directory)


def run(*args: str):
    return CliRunner().invoke(cli, list(args))


def _refused(result, *words):
    assert result.exit_code == 1, result.output
    assert "Errno" not in result.output and "Traceback" not in result.output, result.output
    for word in words:
        assert word in result.output, (word, result.output)


def test_a_csv_export_to_an_existing_file_says_it_writes_a_folder(store, tmp_path):
    existing = tmp_path / "existingfile"
    existing.write_text("keep me")
    result = run("export", "--borough", "lambeth", "--out", str(existing), "--store", store)
    _refused(result, "the csv export writes a folder", f"{existing} is an existing file")
    assert existing.read_text() == "keep me"


@pytest.mark.parametrize("fmt", sorted(f for f in SUFFIXES if f not in ("csv", "ftm")) + ["ftm"])
def test_a_file_format_to_an_existing_folder_says_it_writes_a_file(store, tmp_path, fmt):
    folder = tmp_path / f"out{SUFFIXES[fmt]}"
    folder.mkdir()
    result = run("export", "--borough", "lambeth", "--out", str(folder), "--store", store)
    _refused(result, f"the {fmt} export writes a file", "is an existing folder")


@pytest.mark.parametrize("name", [f"x{ending}" for ending in SUFFIXES.values() if ending] + ["x.csv", "folder"])
def test_every_export_format_under_a_file_says_the_file_is_in_the_way(store, tmp_path, name):
    (tmp_path / "afile").write_text("")
    result = run("export", "--borough", "lambeth", "--out", str(tmp_path / "afile" / "sub" / name), "--store", store)
    _refused(result, f"{tmp_path / 'afile'} is a file, not a folder", "export cannot be written under it")


@pytest.mark.parametrize("name", [f"x{ending}" for ending in SUFFIXES.values() if ending] + ["folder"])
def test_every_export_format_makes_missing_folders_and_says_an_unwritable_place(store, tmp_path, name):
    made = run("export", "--borough", "lambeth", "--out", str(tmp_path / "new" / "deeper" / name), "--store", store)
    assert made.exit_code == 0, made.output
    result = run("export", "--borough", "lambeth", "--out", f"/proc/casegraph-test/{name}", "--store", store)
    _refused(result, "cannot write the ", f"export to /proc/casegraph-test/{name}")


@pytest.mark.parametrize("args, what", [
    (("report", "--borough", "lambeth"), "the dossier"),
    (("viz", "map", "--borough", "lambeth"), "the svg picture"),
])
def test_reports_and_pictures_follow_the_same_rule(store, tmp_path, args, what):
    (tmp_path / "afile").write_text("")
    suffix = ".md" if args[0] == "report" else ".svg"
    under = run(*args, "--out", str(tmp_path / "afile" / f"x{suffix}"), "--store", store)
    _refused(under, f"{tmp_path / 'afile'} is a file, not a folder", f"{what} cannot be written under it")
    unwritable = run(*args, "--out", f"/proc/casegraph-test/x{suffix}", "--store", store)
    _refused(unwritable, f"cannot write {what} to /proc/casegraph-test/x{suffix}")


def test_the_build_overview_follows_the_same_rule(tmp_path):
    (tmp_path / "afile").write_text("")  # (a store of its own: the shared one is only read)
    result = run("build", "--store", str(tmp_path / "store"), "--overview", str(tmp_path / "afile" / "overview.html"))
    _refused(result, "is a file, not a folder")


def test_init_follows_the_same_rule(tmp_path):
    (tmp_path / "afile").write_text("")
    under = run("init", str(tmp_path / "afile" / "mine"))
    _refused(under, f"{tmp_path / 'afile'} is a file, not a folder", "the data folder cannot be written under it")
    _refused(run("init", "/proc/casegraph-test/mine"), "cannot write the data folder to /proc/casegraph-test/mine")
    _refused(run("init", str(tmp_path / "afile")), "exists and is not an empty folder")


@pytest.mark.parametrize("args, option, what", [
    (("export", "--borough", "lambeth"), "--out", "the export"),
    (("viz", "map", "--borough", "lambeth"), "--out", "the picture"),
    (("report", "--borough", "lambeth"), "--out", "the dossier"),
    (("build",), "--overview", "the overview page"),
])
def test_a_dash_is_refused_as_standard_output_not_made_a_folder(store, tmp_path, monkeypatch, args, option, what):
    """Found by a newcomer: `--out -` made a folder called `-` (a csv export); `-` is standard output to many
    tools, and casegraph writes files named by their format's extension: refused before anything is read."""
    monkeypatch.chdir(tmp_path)
    at = ["--store", str(tmp_path / "store")] if args[0] == "build" else ["--store", store]
    result = run(*args, option, "-", *at)
    assert result.exit_code == 2, result.output
    assert f"-: casegraph writes {what} to a named file or folder, not to standard output" in result.output
    assert list(tmp_path.iterdir()) == [], "nothing written, no store built"


def test_init_refuses_a_dash_too(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    _refused(run("init", "-"), "-: casegraph writes the data folder to a named file or folder, not to standard output")
    assert list(tmp_path.iterdir()) == []


def test_an_overview_without_a_picture_format_is_refused_before_the_build(tmp_path):
    """It was a traceback once the build had finished."""
    result = run("build", "--store", str(tmp_path / "store"), "--overview", str(tmp_path / "overview"))
    assert result.exit_code == 2 and "Traceback" not in result.output, result.output
    assert "cannot tell the format of" in result.output and "end it in .html, .png or .svg" in result.output
    assert list(tmp_path.iterdir()) == []
