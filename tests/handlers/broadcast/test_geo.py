"""Geofences: haversine distance and ray casting, without a GIS library."""

from __future__ import annotations

import pytest

from handlers.broadcast.geo import Circle, Polygon, metres


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
