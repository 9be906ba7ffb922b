"""`casegraph export`: a subgraph to GraphML, GEXF, JSON, CSV, Cypher or FtM.

A thin layer over `casegraph.api.Casegraph.export`; the file's format is
its extension (`casegraph.exports.format_of`), as for pictures and reports.
"""

from __future__ import annotations

import json

import click

from casegraph.cli.options import out_option, profile_option, selection_options
from casegraph.cli.output import format_option, say
from casegraph.cli.stores import store_options
from casegraph.schemas.words import counted

__all__ = ["COMMANDS", "export", "selection_note", "say_conditions"]


def selection_note(graph, profile: str, cg) -> str:
    """`N nodes and M relationships (public profile; K restricted nodes left out)`, for progress lines."""
    text = f"{counted(graph.number_of_nodes(), 'node')} and {counted(graph.number_of_edges(), 'relationship')} ({profile} profile"
    if profile == "public":
        left_out = sum(cg.restricted_counts().values())
        text += f"; {left_out:,} restricted nodes of the store left out" if left_out else ""
    return text + ")"


def say_conditions(conditional: int) -> None:
    """On stderr, what handling code C asks before publishing an output behind which `conditional`
    citations carry the code, if any (`exports.base.conditions_notice`: one rule for every output)."""
    from casegraph.exports.base import conditions_notice

    notice = conditions_notice(conditional)
    if notice:
        say(f"note: {notice}")


@click.command()
@selection_options
@profile_option
@click.option("--with-analytics", is_flag=True,
              help="add community, centrality and connector counts (analytics_*) to exported nodes")
@out_option("--out", "out", what="the export", file_only=False, required=True,
              help="the file to write; its extension is the format: .graphml, .gexf, .json (node-link), "
                   ".ftm.json (FollowTheMoney), .cypher, or .csv / a folder (nodes and edges CSV files)")
@store_options
@format_option("table", "json")
def export(selection, profile, with_analytics, out, cg, fmt):
    """Export the graph, or a selection of it, for other tools.

    The format is --out's extension: .graphml and .gexf (Gephi, yEd), .json
    (networkx node-link), .csv or a folder (nodes and edges files), .cypher
    (a script for an empty Neo4j) and .ftm.json (FollowTheMoney entities for
    Aleph). Every node and relationship keeps its source, paragraphs, claim
    status, sensitivity and time. The public profile (default) leaves
    restricted data out; --profile restricted includes it and marks the
    files (.restricted in their names).

    Selection options combine: the case filters (--borough, --decade,
    --indicator, --institution, --person) pick cases matching all of them;
    --case, --around and --query add to that; --type, --status and
    --min-grade (facts with a citation graded at least 2B, say) narrow the
    result. No option: the whole graph.
    """
    from casegraph.exports import format_of
    from casegraph.exports.base import conditional_citations

    fmt_of_file = format_of(out)
    graph = cg.select(profile, selection, with_analytics)
    files = cg.export_graph(graph, out, profile, selection)
    say(f"exported {selection_note(graph, profile, cg)} as {fmt_of_file}")
    if profile == "restricted":
        say("RESTRICTED export: it identifies victims and minors; do not publish it")
    say_conditions(conditional_citations(graph))
    if fmt == "json":
        click.echo(json.dumps({"files": [str(p) for p in files], "format": fmt_of_file, "profile": profile,
                               "nodes": graph.number_of_nodes(), "relationships": graph.number_of_edges(),
                               "selection": selection.describe()}, indent=2, ensure_ascii=False))
    else:
        for path in files:
            click.echo(str(path))


COMMANDS = [export]
