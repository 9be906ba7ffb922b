"""Where each London authority sits on the tile map, and the rule that put it there.

The grid is reference data (`data/reference/london/tile-grid.tsv`: authority
id, row, column), read here. It was made by `grid_from_centroids`, the rule
kept in code so a test can check the file still follows it and a region
without a hand-checked grid gets one the same way (the fallback): the
approximate centroids (lat/lon in `authorities.csv`) are projected
(equirectangular at their mean latitude, north up), scaled to fill a grid
of `columns` x `rows` cells, and each authority is given a distinct cell so
that the total squared distance from centroids to cells is the least
possible (an optimal assignment, Hungarian algorithm). Every authority is
then an equal square near its real place: rough geography, every borough
equally visible.
"""

from __future__ import annotations

import csv
import math
from functools import cache
from importlib import resources
from typing import Mapping, NamedTuple

__all__ = ["TILE_GRID", "Tile", "reference_grid", "grid_from_centroids", "assign"]

TILE_GRID = ("reference", "london", "tile-grid.tsv")


class Tile(NamedTuple):
    row: int  # 0 is the north edge
    column: int  # 0 is the west edge
    abbr: str  # a three-letter label for the tile (the key gives the full name)


@cache
def reference_grid() -> dict[str, Tile]:
    """{authority id: Tile} from the reference file."""
    text = resources.files("casegraph.data").joinpath(*TILE_GRID).read_text(encoding="utf-8")
    rows = csv.DictReader((line for line in text.splitlines() if not line.startswith("#")), delimiter="\t")
    return {r["id"]: Tile(int(r["row"]), int(r["column"]), r["abbr"]) for r in rows}


def assign(cost: list[list[float]]) -> list[int]:
    """Optimal assignment: for each of n rows, a distinct column (n <= m) minimising the summed cost."""
    n, m = len(cost), len(cost[0]) if cost else 0
    u, v, p, way = [0.0] * (n + 1), [0.0] * (m + 1), [0] * (m + 1), [0] * (m + 1)
    for i in range(1, n + 1):
        p[0], j0 = i, 0
        minv, used = [math.inf] * (m + 1), [False] * (m + 1)
        while True:
            used[j0] = True
            i0, delta, j1 = p[j0], math.inf, 0
            for j in range(1, m + 1):
                if not used[j]:
                    cur = cost[i0 - 1][j - 1] - u[i0] - v[j]
                    if cur < minv[j]:
                        minv[j], way[j] = cur, j0
                    if minv[j] < delta:
                        delta, j1 = minv[j], j
            for j in range(m + 1):
                if used[j]:
                    u[p[j]] += delta
                    v[j] -= delta
                else:
                    minv[j] -= delta
            j0 = j1
            if p[j0] == 0:
                break
        while j0:
            j1 = way[j0]
            p[j0] = p[j1]
            j0 = j1
    result = [0] * n
    for j in range(1, m + 1):
        if p[j]:
            result[p[j] - 1] = j - 1
    return result


def grid_from_centroids(points: Mapping[str, tuple[float, float]], columns: int = 8,
                        rows: int = 7) -> dict[str, tuple[int, int]]:
    """{id: (row, column)} for areas at (lat, lon), by the rule in the module docstring.

    Raises ValueError when there are more areas than cells.
    """
    if len(points) > columns * rows:
        raise ValueError(f"{len(points)} areas do not fit a {columns} x {rows} grid")
    if not points:
        return {}
    ids = sorted(points)
    lat0 = sum(lat for lat, _ in points.values()) / len(points)
    xs = {k: points[k][1] * math.cos(math.radians(lat0)) for k in ids}
    ys = {k: -points[k][0] for k in ids}
    span_x = (max(xs.values()) - min(xs.values())) or 1.0
    span_y = (max(ys.values()) - min(ys.values())) or 1.0
    target = {k: ((xs[k] - min(xs.values())) / span_x * (columns - 1),
                  (ys[k] - min(ys.values())) / span_y * (rows - 1)) for k in ids}
    cells = [(r, c) for r in range(rows) for c in range(columns)]
    cost = [[(c - target[k][0]) ** 2 + (r - target[k][1]) ** 2 for r, c in cells] for k in ids]
    return {k: cells[j] for k, j in zip(ids, assign(cost))}
