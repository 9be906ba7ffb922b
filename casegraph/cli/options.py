"""The options every command shares, one name and one value form each.

- selection (`export`, `analyze`, `report`, `viz`): `--case`, `--borough`,
  `--decade` (1990s or 1990), `--indicator`, `--institution`, `--person`,
  `--around/--hops`, `--query/--param`, `--type`, `--status`, `--min-grade`; the command
  receives a `casegraph.graph.selection.Selection`;
- `--out` (every command that writes a file): `-` is refused before anything is
  read (`out_option`);
- profile (every command that reads the graph's data): `--profile
  public|restricted`, with `--include-restricted` as another way to say
  `--profile restricted`; the command receives `profile`.
"""

from __future__ import annotations

import functools
from pathlib import Path
from typing import Callable

import click

from casegraph.graph.selection import MAX_HOPS
from casegraph.outputs import OutputError, not_stdout
from casegraph.queries.params import parse_params

__all__ = ["selection_options", "profile_option", "param_option", "out_option", "picture_format", "HOPS_HELP", "DATA",
           "DATA_HELP"]

DATA = click.argument("data", nargs=-1, type=click.Path(path_type=Path))
"""The data a command reads (`build`, `validate`, `verify`): which it takes is
`casegraph.loaders.source.data_source`'s rule; a missing path is a load problem, exit status 1."""

DATA_HELP = """
    DATA is files or folders; without it, `$CASEGRAPH_DATA`, else the folder
    named by the nearest casegraph.toml (`casegraph init DIR` writes one), else
    the bundled London data. A data folder holds the reference data and the
    sources its facts cite beside its cases: `casegraph init DIR` makes one.
"""

HOPS_HELP = "how far --around reaches (default 1; the ego view's --node: 2)"

param_option = click.option(
    "--param", "param_pairs", multiple=True, metavar="KEY=VALUE",
    help="a query parameter (repeatable, each KEY once): a value that parses as JSON is that value (2012 is a "
         "number, true a boolean); quote it to keep text: 'y=\"2012\"'",
)


def out_option(*names: str, what: str, file_only: bool = True, format_of: Callable[[Path], object] | None = None,
               **kwargs):
    """A path option of a command that writes (`--out`, `build --overview`), checked before anything is read:
    `-` refused (`casegraph.outputs.not_stdout`, the rule `writing` keeps too), a folder refused when
    `file_only`, and a name `format_of` (the writer's own rule, raising ValueError) finds no format in."""

    def checked(_ctx, param, value):
        if value is None:
            return None
        try:
            path = not_stdout(value, what)
            if format_of is not None:
                format_of(path)
        except (OutputError, ValueError) as error:
            raise click.BadParameter(str(error), param=param) from None
        return path

    return click.option(*names, type=click.Path(dir_okay=not file_only, path_type=Path), callback=checked, **kwargs)


def picture_format(path: Path) -> str:
    """The format of a picture's file name (`casegraph.viz.pages.output_format`), for `out_option`'s
    `format_of` (imported when an option is checked: the drawing code is not loaded for every command)."""
    from casegraph.viz.pages import output_format

    return output_format(path)


def selection_options(command=None, *, keep_hops: bool = False):
    """The selection options; the command receives `selection=` (and `hops=` when `keep_hops`)."""
    if command is None:
        return functools.partial(selection_options, keep_hops=keep_hops)

    @click.option("--case", "cases", multiple=True, metavar="ID", help="a case (repeatable)")
    @click.option("--borough", "boroughs", multiple=True, metavar="ID",
                  help="cases filed under a borough or at a place in it: id or name (repeatable)")
    @click.option("--decade", "decades", multiple=True, metavar="1990s",
                  help="cases counted in a decade, written 1990s or 1990: from the decade of their first year "
                       "to that of their last (an ongoing 2019- counts in the 2010s) (repeatable)")
    @click.option("--indicator", "indicators", multiple=True, metavar="ID", help="cases showing an indicator (repeatable)")
    @click.option("--institution", "institutions", multiple=True, metavar="ID",
                  help="cases an institution is linked to (repeatable)")
    @click.option("--person", "people", multiple=True, metavar="ID", help="cases a person is linked to (repeatable)")
    @click.option("--around", "around", multiple=True, metavar="ID", help="the neighbourhood of a node (repeatable)")
    @click.option("--hops", type=click.IntRange(0, MAX_HOPS), default=None, metavar="K", help=HOPS_HELP)
    @click.option("--query", "query_name", default=None, metavar="NAME", help="the nodes a catalog query returns")
    @param_option
    @click.option("--type", "types", multiple=True, metavar="KIND",
                  help="only nodes of this type, e.g. case, person, borough (repeatable)")
    @click.option("--status", "statuses", multiple=True, metavar="STATUS",
                  help="only relationships of this claim status: reported, alleged, charged, convicted, acquitted, "
                       "inferred (repeatable)")
    @click.option("--min-grade", "min_grade", default=None, metavar="GRADE",
                  help="only facts with a citation graded at least GRADE on the UK 3x5x2 scales: a source "
                       "evaluation 1-3 (1 reliable) and/or an information assessment A-E (A known directly), "
                       "e.g. 2B (takes 1A to 2B), 2 or B; an ungraded citation meets no grade")
    @functools.wraps(command)
    def wrapper(*args, cases, boroughs, decades, indicators, institutions, people, around, hops,
                query_name, param_pairs, types, statuses, min_grade, **kwargs):
        from casegraph.graph.selection import Selection

        if param_pairs and not query_name:
            raise click.UsageError("--param is for --query")
        selection = Selection(
            cases=cases, boroughs=boroughs, decades=decades, indicators=indicators, institutions=institutions,
            people=people, around=tuple((node, 1 if hops is None else hops) for node in around),
            query=query_name, params=parse_params(param_pairs), types=types, statuses=statuses,
            min_grade=min_grade,
        )
        if keep_hops:
            kwargs["hops"] = hops
        return command(*args, selection=selection, **kwargs)

    return wrapper


def profile_option(command):
    """`--profile public|restricted` and its alias `--include-restricted`; the command receives `profile=`."""

    @click.option("--profile", type=click.Choice(["public", "restricted"]), default=None,
                  help="public (default) leaves out restricted data (victims, minors, identifying details); "
                       "restricted includes it and marks the output")
    @click.option("--include-restricted", is_flag=True, help="the same as --profile restricted")
    @functools.wraps(command)
    def wrapper(*args, profile, include_restricted, **kwargs):
        if include_restricted and profile == "public":
            raise click.UsageError("--include-restricted contradicts --profile public")
        return command(*args, profile="restricted" if include_restricted else (profile or "public"), **kwargs)

    return wrapper
