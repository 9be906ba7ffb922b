"""`casegraph init`, `build` and `validate`: data files -> records -> store.

Which data a bare `build` or `validate` reads is `casegraph.loaders.source`'s
rule (the folder given, `$CASEGRAPH_DATA`, the nearest `casegraph.toml`, else
the bundled London data), and both commands say which it took.
"""

from __future__ import annotations

import json
import textwrap
import time
from contextlib import contextmanager
from pathlib import Path

import click

from casegraph.cli.export import say_conditions
from casegraph.cli.options import DATA, DATA_HELP, out_option, picture_format
from casegraph.cli.output import format_option, say, terminal_width
from casegraph.cli.stores import store_options
from casegraph.loaders import LoadError, data_files, load
from casegraph.loaders.source import data_source
from casegraph.schemas.text import shown_path
from casegraph.schemas.words import counted

__all__ = ["COMMANDS", "build", "validate", "init"]


def _files(data):
    """The data source a command reads (said on stderr) and its data files."""
    source = data_source(data)
    say(f"data: {source.describe()}")
    return source, data_files(source.paths)


@contextmanager
def _hinted(files):
    """A LoadError raised inside gets a hint when its problems say the folder lacks the reference data."""
    try:
        yield
    except LoadError as error:
        if any(p.message.startswith(("unknown source", "unknown reference")) for p in error.problems) and \
                not any(f.name == "sources.yaml" for f in files):
            error.hint = ("a data folder needs the reference data and the sources its facts cite beside it: "
                          "`casegraph init DIR` makes one")
        raise


@click.command()
@DATA
@store_options
@out_option("--overview", what="the overview page", format_of=picture_format, default=None,
              help="where to write the overview page (default: overview.html beside the store, or in the current folder for Neo4j; a file there that casegraph did not write is left alone)")
@click.option("--no-overview", is_flag=True, help="do not write the overview page")
@click.option("--break-lock", is_flag=True,
              help="Neo4j: break the build lock of a build that died (killed, or its connection lost), "
                   "finish its switch if it began one, then build; only when sure no build is running")
@click.option("--force", is_flag=True, help="rebuild even when the store already holds this data")
@format_option("table", "json")
def build(data, cg, overview, no_overview, break_lock, force, fmt):
    """Validate, resolve and load DATA into the store; say which data it built.

    Rebuilding the same data with the same casegraph version changes nothing
    (`--force` rebuilds anyway), and any edit to the data is picked up; a
    failed build leaves the store exactly as it was. Prints counts and the
    headline patterns, and writes an overview page of the public graph.
    """
    from casegraph.graph.store import input_checksum
    from casegraph.queries import run_named

    started = time.perf_counter()
    if break_lock and cg.store.engine != "neo4j":
        raise click.UsageError("--break-lock is for Neo4j: the embedded store's lock ends with its process")
    source, files = _files(data)
    say(f"building {cg.describe()}")
    extra = {"break_lock": True} if break_lock else {}
    with _hinted(files):
        result = cg.store.build_files(files, input_checksum(files), progress=say, force=force, **extra)
    _warn(result.warnings)
    with cg.store.view() as view:
        headlines = {
            "recurring_indicators": run_named(view, "recurring-indicators").records()[:5],
            "case_count": run_named(view, "case-count").records(),
        }
        page = None
        if not no_overview:
            from casegraph.viz.pages import overview_figure, write_figure, written_by_casegraph

            page = overview or _default_overview(cg.store)
            if overview is None and page.exists() and not written_by_casegraph(page):
                say(f"warning: not writing the overview page: {page} exists and is not a page casegraph "
                    "wrote; give --overview PATH (or --no-overview)")
                page = None
            else:
                figure = overview_figure(view)
                write_figure(figure, page)
                say_conditions(figure.conditional)
    report = {
        "data": source.describe(),
        "store": cg.describe(),
        "files": [str(path) for path in files],
        "build_id": result.build_id,
        "changed": result.changed,
        "nodes": result.node_counts,
        "restricted_nodes": cg.restricted_counts(),
        "relationships": result.rel_counts,
        "headlines": headlines,
        "contested": result.contested,
        "overview": str(page) if page else None,
        "seconds": round(time.perf_counter() - started, 2),
    }
    if fmt == "json":
        click.echo(json.dumps(report, indent=2, ensure_ascii=False))
    else:
        _print_report(report)


build.help += DATA_HELP


def _default_overview(store) -> Path:
    directory = getattr(store, "directory", None)
    return (Path(directory) if directory else Path.cwd()) / "overview.html"


def _echo(text: str) -> None:
    """A line of the summary, wrapped to the terminal (or --max-width) like every table."""
    width = terminal_width()
    click.echo(textwrap.fill(text, width, subsequent_indent="    ", drop_whitespace=True) if width else text)


