"""`casegraph viz VIEW --out FILE`: a page (.html) or a still (.png, .svg) of one view.

A thin layer over `casegraph.api.Casegraph.view`: the graph, or a selection
of it (the same selection options as export), drawn publishable unless
--profile restricted, written by the file's extension.
"""

from __future__ import annotations

import json

import click

from casegraph.cli.export import say_conditions
from casegraph.cli.options import out_option, picture_format, profile_option, selection_options
from casegraph.cli.output import format_option, say
from casegraph.cli.stores import store_options
from casegraph.schemas.text import shown_path

__all__ = ["COMMANDS", "viz"]


@click.command()
@click.argument("view", type=click.Choice(["overview", "ego", "patterns", "tiles", "timeline", "decades", "map",
                                           "responses"]))
@out_option("--out", "out", what="the picture", format_of=picture_format, required=True,
              help="the file to write; its extension is the format: .html (interactive page), .png or .svg "
                   "(still for print)")
@store_options
@click.option("--node", default=None, metavar="ID", help="ego: the centre (any node id, or an exact name)")
@selection_options(keep_hops=True)
@profile_option
@click.option("--measure", default="cases", show_default=True, metavar="MEASURE",
              help="tiles: what colours a tile: cases, pattern=ID (cases showing it) or status=STATUS "
                   "(cases with a relationship of that claim status)")
@click.option("--title", default=None, help="heading (default: the view's own)")
@click.option("--caption", default=None, help="caption under the picture; the source credit is always added")
@click.option("--budget", default=None, type=click.IntRange(10, None), metavar="N",
              help="most nodes drawn one by one before grouping (default 1,500; see VIEWS.md)")
@click.option("--width", default=None, type=click.IntRange(400, 12000), metavar="PX",
              help="still width in pixels (PNG default 3,200; SVG 1,600, the width it is laid out at)")
@format_option("table", "json")
def viz(view, out, cg, node, selection, hops, profile, measure, title, caption, budget, width, fmt):
    """Draw VIEW of the graph, or a selection of it, into --out.

    \b
    overview   cases, their boroughs, what links two or more cases
    ego        one node and its neighbourhood (--node ID, --hops K)
    patterns   matrices: pattern x decade, pattern x borough
    tiles      London tile map, coloured by --measure, small multiples by decade
    timeline   cases on a time axis (years, spans, unknown periods apart)
    decades    cases along time: what recurs across decades
    map        schematic London: boroughs at their real relative positions
    responses  institutions, statements, reviews, refusals to comment

    The selection options are export's (--borough, --decade 1990s, --type
    case, --status alleged, --min-grade 2B, ...). Restricted data is left out unless
    --profile restricted (or --include-restricted); the picture then says so
    in a banner. Pages open with no network; large graphs are grouped above
    the node budget.
    """
    from casegraph.graph.selection import NodeNotFound, SelectionError

    if view == "ego" and not node:
        raise click.UsageError("the ego view needs --node ID (a case, person, institution, place or borough)")
    if node and view != "ego":  # an option the view does not read is an error, never ignored
        raise click.UsageError(f"--node is the ego view's centre; the {view} view draws a selection: "
                               "--around ID --hops K draws one node's neighbourhood")
    if measure != "cases" and view != "tiles":
        raise click.UsageError(f"--measure colours the tiles view; the {view} view has no measure")
    extra = {"node": node, "hops": 2 if hops is None else hops} if view == "ego" else (
        {"measure": measure} if view == "tiles" else {})
    try:
        picture = cg.view(view, profile, title=title, caption=caption, budget=budget, selection=selection, **extra)
    except NodeNotFound as error:
        if error.public:
            raise SelectionError(f"{error.message} (restricted data is left out unless --include-restricted)") from None
        raise
    figure = picture.figure
    if profile == "restricted":
        say("warning: this picture includes restricted data; it carries a banner saying it is not for publication")
    else:
        left_out = sum(cg.restricted_counts().values())
        say(f"public profile: {left_out:,} restricted nodes of the store left out; source documents are cited "
            "in the credit, not drawn")
    for note in figure.notes:
        say(note)
    say_conditions(figure.conditional)
    if figure.empty:  # a blank picture published by mistake would say "none" where the data says nothing
        raise click.ClickException(f"nothing to draw ({'; '.join(picture.filters) or 'the whole graph'}); {out} was not "
                                   "written (widen the selection: `casegraph list` shows what the graph holds)")
    try:
        path = picture.save(out, width)
    except Exception as error:  # a missing browser for PNG: say what to install
        from casegraph.viz.browser import BrowserError

        if isinstance(error, BrowserError):
            raise click.ClickException(str(error)) from None
        raise
    report = {"view": view, "out": str(path), "nodes": len(figure.marks), "relationships": len(figure.links),
              "aggregated": figure.aggregated, "profile": profile, "include_restricted": profile == "restricted",
              "selection": selection.describe(), "filters": picture.filters, "notes": figure.notes}
    if fmt == "json":
        click.echo(json.dumps(report, indent=2, ensure_ascii=False))
    else:
        from casegraph.viz.views import CHARTS

        what = "marks (tiles, cells or bars)" if view in CHARTS else \
            f"nodes, {report['relationships']:,} relationships"
        click.echo(f"{view}: {report['nodes']:,} {what} -> {shown_path(path)}")


COMMANDS = [viz]
