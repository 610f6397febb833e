"""A static SVG map locating a province or city, drawn on the server from the portal's own
map of China (echarts@4.9.0 ``map/json/china.json``, built into the static files by npm).

No script runs: the map is plain SVG paths, so it prints and goes into the PDF as it is.
"""

import functools
import json
import math

from django.contrib.staticfiles import finders
from django.utils.html import escape

BOUNDARIES = "npm/china.json"
WIDTH, HEIGHT = 420, 340
# An equirectangular projection squeezed by the cosine of China's middle latitude.
MIDDLE_LATITUDE = 35.0
SIMPLIFY = 0.08  # degrees: points closer than this to the last kept one are dropped


def _decode_ring(ring, offsets, scale):
    """ECharts' compact ring encoding: zigzag-coded deltas shifted into printable characters."""
    x, y = offsets
    points = []
    for index in range(0, len(ring) - 1, 2):
        dx, dy = ord(ring[index]) - 64, ord(ring[index + 1]) - 64
        x += (dx >> 1) ^ -(dx & 1)
        y += (dy >> 1) ^ -(dy & 1)
        points.append((x / scale, y / scale))
    return points


def _polygons(feature, scale, encoded):
    geometry = feature["geometry"]
    polygons = geometry["coordinates"]
    offsets = geometry.get("encodeOffsets")
    if geometry["type"] == "Polygon":
        polygons, offsets = [polygons], [offsets] if offsets else None
    for number, polygon in enumerate(polygons):
        rings = []
        for ring_number, ring in enumerate(polygon):
            if encoded:
                rings.append(_decode_ring(ring, offsets[number][ring_number], scale))
            else:
                rings.append([tuple(point) for point in ring])
        yield rings


def _project(longitude, latitude, bounds):
    west, south, east, north = bounds
    squeeze = math.cos(math.radians(MIDDLE_LATITUDE))
    span_x = (east - west) * squeeze
    span_y = north - south
    factor = min(WIDTH / span_x, HEIGHT / span_y)
    return ((longitude - west) * squeeze * factor, (north - latitude) * factor)


def _simplify(ring):
    kept = [ring[0]]
    for point in ring[1:]:
        last = kept[-1]
        if abs(point[0] - last[0]) + abs(point[1] - last[1]) >= SIMPLIFY:
            kept.append(point)
    return kept if len(kept) >= 3 else ring


@functools.lru_cache(maxsize=1)
def provinces():
    """{administrative code: SVG path data} of every provincial-level unit, and the bounds."""
    path = finders.find(BOUNDARIES)
    if path is None:
        return {}, (73.0, 17.0, 135.5, 54.0)
    with open(path, encoding="utf-8") as source:
        collection = json.load(source)
    encoded = bool(collection.get("UTF8Encoding"))
    scale = collection.get("UTF8Scale") or 1024
    shapes = {}
    for feature in collection["features"]:
        code = str(feature.get("id") or feature["properties"].get("id") or "")
        shapes[code] = [
            [_simplify(ring) for ring in rings] for rings in _polygons(feature, scale, encoded)
        ]
    points = [p for rings_list in shapes.values() for rings in rings_list for r in rings for p in r]
    bounds = (
        min(p[0] for p in points),
        min(p[1] for p in points),
        max(p[0] for p in points),
        max(p[1] for p in points),
    )
    paths = {}
    for code, polygons in shapes.items():
        parts = []
        for rings in polygons:
            for ring in rings:
                projected = [_project(lon, lat, bounds) for lon, lat in ring]
                parts.append("M" + "L".join(f"{x:.1f},{y:.1f}" for x, y in projected) + "Z")
        paths[code] = "".join(parts)
    return paths, bounds


def region_map_svg(*, province_code, label, point=None):
    """The map of China with the province shaded and, for a city, a dot where it lies."""
    paths, bounds = provinces()
    shapes = []
    for code, data in sorted(paths.items()):
        chosen = code == province_code
        shapes.append(
            f'<path d="{data}" class="{"map-chosen" if chosen else "map-other"}"'
            f' fill="{"#7a1f5c" if chosen else "#e4e0ea"}" stroke="#ffffff" stroke-width="0.6"/>'
        )
    marker = ""
    if point is not None:
        x, y = _project(float(point[0]), float(point[1]), bounds)
        marker = (
            f'<circle cx="{x:.1f}" cy="{y:.1f}" r="5" fill="#f2b705" stroke="#222" '
            'stroke-width="1.2"/>'
        )
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {HEIGHT}" '
        f'width="{WIDTH}" height="{HEIGHT}" role="img" aria-label="{escape(label)}">'
        f"<title>{escape(label)}</title>{''.join(shapes)}{marker}</svg>"
    )
