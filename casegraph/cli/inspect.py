"""`casegraph stats`, `queries` and `query`: read the graph, never write it."""

from __future__ import annotations

import click

from casegraph.cli.export import say_conditions
from casegraph.cli.options import param_option, profile_option
from casegraph.cli.output import emit_rows, format_option, say
from casegraph.cli.stores import store_options
from casegraph.queries import catalog, get_query
from casegraph.queries.catalog import MissingParameter, QueryError
from casegraph.queries.params import parse_params
from casegraph.schemas import schema
from casegraph.schemas.words import counted

__all__ = ["COMMANDS", "stats", "queries", "query"]


@click.command()
@store_options
@profile_option
@format_option("table", "json", "csv")
def stats(cg, profile, fmt):
    """Counts per node label and relationship type (of the public graph unless --profile restricted)."""
    graph = schema()
    rows = []
    with cg.store.view(profile) as view:
        for label in graph.labels:
            count = view.run(f"MATCH (n:{label}) RETURN count(n) AS n").rows[0][0]
            rows.append(["node", label, count])
        for rel in graph.rels:  # anchored on labels: a build's staged data is never counted
            count = sum(view.run(f"MATCH (:{a})-[r:{rel.type}]->(:{b}) RETURN count(r) AS n").rows[0][0]
                        for a, b in rel.endpoints)
            rows.append(["relationship", rel.type, count])
    emit_rows(["kind", "name", "count"], rows, fmt, profile)


@click.command()
@format_option("table", "json")
def queries(fmt):
    """The query catalog: name, the question it answers, its parameters."""
    rows = []
    for query in catalog().values():
        params = {
            name: {"type": p.type, "required": p.required, "default": p.default, "description": p.description}
            for name, p in query.header.parameters.items()
        }
        shown = params if fmt == "json" else ", ".join(
            f"{n}{'' if p['required'] else '?'}:{p['type']}" for n, p in params.items())
        rows.append([query.name, query.header.question, shown])
    emit_rows(["name", "question", "parameters"], rows, fmt)


@click.command()
@click.argument("name", required=False)
@click.option("--cypher", default=None, help="an ad-hoc read-only Cypher query instead of a catalog NAME")
@param_option
@profile_option
@store_options
@format_option("table", "json", "csv")
def query(name, cypher, param_pairs, profile, cg, fmt):
    """Run catalog query NAME, or an ad-hoc read-only query with --cypher.

    Ids given as parameters are checked first (any case): an unknown id is an
    error naming the closest ones (`casegraph search TEXT` finds ids).
    --profile restricted (or --include-restricted) lets a catalog query that
    has an include_restricted parameter show restricted data (its default is
    then true; --param include_restricted=false leaves it out: the build's
    public graph answers). In the public profile --param
    include_restricted=true is refused, never answered without it.

    An ad-hoc query is accepted only when it is one read-only statement (read
    clauses, and CALL of a short list of read-only procedures); the store is
    also opened read-only. It reads the public graph (restricted data does not
    exist there) unless --profile restricted. Queries stop at CASEGRAPH_QUERY_TIMEOUT seconds
    (default 120) and, on the embedded store, CASEGRAPH_QUERY_MEMORY (default
    2GB), with a message saying which limit was hit. In JSON a node is
    {"labels": [...], "properties": {...}} and a relationship {"type": ...,
    "properties": {...}}. An unknown is null in JSON and an empty cell in a
    table or CSV, but an unknown element of a list is written unknown there
    (C; unknown; P), so [null] reads apart from [] (an empty cell). In CSV no
    column may be named casegraph_profile:
    that is the column marking restricted output. An answer holding citations
    with the 3x5x2 handling code C (a citation_handling column, a map's, as
    review-follow-up's responses, or a node or relationship's) says so on
    stderr: check their conditions before publishing it. A number parameter is written in ASCII digits, unquoted
    (--param max_hops=2; '"2"' is text).
    """
    if bool(name) == bool(cypher):
        raise click.UsageError("give a catalog query NAME or --cypher TEXT (not both)")
    params = parse_params(param_pairs)
    if name:
        try:
            result = cg.query(name, params, profile=profile)
        except MissingParameter as error:
            raise QueryError(f"{error}: --param {error.parameter}=...") from None
    else:
        result = cg.cypher(cypher, params, profile=profile)
    if result.profile == "restricted":  # before the rows: a reader of a long answer sees it first
        say("warning: this answer includes restricted data (victims' pseudonyms, ages, restricted detail): "
            "not for publication")
    emit_rows(result.columns, result.rows, fmt, result.profile)
    if result.total is not None:
        say(_page_note(result, params, name))
    say_conditions(result.conditional)


def _page_note(result, params: dict, name: str) -> str:
    """Which rows of how many a paged answer shows, and how to ask for the next page."""
    bound = get_query(name).bind(params)
    first, shown = bound["offset"] + 1, len(result.rows)
    if not shown and not result.total:
        return "no rows: the answer is empty"
    if not shown:  # as the explorer's pages say it (`explorer.paging`), with where the last page starts
        last = (result.total - 1) // bound["limit"] * bound["limit"]
        return f"no rows from {first:,}: past the last row of {counted(result.total, 'row')}; the last page: --param offset={last}"
    note = f"rows {first:,}-{first + shown - 1:,} of {result.total:,}"
    if first + shown - 1 < result.total:
        note += f"; next page: --param offset={bound['offset'] + shown}"
    return note


COMMANDS = [stats, queries, query]
