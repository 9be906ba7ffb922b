"""The decades view: cases along a time axis, and which patterns recur across decades.

Top: one lane per borough, each case at its first year, a bar for a span
(2000-2016); cases whose year is unknown sit in their own column, never at
a guessed year. Bottom: one row per indicator with a mark in every decade
where a case shows it, joined by a thread, so a pattern that recurs across
decades reads at a glance as a long row of marks. Rows are sorted by how
many decades they span. Past the node budget, cases are grouped per borough
and decade.

A case counts in the decades `casegraph.graph.selection.decades_of` gives
(the catalog's rule: an ongoing `2019-` counts in the 2010s only); its bar
is drawn to this year all the same, and the time axis reaches as far as
the bars do.
"""

from __future__ import annotations

import datetime
from collections import defaultdict

import networkx as nx

from casegraph.graph.selection import decades_of
from casegraph.schemas.words import counted
from casegraph.viz.aggregate import aggregate
from casegraph.viz.compose import Options, compose
from casegraph.viz.facts import short
from casegraph.viz.figure import Figure, Guide
from casegraph.viz.reading import boroughs_of, decade_name, nodes_of

__all__ = ["build"]

PX_PER_YEAR = 44.0
LANE = 64.0
STACK = 30.0
ROW = 54.0
UNKNOWN = None


def _lane_name(graph: nx.MultiDiGraph, case: str) -> str:
    names = sorted(graph.nodes[b].get("name", b) for b in boroughs_of(graph, case))
    return names[0] if names else "no known borough"


def _bar_end(attrs) -> int | None:
    """The last year a case's bar reaches: its end year, or this year while it is ongoing (`2019-`)."""
    end = attrs.get("year_end")
    if end is None and attrs.get("year_start") is not None and str(attrs.get("period", "")).endswith("-"):
        return datetime.date.today().year
    return end


