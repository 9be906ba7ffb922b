"""The chart views: tile map, pattern matrices, timeline. What each cell, tile and bar says is checked
against the graph directly (the export's rules), not against the chart's own code."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

import networkx as nx
import pytest

from casegraph.graph.selection import SelectionError, cases_in_borough, decades_of, public_subgraph
from casegraph.viz.compose import Options
from casegraph.viz.pages import still_svg
from casegraph.viz.tilegrid import grid_from_centroids, reference_grid
from casegraph.viz.views import figure_for

SVG = "{http://www.w3.org/2000/svg}"


def _marks(chart) -> dict[str, ET.Element]:
    root = ET.fromstring(still_svg(chart).encode())
    return {g.get("data-id"): g for g in root.iter(f"{SVG}g") if g.get("class") == "mark"}


def _tip(mark: ET.Element) -> str:
    return mark.find(f"{SVG}title").text


def _cases(graph) -> list[str]:
    return [n for n, a in graph.nodes(data=True) if a.get("label") == "CaseFile"]


@pytest.fixture(scope="module")
def public(london_graph):
    return public_subgraph(london_graph)


def test_tile_grid_follows_its_rule_and_keeps_rough_geography(public):
    grid = reference_grid()
    boroughs = {n: a for n, a in public.nodes(data=True) if a.get("label") == "Borough"}
    assert set(grid) == set(boroughs) and len(grid) == 33
    centroids = {b: (a["lat"], a["lon"]) for b, a in boroughs.items()}
    assert {b: (t.row, t.column) for b, t in grid.items()} == grid_from_centroids(centroids)
    assert len({(t.row, t.column) for t in grid.values()}) == 33 and len({t.abbr for t in grid.values()}) == 33
    pairs = [(u, v) for u, v, a in public.edges(data=True) if a.get("type") == "NEIGHBOURS"]
    near = [max(abs(grid[u].row - grid[v].row), abs(grid[u].column - grid[v].column)) for u, v in pairs]
    assert sum(d <= 1 for d in near) / len(near) > 0.7 and max(near) <= 3
    assert grid["enfield"].row == 0 and grid["croydon"].row > grid["camden"].row  # north up
    assert grid["hillingdon"].column == 0 and grid["havering"].column == 7  # west left


def test_tiles_count_cases_as_the_export_does(london_graph, public):
    chart = figure_for("tiles", london_graph, Options())
    marks = _marks(chart)
    assert len([m for m in marks if m.count(":") == 1]) == 33
    for borough in reference_grid():
        expected = len(cases_in_borough(public, borough))
        assert re.search(rf": {expected:,} case", _tip(marks[f"tile:{borough}"])), borough
    assert "Hounslow: 3 cases" in _tip(marks["tile:hounslow"])  # Bellfield's flat in Hanworth counts for Hounslow


def test_tiles_small_multiples_by_decade_and_unknown_apart(london_graph, public):
    marks = _marks(figure_for("tiles", london_graph, Options()))
    for decade in (2000, 2010, 2020):
        for borough in ("hillingdon", "lewisham", "croydon"):
            expected = {c for c in cases_in_borough(public, borough) if decade in decades_of(public.nodes[c])}
            assert re.search(rf": {len(expected):,} case", _tip(marks[f"tile:{borough}:{decade}"]))
    assert ": 1 case" in _tip(marks["tile:newham:unknown"])  # Stratford: period unknown, not put in a decade
    assert not any(k.startswith("tile:newham:20") and ": 0" not in _tip(v) for k, v in marks.items())


def test_tiles_measures_pattern_and_claim_status(london_graph, public):
    marks = _marks(figure_for("tiles", london_graph, Options(), measure="pattern=child-in-care"))
    for borough in reference_grid():
        expected = {c for c in cases_in_borough(public, borough)
                    if any(d.get("type") == "SHOWS" and t == "child-in-care" for _, t, d in public.out_edges(c, data=True))}
        assert re.search(rf": {len(expected):,} case", _tip(marks[f"tile:{borough}"]))
    marks = _marks(figure_for("tiles", london_graph, Options(), measure="status=convicted"))
    for borough in reference_grid():
        expected = {c for c in cases_in_borough(public, borough)
                    if any(d.get("status") == "convicted" for e in (public.out_edges(c, data=True), public.in_edges(c, data=True))
                           for *_, d in e)}
        assert re.search(rf": {len(expected):,} case", _tip(marks[f"tile:{borough}"]))
    for bad in ("pattern=nothing-like-it", "status=proven", "colour"):
        with pytest.raises(SelectionError):
            figure_for("tiles", london_graph, Options(), measure=bad)


def test_tiles_fallback_for_areas_outside_the_grid(public):
    graph = nx.MultiDiGraph(public)
    graph.add_node("slough", label="Borough", id="slough", name="Slough", lat=51.51, lon=-0.59)
    graph.add_node("nowhere", label="Borough", id="nowhere", name="Nowhere Unmapped")
    for case, borough in (("case-slough", "slough"), ("case-nowhere", "nowhere")):
        graph.add_node(case, label="CaseFile", id=case, title=f"A case in {borough}", period="2010", year_start=2010,
                       year_end=2010, source="express-mylondon-2025")
        graph.add_edge(case, borough, key=f"{case}-in", type="IN_BOROUGH", status="reported")
    chart = figure_for("tiles", graph, Options())
    marks = _marks(chart)
    assert "tile:slough" in marks and "tile:nowhere" in marks and len([m for m in marks if m.count(":") == 1]) == 35
    positions = {}
    for key, mark in marks.items():
        if key.count(":") == 1:
            rect = mark.find(f"{SVG}rect")
            positions[key] = (rect.get("x"), rect.get("y"))
    assert len(set(positions.values())) == 35, "every area its own tile"
    assert float(positions["tile:slough"][0]) < float(positions["tile:hillingdon"][0]), "Slough west of Hillingdon"
    assert marks["tile:nowhere"].find(f"{SVG}rect").get("stroke-dasharray")
    assert "no tile position" in still_svg(chart)


def _cells(chart, panel: str) -> dict[tuple[str, str], tuple[int, ET.Element]]:
    out = {}
    for key, mark in _marks(chart).items():
        if key.startswith(f"cell:{panel}:"):
            _, _, indicator, column = key.split(":", 3)
            out[(indicator, column)] = (int(re.search(r": ([\d,]+) cases?", _tip(mark)).group(1).replace(",", "")), mark)
    return out


def test_matrices_count_distinct_cases(london_graph, public):
    chart = figure_for("patterns", london_graph, Options())
    shows = [(c, t) for c in _cases(public) for _, t, d in public.out_edges(c, data=True) if d.get("type") == "SHOWS"]
    by_decade, by_borough = {}, {}
    for case, indicator in shows:
        for decade in decades_of(public.nodes[case]) or (None,):
            by_decade.setdefault((indicator, "unknown" if decade is None else str(decade)), set()).add(case)
    for borough in reference_grid():
        for case in cases_in_borough(public, borough):
            for c, indicator in shows:
                if c == case:
                    by_borough.setdefault((indicator, borough), set()).add(case)
    assert {k: v[0] for k, v in _cells(chart, "P").items() if k[1] in ("2000", "2010", "2020", "unknown")} == \
        {k: len(v) for k, v in by_decade.items()}
    borough_cells = {k: v[0] for k, v in _cells(chart, "P").items() if k[1] not in ("2000", "2010", "2020", "unknown")}
    assert borough_cells == {k: len(v) for k, v in by_borough.items()}


def test_matrices_sort_recurring_patterns_first_and_mark_alleged_only_cells(public):
    graph = nx.MultiDiGraph(public)
    for u, v, k, d in list(graph.edges(keys=True, data=True)):  # one pattern, only ever alleged
        if d.get("type") == "SHOWS" and v == "child-in-care":
            graph.edges[u, v, k]["status"] = "alleged"
    chart = figure_for("patterns", graph, Options())
    cells = _cells(chart, "P")
    established = {"reported", "charged", "convicted"}
    for (indicator, column), (_, mark) in cells.items():
        hatched = any("url(#cg-hatch)" == r.get("fill") for r in mark.iter(f"{SVG}rect"))
        def in_column(case: str) -> bool:
            if column in graph:
                return case in cases_in_borough(graph, column)
            decades = decades_of(graph.nodes[case])
            return not decades if column == "unknown" else column in [str(x) for x in decades]

        statuses = {d.get("status", "reported") for c, t, d in graph.edges(data=True) if t == indicator and
                    d.get("type") == "SHOWS" and graph.nodes[c].get("status", "reported") in established and in_column(c)}
        assert hatched == (not statuses & established), (indicator, column)
        assert ("no claim established" in _tip(mark)) == hatched
    assert all(any("url(#cg-hatch)" == r.get("fill") for r in m.iter(f"{SVG}rect"))
               for (i, _), (_, m) in cells.items() if i == "child-in-care")
    assert all("no claim established: alleged" in _tip(m) for (i, _), (_, m) in cells.items() if i == "child-in-care")
    root = ET.fromstring(still_svg(chart).encode())
    summaries = [int(t.text.split()[0]) for t in root.iter(f"{SVG}text") if re.fullmatch(r"\d+ decades?", t.text or "")]
    assert summaries == sorted(summaries, reverse=True) and len(summaries) == len({k[0] for k in cells})


def test_an_acquittal_reads_as_an_acquittal_not_as_an_allegation(public):
    graph = nx.MultiDiGraph(public)
    for u, v, k, d in list(graph.edges(keys=True, data=True)):  # a court rejected the charge behind the pattern
        if d.get("type") == "SHOWS" and v == "child-in-care":
            graph.edges[u, v, k]["status"] = "acquitted"
    chart = figure_for("patterns", graph, Options())
    tips = [_tip(m) for (i, _), (_, m) in _cells(chart, "P").items() if i == "child-in-care"]
    assert tips and all("no claim established: acquitted" in t and "alleged" not in t for t in tips)
    assert "acquitted" in still_svg(chart)  # the legend names it


def _rects(chart) -> dict[str, ET.Element]:
    return {k: m.find(f"{SVG}rect") for k, m in _marks(chart).items()}


def test_timeline_draws_years_as_bands_spans_as_bars_and_unknown_apart(public):
    graph = nx.MultiDiGraph(public)
    graph.nodes["lambeth-2022-hotel-room"].update(period="2019-", year_start=2019, year_end=None)
    rects = _rects(figure_for("timeline", graph, Options()))
    year = float(rects["bar:islington-2002-barnardos-campaign"].get("width"))
    assert year > 10
    assert float(rects["bar:hillingdon-2000-2016-bellfield-group"].get("width")) == pytest.approx(17 * year, abs=0.2)
    assert float(rects["bar:hounslow-2017-group-of-males"].get("width")) == pytest.approx(year, abs=0.2)
    assert rects["bar:lambeth-2022-hotel-room"].get("fill") == "url(#cg-fade)"  # open-ended: fades
    assert "bar:newham-stratford-mcdonalds" not in rects and "unknown:newham-stratford-mcdonalds" in rects
    x0 = float(rects["bar:lewisham-2000-martin-malone"].get("x"))
    assert float(rects["bar:hounslow-2017-group-of-males"].get("x")) == pytest.approx(x0 + 17 * year, abs=0.2)


def test_timeline_of_many_cases_keeps_one_row_per_borough(synthetic_big):
    chart = figure_for("timeline", synthetic_big, Options())
    assert chart.aggregated and "one row per borough" in chart.notes[0]
    assert chart.body_h < 1600


@pytest.mark.parametrize(("maximum", "names"), [(0, ["no cases"]), (1, ["no cases", "1 case"]),
                                                (2, ["no cases", "1 case", "2 cases"])])
def test_a_count_legend_words_each_class_for_its_number(maximum, names):
    from casegraph.viz.charts import count_legend

    assert [entry["name"] for entry in count_legend(maximum)][:len(names)] == names
