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
    block = 1024
    for _ in range(iterations):
        shift = np.zeros_like(pos)
        for start in range(0, n, block):
            delta = pos[start:start + block, None, :] - pos[None, :, :]
            dist2 = np.einsum("ijk,ijk->ij", delta, delta)
            np.maximum(dist2, np.float32(1e-6), out=dist2)
            shift[start:start + block] += np.einsum("ijk,ij->ik", delta, (k * k) / dist2)
        if len(pairs):
            delta = pos[pairs[:, 0]] - pos[pairs[:, 1]]
            pull = delta * (np.sqrt((delta * delta).sum(axis=1)) / k)[:, None]
            np.add.at(shift, pairs[:, 0], -pull)
            np.add.at(shift, pairs[:, 1], pull)
        centre = pos.mean(axis=0)
        shift -= gravity * (pos - centre) / k  # keeps loose components near the rest
        length = np.sqrt((shift * shift).sum(axis=1))
        length[length < 1e-9] = 1e-9
        pos += shift * (np.minimum(length, temperature) / length)[:, None]
        temperature -= cooling
    pos -= pos.mean(axis=0)
    scale = spacing / float(k)
    return {node: (float(pos[i, 0]) * scale, float(pos[i, 1]) * scale) for node, i in index.items()}


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
