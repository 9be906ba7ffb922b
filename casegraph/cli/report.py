"""`casegraph report`: a dossier of the graph or a selection, every fact cited."""

from __future__ import annotations

import click

from casegraph.cli.export import say_conditions, selection_note
from casegraph.cli.options import out_option, profile_option, selection_options
from casegraph.cli.output import say
from casegraph.cli.stores import store_options
from casegraph.exports.base import conditional_citations
from casegraph.schemas.text import shown_path

__all__ = ["COMMANDS", "report"]


@click.command()
@selection_options
@profile_option
@out_option("--out", "out", what="the dossier", required=True,
              help="the file to write; its extension is the format: .md (Markdown) or .html (a self-contained page)")
@store_options
def report(selection, profile, out, cg):
    """Write a dossier: the cases, a timeline, boroughs, institutions and their
    responses, and the patterns casegraph finds, with the source and
    paragraph behind every fact. Allegations are worded as allegations and
    inferred facts say so and why. A dossier of one person (--person ID) is
    titled by that person; sections with nothing to say are left out. A
    restricted dossier carries a banner and `.restricted` in its file name.
    """
    if out.suffix.lower() not in (".md", ".markdown", ".html", ".htm"):
        raise click.UsageError(f"--out {shown_path(out)}: a report is FILE.md or FILE.html")
    graph = cg.select(profile, selection)
    path = cg.report(out, profile, selection, graph=graph)
    say(f"dossier of {selection_note(graph, profile, cg)}")
    say_conditions(conditional_citations(graph))
    click.echo(str(path))


COMMANDS = [report]
