"""The responses view: how institutions answered.

Three columns: who (institutions and people who made statements,
commissioned or carried out reviews and investigations) | what they said or
did (statements, refusals to comment, reviews, investigations) | what it was
about (recommendations, cases, boroughs, other statements). A refusal to
comment is drawn as a grey statement labelled "Declined to comment", so
silence is as visible as an answer. Past the node budget, statements are
grouped by who made them.
"""

from __future__ import annotations

from collections import defaultdict

import networkx as nx

from casegraph.viz.aggregate import aggregate, by_borough
from casegraph.viz.compose import Options, compose
from casegraph.viz.figure import Figure, Guide
from casegraph.viz.layout import columns, order_by_neighbours

__all__ = ["build"]

RESPONSES = {"Statement", "Review", "Investigation"}
BY = {"MADE_BY", "COMMISSIONED_BY", "CONDUCTED_BY"}


def build(graph: nx.MultiDiGraph, options: Options, *, sources_graph: nx.MultiDiGraph | None = None) -> Figure:
    responses = [n for n, a in graph.nodes(data=True) if a.get("label") in RESPONSES]
    who, what = set(), set()
    edges = []
    for u, v, k, a in graph.edges(keys=True, data=True):
        if u in responses and a.get("type") in BY:
            who.add(v)
            edges.append((u, v, k, a))
    for u, v, k, a in graph.edges(keys=True, data=True):
        if a.get("type") in BY and u in responses:
            continue
        if u in responses or v in responses or graph.nodes[u].get("label") == "Recommendation":
            other = v if u in responses or graph.nodes[u].get("label") == "Recommendation" else u
            if graph.nodes[other].get("label") == "Source":
                continue
            edges.append((u, v, k, a))
            if other not in responses and other not in who:
                what.add(other)
    keep = set(responses) | who | what
    sub = nx.MultiDiGraph()
    sub.add_nodes_from((n, a) for n, a in graph.nodes(data=True) if n in keep)  # graph order, not the set's
    sub.add_edges_from(edges)

    def by_speaker(g: nx.MultiDiGraph, n: str) -> str:
        if g.nodes[n].get("label") not in RESPONSES:
            return by_borough(graph, n)
        names = sorted(g.nodes[t].get("name", t) for _, t, a in g.out_edges(n, data=True) if a.get("type") in BY)
        return names[0] if names else "no one named"

    drawn, notes = aggregate(sub, options.budget, key=by_speaker, by="who made them (others by borough)")
    who = {n for n in drawn if n in who or (drawn.nodes[n].get("group") and any(
        drawn.nodes[m].get("label") in RESPONSES for m in drawn.predecessors(n)))}
    links = defaultdict(set)
    for u, v in drawn.edges():
        links[u].add(v)
        links[v].add(u)
    left = sorted((n for n in drawn if n in who), key=lambda n: (-len(links[n]), drawn.nodes[n].get("name", n)))
    rank = {n: r for r, n in enumerate(left)}
    middle = order_by_neighbours([n for n in drawn if drawn.nodes[n].get("label") in RESPONSES and n not in who],
                                 rank, links)
    rank = {n: r for r, n in enumerate(middle)}
    rest = [n for n in drawn if n not in who and n not in middle]
    recommendations = order_by_neighbours([n for n in rest if drawn.nodes[n].get("label") == "Recommendation"],
                                          rank, links)
    right = order_by_neighbours([n for n in rest if n not in recommendations], rank, links)
    cols = [left, middle, recommendations, right] if recommendations else [left, middle, right]
    gaps = [64.0, 72.0, 120.0, 64.0] if recommendations else [64.0, 72.0, 64.0]
    positions = columns(cols, x_gap=520.0, y_gap=gaps)
    top = min((y for _, y in positions.values()), default=0.0) - 80
    headings = ("Who", "Statements, reviews, investigations") + (("Recommendations",) if recommendations else ()) \
        + ("About",)
    guides = [Guide("text", x * 520.0 - 90, top, text=text, size=20) for x, text in enumerate(headings)] \
        if positions else []
    return compose("responses", "casegraph: how institutions responded", drawn, positions, options,
                   sources_graph=sources_graph if sources_graph is not None else graph, guides=guides, notes=notes,
                   describe="who said or did what (statements, reviews commissioned, refusals to comment), about what")
