"""The timeline: cases on a time axis that is honest about what the sources say of dates.

One row per case, in lanes by borough. A single year is drawn as a band one
year wide (the case happened some time in that year, not on 1 January); a
span as a bar from the start of its first year to the end of its last; an
open-ended span (`2019-`, still going or end not reported) as a bar that
fades out towards the end of the axis; a case whose period is unknown goes
in its own lane at the bottom, written "period unknown", never at a guessed
year. Past `ROW_BUDGET` cases, each borough is one row and its cases are
drawn translucent on it, so density still reads (the note says so).
"""

from __future__ import annotations

from collections import defaultdict

import networkx as nx

from casegraph.schemas.citations import contested_text
from casegraph.schemas.words import counted, plural
from casegraph.viz.cases import CaseInfo, case_infos
from casegraph.viz.charts import Chart, cell, tip_text
from casegraph.viz.compose import Options
from casegraph.viz.facts import credit_line
from casegraph.viz.metrics import fit_words, text_width
from casegraph.viz.reading import nodes_of, sources_of
from casegraph.viz.still import text_el
from casegraph.viz.svg import BODY_W
from casegraph.viz.style import NODE_STYLES

__all__ = ["build", "ROW_BUDGET"]

ROW_BUDGET = 80
ROW = 22.0
LABEL_W = 330.0
BAR = NODE_STYLES["CaseFile"].colour
FADE = "cg-fade"


def _when(c: CaseInfo) -> str:
    if c.start is None:
        return "period unknown"
    if c.end is None:
        return f"{c.start}– (open-ended)"
    return str(c.start) if c.end == c.start else f"{c.start}–{c.end}"


