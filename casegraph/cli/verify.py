"""`casegraph verify`: every citation checked against its source's text."""

from __future__ import annotations

import json
import os
from pathlib import Path

import click

from casegraph.cli.options import DATA, DATA_HELP
from casegraph.cli.output import format_option, say
from casegraph.loaders import data_files
from casegraph.loaders.source import data_source
from casegraph.loaders.verify import verify as verify_citations

__all__ = ["COMMANDS", "verify"]


@click.command()
@DATA
@click.option("--texts", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="folder of the source texts (default: $CASEGRAPH_TEXTS, else the current folder)")
@format_option("table", "json")
def verify(data, texts, fmt):
    """Check DATA's citations against the source texts: each text's sha256, that every cited
    paragraph exists, that every quote is in its paragraphs (`...` marks an elision: each part
    two words or more, within 300 characters of the part before it), and that no field copies a
    source's prose. Exit status 1 on any problem."""
    folder = texts or Path(os.environ.get("CASEGRAPH_TEXTS") or ".")
    source = data_source(data)
    say(f"data: {source.describe()}")
    report = verify_citations(data_files(source.paths), folder)
    if fmt == "json":
        click.echo(json.dumps(report.as_dict(), indent=2, ensure_ascii=False))
    else:
        for problem in report.problems:
            click.echo(str(problem))
        state = f"{len(report.problems)} problem(s)" if report.problems else "verified"
        click.echo(f"{state}: {report.texts} source text(s) read, {report.citations} citation(s) checked, "
                   f"{report.quotes} quote(s) found, {report.unchecked} citation(s) of sources without a text")
    if report.problems:
        raise SystemExit(1)


verify.help += DATA_HELP

COMMANDS = [verify]
