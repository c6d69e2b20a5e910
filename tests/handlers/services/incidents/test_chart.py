"""The warning chart: its dashed threshold lines had no legend."""

from __future__ import annotations

import io
from datetime import date

from PIL import Image

from handlers.services.incidents.chart import LEFT, LINE, TOP, render_trend
from handlers.services.incidents.trend import build_trend
from handlers.services.intel_settings import LevelThresholds

DAY = date(2026, 11, 28)


def test_the_threshold_lines_are_named_above_the_plot() -> None:
    thresholds = LevelThresholds()
    trend = build_trend(1, "盗窃", [DAY] * 5, DAY, window=7, span=28, thresholds=thresholds)
    image = Image.open(io.BytesIO(render_trend(trend, thresholds, "一号警务区")))
    above_plot = image.crop((LEFT, TOP - 24, image.width, TOP - 4)).convert("RGB")
    colours = {colour for _n, colour in above_plot.getcolors(maxcolors=100_000) or []}
    assert {LINE["yellow"], LINE["orange"], LINE["red"]} <= colours
