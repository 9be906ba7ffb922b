"""Positions computed before drawing, so pages are still the moment they are drawn.

vis-network's physics is quadratic and left 1,000-node pages unsettled after
minutes (see VIEWS.md); so every view places its nodes here and pages run
with physics off. The views with a structure use it (columns, rings, a time
axis, a map): linear time. Only the overview needs a force layout: a
vectorised Fruchterman-Reingold in numpy (networkx's own needs scipy for
more than 500 nodes and was slower here), used up to the node budget;
beyond it the overview is aggregated first (see `aggregate`).
"""

from __future__ import annotations

import math
from typing import Hashable, Iterable, Mapping, Sequence

import numpy as np

__all__ = ["force", "radial", "columns", "order_by_neighbours", "project_lat_lon", "spread"]

Point = tuple[float, float]


def force(nodes: Sequence[Hashable], edges: Iterable[tuple[Hashable, Hashable]],
          initial: Mapping[Hashable, Point] | None = None, iterations: int = 60,
          spacing: float = 110.0, seed: int = 7,
          gravity: float = 0.1) -> dict[Hashable, Point]:
    """Fruchterman-Reingold: O(n^2) per iteration, in blocks so memory stays O(n * 1024).

    `initial` positions (any scale) seed the layout, e.g. boroughs at their
    map positions so the picture keeps north up; the result is scaled so
    neighbouring nodes sit about `spacing` pixels apart. Deterministic.
    """
    nodes = list(nodes)
    n = len(nodes)
    if n == 0:
        return {}
    if n == 1:
        return {nodes[0]: (0.0, 0.0)}
    index = {node: i for i, node in enumerate(nodes)}
    rng = np.random.default_rng(seed)
    pos = rng.random((n, 2), dtype=np.float32)
    if initial:
        known = [(index[k], v) for k, v in initial.items() if k in index]
        if known:
            xy = np.array([v for _, v in known], dtype=np.float32)
            span = max(float(np.ptp(xy[:, 0])), float(np.ptp(xy[:, 1])), 1e-9)
            xy = (xy - xy.min(axis=0)) / span
            pos[[i for i, _ in known]] = xy
    pairs = np.array([(index[u], index[v]) for u, v in edges if u != v and u in index and v in index],
                     dtype=np.int64).reshape(-1, 2)
    k = np.float32(math.sqrt(1.0 / n))
    temperature = 0.1
    cooling = temperature / (iterations + 1)
    # x and y as two contiguous arrays, the pairwise terms in preallocated blocks: five times faster
    # than one (n, n, 2) array through einsum (a borough's overview at 100,000 cases, BENCHMARKS.md)
    x, y = np.ascontiguousarray(pos[:, 0]), np.ascontiguousarray(pos[:, 1])
    block = min(n, 1024)
    dx, dy, weight = (np.empty((block, n), np.float32) for _ in range(3))
    for _ in range(iterations):
        shift_x, shift_y = np.zeros(n, np.float32), np.zeros(n, np.float32)
        for start in range(0, n, block):
            rows = min(block, n - start)
            bx, by, w = dx[:rows], dy[:rows], weight[:rows]
            np.subtract(x[start:start + rows, None], x[None, :], out=bx)
            np.subtract(y[start:start + rows, None], y[None, :], out=by)
            np.multiply(bx, bx, out=w)
            w += by * by
            np.maximum(w, np.float32(1e-6), out=w)
            np.divide(k * k, w, out=w)  # repulsion k^2 / d along each pair's unit vector: delta * k^2 / d^2
            shift_x[start:start + rows] += (bx * w).sum(axis=1)
            shift_y[start:start + rows] += (by * w).sum(axis=1)
        if len(pairs):
            ex, ey = x[pairs[:, 0]] - x[pairs[:, 1]], y[pairs[:, 0]] - y[pairs[:, 1]]
            pull = np.sqrt(ex * ex + ey * ey) / k  # attraction d^2 / k along the pair
            for shift, along in ((shift_x, ex * pull), (shift_y, ey * pull)):
                shift -= np.bincount(pairs[:, 0], along, n).astype(np.float32)
                shift += np.bincount(pairs[:, 1], along, n).astype(np.float32)
        shift_x -= gravity * (x - x.mean()) / k  # keeps loose components near the rest
        shift_y -= gravity * (y - y.mean()) / k
        length = np.sqrt(shift_x * shift_x + shift_y * shift_y)
        length[length < 1e-9] = 1e-9
        step = np.minimum(length, temperature) / length
        x += shift_x * step
        y += shift_y * step
        temperature -= cooling
    scale = spacing / float(k)
    x, y = (x - x.mean()) * scale, (y - y.mean()) * scale
    return {node: (float(x[i]), float(y[i])) for node, i in index.items()}


