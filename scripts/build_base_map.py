#!/usr/bin/env python3
"""Derive the web page's base map from Natural Earth (via the world-atlas TopoJSON) in ``shared/data``.

Usage: ``python scripts/build_base_map.py --shared ../shared``

Writes ``src/chronique/data/geo/world_map.tsv``: one row per country (ISO3, English name, SVG path
in the page's equirectangular frame: x = (lon + 180) * 2.5, y = (90 - lat) * 2.5, 900 x 450),
coordinates rounded to 0.1 unit and repeated points dropped; rings crossing the antimeridian
are kept on their main side. Natural Earth is in the public
domain; world-atlas is ISC (Michael Bostock). Standard library only.
"""
from __future__ import annotations

import argparse
import csv
import json
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "src" / "chronique" / "data" / "geo" / "world_map.tsv"
SCALE = 2.5  # map units per degree: the 900 x 450 frame of templates/map.html


def decode_arcs(topology: dict) -> list[list[tuple[float, float]]]:
    """TopoJSON arcs (quantized, delta-encoded) as lists of (lon, lat)."""
    (sx, sy), (tx, ty) = topology["transform"]["scale"], topology["transform"]["translate"]
    arcs = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x += dx
            y += dy
            points.append((x * sx + tx, y * sy + ty))
        arcs.append(points)
    return arcs


def ring(arcs: list, indexes: list[int]) -> list[tuple[float, float]]:
    points: list[tuple[float, float]] = []
    for i in indexes:
        arc = arcs[i] if i >= 0 else arcs[~i][::-1]
        points.extend(arc if not points else arc[1:])
    return points


def unwrap(r: list[tuple[float, float]]) -> list[tuple[float, float]]:
    """A ring crossing the antimeridian (Chukotka, the Aleutians, Fiji) kept on its main side: its points
    on the other side move by 360 degrees (and fall outside the frame) instead of drawing a band across it."""
    if not any(abs(a[0] - b[0]) > 180 for a, b in zip(r, r[1:])):
        return r
    east = sum(1 for lon, _ in r if lon > 0) >= len(r) / 2
    return [(lon + 360 if east and lon < 0 else lon - 360 if not east and lon > 0 else lon, lat) for lon, lat in r]


def path(rings: list[list[tuple[float, float]]]) -> str:
    parts = []
    for r in map(unwrap, rings):
        out: list[str] = []
        last = None
        for lon, lat in r:
            xy = (round((lon + 180) * SCALE, 1), round((90 - lat) * SCALE, 1))
            if xy != last:
                out.append(f"{xy[0]:g},{xy[1]:g}")
                last = xy
        if len(out) >= 3:
            parts.append("M" + "L".join(out) + "Z")
    return "".join(parts)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", default=str(ROOT.parent / "shared"))
    args = parser.parse_args()
    shared = Path(args.shared)
    topology = json.loads((shared / "data" / "natural_earth_world_atlas" / "countries-110m.json").read_text("utf-8"))
    iso3_of: dict[str, str] = {}
    with open(shared / "data" / "geonames_reference" / "countryInfo.txt", encoding="utf-8") as fh:
        for line in fh:
            if line.startswith("#") or not line.strip():
                continue
            cols = line.rstrip("\n").split("\t")
            if len(cols) > 2 and cols[2]:
                iso3_of[cols[2].zfill(3)] = cols[1]
    arcs = decode_arcs(topology)
    rows = []
    for geometry in topology["objects"]["countries"]["geometries"]:
        polygons = geometry.get("arcs") or []
        if geometry["type"] == "Polygon":
            polygons = [polygons]
        rings = [ring(arcs, r) for polygon in polygons for r in polygon]
        iso3 = iso3_of.get(str(geometry.get("id", "")).zfill(3), "")
        name = geometry.get("properties", {}).get("name", "")
        if rings:
            rows.append((iso3, name, path(rings)))
    rows.sort(key=lambda r: (r[0] or "~", r[1]))
    with open(OUT, "w", encoding="utf-8", newline="") as fh:
        fh.write("#iso3\tname\tpath (Natural Earth 1:110m via world-atlas; public domain)\n")
        writer = csv.writer(fh, delimiter="\t", lineterminator="\n", quoting=csv.QUOTE_NONE, escapechar="\\")
        writer.writerows(rows)
    print(f"{len(rows)} countries ({sum(1 for r in rows if not r[0])} without an ISO3 code) -> {OUT} "
          f"({OUT.stat().st_size:,} bytes)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
