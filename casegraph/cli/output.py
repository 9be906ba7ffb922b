"""Output shared by every command: a table, JSON or CSV, on stdout only.

Progress and messages go to stderr, so `--format json` output is the only
thing on stdout and a program can read it. Tables fit the terminal: columns
share its width and long values wrap onto more lines (never cut);
`--max-width N` sets the width (0: no limit), and `--format json` or `csv`
give every value whole for programs.

Restricted output carries its marking inside it, in every format, so that a
copy of it (a saved file, a pipe, a paste) still says what it is; public
output is unmarked. JSON: an object `{"profile": "restricted", "notice":
..., "data": ...}`, `data` being what the public profile prints, so a
program written for public output stops at it instead of taking it for
public. CSV: a last column, `casegraph_profile`, saying `restricted: not
for publication` in every row: a comment line above the header would be
read as the header by every CSV reader that does not skip comments
(Python's csv module, Excel, pandas by default), while a last column
parses everywhere, moves no other column, and stays on each row that is
filtered, sorted or pasted elsewhere; an answer's own column of that name
is refused (`csv_text`). A table, or several printed together (`casegraph
analyze`): the notice as the first and last lines.
"""

from __future__ import annotations

import csv
import io
import json
import shutil
import textwrap
from typing import Any, Sequence

import click

from casegraph.exports.base import RESTRICTED_NOTICE
from casegraph.exports.csvfiles import PROFILE_COLUMN, RESTRICTED_CELL, neutralise
from casegraph.graph.values import text_of
from casegraph.queries.catalog import QueryError

__all__ = ["format_option", "emit_rows", "emit_tables", "emit_json", "marked_json", "marked_lines", "csv_text", "say",
           "table_lines", "terminal_width", "PROFILE_COLUMN", "RESTRICTED_CELL"]

MIN_COLUMN = 10
"""Narrowest a wrapped column gets (a column whose values are all shorter keeps their width)."""

LONGEST_WORD = 60
"""A column is never narrower than its longest word up to this length, so ids are never split."""

_WIDTH_KEY = "casegraph.max_width"



def _remember_width(ctx: click.Context, _param, value: int | None) -> None:
    if value is not None:
        ctx.meta[_WIDTH_KEY] = value


def _whole(choices: tuple[str, ...]) -> str:
    """What `--format`'s help says of the formats for programs, of those the command offers."""
    whole = [name for name in ("json", "csv") if name in choices]
    verb = "gives" if len(whole) == 1 else "give"
    return f" ({' and '.join(whole)} {verb} every value whole, for programs)" if whole else ""


def format_option(*choices: str, default: str = "table"):
    """`--format` (what the command prints on stdout), plus `--max-width` when it prints tables."""

    def decorate(command):
        command = click.option(
            "--format", "fmt", type=click.Choice(choices), default=default, show_default=True,
            help="what to print on stdout: " + ", ".join(choices) + _whole(choices),
        )(command)
        if "table" in choices:
            command = click.option(
                "--max-width", type=click.IntRange(0), default=None, expose_value=False, callback=_remember_width,
                metavar="N", help="table width in characters (default: the terminal's; 0: no limit); long values wrap",
            )(command)
        return command

    return decorate


def say(message: str) -> None:
    """Progress and notes: stderr, never mixed into the output."""
    click.echo(message, err=True)


def terminal_width() -> int:
    """`--max-width` if given, else the terminal's width ($COLUMNS, else 120 when there is no terminal)."""
    ctx = click.get_current_context(silent=True)
    if ctx is not None:
        for context in (ctx, *_parents(ctx)):
            if _WIDTH_KEY in context.meta:
                return context.meta[_WIDTH_KEY]
    return shutil.get_terminal_size((120, 24)).columns


def _parents(ctx: click.Context):
    while ctx.parent is not None:
        ctx = ctx.parent
        yield ctx


def _fit(natural: list[int], floors: list[int], available: int) -> list[int]:
    """Column widths summing to at most `available`: the widest columns give way first."""
    widths = list(natural)
    while sum(widths) > available:
        widest = max(range(len(widths)), key=lambda i: (widths[i] - floors[i] > 0, widths[i]))
        if widths[widest] <= floors[widest]:
            break  # every column at its floor: the table is wider than asked
        widths[widest] -= 1
    return widths