def radial(rings: Sequence[Sequence[Hashable]], parents: Mapping[Hashable, Hashable],
           gap: float = 200.0, spacing: float = 70.0) -> dict[Hashable, Point]:
    """Rings around a centre: ring d holds the nodes d hops away, each near its parent's angle.

    A ring's radius grows when it holds more nodes than fit at `spacing`.
    """
    positions: dict[Hashable, Point] = {}
    angles: dict[Hashable, float] = {}
    radius = 0.0
    for depth, ring in enumerate(rings):
        if depth == 0:
            for node in ring:
                positions[node], angles[node] = (0.0, 0.0), 0.0
            continue
        radius = max(radius + gap, len(ring) * spacing / (2 * math.pi))
        ordered = sorted(ring, key=lambda node: (angles.get(parents.get(node), 0.0), str(node)))
        for i, node in enumerate(ordered):
            angle = 2 * math.pi * i / max(len(ordered), 1) - math.pi / 2
            angles[node] = angle
            positions[node] = (radius * math.cos(angle), radius * math.sin(angle))
    return positions


def columns(cols: Sequence[Sequence[Hashable]], x_gap: float = 420.0,
            y_gap: float | Sequence[float] = 46.0) -> dict[Hashable, Point]:
    """Nodes in vertical columns, each column centred on y = 0; `y_gap` may differ per column."""
    positions: dict[Hashable, Point] = {}
    for c, column in enumerate(cols):
        gap = y_gap[c] if isinstance(y_gap, (list, tuple)) else y_gap
        top = -(len(column) - 1) * gap / 2
        for r, node in enumerate(column):
            positions[node] = (c * x_gap, top + r * gap)
    return positions


def order_by_neighbours(column: Sequence[Hashable], fixed: Mapping[Hashable, float],
                        links: Mapping[Hashable, Iterable[Hashable]]) -> list[Hashable]:
    """A column sorted by the mean rank of its linked nodes (barycentre): fewer crossings."""
    def centre(node) -> float:
        ranks = [fixed[o] for o in links.get(node, ()) if o in fixed]
        return sum(ranks) / len(ranks) if ranks else float("inf")

    return sorted(column, key=lambda node: (centre(node), str(node)))


def project_lat_lon(points: Mapping[Hashable, tuple[float, float]], width: float = 1800.0) -> dict[Hashable, Point]:
    """(lat, lon) -> screen (x, y), equirectangular at the mean latitude, north up, `width` px wide."""
    if not points:
        return {}
    lat0 = sum(lat for lat, _ in points.values()) / len(points)
    xs = {k: lon * math.cos(math.radians(lat0)) for k, (lat, lon) in points.items()}
    ys = {k: -lat for k, (lat, lon) in points.items()}
    span = max(max(xs.values()) - min(xs.values()), max(ys.values()) - min(ys.values()), 1e-9)
    scale = width / span
    cx = (max(xs.values()) + min(xs.values())) / 2
    cy = (max(ys.values()) + min(ys.values())) / 2
    return {k: ((xs[k] - cx) * scale, (ys[k] - cy) * scale) for k in points}


def spread(centre: Point, members: Sequence[Hashable], start: float = 70.0, step: float = 34.0) -> dict[Hashable, Point]:
    """Members around a centre on a sunflower spiral (even density, no overlap, O(n))."""
    golden = math.pi * (3 - math.sqrt(5))
    positions = {}
    for i, node in enumerate(members):
        r = start + step * math.sqrt(i)
        positions[node] = (centre[0] + r * math.cos(i * golden), centre[1] + r * math.sin(i * golden))
    return positions
