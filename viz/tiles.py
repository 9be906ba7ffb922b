"""The tile map: London's 33 authorities as equal squares in their rough places, coloured by a measure.

Every borough is equally visible (a map of areas makes outer boroughs loom
and the City vanish), and the same grid repeats small, once per decade, so
cross-borough and cross-decade patterns are one picture. Grid positions are
reference data (`tilegrid.reference_grid`, with the rule that made them).

Measures (`measure`): `cases` (distinct cases filed under the borough or at
a place in it), `pattern=ID` (cases showing that pattern), `status=STATUS`
(cases with at least one relationship of that claim status). A case in two
boroughs counts in both; a case counts in each decade it spans
(`graph.selection.decades_of`), and a case of unknown period in its own
"year unknown" panel, never at a guessed decade.

Fallback for other regions: areas not in the reference grid but with a
centroid get a grid made by the same rule (`tilegrid.grid_from_centroids`)
over every area in the data; areas with neither are drawn as a row of
tiles beneath the map, labelled as such.
"""

from __future__ import annotations

import math
from collections import defaultdict

import networkx as nx

from casegraph.graph.selection import SelectionError, parse_status, resolve_node
from casegraph.schemas.words import counted
from casegraph.viz.cases import BOROUGH_COUNTING, case_infos, counted_caption
from casegraph.viz.charts import Chart, EMPTY, bins, cell, colour_of, count_legend, ink_on, tip_text
from casegraph.viz.compose import Options
from casegraph.viz.facts import credit_line, short
from casegraph.viz.reading import decade_name, nodes_of, sources_of
from casegraph.viz.still import text_el
from casegraph.viz.svg import BODY_W
from casegraph.viz.tilegrid import Tile, grid_from_centroids, reference_grid

__all__ = ["build", "parse_measure"]

BIG, BIG_GAP = 66.0, 4.0
SMALL, SMALL_GAP = 25.0, 2.0


def parse_measure(graph: nx.MultiDiGraph, measure: str) -> tuple[str, str | None, str]:
    """`cases`, `pattern=ID` or `status=STATUS` -> (kind, value, words); raises SelectionError (for an empty
    `measure` too: it measures nothing, and silently measuring cases would answer another question)."""
    kind, _, value = measure.partition("=")
    if kind == "cases" and not value:
        return "cases", None, "cases"
    if kind == "pattern" and value:
        indicator = resolve_node(graph, value, "Indicator")
        return "pattern", indicator, f"cases showing “{graph.nodes[indicator].get('name', indicator)}”"
    if kind == "status" and value:
        status = parse_status(value)
        return "status", status, f"cases with a {status} claim"
    raise SelectionError(f"a measure is cases, pattern=ID or status=STATUS, got {measure!r}")


def _grid(graph: nx.MultiDiGraph, names: dict[str, str], wanted: set[str]) -> tuple[dict[str, Tile], list[str]]:
    """Tiles for every borough drawn: the reference grid, else the fallback (see the module docstring)."""
    grid = reference_grid()
    if wanted <= set(grid):
        return dict(grid), []
    points = {b: (graph.nodes[b]["lat"], graph.nodes[b]["lon"]) for b in set(grid) | wanted
              if b in graph and graph.nodes[b].get("lat") is not None and graph.nodes[b].get("lon") is not None}
    side = max(8, math.ceil(math.sqrt(len(points) * 1.6)))
    cells = grid_from_centroids(points, columns=side, rows=max(7, math.ceil(len(points) / side * 1.4)))
    used, tiles = set(), {}
    for b in sorted(cells):
        abbr = grid[b].abbr if b in grid else _abbr(names.get(b, b), used)
        used.add(abbr)
        tiles[b] = Tile(cells[b][0], cells[b][1], abbr)
    return tiles, sorted(b for b in wanted if b not in tiles)


