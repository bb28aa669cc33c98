"""The map's geometry: country outlines as rings in the map's frame, and points kept on land.

The frame is the base map's (``data/geo/world_map.tsv``, equirectangular, 900 x 450): x = (lon + 180) * 2.5,
y = (90 - lat) * 2.5. A gazetteer point can fall outside its country's 1:110m outline (a coastal city
at sea, a wrong coordinate); it is then drawn on the country's nearest land within two degrees, else at a
point on the widest stretch of land across the country's middle, never in the sea or in a neighbour.
"""
from __future__ import annotations

import math
import re
from functools import cache

from .. import tables

SCALE = 2.5
WIDTH, HEIGHT = 360 * SCALE, 180 * SCALE
Ring = list[tuple[float, float]]
NEAR_DEGREES, NEAR_STEPS = 2.0, 8  # a point at sea looks for its country's land this far around it first


def to_map(lat: float, lon: float) -> tuple[float, float]:
    return (lon + 180) * SCALE, (90 - lat) * SCALE


def rings(path: str) -> list[Ring]:
    """The closed rings of an SVG path made of M, L and Z commands."""
    out: list[Ring] = []
    for part in re.split(r"[Zz]", path):
        points = [(float(x), float(y)) for x, y in re.findall(r"(-?[\d.]+),(-?[\d.]+)", part)]
        if len(points) >= 3:
            out.append(points)
    return out


@cache
def outlines() -> dict[str, list[Ring]]:
    """ISO3 -> the rings of its outline on the base map."""
    return {r[0]: rings(r[2]) for r in tables._rows("geo/world_map.tsv", 3)}


def _crossings(ring: Ring, y: float) -> list[float]:
    xs = []
    for (x1, y1), (x2, y2) in zip(ring, ring[1:] + ring[:1]):
        if (y1 > y) != (y2 > y):
            xs.append(x1 + (y - y1) * (x2 - x1) / (y2 - y1))
    return xs


def contains(country_rings: list[Ring], x: float, y: float) -> bool:
    """Even-odd rule over every ring (islands and holes alike)."""
    return sum(1 for ring in country_rings for cx in _crossings(ring, y) if cx > x) % 2 == 1


def _area(ring: Ring) -> float:
    return abs(sum(x1 * y2 - x2 * y1 for (x1, y1), (x2, y2) in zip(ring, ring[1:] + ring[:1]))) / 2


@cache
def inside_point(iso3: str) -> tuple[float, float] | None:
    """A point surely inside the country: the middle of the widest stretch of land on the horizontal
    line through the middle of its largest ring."""
    country_rings = outlines().get(iso3)
    if not country_rings:
        return None
    main = max(country_rings, key=_area)
    ys = [y for _x, y in main]
    y = (min(ys) + max(ys)) / 2
    xs = sorted(x for ring in country_rings for x in _crossings(ring, y))
    stretches = [(b - a, (a + b) / 2) for a, b in zip(xs[::2], xs[1::2])]
    if not stretches:
        return None
    return max(stretches)[1], y


def place_on_land(country: str | None, lat: float, lon: float) -> tuple[float, float, bool]:
    """(x, y, moved): where a place is drawn; moved when its point is outside its country's outline.
    A country the base map does not outline (too small at 1:110m) keeps its point."""
    x, y = to_map(lat, lon)
    country_rings = outlines().get(country or "")
    if not country_rings or contains(country_rings, x, y):
        return x, y, False
    for step in range(1, NEAR_STEPS + 1):  # the nearest land of the country, up to NEAR_DEGREES away
        r = step * NEAR_DEGREES * SCALE / NEAR_STEPS
        for k in range(16):
            cx, cy = x + r * math.cos(k * math.pi / 8), y + r * math.sin(k * math.pi / 8)
            if contains(country_rings, cx, cy):
                return cx, cy, True
    inside = inside_point(country)
    return (inside[0], inside[1], True) if inside else (x, y, False)
