"""A small PNG of a trend: daily counts as bars, the moving average as a line, and the
level thresholds as dashed lines in their colours."""

from __future__ import annotations

import io
import math
from datetime import timedelta

from PIL import Image, ImageDraw

from bot.fonts import Font, load_font
from handlers.services.incidents.trend import Trend
from handlers.services.intel_settings import LevelThresholds

WIDTH, HEIGHT = 640, 360
LEFT, RIGHT, TOP, BOTTOM = 48, 16, 62, 40
BAR = (176, 190, 197)
AXIS = (96, 96, 96)
GRID = (230, 230, 230)
LINE = {
    "green": (46, 125, 50),
    "yellow": (249, 168, 37),
    "orange": (239, 108, 0),
    "red": (198, 40, 40),
}


def _dashed(draw: ImageDraw.ImageDraw, y: float, x0: float, x1: float, colour: tuple) -> None:
    x = x0
    while x < x1:
        draw.line([(x, y), (min(x + 6, x1), y)], fill=colour, width=1)
        x += 10


def _legend(
    draw: ImageDraw.ImageDraw, thresholds: LevelThresholds, font: Font, chinese: bool
) -> None:
    """What the dashed lines are: the daily average at which each level begins (a line
    crossing them is read against them)."""
    x, y = float(LEFT), TOP - 16
    names = {"yellow": "黄", "orange": "橙", "red": "红"} if chinese else {}
    for name in ("yellow", "orange", "red"):
        _dashed(draw, y, x, x + 22, LINE[name])
        value = getattr(thresholds, name)
        label = f"{names[name]}色：日均≥{value:g}起" if chinese else f"{name}: {value:g}+/day"
        draw.text((x + 26, y), label, fill=AXIS, font=font, anchor="lm")
        x += 26 + draw.textlength(label, font=font) + 18


def render_trend(
    trend: Trend, thresholds: LevelThresholds, beat_name: str, font: str = ""
) -> bytes:
    """PNG bytes. Without a CJK font the title is in English, so the chart still reads."""
    title_font, chinese = load_font(16, font)
    small, _ = load_font(11, font)
    image = Image.new("RGB", (WIDTH, HEIGHT), "white")
    draw = ImageDraw.Draw(image)
    days = len(trend.counts)
    top_value = max([*trend.counts, thresholds.red * 1.15, 1.0])
    scale = math.ceil(top_value)
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM

    def y_of(value: float) -> float:
        return TOP + plot_h * (1 - value / scale)

    step = max(1, scale // 5)
    for tick in range(0, scale + 1, step):
        y = y_of(tick)
        draw.line([(LEFT, y), (WIDTH - RIGHT, y)], fill=GRID)
        draw.text((LEFT - 8, y), str(tick), fill=AXIS, font=small, anchor="rm")
    slot = plot_w / days
    for i, count in enumerate(trend.counts):
        if count:
            x0 = LEFT + i * slot + slot * 0.15
            draw.rectangle([x0, y_of(count), x0 + slot * 0.7, y_of(0)], fill=BAR)
    for name in ("yellow", "orange", "red"):
        _dashed(draw, y_of(getattr(thresholds, name)), LEFT, WIDTH - RIGHT, LINE[name])
    points = [(LEFT + (i + 0.5) * slot, y_of(v)) for i, v in enumerate(trend.averages)]
    draw.line(points, fill=LINE[trend.level.value], width=3)
    draw.line([(LEFT, y_of(0)), (WIDTH - RIGHT, y_of(0))], fill=AXIS)
    first = trend.first_day
    for i in range(0, days, 7):
        label = f"{first + timedelta(days=i):%m-%d}"
        draw.text((LEFT + (i + 0.5) * slot, y_of(0) + 6), label, fill=AXIS, font=small, anchor="mt")
    if chinese:
        title = f"{beat_name} {trend.kind} 近{days}天警情 — 柱：每日起数，线：{trend.window}日平均"
    else:
        title = f"Incidents, last {days} days: bars daily, line {trend.window}-day average"
    draw.text((LEFT, 12), title, fill=(33, 33, 33), font=title_font)
    _legend(draw, thresholds, small, chinese)
    out = io.BytesIO()
    image.save(out, format="PNG", optimize=True)
    return out.getvalue()