def _abbr(name: str, used: set[str]) -> str:
    letters = [c for c in name.upper() if c.isalpha()] or ["X"]
    for candidate in ["".join(letters[:3])] + [letters[0] + letters[i] + letters[j] for i in range(1, len(letters))
                                                for j in range(i + 1, len(letters))]:
        if candidate not in used:
            return candidate
    return f"{letters[0]}{len(used)}"


def build(graph: nx.MultiDiGraph, options: Options, *, sources_graph: nx.MultiDiGraph | None = None,
          measure: str = "cases") -> Chart:
    """The tile map of `graph` (public and filtered by `views.figure_for`), coloured by `measure`.

    Raises SelectionError for a measure that names no pattern or claim status.
    """
    full = sources_graph if sources_graph is not None else graph
    kind, value, words = parse_measure(full, measure)
    cases = case_infos(graph, full)
    if kind == "pattern":
        cases = [c for c in cases if value in c.patterns]
    elif kind == "status":
        cases = [c for c in cases if value in c.statuses]
    names = {b: full.nodes[b].get("name", b) for b in nodes_of(full, "Borough")}
    in_borough: dict[str, list] = defaultdict(list)
    by_decade: dict[int | None, dict[str, list]] = defaultdict(lambda: defaultdict(list))
    for c in cases:
        for b in c.boroughs:
            in_borough[b].append(c)
            for d in c.decades:
                by_decade[d][b].append(c)
    tiles, untiled = _grid(full, names, set(in_borough))
    sources = sources_of(full)
    top = max((len(v) for v in in_borough.values()), default=0)
    classes = bins(top)
    parts, marks = [], []
    rows = max((t.row for t in tiles.values()), default=6) + 1
    cols = max((t.column for t in tiles.values()), default=7) + 1
    big = min(BIG, (BODY_W * 0.62) / cols - BIG_GAP)

    def tip(b: str, members: list, when: str = "") -> str:
        titles = [f"{short(c.title, 90)} ({c.period})" for c in members]
        return tip_text(f"{names.get(b, b)}{when}: {counted(len(members), 'case')}{words.removeprefix('cases')}",
                        [("cases", "; ".join(titles[:15]) + (f" and {len(titles) - 15:,} more" if len(titles) > 15 else ""))]
                        if titles else [], sorted({s for c in members for s in c.sources}))

    for b, tile in sorted(tiles.items()):
        x, y = tile.column * (big + BIG_GAP), 24 + tile.row * (big + BIG_GAP)
        members = in_borough.get(b, [])
        fill = colour_of(len(members), classes)
        ink = ink_on(fill)
        mid = f"tile:{b}"
        inner = text_el(x + 5, y + 15, tile.abbr, 12, bold=True, fill=ink, owner=mid)
        inner += text_el(x + big / 2, y + big - 12, f"{len(members):,}" if members else "–", 17 if members else 13,
                         anchor="middle", bold=bool(members), fill=ink, owner=mid)
        parts.append(cell(mid, x, y, big, big, fill, tip(b, members), extra=inner))
        marks.append(mid)
    parts.insert(0, text_el(0, 14, f"All years: {words}", 15, bold=True, fill="#555555"))
    y_end = 24 + rows * (big + BIG_GAP)
    for i, b in enumerate(untiled):
        x, y = i % 10 * (big + BIG_GAP), y_end + 30 + i // 10 * (big + BIG_GAP)
        members, mid = in_borough[b], f"tile:{b}"
        fill = colour_of(len(members), classes)
        inner = text_el(x + big / 2, y + big - 12, f"{len(members):,}", 17, anchor="middle", bold=True,
                        fill=ink_on(fill), owner=mid)
        parts.append(cell(mid, x, y, big, big, fill, tip(b, members), dashed=True, extra=inner))
        marks.append(mid)
    if untiled:
        parts.append(text_el(0, y_end + 18, "Areas with no tile position or centroid in the reference data "
                             "(hover for names)", 13, bold=True, fill="#555555"))
        y_end += 30 + math.ceil(len(untiled) / 10) * (big + BIG_GAP)

    # small multiples, one per decade (and one for cases of unknown period)
    decades = sorted(d for d in by_decade if d is not None) + ([None] if None in by_decade else [])
    panel_w = cols * (SMALL + SMALL_GAP)
    per_row = max(1, int((BODY_W + 24) // (panel_w + 24)))
    y0 = y_end + 36
    if decades:
        parts.append(text_el(0, y0, f"By decade: {words} in each decade (a case spanning decades counts in each)",
                             15, bold=True, fill="#555555"))
        y0 += 16
    panel_h = 24 + rows * (SMALL + SMALL_GAP)
    for i, d in enumerate(decades):
        px, py = i % per_row * (panel_w + 24), y0 + i // per_row * (panel_h + 20)
        counts = by_decade[d]
        total = len({c.id for ms in counts.values() for c in ms})
        parts.append(text_el(px, py + 15, f"{decade_name(d)} · {total:,}", 13, bold=True))
        for b, tile in sorted(tiles.items()):
            members = counts.get(b, [])
            x, y = px + tile.column * (SMALL + SMALL_GAP), py + 22 + tile.row * (SMALL + SMALL_GAP)
            fill = colour_of(len(members), classes)
            mid = f"tile:{b}:{d if d is not None else 'unknown'}"
            inner = text_el(x + SMALL / 2, y + SMALL / 2 + 4, f"{len(members):,}", 11, anchor="middle",
                            fill=ink_on(fill), owner=mid) if members and len(f"{len(members):,}") <= 3 else ""
            parts.append(cell(mid, x, y, SMALL, SMALL, fill, tip(b, members, f", {decade_name(d)}"), extra=inner))
            marks.append(mid)
    height = y0 + math.ceil(len(decades) / per_row) * (panel_h + 20) if decades else y_end

    ranked = sorted(((len(v), names.get(b, b)) for b, v in in_borough.items()), key=lambda p: (-p[0], p[1]))
    alt = (f"Tile map of London's local authorities, each an equal square in its rough position, coloured by "
           f"the number of {words}. " + (f"Most: {', '.join(f'{n} ({c})' for c, n in ranked[:5])}. " if ranked else
                                         "No borough has any. ")
           + f"{sum(1 for b in tiles if not in_borough.get(b)):,} of {counted(len(tiles), 'authority', 'authorities')} have none. "
           + ("Small multiples by decade: " + "; ".join(
               f"{decade_name(d)} {len({c.id for ms in by_decade[d].values() for c in ms}):,}" for d in decades) + ". "
              if decades else "") + BOROUGH_COUNTING)
    key = [(tiles[b].abbr, names.get(b, b)) for b in sorted(tiles, key=lambda b: tiles[b].abbr)]
    legend = [(f"Number of {words}", count_legend(top)),
              ("Tiles", [{"name": "each authority an equal square, placed by rough geography (see key)",
                          "svg": '<svg width="36" height="22" viewBox="0 0 36 22"><rect x="4" y="2" width="18" '
                                 f'height="18" fill="{EMPTY}" stroke="#8a8a8a"/></svg>'}])]
    subtitle = " · ".join([f"{counted(len(cases), 'case')} in {counted(len(in_borough), 'authority', 'authorities')}"] + options.filters)
    return Chart(view="tiles", title=options.title or f"casegraph: {words} across London", body="".join(parts),
                 body_w=BODY_W, body_h=height, alt=alt, subtitle=subtitle, legend=legend, key=key,
                 key_title="Key to the tiles (casegraph's own three-letter labels)",
                 caption=counted_caption(options.caption, alt), credit=credit_line(
                     [full.nodes[c.id].get("source") for c in cases if full.nodes[c.id].get("source")], sources),
                 include_restricted=options.include_restricted, marks=marks, empty=not cases,
                 notes=[] if cases else ["Nothing to draw: no case matches this view and its filters."])
