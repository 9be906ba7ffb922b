"""The patterns view: which patterns (indicators) recur in which boroughs, through which cases.

Three columns, indicators | cases | boroughs, ordered so links cross as
little as possible (barycentre ordering), indicators sorted by how many
boroughs they recur in. An indicator's size and label say how many cases
and boroughs show it. Past the node budget, cases are grouped by borough
and the links become bundles with counts.
"""

from __future__ import annotations

import math
from collections import defaultdict

import networkx as nx

from casegraph.viz.aggregate import aggregate, by_borough
from casegraph.viz.compose import Options, compose
from casegraph.viz.facts import short
from casegraph.viz.figure import Figure, Guide
from casegraph.viz.layout import columns, order_by_neighbours
from casegraph.viz.reading import boroughs_of, nodes_of

__all__ = ["build"]

_TYPES = {"SHOWS", "IN_BOROUGH"}


def _n(count: int, noun: str) -> str:
    return f"{count:,} {noun}{'' if count == 1 else 's'}"


def build(graph: nx.MultiDiGraph, options: Options, *, sources_graph: nx.MultiDiGraph | None = None) -> Figure:
    cases = nodes_of(graph, "CaseFile")
    shown = defaultdict(set)  # indicator -> cases
    for case in cases:
        for _, target, data in graph.out_edges(case, data=True):
            if data.get("type") == "SHOWS":
                shown[target].add(case)
    case_boroughs = {case: boroughs_of(graph, case) for case in cases}
    boroughs = sorted({b for bs in case_boroughs.values() for b in bs})
    reach = {i: {b for c in cs for b in case_boroughs[c]} for i, cs in shown.items()}

    keep = set(cases) | set(shown) | set(boroughs)
    sub = nx.MultiDiGraph()
    sub.add_nodes_from((n, a) for n, a in graph.nodes(data=True) if n in keep)  # graph order, not the set's
    sub.add_edges_from((u, v, k, a) for u, v, k, a in graph.edges(keys=True, data=True)
                       if u in keep and v in keep and a.get("type") in _TYPES)
    drawn, notes = aggregate(sub, options.budget, key=by_borough)

    indicators = sorted(shown, key=lambda i: (-len(reach[i]), -len(shown[i]), graph.nodes[i].get("name", i)))
    middle = [n for n in drawn.nodes if drawn.nodes[n].get("label") == "CaseFile"]
    links = defaultdict(set)
    for u, v in drawn.edges():
        links[u].add(v)
        links[v].add(u)
    rank = {n: r for r, n in enumerate(indicators)}
    middle = order_by_neighbours(middle, rank, links)
    rank = {n: r for r, n in enumerate(middle)}
    right = order_by_neighbours([b for b in boroughs if b in drawn], rank, links)
    positions = columns([indicators, middle, right], x_gap=520.0, y_gap=64.0)

    sizes, labels = {}, {}
    for i in indicators:
        sizes[i] = min(11.0 + 3.0 * math.sqrt(len(shown[i])), 22.0)
        labels[i] = f"{short(graph.nodes[i].get('name', i), 34)} · {_n(len(shown[i]), 'case')}, {_n(len(reach[i]), 'borough')}"
    for b in right:
        count = sum(1 for c in cases if b in case_boroughs[c])
        sizes[b] = min(13.0 + 3.0 * math.sqrt(count), 24.0)
        labels[b] = f"{graph.nodes[b].get('name', b)} · {_n(count, 'case')}"
    top = min((y for _, y in positions.values()), default=0.0) - 70
    guides = [Guide("text", x * 520.0, top, x2=0.0, text=text, size=20) for x, text in
              enumerate(("Patterns (indicators)", "Cases", "Boroughs"))] if positions else []
    guides = [Guide("text", g.x - 90, g.y, text=g.text, size=g.size) for g in guides]
    return compose("patterns", "casegraph: which patterns recur where", drawn, positions, options,
                   sources_graph=sources_graph if sources_graph is not None else graph, sizes=sizes, labels=labels,
                   guides=guides, notes=notes, describe="indicators, the cases that show them, and their boroughs")
