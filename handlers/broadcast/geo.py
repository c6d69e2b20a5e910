"""Geofences over venue coordinates: a circle (centre and radius) or a polygon.

Plain spherical geometry, no GIS dependency: a beat is a few kilometres across, where the
haversine distance and ray casting on latitude/longitude are exact enough (the error of
treating a polygon's edges as straight in degrees is metres at that size).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

EARTH_METRES = 6_371_008.8
#: Largest circle an officer may draw: beyond this it is no longer "around" anything.
MAX_RADIUS_METRES = 20_000.0

Point = tuple[float, float]


@dataclass(frozen=True)
class Box:
    """A latitude/longitude rectangle around a fence: what a database can narrow venues to
    with plain comparisons, before the exact test on the few left."""

    south: float
    west: float
    north: float
    east: float

    def padded(self) -> Box:
        """A hair wider than the fence: rounding must not leave out a venue on the line,
        which `contains` counts as inside."""
        pad = 1e-7  # about a centimetre
        return Box(self.south - pad, self.west - pad, self.north + pad, self.east + pad)


def metres(a: Point, b: Point) -> float:
    """Great-circle distance between two (latitude, longitude) points, in metres."""
    lat1, lon1 = map(math.radians, a)
    lat2, lon2 = map(math.radians, b)
    h = (
        math.sin((lat2 - lat1) / 2) ** 2
        + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    )
    return 2 * EARTH_METRES * math.asin(min(1.0, math.sqrt(h)))


def valid_point(point: Point) -> bool:
    lat, lon = point
    return -90.0 <= lat <= 90.0 and -180.0 <= lon <= 180.0


@dataclass(frozen=True)
class Circle:
    latitude: float
    longitude: float
    radius_m: float

    def contains(self, point: Point) -> bool:
        return metres((self.latitude, self.longitude), point) <= self.radius_m

    def bounds(self) -> Box:
        """The box holding the circle (the widest longitude of a spherical cap is
        asin(sin δ / cos φ)); with a pole inside or across the date line, every longitude."""
        spread = self.radius_m / EARTH_METRES
        south = self.latitude - math.degrees(spread)
        north = self.latitude + math.degrees(spread)
        ratio = math.sin(spread) / math.cos(math.radians(self.latitude))
        if south <= -90.0 or north >= 90.0 or ratio >= 1.0:
            return Box(max(-90.0, south), -180.0, min(90.0, north), 180.0).padded()
        across = math.degrees(math.asin(ratio))
        west, east = self.longitude - across, self.longitude + across
        if west < -180.0 or east > 180.0:
            return Box(south, -180.0, north, 180.0).padded()
        return Box(south, west, north, east).padded()


@dataclass(frozen=True)
class Polygon:
    """Vertices as (latitude, longitude); closing the ring is implied."""

    points: tuple[Point, ...]

    def __post_init__(self) -> None:
        if len(self.ring) < 3:
            raise ValueError("a polygon needs at least three distinct points")

    @property
    def ring(self) -> tuple[Point, ...]:
        """The vertices without a repeated closing point."""
        pts = self.points
        return pts[:-1] if len(pts) > 1 and pts[0] == pts[-1] else pts

    def bounds(self) -> Box:
        lats = [p[0] for p in self.ring]
        lons = [p[1] for p in self.ring]
        return Box(min(lats), min(lons), max(lats), max(lons)).padded()

    def contains(self, point: Point) -> bool:
        """Ray casting (even-odd rule) along the latitude of `point`; a point on an edge
        counts as inside, so a venue on the drawn line is not left out."""
        lat, lon = point
        ring = self.ring
        inside = False
        for i in range(len(ring)):
            (lat1, lon1), (lat2, lon2) = ring[i], ring[(i + 1) % len(ring)]
            if _on_segment(point, ring[i], ring[(i + 1) % len(ring)]):
                return True
            if (lat1 > lat) != (lat2 > lat):
                crossing = lon1 + (lat - lat1) * (lon2 - lon1) / (lat2 - lat1)
                if lon < crossing:
                    inside = not inside
        return inside


def _on_segment(p: Point, a: Point, b: Point, tolerance: float = 1e-9) -> bool:
    cross = (b[0] - a[0]) * (p[1] - a[1]) - (b[1] - a[1]) * (p[0] - a[0])
    if abs(cross) > tolerance:
        return False
    return (
        min(a[0], b[0]) - tolerance <= p[0] <= max(a[0], b[0]) + tolerance
        and min(a[1], b[1]) - tolerance <= p[1] <= max(a[1], b[1]) + tolerance
    )


def inside_any(point: Point, fences: Sequence[Circle | Polygon]) -> bool:
    return any(fence.contains(point) for fence in fences)
