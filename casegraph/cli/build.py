"""`casegraph build` and `casegraph validate`: data files -> records -> store."""

from __future__ import annotations

import json
import time
from pathlib import Path

import click

from casegraph.cli.output import format_option, say
from casegraph.cli.stores import store_options
from casegraph.graph.store import input_checksum
from casegraph.loaders import LoadError, data_files, default_data_dir, load
from casegraph.queries import run_named

__all__ = ["COMMANDS", "build", "validate"]

DATA = click.argument("data", nargs=-1, type=click.Path(exists=True, path_type=Path))


@click.command()
@DATA
@store_options
@click.option("--overview", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="where to write the overview page (default: overview.html beside the store)")
@click.option("--no-overview", is_flag=True, help="do not write the overview page")
@click.option("--break-lock", is_flag=True,
              help="Neo4j: break the build lock of a build that died (killed, or its connection lost), "
                   "finish its switch if it began one, then build; only when sure no build is running")
@click.option("--force", is_flag=True, help="rebuild even when the store already holds this data")
@format_option("table", "json")
def build(data, store, overview, no_overview, break_lock, force, fmt):
    """Validate, resolve and load DATA (default: the curated London dataset).

    Rebuilding the same data with the same casegraph version changes nothing
    (`--force` rebuilds anyway); a failed build leaves the store
    exactly as it was. Prints counts and the headline patterns, and writes an
    overview page of the whole graph.
    """
    started = time.perf_counter()
    files = data_files(data or [default_data_dir()])
    dataset = load(files, progress=say)
    _warn(dataset)
    say(f"building {store.describe()}")
    if break_lock and store.engine != "neo4j":
        raise click.UsageError("--break-lock is for Neo4j: the embedded store's lock ends with its process")
    extra = {"break_lock": True} if break_lock else {}
    result = store.build(dataset, input_checksum(files), progress=say, force=force, **extra)
    with store.view() as view:
        headlines = {
            "recurring_indicators": run_named(view, "recurring-indicators").records()[:5],
            "case_count": run_named(view, "case-count").records(),
        }
        page = None
        if not no_overview:
            from casegraph.viz.pages import write_overview

            page = overview or _default_overview(store)
            write_overview(view, page)
    report = {
        "store": store.describe(),
        "files": [str(path) for path in files],
        "build_id": result.build_id,
        "changed": result.changed,
        "nodes": result.node_counts,
        "relationships": result.rel_counts,
        "headlines": headlines,
        "contested": dataset.contested(),
        "overview": str(page) if page else None,
        "seconds": round(time.perf_counter() - started, 2),
    }
    if fmt == "json":
        click.echo(json.dumps(report, indent=2, ensure_ascii=False))
    else:
        _print_report(report)


def _default_overview(store) -> Path:
    directory = getattr(store, "directory", None)
    return (Path(directory) if directory else Path.cwd()) / "overview.html"


def _print_report(report: dict) -> None:
    state = "built" if report["changed"] else "unchanged (same data)"
    click.echo(f"{report['store']}: {state}, build {report['build_id']}")
    folders: dict[str, int] = {}
    for path in report["files"]:
        folders[str(Path(path).parent)] = folders.get(str(Path(path).parent), 0) + 1
    click.echo(f"\nRead {len(report['files'])} data file{'s' if len(report['files']) != 1 else ''}")
    for folder, count in folders.items():
        click.echo(f"  {folder}: {count}")
    click.echo("\nNodes")
    for label, count in report["nodes"].items():
        click.echo(f"  {label:<16}{count:>8,}")
    click.echo("\nRelationships")
    for rtype, count in report["relationships"].items():
        click.echo(f"  {rtype:<16}{count:>8,}")
    click.echo("\nPatterns that recur across the most boroughs and decades")
    for row in report["headlines"]["recurring_indicators"]:
        decades = ", ".join(f"{d}s" for d in row["decade_list"] if d is not None) or "unknown"
        click.echo(f"  {row['name']}: {row['boroughs']} boroughs, {row['decades']} decades "
                   f"({decades}), {row['cases']} case records")
    for row in report["headlines"]["case_count"]:
        click.echo(f"\n{row['name']}: claims {row['claimed']} cases; its {row['case_records']} case records "
                   f"stand for {row['represented']}, {row['described_individually']} described individually")
    _print_contested(report["contested"])
    if report["overview"]:
        click.echo(f"\nOverview page: {report['overview']}")


def _warn(dataset) -> None:
    """What the load changed without refusing (a public fact citing a restricted source), on stderr."""
    for warning in dataset.warnings:
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
    """Validate DATA without writing anything; exit status 1 on any problem."""
    try:
        dataset = load(data_files(data or [default_data_dir()]), progress=say)
    except LoadError as error:
        if fmt == "json":
            click.echo(json.dumps({"valid": False, "problems": [p.as_dict() for p in error.problems]}, indent=2))
        else:
            click.echo(str(error))
        raise SystemExit(1) from None
    _warn(dataset)
    counts = {"nodes": dataset.node_counts(), "relationships": dataset.rel_counts()}
    contested = dataset.contested()
    if fmt == "json":
        click.echo(json.dumps({"valid": True, **counts, "contested": contested,
                               "warnings": [w.as_dict() for w in dataset.warnings]}, indent=2, ensure_ascii=False))
    else:
        total_nodes, total_rels = sum(counts["nodes"].values()), sum(counts["relationships"].values())
        click.echo(f"valid: {total_nodes:,} nodes and {total_rels:,} relationships")
        _print_contested(contested)


COMMANDS = [build, validate]
