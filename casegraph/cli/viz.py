"""`casegraph viz VIEW --out FILE`: a page (.html) or a still (.png, .svg) of one view.

A thin layer over `casegraph.viz`: read the graph from the store, build the
view's figure (publishable unless --include-restricted), write it.
"""

from __future__ import annotations

import json
from pathlib import Path

import click

from casegraph.graph.profile import profile_of

from casegraph.cli.output import format_option, say
from casegraph.cli.stores import store_options

__all__ = ["COMMANDS", "viz"]


def _views() -> dict[str, str]:
    from casegraph.viz.views import VIEWS

    return VIEWS


@click.command()
@click.argument("view", type=click.Choice(["overview", "ego", "patterns", "tiles", "timeline", "decades", "map",
                                           "responses"]))
@click.option("--out", "out", required=True, type=click.Path(dir_okay=False, path_type=Path),
              help="file to write: .html (interactive page), .png or .svg (still for print)")
@store_options
@click.option("--node", default=None, metavar="ID", help="ego: the centre (any node id, or an exact name)")
@click.option("--hops", default=2, show_default=True, type=click.IntRange(0, 6), help="ego: how many hops out")
@click.option("--borough", "boroughs", multiple=True, metavar="NAME", help="only cases filed under this borough or at a place in it (repeatable)")
@click.option("--decade", "decades", multiple=True, metavar="1990s",
              help="only cases counted in this decade, as for export --decade (repeatable)")
@click.option("--indicator", "indicators", multiple=True, metavar="ID", help="only cases showing this pattern (repeatable)")
@click.option("--type", "types", multiple=True, metavar="KIND", help="only nodes of this type, e.g. case, person (repeatable)")
@click.option("--status", "statuses", multiple=True, metavar="STATUS",
              help="only relationships of this claim status: reported, alleged, charged, convicted, acquitted, "
                   "inferred (repeatable)")
@click.option("--measure", default="cases", show_default=True, metavar="MEASURE",
              help="tiles: what colours a tile: cases, pattern=ID (cases showing it) or status=STATUS "
                   "(cases with a relationship of that claim status)")
@click.option("--title", default=None, help="heading (default: the view's own)")
@click.option("--caption", default=None, help="caption under the picture; the source credit is always added")
@click.option("--include-restricted", is_flag=True,
              help="include restricted data (victims, minors, identifying details); the picture then says so in a banner")
@click.option("--budget", default=None, type=click.IntRange(10, None), metavar="N",
              help="most nodes drawn one by one before grouping (default 1,500; see VIEWS.md)")
@click.option("--width", default=None, type=click.IntRange(400, 12000), metavar="PX",
              help="still width in pixels (PNG default 3,200; SVG 1,600, the width it is laid out at)")
@format_option("table", "json")
def viz(view, out, store, node, hops, boroughs, decades, indicators, types, statuses, measure, title, caption,
        include_restricted, budget, width, fmt):
    """Draw VIEW of the graph into --out: overview, ego, patterns, tiles, timeline, decades, map or responses.

    \b
    overview   cases, their boroughs, what links two or more cases
    ego        one node and its neighbourhood (--node ID, --hops K)
    patterns   matrices: pattern x decade, pattern x borough
    tiles      London tile map, coloured by --measure, small multiples by decade
    timeline   cases on a time axis (years, spans, unknown periods apart)
    decades    cases along time: what recurs across decades
    map        schematic London: boroughs at their real relative positions
    responses  institutions, statements, reviews, refusals to comment

    Restricted data is left out unless --include-restricted. Pages open with
    no network; large graphs are grouped above the node budget.
    """
    from casegraph.graph.projection import project
    from casegraph.graph.selection import NodeNotFound, SelectionError
    from casegraph.viz.aggregate import DEFAULT_BUDGET
    from casegraph.viz.compose import Options
    from casegraph.viz.filters import Filters
    from casegraph.viz.pages import output_format, write_figure
    from casegraph.viz.views import figure_for

    try:
        output_format(out)
    except ValueError as error:
        raise click.BadParameter(str(error), param_hint="--out") from None
    if view == "ego" and not node:
        raise click.UsageError("the ego view needs --node ID (a case, person, institution, place or borough)")
    options = Options(title=title, caption=caption, include_restricted=include_restricted,
                      budget=budget or DEFAULT_BUDGET)
    filters = Filters(boroughs, decades, indicators, types, statuses)
    params = {"node": node, "hops": hops} if view == "ego" else ({"measure": measure} if view == "tiles" else {})
    with store.view(profile_of(include_restricted)) as store_view:
        graph = project(store_view)
    try:
        figure = figure_for(view, graph, options, filters, **params)
    except NodeNotFound as error:
        if error.public:
            raise SelectionError(f"{error.message} (restricted data is left out unless --include-restricted)") from None
        raise
    if include_restricted:
        say("warning: this picture includes restricted data; it carries a banner saying it is not for publication")
    for note in figure.notes:
        say(note)
    try:
        path = write_figure(figure, out, width)
    except Exception as error:  # a missing browser for PNG: say what to install
        from casegraph.viz.browser import BrowserError

        if isinstance(error, BrowserError):
            raise click.ClickException(str(error)) from None
        raise
    report = {"view": view, "out": str(path), "nodes": len(figure.marks), "relationships": len(figure.links),
              "aggregated": figure.aggregated, "include_restricted": include_restricted, "filters": options.filters,
              "notes": figure.notes}
    if fmt == "json":
        click.echo(json.dumps(report, indent=2, ensure_ascii=False))
    else:
        from casegraph.viz.views import CHARTS

        what = "marks (tiles, cells or bars)" if view in CHARTS else \
            f"nodes, {report['relationships']:,} relationships"
        click.echo(f"{view}: {report['nodes']:,} {what} -> {path}")


COMMANDS = [viz]
