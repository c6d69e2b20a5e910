"""Daily counts, the moving average and the warning level: plain arithmetic, no database.

For a beat and an incident type on a given (whole) day:
- `average` is the mean daily count over the `window` days ending that day;
- `previous_average` the same for the window before it (week over week);
- the level begins from `average` against the yellow/orange/red thresholds, and a rise of at
  least `rise_percent` lifts it one step, once the average is at least `rise_min_average`;
- `spike_count` incidents at one place on that day make it at least orange: a night's
  thefts from one 车棚 are an event the officer must hear of, which an average spreads thin.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from handlers.services.intel_settings import LevelThresholds
from storage.models import WarningLevel


def daily_counts(days: Iterable[date], first: date, last: date) -> list[int]:
    """How many of `days` fall on each day from `first` to `last` inclusive."""
    counter = Counter(days)
    span = (last - first).days + 1
    return [counter.get(first + timedelta(days=i), 0) for i in range(span)]


def moving_average(counts: Sequence[int], window: int) -> list[float]:
    """The mean of each `window` consecutive days; one value per day from the window-th."""
    if len(counts) < window:
        return []
    total = sum(counts[:window])
    averages = [total / window]
    for i in range(window, len(counts)):
        total += counts[i] - counts[i - window]
        averages.append(total / window)
    return averages


def rise_percent(average: float, previous: float) -> float | None:
    """Week-over-week change in percent; None when the week before had nothing."""
    if previous == 0:
        return None
    return (average - previous) / previous * 100


def level_for(
    average: float, previous: float, thresholds: LevelThresholds, spike: int = 0
) -> WarningLevel:
    return _steps(average, previous, thresholds, spike)[-1]


def _steps(
    average: float, previous: float, thresholds: LevelThresholds, spike: int
) -> tuple[WarningLevel, WarningLevel, WarningLevel]:
    """The level by the average alone, after the rise rule, and after the spike rule."""
    if average >= thresholds.red:
        level = WarningLevel.RED
    elif average >= thresholds.orange:
        level = WarningLevel.ORANGE
    elif average >= thresholds.yellow:
        level = WarningLevel.YELLOW
    else:
        level = WarningLevel.GREEN
    by_average = level
    if average >= thresholds.rise_min_average and average > previous:
        rise = rise_percent(average, previous)
        # From nothing to something worth counting is a rise without limit.
        if rise is None or rise >= thresholds.rise_percent:
            level = level.raised()
    by_rise = level
    if thresholds.spike_count and spike >= thresholds.spike_count:
        level = max(level, WarningLevel.ORANGE, key=lambda v: v.rank)
    return by_average, by_rise, level


@dataclass(frozen=True)
class Trend:
    beat_id: int
    kind: str
    #: The last whole day counted (station time).
    day: date
    #: Days in the moving average.
    window: int
    #: Daily counts and their moving averages, oldest first, ending on `day`.
    counts: tuple[int, ...]
    averages: tuple[float, ...]
    average: float
    previous_average: float
    level: WarningLevel
    #: The most incidents at one place on `day`, and that place ("" when none).
    spike: int = 0
    spike_place: str = ""
    #: The spike reached `spike_count`: the level is at least orange for it.
    spiked: bool = False
    #: The rise over the window before lifted the level a step: the average alone is below
    #: the line of `level` (黄 with 5 thefts in a week, under 日均≥1) and the text says why.
    risen: bool = False

    @property
    def total(self) -> int:
        """Incidents in the last `window` days."""
        return round(self.average * self.window)

    @property
    def previous_total(self) -> int:
        return round(self.previous_average * self.window)

    @property
    def rise(self) -> float | None:
        return rise_percent(self.average, self.previous_average)

    @property
    def first_day(self) -> date:
        return self.day - timedelta(days=len(self.counts) - 1)


def days_needed(window: int, span: int) -> int:
    """Days of counts for `span` averages, at least enough for this week and the last."""
    return max(span, window + 1) + window - 1


def build_trend(
    beat_id: int,
    kind: str,
    days: Iterable[date],
    day: date,
    *,
    window: int,
    span: int,
    thresholds: LevelThresholds,
    places: Iterable[str] = (),
) -> Trend:
    """The trend ending on `day` from the dates incidents happened on; `places`: where
    each of those on `day` itself happened."""
    first = day - timedelta(days=days_needed(window, span) - 1)
    counts = daily_counts(days, first, day)
    averages = moving_average(counts, window)
    average, previous = averages[-1], averages[-1 - window]
    shown = max(span, 1)
    by_place = Counter(p for p in places if p).most_common(1)
    spike, spike_place = (by_place[0][1], by_place[0][0]) if by_place else (0, "")
    by_average, by_rise, level = _steps(average, previous, thresholds, spike)
    return Trend(
        beat_id=beat_id,
        kind=kind,
        day=day,
        window=window,
        counts=tuple(counts[-shown:]),
        averages=tuple(averages[-shown:]),
        average=average,
        previous_average=previous,
        level=level,
        spike=spike,
        spike_place=spike_place,
        spiked=bool(thresholds.spike_count) and spike >= thresholds.spike_count,
        # Not when a spike set the level higher still: the spike is the reason then.
        risen=by_rise is not by_average and level is by_rise,
    )
