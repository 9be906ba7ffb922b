"""`casegraph report`: a dossier of the graph or a selection, every fact cited."""

from __future__ import annotations

from pathlib import Path

import click

from casegraph.cli.export import profile_option, selected_graph, selection_options
from casegraph.cli.output import say
from casegraph.cli.stores import store_options

__all__ = ["COMMANDS", "report"]


@click.command()
@selection_options
@profile_option
@click.option("--out", "out", type=click.Path(dir_okay=False, path_type=Path), required=True,
              help="FILE.md (Markdown) or FILE.html (a self-contained page)")
@store_options
def report(selection, profile, out, store):
    """Write a dossier: the cases, a timeline, boroughs, institutions and their
    responses, and the patterns casegraph finds, with the source and
    paragraph behind every fact. Allegations are worded as allegations and
    inferred facts say so and why. A restricted dossier carries a banner and
    `.restricted` in its file name.
    """
    from casegraph.exports.base import ExportMeta
    from casegraph.reports import write_report

    if out.suffix.lower() not in (".md", ".markdown", ".html", ".htm"):
        raise click.UsageError(f"--out {out}: a report is FILE.md or FILE.html")
    graph, _ = selected_graph(store, profile, selection)
    path = write_report(graph, out, ExportMeta(profile=profile, selection=selection.describe()))
    say(f"dossier of {graph.number_of_nodes()} nodes ({profile} profile)")
    click.echo(str(path))


COMMANDS = [report]
