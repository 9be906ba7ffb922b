"""`casegraph export`: a subgraph to GraphML, GEXF, JSON, CSV, Cypher or FtM.

Also home to the options that `export`, `analyze` and `report` share: the
selection (`--case`, `--borough`, `--decade`, `--indicator`,
`--institution`, `--person`, `--around/--hops`, `--query/--param`) and the
profile (`--profile public|restricted`).
"""

from __future__ import annotations

import functools
from pathlib import Path

import click

from casegraph.cli.output import say
from casegraph.cli.stores import store_options

__all__ = ["COMMANDS", "export", "selection_options", "profile_option", "selected_graph"]


def _params(pairs: tuple[str, ...]) -> dict[str, str]:
    params = {}
    for pair in pairs:
        if "=" not in pair:
            raise click.UsageError(f"--param {pair!r}: expected key=value")
        key, value = pair.split("=", 1)
        params[key.strip()] = value
    return params


def selection_options(command):
    """The selection options; the command receives `selection=` (a Selection)."""

    @click.option("--case", "cases", multiple=True, metavar="ID", help="a case (repeatable)")
    @click.option("--borough", "boroughs", multiple=True, metavar="ID",
                  help="cases filed under a borough or at a place in it: id or name (repeatable)")
    @click.option("--decade", "decades", multiple=True, type=int, metavar="YEAR",
                  help="cases counted in a decade, e.g. 2000: from the decade of their first year to that "
                       "of their last (an ongoing 2019- counts in the 2010s) (repeatable)")
    @click.option("--indicator", "indicators", multiple=True, metavar="ID", help="cases showing an indicator")
    @click.option("--institution", "institutions", multiple=True, metavar="ID",
                  help="cases an institution is linked to")
    @click.option("--person", "people", multiple=True, metavar="ID", help="cases a person is linked to")
    @click.option("--around", "around", multiple=True, metavar="ID", help="the neighbourhood of a node")
    @click.option("--hops", type=click.IntRange(0, 10), default=1, show_default=True,
                  help="how far --around reaches")
    @click.option("--query", "query_name", default=None, metavar="NAME",
                  help="the nodes a catalog query returns")
    @click.option("--param", "param_pairs", multiple=True, metavar="KEY=VALUE",
                  help="a parameter of --query (repeatable)")
    @functools.wraps(command)
    def wrapper(*args, cases, boroughs, decades, indicators, institutions, people, around, hops,
                query_name, param_pairs, **kwargs):
        from casegraph.graph.selection import Selection

        if param_pairs and not query_name:
            raise click.UsageError("--param is for --query")
        selection = Selection(
            cases=cases, boroughs=boroughs, decades=decades, indicators=indicators,
            institutions=institutions, people=people, around=tuple((node, hops) for node in around),
            query=query_name, params=_params(param_pairs),
        )
        return command(*args, selection=selection, **kwargs)

    return wrapper


profile_option = click.option(
    "--profile", type=click.Choice(["public", "restricted"]), default="public", show_default=True,
    help="public leaves out restricted data (victims, minors); restricted includes it and marks the output",
)


def selected_graph(store, profile: str, selection, with_analytics: bool = False):
    """Project the store in a profile, optionally annotate it, then select: (graph, analytics meaning).

    A selection naming nothing in the graph is a one-line message and exit status 1.
    """
    from casegraph.graph.projection import project
    from casegraph.graph.selection import select

    with store.view(profile) as view:  # the public profile reads the public graph: nothing to filter
        graph = project(view)
        analytics = {}
        if with_analytics:
            from casegraph.analysis import annotate

            analytics = annotate(graph)
        return select(graph, selection, view), analytics


FORMAT_CHOICES = ["graphml", "gexf", "json", "csv", "cypher", "ftm"]


@click.command()
@click.option("--format", "fmt", type=click.Choice(FORMAT_CHOICES), required=True, help="the file format")
@selection_options
@profile_option
@click.option("--with-analytics", is_flag=True,
              help="add community, centrality and connector counts (analytics_*) to exported nodes")
@click.option("--out", "out", type=click.Path(path_type=Path), required=True,
              help="file to write (csv: a folder, or NAME.csv for NAME.nodes.csv and NAME.edges.csv)")
@store_options
def export(fmt, selection, profile, with_analytics, out, store):
    """Export the graph, or a selection of it, for other tools.

    graphml and gexf (Gephi), json (node-link, networkx), csv (nodes and
    edges files), cypher (a script for an empty Neo4j) and ftm
    (FollowTheMoney entities for Aleph). Every node and relationship keeps
    its source, paragraphs, claim status, sensitivity and time. The public
    profile (default) leaves restricted data out; --profile restricted
    includes it and marks the files (.restricted in their names).

    Selection options combine: the case filters (--borough, --decade,
    --indicator, --institution, --person) pick cases matching all of them;
    --case, --around and --query add to that. No option: the whole graph.
    """
    from casegraph.exports import ExportMeta
    from casegraph.exports import export as write

    graph, analytics = selected_graph(store, profile, selection, with_analytics)
    meta = ExportMeta(profile=profile, selection=selection.describe(), analytics=analytics)
    files = write(graph, fmt, out, meta)
    say(f"exported {graph.number_of_nodes()} nodes and {graph.number_of_edges()} relationships "
        f"({profile} profile) as {fmt}")
    if profile == "restricted":
        say("RESTRICTED export: it identifies victims and minors; do not publish it")
    for path in files:
        click.echo(str(path))


COMMANDS = [export]
