"""`casegraph analyze`: similarity, communities, connectors, bridges and centrality.

A thin layer over `casegraph.analysis`, on the whole graph or a selection,
in a profile (public by default: the analysis sees public data only). It
reads an outline of the graph with what the analyses need
(`casegraph.analysis.ANALYSED_FIELDS`), not every stored property.
"""

from __future__ import annotations

import click

from casegraph.cli.export import say_conditions, selection_note
from casegraph.cli.options import profile_option, selection_options
from casegraph.cli.output import emit_json, emit_rows, emit_tables, format_option, say
from casegraph.cli.stores import store_options

__all__ = ["COMMANDS", "analyze", "ANALYSES"]

ANALYSES = ("all", "similarity", "communities", "connectors", "bridges", "centrality")


def _similarity(graph, top, similar_to):
    from casegraph.analysis import case_similarity
    from casegraph.graph.selection import resolve_node

    case = None if similar_to is None else resolve_node(graph, similar_to, "CaseFile")  # "" too: refused
    pairs = case_similarity(graph, case=case, top=top)
    return ["case_a", "case_b", "score", "shared_count", "shared"], [p.as_dict() for p in pairs]


def _communities(graph, top, _):
    from casegraph.analysis import case_communities

    rows = [c.as_dict() for c in case_communities(graph)][:top]
    return ["community", "cases", "boroughs", "decades", "crosses_boroughs", "crosses_decades", "shared"], rows


def _connectors(graph, top, _):
    from casegraph.analysis import connectors

    rows = [c.as_dict() for c in connectors(graph, min_cases=1)][:top]
    return ["id", "label", "name", "case_count", "borough_count", "betweenness", "boroughs"], rows


def _bridges(graph, top, _):
    from casegraph.analysis import borough_bridges

    rows = [b.as_dict() for b in borough_bridges(graph)][:top]
    return ["borough_a", "borough_b", "neighbours", "via_count", "via"], rows


def _centrality(graph, top, _):
    from casegraph.analysis import centrality
    from casegraph.analysis.features import display_name

    scores = sorted(centrality(graph).items(), key=lambda kv: (-kv[1], kv[0]))[:top]
    rows = [{"id": n, "label": graph.nodes[n].get("label"), "name": display_name(graph, n),
             "betweenness": b, "degree": graph.degree(n)} for n, b in scores]
    return ["id", "label", "name", "betweenness", "degree"], rows


RUNNERS = {"similarity": _similarity, "communities": _communities, "connectors": _connectors,
           "bridges": _bridges, "centrality": _centrality}


@click.command()
@click.argument("what", type=click.Choice(ANALYSES), default="all")
@selection_options
@profile_option
@click.option("--top", type=click.IntRange(1), default=10, show_default=True, help="rows per analysis")
@click.option("--similar-to", default=None, metavar="CASE", help="similarity: only pairs with this case")
@format_option("table", "json", "csv")
@store_options
def analyze(what, selection, profile, top, similar_to, fmt, cg):
    """Graph analytics on the whole graph or a selection.

    WHAT is one of: similarity (cases sharing indicators, places, people,
    institutions), communities (groups of similar cases, and the boroughs
    and decades they span), connectors (institutions, places and people
    linking the most cases and boroughs), bridges (what links pairs of
    boroughs), centrality (betweenness), or all (default). --format csv
    writes one analysis's table (name it).
    """
    from casegraph.analysis import ANALYSED_FIELDS
    from casegraph.exports.base import conditional_citations

    if fmt == "csv" and what == "all":  # one CSV holds one table: the analyses' columns differ
        raise click.UsageError("--format csv writes one table: name one analysis ("
                               + ", ".join(RUNNERS) + "), or use --format json for all of them")
    graph = cg.select(profile, selection, fields=ANALYSED_FIELDS)  # an outline: handling codes too
    say(f"analysing {selection_note(graph, profile, cg)}")
    say_conditions(conditional_citations(graph))
    names = list(RUNNERS) if what == "all" else [what]
    results = {name: RUNNERS[name](graph, top, similar_to) for name in names}
    if fmt == "json":
        data = {name: rows for name, (_, rows) in results.items()}
        emit_json(data if what == "all" else data[what], profile)
    elif fmt == "csv":
        columns, rows = results[what]
        emit_rows(columns, [[row.get(c) for c in columns] for row in rows], "csv", profile)
    else:  # one table per analysis, titled when there are several, marked once around them all
        emit_tables([(name.capitalize() if len(results) > 1 else None, columns,
                      [[row.get(c) for c in columns] for row in rows]) for name, (columns, rows) in results.items()],
                    profile)


COMMANDS = [analyze]
