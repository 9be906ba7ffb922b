"""The patterns view: which patterns (indicators) recur where and when, as two matrices.

Pattern x decade above, pattern x borough below; each cell counts the
distinct cases that show the pattern there, coloured by that count (one
scale for both). A cell where no case's claim is established (every one
alleged, inferred by casegraph, or acquitted: a charge a court rejected) is
hatched with a dashed edge, and its tooltip names those statuses, so an
allegation never reads as a reported fact, nor an acquittal as an allegation. Rows are sorted so recurring patterns read first:
by the number of decades, then boroughs, then cases. A case counts in each
decade it spans (`graph.selection.decades_of`); a case of unknown period in
its own "unknown" column, never at a guessed decade. Borough columns use
the tile map's three-letter labels (the key gives the names), ordered by
their number of cases.
"""

from __future__ import annotations

from collections import defaultdict

import networkx as nx

from casegraph.schemas.words import counted
from casegraph.viz.cases import BOROUGH_COUNTING, case_infos, counted_caption, established
from casegraph.viz.charts import (Chart, bins, cell, colour_of, count_legend, hatch_defs, ink_on, swatch,
                                  tip_text)
from casegraph.viz.compose import Options
from casegraph.viz.facts import credit_line, short
from casegraph.viz.metrics import fit_words, text_width
from casegraph.viz.reading import decade_name, nodes_of, sources_of
from casegraph.viz.still import text_el
from casegraph.viz.svg import BODY_W
from casegraph.viz.tiles import _abbr
from casegraph.viz.tilegrid import reference_grid

__all__ = ["build"]

ROW = 24.0
LABEL_W = 290.0
SUMMARY_W = 96.0