def build(graph: nx.MultiDiGraph, options: Options, *, sources_graph: nx.MultiDiGraph | None = None) -> Chart:
    """The timeline of `graph`'s cases: one `ROW` px row each (one per borough past `ROW_BUDGET`)."""
    full = sources_graph if sources_graph is not None else graph
    cases = case_infos(graph, full)
    names = {b: full.nodes[b].get("name", b) for b in nodes_of(full, "Borough")}
    dated = [c for c in cases if c.start is not None]
    undated = [c for c in cases if c.start is None]
    first = min((c.start for c in dated), default=2000)
    last = max([c.end or c.start for c in dated] + [first])
    first, last = first - first % 5, last + 3  # room after the last year for open-ended fades and labels
    axis_x0, axis_x1 = LABEL_W + 10, BODY_W - 110
    per_year = (axis_x1 - axis_x0) / (last - first)

    def x_of(year: float) -> float:
        return axis_x0 + (year - first) * per_year

    lanes: dict[str, list[CaseInfo]] = defaultdict(list)
    for c in dated:
        lanes[names.get(c.boroughs[0], c.boroughs[0]) if c.boroughs else "no known borough"].append(c)
    order = sorted(lanes, key=lambda lane: (min(c.start for c in lanes[lane]), lane))
    grouped = len(cases) > ROW_BUDGET
    parts = [f'<defs><linearGradient id="{FADE}" x1="0" x2="1" y1="0" y2="0"><stop offset="0" stop-color="{BAR}" '
             f'stop-opacity="0.9"/><stop offset="1" stop-color="{BAR}" stop-opacity="0"/></linearGradient></defs>']
    marks, key, y = [], [], 34.0
    step = 5 if last - first <= 40 else 10
    for year in range(first, last + 1, step):
        parts.append(text_el(x_of(year), 14, str(year), 12, anchor="middle", fill="#555555"))
    grid_top = 22.0

    def bar(c: CaseInfo, y: float, opacity: str = "") -> None:
        mid = f"bar:{c.id}"
        x0 = x_of(c.start)
        if c.end is None:
            x1, fill = x_of(last), f"url(#{FADE})"
        else:
            x1, fill = x_of(c.end + 1), BAR
        tip = tip_text(c.title, [("period", contested_text(graph.nodes[c.id], "period", _when(c))), ("boroughs", ", ".join(names.get(b, b) for b in c.boroughs) or "not known")],
                       c.sources)
        body = cell(mid, x0, y + 4, max(x1 - x0, 2.0), ROW - 8, fill, tip, stroke="none")
        if opacity:
            body = body.replace('<g class="mark"', f'<g class="mark" opacity="{opacity}"', 1)
        parts.append(body)
        marks.append(mid)
        if not grouped:
            label, end_x = _when(c).replace(" (open-ended)", ""), x1 + 6
            if c.end is None:
                label, end_x = f"{c.start}– ongoing or end not reported", x0 + min(x1 - x0, 3 * per_year) + 6
            if end_x + text_width(label, 12) > BODY_W - 2:
                parts.append(text_el(x0 - 6, y + ROW / 2 + 4, label, 12, anchor="end", fill="#444444", owner=mid))
            else:
                parts.append(text_el(end_x, y + ROW / 2 + 4, label, 12, fill="#444444", owner=mid, cls="halo"))

    def row_label(text: str, y: float, indent: float = 12.0) -> None:
        short, cut = fit_words(text, 13, LABEL_W - indent - 6)
        if cut:
            key.append((short, text))
        parts.append(text_el(indent, y + ROW / 2 + 4.5, short or text[:1], 13))

    for lane in order:
        members = lanes[lane]
        parts.append(f'<rect x="0" y="{y:.1f}" width="{BODY_W:.1f}" height="{ROW:.1f}" fill="#f4f4f4"/>')
        parts.append(text_el(4, y + ROW / 2 + 4.5, f"{lane} · {counted(len(members), 'case')}",
                             13, bold=True, fill="#555555"))
        y += ROW
        if grouped:
            for c in members:
                bar(c, y - ROW, opacity="0.35")
            continue
        for c in members:
            row_label(c.title, y)
            bar(c, y)
            y += ROW
    if undated:
        y += 8
        parts.append(f'<rect x="0" y="{y:.1f}" width="{BODY_W:.1f}" height="{ROW:.1f}" fill="#e8e8e8"/>')
        parts.append(text_el(4, y + ROW / 2 + 4.5, f"Period unknown · {counted(len(undated), 'case')}"
                             " · not placed on the time axis: the source gives no year", 13, bold=True, fill="#555555"))
        y += ROW
        for c in undated if not grouped else []:
            mid = f"unknown:{c.id}"
            row_label(c.title, y)
            tip = tip_text(c.title, [("period", "unknown: the source gives no year"),
                                     ("boroughs", ", ".join(names.get(b, b) for b in c.boroughs) or "not known")],
                           c.sources)
            parts.append(cell(mid, axis_x0, y + 4, axis_x1 - axis_x0, ROW - 8, "#ffffff", tip, stroke="#bdbdbd",
                              dashed=True, extra=text_el(axis_x0 + 8, y + ROW / 2 + 4, "period unknown", 12,
                                                         fill="#666666", owner=mid)))
            marks.append(mid)
            y += ROW
    for year in range(first, last + 1, step):
        parts.insert(1, f'<line x1="{x_of(year):.1f}" y1="{grid_top:.1f}" x2="{x_of(year):.1f}" y2="{y:.1f}" '
                        'stroke="#e0e0e0" stroke-width="1"/>')
    notes = [f"{counted(len(cases), 'case')}: one row per borough, cases drawn translucent (filter by borough or decade "
             "for one row per case)."] if grouped else []
    if not cases:
        notes.append("Nothing to draw: no case matches this view and its filters.")
    open_ended = sum(1 for c in dated if c.end is None)
    alt = (f"Timeline of {counted(len(cases), 'case')} in lanes by borough, {first} to {last}: a single year is a band one "
           f"year wide, a span a bar, an open-ended span ({open_ended}) a bar that fades out. "
           f"{counted(len(undated), 'case')} of unknown period in {plural(len(undated), 'its', 'their')} own lane, not on the axis.")
    legend = [("Period (as the source gives it)", [
        {"name": "a year: a band one year wide", "svg": f'<svg width="36" height="22" viewBox="0 0 36 22"><rect x="14" y="5" width="8" height="12" fill="{BAR}"/></svg>'},
        {"name": "a span of years: a bar", "svg": f'<svg width="36" height="22" viewBox="0 0 36 22"><rect x="2" y="5" width="32" height="12" fill="{BAR}"/></svg>'},
        {"name": "open-ended (ongoing or end not reported): fades out",
         "svg": f'<svg width="36" height="22" viewBox="0 0 36 22"><defs><linearGradient id="cg-fade-legend" x1="0" x2="1" y1="0" y2="0"><stop offset="0" stop-color="{BAR}"/><stop offset="1" stop-color="{BAR}" stop-opacity="0"/></linearGradient></defs><rect x="2" y="5" width="32" height="12" fill="url(#cg-fade-legend)"/></svg>'},
        {"name": "period unknown: own lane, no year", "svg": '<svg width="36" height="22" viewBox="0 0 36 22"><rect x="2" y="5" width="32" height="12" fill="#ffffff" stroke="#bdbdbd" stroke-dasharray="3,2"/></svg>'},
    ])]
    subtitle = " · ".join([f"{counted(len(cases), 'case')}, {counted(len(order), 'borough')}"] + options.filters)
    return Chart(view="timeline", title=options.title or "casegraph: when the cases happened", body="".join(parts),
                 body_w=BODY_W, body_h=y + 6, alt=alt, subtitle=subtitle, legend=legend, key=key, notes=notes,
                 caption=options.caption or alt,
                 credit=credit_line([s for c in cases for s in [full.nodes[c.id].get("source")] if s], sources_of(full)),
                 include_restricted=options.include_restricted, marks=marks, aggregated=grouped,
                 empty=not cases)
