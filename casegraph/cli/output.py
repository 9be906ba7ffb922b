"""Output shared by every command: table, JSON or CSV, on stdout only.

Progress and messages go to stderr, so `--format json` output is the only
thing on stdout and a program can read it.
"""

from __future__ import annotations

import csv
import io
import json
import sys
from typing import Any

import click

from casegraph.exports.csvfiles import neutralise
from casegraph.schemas.names import display_name

__all__ = ["format_option", "emit", "emit_rows", "say", "cell"]


def format_option(*choices: str, default: str = "table"):
    return click.option(
        "--format", "fmt", type=click.Choice(choices), default=default, show_default=True,
        help="output format (json and csv are for programs)",
    )


def say(message: str) -> None:
    """Progress and notes: stderr, never mixed into the output."""
    click.echo(message, err=True)


def cell(value: Any) -> str:
    """A value as short text for a table or CSV cell."""
    if value is None:
        return ""
    if isinstance(value, dict) and "labels" in value:
        props = value["properties"]
        name = display_name(props)
        return f"{value['labels'][0]}:{name}"
    if isinstance(value, dict) and "type" in value and "properties" in value:
        return f"[{value['type']}]"
    if isinstance(value, dict) and "id" in value and "name" in value:  # a record a query names: {id, name, ...}
        return f"{value['name']} ({value['id']})"
    if isinstance(value, dict) and "nodes" in value:
        nodes = [cell(n) for n in value["nodes"]]
        rels = [cell(r) for r in value["relationships"]]
        parts = [nodes[0]] if nodes else []
        for rel, node in zip(rels, nodes[1:]):
            parts += [f"-{rel}-", node]
        return " ".join(parts)
    if isinstance(value, list):
        return "; ".join(cell(v) for v in value)
    if isinstance(value, bool):
        return "yes" if value else "no"
    return str(value)


def emit_rows(columns: list[str], rows: list[list[Any]], fmt: str) -> None:
    if fmt == "json":
        click.echo(json.dumps([dict(zip(columns, row)) for row in rows], indent=2, ensure_ascii=False))
    elif fmt == "csv":
        buffer = io.StringIO()
        writer = csv.writer(buffer)
        writer.writerow(columns)
        writer.writerows([neutralise(cell(v)) for v in row] for row in rows)  # no formulas
        click.echo(buffer.getvalue(), nl=False)
    else:
        texts = [[cell(v) for v in row] for row in rows]
        widths = [min(60, max([len(c)] + [len(r[i]) for r in texts])) for i, c in enumerate(columns)]
        line = "  ".join(c.ljust(w) for c, w in zip(columns, widths))
        click.echo(line.rstrip())
        click.echo("  ".join("-" * w for w in widths))
        for row in texts:
            click.echo("  ".join(_clip(v, w).ljust(w) for v, w in zip(row, widths)).rstrip())
        if not rows:
            click.echo("(no rows)")


def _clip(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


def emit(data: Any, fmt: str) -> None:
    """A JSON document, for commands whose table output is written by hand."""
    if fmt == "json":
        click.echo(json.dumps(data, indent=2, ensure_ascii=False))
    else:
        raise ValueError("emit() is for json; tables are written by the command")


def stdout_is_terminal() -> bool:
    return sys.stdout.isatty()