def build(graph: nx.MultiDiGraph, options: Options, *, sources_graph: nx.MultiDiGraph | None = None) -> Figure:
    cases = sorted(nodes_of(graph, "CaseFile"), key=lambda c: (graph.nodes[c].get("year_start") or 9999, c))
    decades = {c: decades_of(graph.nodes[c]) or (UNKNOWN,) for c in cases}
    bar_ends = {end for end in (_bar_end(graph.nodes[c]) for c in cases) if end is not None}
    known = sorted({d for ds in decades.values() for d in ds if d is not None} | {y - y % 10 for y in bar_ends})
    first = known[0] if known else datetime.date.today().year // 10 * 10
    last = known[-1] if known else first
    unknown_x = (last + 10 - first) * PX_PER_YEAR + 160

    def x_of(year: int | None) -> float:
        return unknown_x if year is None else (year - first) * PX_PER_YEAR

    def decade_x(decade: int | None) -> float:
        return unknown_x if decade is None else x_of(decade + 5)

    lanes = []
    lane_of = {c: _lane_name(graph, c) for c in cases}
    for c in cases:
        if lane_of[c] not in lanes:
            lanes.append(lane_of[c])

    # the drawing graph: cases, one marker per (indicator, decade), SHOWS edges to the markers
    drawing = nx.MultiDiGraph()
    drawing.add_nodes_from((c, graph.nodes[c]) for c in cases)
    marker_cases: dict[tuple[str, int | None], list[str]] = defaultdict(list)
    for case in cases:
        for _, indicator, key, data in graph.out_edges(case, keys=True, data=True):
            if data.get("type") != "SHOWS":
                continue
            for decade in decades[case]:
                marker = f"decade:{indicator}:{decade if decade is not None else 'unknown'}"
                marker_cases[(indicator, decade)].append(case)
                drawing.add_edge(case, marker, key=f"{key}@{decade}", **data)
    for (indicator, decade), members in marker_cases.items():
        attrs = graph.nodes[indicator]
        titles = "; ".join(short(graph.nodes[c].get("title", c), 60) for c in members[:12])
        more = f" and {len(members) - 12} more" if len(members) > 12 else ""
        drawing.add_node(
            f"decade:{indicator}:{decade if decade is not None else 'unknown'}",
            label="Indicator", id=indicator, name=f"{attrs.get('name', indicator)}, {decade_name(decade)}",
            description=f"{counted(len(members), 'case')} in the {decade_name(decade)}: {titles}{more}",
            source=attrs.get("source"), locator=attrs.get("locator"), paragraphs=attrs.get("paragraphs"),
            status=attrs.get("status"),
        )

    def by_lane_decade(g: nx.MultiDiGraph, n: str) -> str:
        return f"{lane_of[n]} · {decade_name(decades[n][0])}"

    drawn, notes = aggregate(drawing, options.budget, protect=("Indicator",), key=by_lane_decade,
                             by="borough and decade")

    positions, guides, labels, sizes = {}, [], {}, {}
    lane_top, y = {}, 0.0
    stack: dict[tuple[str, float], int] = defaultdict(int)
    slots = {}
    for node, attrs in drawn.nodes(data=True):
        if attrs.get("label") != "CaseFile":
            continue
        if attrs.get("group"):
            lane, _, decade_text = attrs["part"].partition(" · ")
            decade = int(decade_text[:4]) if decade_text[:4].isdigit() else None
            x = decade_x(decade)
        else:
            lane, x = lane_of[node], x_of(attrs.get("year_start"))
        slots[node] = (lane, x, stack[(lane, x)])
        stack[(lane, x)] += 1
    depth = defaultdict(int)
    for (lane, _), count in stack.items():
        depth[lane] = max(depth[lane], count)
    for lane in lanes:
        lane_top[lane] = y
        guides.append(Guide("text", -40, y + STACK * (max(depth[lane], 1) - 1) / 2, x2=-1, text=lane, size=16))
        y += LANE + STACK * (max(depth[lane], 1) - 1)
    for node, (lane, x, level) in slots.items():
        positions[node] = (x, lane_top[lane] + level * STACK)
        attrs = drawn.nodes[node]
        if not attrs.get("group") and attrs.get("year_start") is not None:
            end = _bar_end(attrs)
            if end and end > attrs["year_start"]:
                guides.append(Guide("line", x, positions[node][1], x2=x_of(end), y2=positions[node][1], shade=2))

    y += 60
    guides.append(Guide("text", -40, y, x2=-1, text="PATTERNS BY DECADE", size=15))
    y += ROW
    rows = defaultdict(list)
    for (indicator, decade) in marker_cases:
        rows[indicator].append(decade)
    order = sorted(rows, key=lambda i: (-len([d for d in rows[i] if d is not None]),
                                        -sum(len(marker_cases[(i, d)]) for d in rows[i]), i))
    for indicator in order:
        xs = []
        for decade in rows[indicator]:
            marker = f"decade:{indicator}:{decade if decade is not None else 'unknown'}"
            positions[marker] = (decade_x(decade), y)
            count = len(marker_cases[(indicator, decade)])
            labels[marker] = f"{count}"
            sizes[marker] = 9.0 + 3.0 * min(count, 8)
            xs.append(decade_x(decade))
        guides.append(Guide("text", -40, y, x2=-1, text=short(graph.nodes[indicator].get("name", indicator), 40), size=15))
        if len(xs) > 1:
            guides.append(Guide("line", min(xs), y, x2=max(xs), y2=y))
        y += ROW
    bottom = y
    band_top = -70.0
    for i, decade in enumerate(range(first, last + 10, 10)):
        guides.insert(0, Guide("band", x_of(decade), band_top, x2=x_of(decade + 10), y2=bottom, shade=i % 2))
        guides.append(Guide("text", x_of(decade) + 8, band_top + 24, text=decade_name(decade), size=20))
    if any(d is None for ds in decades.values() for d in ds):
        guides.insert(0, Guide("band", unknown_x - 90, band_top, x2=unknown_x + 90, y2=bottom, shade=0))
        guides.append(Guide("text", unknown_x - 82, band_top + 24, text="year unknown", size=18))
    labels.update({n: short(drawn.nodes[n].get("title", n), 30) for n in drawn.nodes
                   if drawn.nodes[n].get("label") == "CaseFile" and not drawn.nodes[n].get("group")})
    return compose("decades", "casegraph: cases across the decades", drawn, positions, options,
                   sources_graph=sources_graph if sources_graph is not None else graph, sizes=sizes, labels=labels,
                   guides=guides if cases else [], notes=notes, faint=("SHOWS",),
                   describe="each case at its year, lanes by borough; below, each pattern in every decade it appears")