def table_lines(columns: Sequence[str], rows: Sequence[Sequence[Any]], max_width: int = 0) -> list[str]:
    """A text table of `rows`, every value whole: wrapped to fit `max_width` characters (0: no limit).

    Rows that wrap are separated by a blank line so each reads as one record."""
    texts = [[" ".join(text_of(v).split()) for v in row] for row in rows]
    natural = [max([len(c)] + [len(r[i]) for r in texts]) for i, c in enumerate(columns)]
    widths = natural
    if max_width:
        words = [max([len(w) for r in texts for w in r[i].split()] or [0]) for i in range(len(columns))]
        floors = [min(n, max(MIN_COLUMN, len(c), min(w, LONGEST_WORD))) for n, c, w in zip(natural, columns, words)]
        widths = _fit(natural, floors, max_width - 2 * (len(columns) - 1))
    lines = ["  ".join(c.ljust(w) for c, w in zip(columns, widths)).rstrip(),
             "  ".join("-" * w for w in widths)]
    wrapped = [[textwrap.wrap(v, w, break_on_hyphens=False) or [""] for v, w in zip(row, widths)] for row in texts]
    spaced = any(len(cell) > 1 for cells in wrapped for cell in cells)
    for number, cells in enumerate(wrapped):
        if spaced and number:
            lines.append("")
        for i in range(max(len(c) for c in cells)):
            lines.append("  ".join((c[i] if i < len(c) else "").ljust(w) for c, w in zip(cells, widths)).rstrip())
    if not rows:
        lines.append("(no rows)")
    return lines


def marked_json(data: Any, profile: str = "public") -> Any:
    """What `--format json` prints of `data`: `data` itself in the public profile; in the restricted one
    `{"profile": "restricted", "notice": RESTRICTED_NOTICE, "data": data}`."""
    if profile != "restricted":
        return data
    return {"profile": profile, "notice": RESTRICTED_NOTICE, "data": data}


def emit_json(data: Any, profile: str = "public") -> None:
    """Print `data` as JSON, marked for its profile (`marked_json`)."""
    click.echo(json.dumps(marked_json(data, profile), indent=2, ensure_ascii=False))


def marked_lines(lines: list[str], profile: str = "public") -> list[str]:
    """What a table (or several, one after another) prints: `lines` as they are in the public profile; in the
    restricted one with `RESTRICTED_NOTICE` as its first and last lines, the one table rule of every command."""
    return [RESTRICTED_NOTICE, "", *lines, "", RESTRICTED_NOTICE] if profile == "restricted" else lines


def emit_tables(tables: list[tuple[str | None, list[str], list[list[Any]]]], profile: str = "public") -> None:
    """Print `(title, columns, rows)` tables one after another (a title, when given, above its table; a blank
    line between tables), each fitting `terminal_width()`, marked once for the restricted `profile`
    (`marked_lines`)."""
    lines: list[str] = []
    for title, columns, rows in tables:
        lines += ([""] if lines else []) + ([title] if title else []) + table_lines(columns, rows, terminal_width())
    click.echo("\n".join(marked_lines(lines, profile)))


def csv_text(columns: list[str], rows: list[list[Any]], profile: str = "public") -> str:
    """`rows` as CSV (formulas neutralised), with the `PROFILE_COLUMN` marking in the restricted `profile`.
    Raises `QueryError` for a column of that name in any profile (an ad-hoc query's `AS casegraph_profile`):
    restricted, two columns of one name would leave a reader one of them (`csv.DictReader` keeps the last,
    pandas renames one); public, the column would read as the marking of a restricted answer."""
    if PROFILE_COLUMN in columns:
        raise QueryError(f"column {PROFILE_COLUMN!r}: casegraph's CSV output gives this name to the column that "
                         "marks restricted output, so an answer cannot have its own; rename it in the query "
                         "(RETURN ... AS another_name), or use --format json")
    restricted = profile == "restricted"
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow([*columns, PROFILE_COLUMN] if restricted else columns)
    writer.writerows([*(neutralise(text_of(v)) for v in row), *((RESTRICTED_CELL,) if restricted else ())]
                     for row in rows)  # no formulas
    return buffer.getvalue()


def emit_rows(columns: list[str], rows: list[list[Any]], fmt: str, profile: str = "public") -> None:
    """Print rows as a table (`emit_tables`), JSON (a list of objects, `emit_json`) or CSV (`csv_text`), marked
    in the restricted `profile` as the module docstring says."""
    if fmt == "json":
        emit_json([dict(zip(columns, row)) for row in rows], profile)
    elif fmt == "csv":
        click.echo(csv_text(columns, rows, profile), nl=False)
    else:
        emit_tables([(None, columns, rows)], profile)
