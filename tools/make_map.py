"""Build assets/map/caribbean.json from Natural Earth (via the world-atlas npm package).

Run once by a developer; the result is committed, so nothing is downloaded at run time:

    npm pack world-atlas@2.0.2 && tar xzf world-atlas-2.0.2.tgz
    python tools/make_map.py package/countries-50m.json assets/map/caribbean.json caribbean
    python tools/make_map.py package/countries-50m.json assets/map/europe.json europe

Each base map covers far more than any scenario's ``region`` shows, so a map panel of
any shape is filled with land and sea to its edges (no coast cut off at a straight line).

Natural Earth is in the public domain; world-atlas is ISC-licensed.
"""

from __future__ import annotations

import json
import sys

#: name -> (bbox lon_min, lat_min, lon_max, lat_max; Douglas-Peucker tolerance in degrees)
BASES = {
    "caribbean": ((-130.0, -8.0, -30.0, 60.0), 0.05),
    "europe": ((-15.0, 25.0, 55.0, 65.0), 0.06),
}
BBOX = BASES["caribbean"][0]
TOLERANCE = BASES["caribbean"][1]


def decode_arcs(topo: dict) -> list[list[tuple[float, float]]]:
    sx, sy = topo["transform"]["scale"]
    tx, ty = topo["transform"]["translate"]
    arcs = []
    for arc in topo["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x += dx
            y += dy
            points.append((x * sx + tx, y * sy + ty))
        arcs.append(points)
    return arcs


def ring(arcs: list, indices: list[int]) -> list[tuple[float, float]]:
    out: list[tuple[float, float]] = []
    for i in indices:
        pts = arcs[i] if i >= 0 else list(reversed(arcs[~i]))
        out.extend(pts if not out else pts[1:])
    return out


def clip(poly: list[tuple[float, float]]) -> list[tuple[float, float]]:
    """Sutherland-Hodgman against the bounding box."""
    x0, y0, x1, y1 = BBOX
    edges = [
        (lambda p: p[0] >= x0, lambda a, b: (x0, a[1] + (b[1] - a[1]) * (x0 - a[0]) / (b[0] - a[0]))),
        (lambda p: p[0] <= x1, lambda a, b: (x1, a[1] + (b[1] - a[1]) * (x1 - a[0]) / (b[0] - a[0]))),
        (lambda p: p[1] >= y0, lambda a, b: (a[0] + (b[0] - a[0]) * (y0 - a[1]) / (b[1] - a[1]), y0)),
        (lambda p: p[1] <= y1, lambda a, b: (a[0] + (b[0] - a[0]) * (y1 - a[1]) / (b[1] - a[1]), y1)),
    ]
    for inside, cut in edges:
        if not poly:
            break
        src, poly = poly, []
        for i, cur in enumerate(src):
            prev = src[i - 1]
            if inside(cur):
                if not inside(prev):
                    poly.append(cut(prev, cur))
                poly.append(cur)
            elif inside(prev):
                poly.append(cut(prev, cur))
    return poly


def simplify(points: list[tuple[float, float]], tol: float) -> list[tuple[float, float]]:
    if len(points) < 4:
        return points
    (ax, ay), (bx, by) = points[0], points[-1]
    dx, dy = bx - ax, by - ay
    norm = (dx * dx + dy * dy) ** 0.5 or 1e-12
    dists = [abs(dy * (px - ax) - dx * (py - ay)) / norm for px, py in points[1:-1]]
    i = max(range(len(dists)), key=dists.__getitem__)
    if dists[i] > tol:
        left = simplify(points[: i + 2], tol)
        return left[:-1] + simplify(points[i + 1:], tol)
    return [points[0], points[-1]]


def main(src: str, dst: str, name: str = "caribbean") -> None:
    global BBOX, TOLERANCE
    BBOX, TOLERANCE = BASES[name]
    topo = json.load(open(src))
    arcs = decode_arcs(topo)
    countries = []
    for geom in topo["objects"]["countries"]["geometries"]:
        polys = geom["arcs"] if geom["type"] == "MultiPolygon" else [geom["arcs"]] if geom.get("arcs") else []
        kept = []
        for poly in polys:
            outer = clip(ring(arcs, poly[0]))
            if len(outer) < 3:
                continue
            half = len(outer) // 2
            simple = simplify(outer[: half + 1], TOLERANCE)[:-1] + simplify(outer[half:], TOLERANCE)
            if len(simple) >= 3:
                kept.append([[round(x, 3), round(y, 3)] for x, y in simple])
        if kept:
            countries.append({"id": geom.get("id"), "name": geom["properties"]["name"], "polygons": kept})
    out = {
        "bbox": BBOX,
        "source": "Natural Earth 1:50m countries (public domain), via world-atlas 2.0.2 (ISC)",
        "countries": countries,
        "places": {
            "Washington": [-77.04, 38.90], "Miami": [-80.19, 25.76], "Key West": [-81.78, 24.55],
            "Havana": [-82.37, 23.11], "San Cristóbal": [-83.05, 22.72], "Banes": [-75.72, 20.96],
            "Guantánamo Bay": [-75.15, 19.90], "New Orleans": [-90.07, 29.95],
        },
    }
    json.dump(out, open(dst, "w"), separators=(",", ":"))
    print(f"{len(countries)} countries, {sum(len(p) for c in countries for p in c['polygons'])} points")


if __name__ == "__main__":
    main(*sys.argv[1:4])
