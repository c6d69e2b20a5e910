"""Geofences: haversine distance and ray casting, without a GIS library."""

from __future__ import annotations

import math

import pytest

from handlers.broadcast.geo import EARTH_METRES, Box, Circle, Polygon, metres


def test_haversine_matches_known_distances() -> None:
    # One degree of latitude is about 111.2 km anywhere.
    assert metres((30.0, 120.0), (31.0, 120.0)) == pytest.approx(111_195, rel=1e-3)
    # Beijing Tiananmen to Shanghai People's Square: about 1,067 km.
    assert metres((39.9075, 116.3972), (31.2323, 121.4691)) == pytest.approx(1_067_000, rel=0.01)
    assert metres((30.25, 120.15), (30.25, 120.15)) == 0


def test_circle_edges() -> None:
    circle = Circle(30.25, 120.15, 500)
    assert circle.contains((30.25, 120.15))
    assert circle.contains((30.2544, 120.15))  # about 490 m north
    assert not circle.contains((30.2546, 120.15))  # about 512 m north


def test_polygon_concave_and_edges() -> None:
    # An L shape: the notch at the top right is outside.
    shape = Polygon(((0, 0), (0, 4), (2, 4), (2, 2), (4, 2), (4, 0)))
    assert shape.contains((1, 1)) and shape.contains((1, 3)) and shape.contains((3, 1))
    assert not shape.contains((3, 3))
    assert not shape.contains((5, 1))
    assert shape.contains((0, 2))  # on an edge counts as inside
    assert shape.contains((2, 4))  # a vertex too


def test_polygon_closing_point_is_optional() -> None:
    open_ring = Polygon(((0, 0), (0, 1), (1, 1)))
    closed = Polygon(((0, 0), (0, 1), (1, 1), (0, 0)))
    assert open_ring.ring == closed.ring
    with pytest.raises(ValueError):
        Polygon(((0, 0), (1, 1), (0, 0)))


def _in(box: Box, point: tuple[float, float]) -> bool:
    return box.south <= point[0] <= box.north and box.west <= point[1] <= box.east


@pytest.mark.parametrize("latitude", [0.0, 30.25, 53.5, -45.0])
def test_a_circles_box_holds_its_edge_and_little_more(latitude: float) -> None:
    """The database narrows venues to the box before the exact test: a venue on the circle
    that fell outside its box would never hear the alert."""
    circle = Circle(latitude, 120.15, 2000)
    box = circle.bounds()
    # Points just inside the edge, all the way round.
    for bearing in range(0, 360, 5):
        b = math.radians(bearing)
        d = (circle.radius_m - 0.5) / EARTH_METRES
        lat1 = math.radians(latitude)
        lat2 = math.asin(math.sin(lat1) * math.cos(d) + math.cos(lat1) * math.sin(d) * math.cos(b))
        lon2 = math.radians(120.15) + math.atan2(
            math.sin(b) * math.sin(d) * math.cos(lat1),
            math.cos(d) - math.sin(lat1) * math.sin(lat2),
        )
        edge = (math.degrees(lat2), math.degrees(lon2))
        assert circle.contains(edge) and _in(box, edge), (bearing, edge, box)
    # Tight: 2 km more than the radius out east or north is outside the box.
    assert not _in(box, (latitude + 4000 / 111_195, 120.15))
    assert not _in(box, (latitude, 120.15 + 4000 / (111_195 * math.cos(math.radians(latitude)))))


def test_a_polygons_box_holds_its_vertices() -> None:
    shape = Polygon(((0, 0), (0, 4), (2, 4), (2, 2), (4, 2), (4, 0)))
    box = shape.bounds()
    assert all(_in(box, p) for p in shape.ring)
    assert not _in(box, (4.01, 1)) and not _in(box, (1, -0.01))