def _print_report(report: dict) -> None:
    state = "built" if report["changed"] else "unchanged (the store already holds exactly this data)"
    _echo(f"Data: {report['data']}")
    _echo(f"Store: {report['store']}: {state}, build {report['build_id']}")
    folders: dict[str, int] = {}
    for path in report["files"]:
        folders[str(Path(path).parent)] = folders.get(str(Path(path).parent), 0) + 1
    click.echo(f"\nRead {counted(len(report['files']), 'data file')}")
    for folder, count in folders.items():
        click.echo(f"  {shown_path(folder)}: {count}")
    restricted = report["restricted_nodes"]
    total = sum(report["nodes"].values())
    click.echo()
    _echo(f"Nodes: {total:,}, of which {sum(restricted.values()):,} restricted (victims and identifying "
          "details: left out of the overview, pictures, exports and reports unless --profile restricted)")
    for label, count in report["nodes"].items():
        note = f"  ({restricted[label]:,} restricted)" if restricted.get(label) else ""
        click.echo(f"  {label:<16}{count:>8,}{note}")
    click.echo(f"\nRelationships: {sum(report['relationships'].values()):,}")
    for rtype, count in report["relationships"].items():
        click.echo(f"  {rtype:<16}{count:>8,}")
    recurring, claims = report["headlines"]["recurring_indicators"], report["headlines"]["case_count"]
    click.echo("\nPatterns that recur across the most boroughs and decades" + ("" if recurring else ": none yet"))
    for row in recurring:
        decades = ", ".join(f"{d}s" for d in row["decade_list"] if d is not None) or "unknown"
        _echo(f"  {row['name']}: {counted(row['boroughs'], 'borough')}, {counted(row['decades'], 'decade')} "
                   f"({decades}), {counted(row['cases'], 'case record')}")
    if claims:  # only investigations that claim a number of cases have a line here
        click.echo("\nCases each investigation reports")
    for row in claims:
        described = row["described_individually"]
        _echo(f"  {row['name']}: claims {counted(row['claimed'], 'case')}. The data holds "
              f"{counted(row['case_records'], 'case record')} for it, standing for "
              f"{counted(row['represented'], 'case')}; {described or 'none'} described individually.")
    _print_contested(report["contested"])
    if report["overview"]:
        click.echo(f"\nOverview page (public profile): {report['overview']}")


def _warn(warnings: list) -> None:
    """What the load changed without refusing (a public fact citing a restricted source), on stderr."""
    for warning in warnings:
        say(f"warning: {warning}")


def _print_contested(contested: list[dict]) -> None:
    """The facts whose sources disagree, each value with the sources that give it."""
    if not contested:
        return
    facts = {(c["fact"], c["id"]) for c in contested}
    click.echo(f"\nContested: {len(facts)} fact(s) whose sources disagree (both values kept)")
    for item in contested[:CONTESTED_SHOWN]:
        click.echo(f"  {item['fact']} {item['id']}: {item['field']} = {item['value']} "
                   f"(per {', '.join(item['sources'])})")
    if len(contested) > CONTESTED_SHOWN:
        click.echo(f"  ... and {len(contested) - CONTESTED_SHOWN} more (`--format json` lists them all)")


CONTESTED_SHOWN = 40
"""Competing values spelled out in the table report."""


@click.command()
@DATA
@format_option("table", "json")
def validate(data, fmt):
    """Validate DATA without writing anything; exit status 1 on any problem (a missing path too)."""
    _, files = _files(data)
    try:
        with _hinted(files):
            dataset = load(files, progress=say)
    except LoadError as error:
        if fmt == "json":
            click.echo(json.dumps({"valid": False, "problems": [p.as_dict() for p in error.problems]}, indent=2))
        else:
            click.echo(str(error))
        if getattr(error, "hint", None):
            say(f"hint: {error.hint}")
        raise SystemExit(1) from None
    _warn(dataset.warnings)
    counts = {"nodes": dataset.node_counts(), "relationships": dataset.rel_counts()}
    contested = dataset.contested()
    if fmt == "json":
        click.echo(json.dumps({"valid": True, **counts, "contested": contested,
                               "warnings": [w.as_dict() for w in dataset.warnings]}, indent=2, ensure_ascii=False))
    else:
        total_nodes, total_rels = sum(counts["nodes"].values()), sum(counts["relationships"].values())
        click.echo(f"valid: {counted(total_nodes, 'node')} and {counted(total_rels, 'relationship')}")
        _print_contested(contested)


validate.help += DATA_HELP


@click.command()
@click.argument("directory", type=click.Path(path_type=Path))
def init(directory):
    """Make DIRECTORY a data folder of your own that builds at once.

    It gets the reference data (London authorities, neighbours, indicator
    taxonomy), the sources (sources.yaml), one example case to copy from
    (cases/), casegraph.toml (so `casegraph build` run there builds it) and
    casegraph.schema.json, which the YAML files name for editors' YAML
    plugins. Then: cd DIRECTORY && casegraph build.
    """
    from casegraph.loaders.scaffold import init_data_folder

    files = init_data_folder(directory)
    for path in files:
        click.echo(str(path))
    say(f"data folder ready: cd {shown_path(directory)} && casegraph build   (or: casegraph build {shown_path(directory)})")


COMMANDS = [init, build, validate]
