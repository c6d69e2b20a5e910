"""Moving averages and warning levels on constructed series with known answers."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from handlers.services.incidents.trend import (
    build_trend,
    daily_counts,
    days_needed,
    level_for,
    moving_average,
    rise_percent,
)
from handlers.services.intel_settings import LevelThresholds
from storage.models import WarningLevel

T = LevelThresholds(yellow=1.0, orange=2.0, red=3.0, rise_percent=50.0, rise_min_average=0.5)
DAY = date(2026, 11, 22)


def test_daily_counts_fill_quiet_days_with_zero() -> None:
    first = date(2026, 11, 1)
    days = [first, first, first + timedelta(days=2)]
    assert daily_counts(days, first, first + timedelta(days=3)) == [2, 0, 1, 0]


def test_moving_average_of_a_known_series() -> None:
    counts = [7, 0, 0, 0, 0, 0, 0, 14, 0]
    # windows: [7,0,0,0,0,0,0] [0,0,0,0,0,0,14] [0,0,0,0,0,14,0]
    assert moving_average(counts, 7) == [1.0, 2.0, 2.0]
    assert moving_average([1, 2], 7) == []


def test_rise_is_week_over_week_percent() -> None:
    assert rise_percent(3.0, 2.0) == pytest.approx(50.0)
    assert rise_percent(1.0, 2.0) == pytest.approx(-50.0)
    assert rise_percent(1.0, 0.0) is None


@pytest.mark.parametrize(
    ("average", "previous", "level"),
    [
        (0.0, 0.0, WarningLevel.GREEN),
        (0.4, 0.0, WarningLevel.GREEN),  # below rise_min_average: no trend yet
        (0.6, 0.0, WarningLevel.YELLOW),  # from nothing to something: one step up
        (1.0, 1.0, WarningLevel.YELLOW),
        (1.4, 1.0, WarningLevel.YELLOW),  # +40%: under the rise threshold
        (1.5, 1.0, WarningLevel.ORANGE),  # +50%: yellow lifted to orange
        (2.0, 2.5, WarningLevel.ORANGE),  # falling: the average alone decides
        (3.0, 3.0, WarningLevel.RED),
        (4.0, 1.0, WarningLevel.RED),  # already red: a rise cannot go higher
    ],
)
def test_level_from_average_and_rise(average: float, previous: float, level: WarningLevel) -> None:
    assert level_for(average, previous, T) is level


def _days(per_day: dict[int, int]) -> list[date]:
    """{days before DAY: count} -> the incident dates."""
    return [DAY - timedelta(days=back) for back, n in per_day.items() for _ in range(n)]


def test_trend_of_a_rising_week() -> None:
    # Last week: 7 incidents (avg 1.0); this week: 14 (avg 2.0, +100%) -> orange lifted to red.
    last_week = {back: 1 for back in range(7, 14)}
    this_week = {back: 2 for back in range(7)}
    trend = build_trend(
        1, "盗窃", _days(last_week | this_week), DAY, window=7, span=28, thresholds=T
    )
    assert trend.average == pytest.approx(2.0)
    assert trend.previous_average == pytest.approx(1.0)
    assert trend.rise == pytest.approx(100.0)
    assert trend.level is WarningLevel.RED
    assert len(trend.counts) == len(trend.averages) == 28
    assert trend.counts[-1] == 2 and trend.first_day == DAY - timedelta(days=27)


def test_trend_ignores_incidents_outside_its_period() -> None:
    old = DAY - timedelta(days=days_needed(7, 28))
    outside = [old] * 50 + [DAY + timedelta(days=1)] * 50
    trend = build_trend(1, "纠纷", outside, DAY, window=7, span=28, thresholds=T)
    assert sum(trend.counts) == 0 and trend.level is WarningLevel.GREEN


def test_thresholds_must_be_ordered() -> None:
    with pytest.raises(ValueError, match="yellow <= orange <= red"):
        LevelThresholds(yellow=2.0, orange=1.0, red=3.0)
