"""`casegraph list KIND` and `casegraph search TEXT`: find the ids to use next.

A thin layer over `casegraph.api.Casegraph.list` / `.search` (the ranking
lives in `casegraph.graph.search`, shared with every "did you mean").
"""

from __future__ import annotations

import click

from casegraph.cli.options import profile_option
from casegraph.cli.output import emit_rows, format_option
from casegraph.cli.stores import store_options

__all__ = ["COMMANDS", "list_command", "search_command"]

LIST_COLUMNS = ["id", "name", "borough", "period"]
SEARCH_COLUMNS = ["id", "kind", "name", "matched", "borough", "period", "score"]


def _kind_error(error: KeyError):
    return click.BadParameter(str(error.args[0]), param_hint="KIND")


@click.command("list")
@click.argument("kind")
@profile_option
@store_options
@format_option("table", "json", "csv")
def list_command(kind, profile, cg, fmt):
    """List every node of KIND, by id: its name, borough and period.

    KIND is cases, people, places, institutions, boroughs, indicators,
    investigations, reviews, recommendations, statements or sources (or the
    singular). Restricted records are left out unless --profile restricted.
    A borough or period there is none of is null in JSON, an empty cell in
    CSV and the table.
    """
    try:
        hits = cg.list(kind, profile=profile)
    except KeyError as error:
        raise _kind_error(error) from None
    emit_rows(LIST_COLUMNS, [[getattr(h, c) for c in LIST_COLUMNS] for h in hits], fmt, profile)


def _once(context, parameter, values):
    """One value of a filter given once, or None; a filter given again is refused (as the explorer's search does),
    not read as its last value."""
    if len(values) > 1:
        raise click.BadParameter(f"given {len(values)} times ({', '.join(values)}): the search takes one", context,
                                 parameter)
    return values[0] if values else None


@click.command("search")
@click.argument("text")
@click.option("--kind", "kinds", multiple=True, metavar="KIND", help="only nodes of this kind, e.g. case (repeatable)")
@click.option("--borough", metavar="ID", multiple=True, callback=_once, help="only cases in this borough (filed under it or at a place in it) and "
                                               "what is linked to them, as the explorer's search filters")
@click.option("--decade", metavar="1990s", multiple=True, callback=_once, help="only records of this decade (1990s or 1990), and what is linked to "
                                               "cases of it; with --borough, one case in the borough and of the decade")
@click.option("--limit", type=click.IntRange(1), default=20, show_default=True, help="most rows shown")
@profile_option
@store_options
@format_option("table", "json", "csv")
def search_command(text, kinds, borough, decade, limit, profile, cg, fmt):
    """Search names, titles, aliases and ids for TEXT, forgiving typos; best first.

    The id column is what to pass on: `casegraph query similar-cases --param
    case_id=ID`, `--borough ID`, `viz ego --node ID`. score is 100 for an
    exact match, 95 for a name starting with TEXT, 90 for TEXT inside it, less
    for a near miss. matched is the alias or title that matched, when it is
    neither the id nor the name; it, a borough or a period there is none of
    is null in JSON, an empty cell in CSV and the table.
    """
    try:
        hits = cg.search(text, kinds, limit, profile=profile, borough=borough, decade=decade)
    except KeyError as error:
        raise _kind_error(error) from None
    emit_rows(SEARCH_COLUMNS, [[getattr(h, c) for c in SEARCH_COLUMNS] for h in hits], fmt, profile)
    if not hits and fmt == "table":
        narrowed = " ".join(f"--{name} {value}" for name, value in (("borough", borough), ("decade", decade)) if value)
        click.echo(f"nothing matches {text!r}" + (f" with {narrowed}" if narrowed else "")
                   + "; `casegraph list cases` lists every case", err=True)


COMMANDS = [list_command, search_command]
