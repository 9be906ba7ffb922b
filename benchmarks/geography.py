"""Synthetic UK-like local authorities: names, GSS-like codes, regions, centroids, neighbours.

Nothing here is real geography: names are coined, centroids are scattered
around a region's rough centre, neighbours are the nearest centroids. Codes
follow the schema's pattern (`^[EWSN]\\d{8}$`) with a `9` after the entity
code (`E06900001`) so that they never equal a real ONS code.
"""

from __future__ import annotations

import math
import random
from dataclasses import dataclass, field

from benchmarks.vocabulary import NAME_ENDINGS, NAME_STEMS, PSEUDONYMS

__all__ = ["Authority", "REGIONS", "authorities", "neighbour_pairs", "coin_name"]

# (region, share of authorities, GSS entity codes, centre lat, centre lon, spread in degrees)
REGIONS = (
    ("North East", 12, ("E06", "E08"), 54.9, -1.6, 0.35),
    ("North West", 35, ("E06", "E07", "E08"), 53.7, -2.6, 0.45),
    ("Yorkshire and The Humber", 21, ("E06", "E07", "E08"), 53.8, -1.3, 0.45),
    ("East Midlands", 35, ("E06", "E07"), 52.9, -1.0, 0.45),
    ("West Midlands", 30, ("E06", "E07", "E08"), 52.5, -2.1, 0.40),
    ("East of England", 40, ("E06", "E07"), 52.2, 0.5, 0.50),
    ("London", 33, ("E09",), 51.5, -0.1, 0.12),
    ("South East", 55, ("E06", "E07"), 51.3, -0.7, 0.55),
    ("South West", 28, ("E06", "E07"), 50.9, -3.3, 0.70),
    ("Wales", 22, ("W06",), 52.3, -3.6, 0.55),
    ("Scotland", 29, ("S12",), 56.4, -3.9, 0.90),
    ("Northern Ireland", 10, ("N09",), 54.6, -6.6, 0.40),
)

_BANNED = {name.casefold() for name in PSEUDONYMS}


@dataclass
class Authority:
    id: str
    name: str
    gss_code: str
    region: str
    lat: float
    lon: float
    weight: float  # how many cases it draws, relative to the others
    neighbours: list[str] = field(default_factory=list)


def coin_name(rng: random.Random, taken: set[str]) -> str:
    """A new place-like name (`Harwick`, `Elmbury`), unique in `taken`, never a pseudonym."""
    while True:
        name = rng.choice(NAME_STEMS) + rng.choice(NAME_ENDINGS)
        if rng.random() < 0.15:
            name = rng.choice(("North ", "South ", "East ", "West ", "Upper ", "Great ")) + name
        if _BANNED.isdisjoint(name.casefold().split()) and name not in taken:
            taken.add(name)
            return name


def authorities(rng: random.Random, count: int, taken: set[str]) -> list[Authority]:
    """`count` authorities spread over the regions in proportion to REGIONS' shares."""
    total = sum(share for _, share, *_ in REGIONS)
    found: list[Authority] = []
    serial = 0
    for index, (region, share, entities, lat, lon, spread) in enumerate(REGIONS):
        n = max(1, round(count * share / total)) if index < len(REGIONS) - 1 else max(1, count - len(found))
        for _ in range(n):
            serial += 1
            entity = entities[serial % len(entities)]
            found.append(Authority(
                id=f"la-{serial:04d}",
                name=coin_name(rng, taken),
                gss_code=f"{entity}9{serial:05d}",
                region=region,
                lat=round(max(49.9, min(60.8, rng.gauss(lat, spread))), 4),
                lon=round(max(-8.2, min(1.8, rng.gauss(lon, spread * 1.4))), 4),
                weight=rng.lognormvariate(0, 0.8) * (1.6 if region == "London" else 1.0),
            ))
        if len(found) >= count:
            break
    return found[:count]


def _distance(a: Authority, b: Authority) -> float:
    x = (a.lon - b.lon) * math.cos(math.radians((a.lat + b.lat) / 2))
    return math.hypot(x, a.lat - b.lat)


def neighbour_pairs(rng: random.Random, found: list[Authority]) -> list[tuple[str, str]]:
    """Each authority joined to its 3-5 nearest in the same country; pairs once, `from` < `to`."""
    pairs: set[tuple[str, str]] = set()
    for a in found:
        same = [b for b in found if b is not a and b.gss_code[0] == a.gss_code[0]]
        same.sort(key=lambda b: (_distance(a, b), b.id))
        for b in same[: rng.randint(3, 5)]:
            pairs.add((min(a.id, b.id), max(a.id, b.id)))
    ordered = sorted(pairs)
    by_id = {a.id: a for a in found}
    for x, y in ordered:
        by_id[x].neighbours.append(y)
        by_id[y].neighbours.append(x)
    return ordered