def build(graph: nx.MultiDiGraph, options: Options, *, sources_graph: nx.MultiDiGraph | None = None) -> Chart:
    """The two matrices of `graph`'s cases that show a pattern (one row per pattern, `ROW` px high)."""
    full = sources_graph if sources_graph is not None else graph
    cases = [c for c in case_infos(graph, full) if c.patterns]
    by_id = {c.id: c for c in cases}
    per_decade: dict[tuple[str, int | None], set[str]] = defaultdict(set)
    per_borough: dict[tuple[str, str], set[str]] = defaultdict(set)
    for c in cases:
        for p in c.patterns:
            for d in c.decades:
                per_decade[(p, d)].add(c.id)
            for b in c.boroughs:
                per_borough[(p, b)].add(c.id)
    patterns = sorted({p for c in cases for p in c.patterns})
    names = {p: full.nodes[p].get("name", p) for p in patterns}
    known = lambda p: {d for (q, d) in per_decade if q == p and d is not None}  # noqa: E731
    reach = {p: {b for (q, b) in per_borough if q == p} for p in patterns}
    total = {p: {c.id for c in cases if p in c.patterns} for p in patterns}
    rows = sorted(patterns, key=lambda p: (-len(known(p)), -len(reach[p]), -len(total[p]), names[p]))
    decades = sorted({d for (_, d) in per_decade if d is not None}) + ([None] if any(d is None for _, d in per_decade) else [])
    borough_cases = defaultdict(set)
    for c in cases:
        for b in c.boroughs:
            borough_cases[b].add(c.id)
    bnames = {b: full.nodes[b].get("name", b) for b in nodes_of(full, "Borough")}
    boroughs = sorted(borough_cases, key=lambda b: (-len(borough_cases[b]), bnames.get(b, b)))
    grid, used = reference_grid(), set()
    abbr = {}
    for b in sorted(boroughs, key=lambda b: (b not in grid, b)):
        abbr[b] = grid[b].abbr if b in grid else _abbr(bnames.get(b, b), used | set(t.abbr for t in grid.values()))
        used.add(abbr[b])
    top = max([len(v) for v in per_decade.values()] + [len(v) for v in per_borough.values()] + [0])
    classes = bins(top)
    sources = sources_of(full)

    parts, marks, key = [hatch_defs()], [], []
    labels = {}
    for p in rows:
        text, cut = fit_words(names[p], 13, LABEL_W - 10)
        labels[p] = text or short(names[p], 1)
        if cut:
            key.append((text, names[p]))

    def tip(heading: str, ids: set[str], pattern: str) -> str:
        members = sorted(ids, key=lambda i: (by_id[i].start or 9999, i))
        facts = [(f"{by_id[i].period}", f"{short(by_id[i].title, 90)} (claim: {by_id[i].patterns[pattern]})")
                 for i in members[:15]]
        if len(members) > 15:
            facts.append(("and", f"{len(members) - 15:,} more cases"))
        return tip_text(heading, facts, sorted({s for i in members for s in by_id[i].sources}))

    def panel(y: float, title: str, columns: list, header, cells: dict, summary, col_w: float, stagger: bool) -> float:
        parts.append(text_el(0, y + 15, title, 15, bold=True, fill="#555555"))
        y += 30 + (14 if stagger else 0)
        for j, col in enumerate(columns):
            x = LABEL_W + j * col_w + col_w / 2
            parts.append(text_el(x, y + 12 - (14 if stagger and j % 2 else 0), header(col), 11 if stagger else 12,
                                 anchor="middle", bold=True))
        y += 20
        for p in rows:
            parts.append(text_el(LABEL_W - 8, y + ROW / 2 + 4.5, labels[p], 13, anchor="end"))
            for j, col in enumerate(columns):
                ids = cells.get((p, col), set())
                x = LABEL_W + j * col_w
                mid = f"cell:{title[:1]}:{p}:{col if col is not None else 'unknown'}"
                if not ids:
                    parts.append(f'<rect x="{x:.1f}" y="{y:.1f}" width="{col_w:.1f}" height="{ROW:.1f}" '
                                 'fill="#f7f7f7" stroke="#ffffff"/>')
                    continue
                statuses = sorted({by_id[i].patterns[p] or "reported" for i in ids})
                alleged = not any(established(s) for s in statuses)
                fill = colour_of(len(ids), classes)
                count = f"{len(ids):,}"
                inner = text_el(x + col_w / 2, y + ROW / 2 + 4.5, count, 12, anchor="middle", bold=True,
                                fill=ink_on(fill), owner=mid, cls="halo" if alleged else "") \
                    if text_width(count, 12, True) < col_w - 3 else ""
                heading = f"{names[p]} · {header(col) if header(col) == decade_name(col) else bnames.get(col, col)}: " \
                          + counted(len(ids), "case") + (f" (no claim established: {', '.join(statuses)})" if alleged else "")
                parts.append(cell(mid, x, y, col_w, ROW, fill, tip(heading, ids, p), dashed=alleged, hatched=alleged,
                                  stroke="#1a1a1a" if alleged else "#ffffff", extra=inner))
                marks.append(mid)
            parts.append(text_el(LABEL_W + len(columns) * col_w + 8, y + ROW / 2 + 4.5, summary(p), 12, fill="#555555"))
            y += ROW
        return y

    def decade_header(d):
        return decade_name(d) if d is not None else "unknown"

    y = panel(0, "Pattern × decade: distinct cases showing the pattern in each decade", decades, decade_header,
              per_decade, lambda p: counted(len(known(p)), "decade"), 62.0, False)
    col_w = min(44.0, (BODY_W - LABEL_W - SUMMARY_W) / max(len(boroughs), 1))
    stagger = any(text_width(abbr[b], 12, True) > col_w - 4 for b in boroughs)
    y = panel(y + 30, "Pattern × borough: distinct cases showing the pattern in each borough", boroughs,
              lambda b: abbr[b], per_borough, lambda p: counted(len(reach[p]), "borough"),
              col_w, stagger)
    key += [(abbr[b], bnames.get(b, b)) for b in sorted(boroughs, key=lambda b: abbr[b])]
    recurring = [f"{names[p]} ({counted(len(known(p)), 'decade')}, {counted(len(reach[p]), 'borough')}, {counted(len(total[p]), 'case')})" for p in rows[:3]]
    alt = (f"Two matrices of {counted(len(rows), 'pattern')} seen in {counted(len(cases), 'case')}: by decade, and by borough; each cell "
           "counts the distinct cases showing the pattern there; hatched cells hold no established claim "
           "(every one alleged, inferred or acquitted). "
           + (f"Most recurring: {'; '.join(recurring)}. " if recurring else "No case shows a pattern. ")
           + BOROUGH_COUNTING)
    legend = [("Distinct cases in the cell", count_legend(top)),
              ("Claim status", [{"name": "hatched, dashed edge: no claim here is established "
                                         "(alleged, inferred, or acquitted: a charge a court rejected)", "svg": swatch(colour_of(1, classes) if classes else "#deebf7",
                                                                               hatched=True, dashed=True)}])]
    subtitle = " · ".join([f"{counted(len(rows), 'pattern')}, {counted(len(cases), 'case')}, {counted(len(boroughs), 'borough')}, "
                           "recurring patterns first"] + options.filters)
    return Chart(view="patterns", title=options.title or "casegraph: which patterns recur where and when",
                 body="".join(parts), body_w=BODY_W, body_h=y + 8, alt=alt, subtitle=subtitle, legend=legend, key=key,
                 caption=counted_caption(options.caption, alt),
                 credit=credit_line([s for c in cases for s in [full.nodes[c.id].get("source")] if s], sources),
                 include_restricted=options.include_restricted, marks=marks, empty=not cases,
                 notes=[] if cases else ["Nothing to draw: no case showing a pattern matches this view and its filters."])
