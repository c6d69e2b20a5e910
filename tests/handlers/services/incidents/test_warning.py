"""The level-change notice the beat officer reads."""

from __future__ import annotations

from datetime import date, timedelta

from handlers.services.incidents.trend import build_trend
from handlers.services.incidents.warning import LevelChange, change_text
from handlers.services.intel_settings import IncidentSettings

DAY = date(2026, 11, 22)


def _notice(window: int) -> str:
    settings = IncidentSettings(window_days=window)
    # One a day for two windows: yellow by the average, no rise.
    days = [DAY - timedelta(days=back) for back in range(2 * window)]
    trend = build_trend(
        1,
        "纠纷",
        days,
        DAY,
        window=window,
        span=settings.chart_days,
        thresholds=settings.thresholds_for("纠纷"),
    )
    return change_text(LevelChange(trend, None), "一号警务区", settings)


def test_the_notice_names_the_stations_window() -> None:
    """A station averaging over 14 days was told of a 七日警情预警 with 近14天 figures, then
    of a 14日警情预警, which read as the warning of the 14th."""
    assert _notice(7).startswith("🟡 七日警情预警：一号警务区 纠纷 升至黄色\n")
    notice = _notice(14)
    assert notice.startswith("🟡 近14日警情预警：一号警务区 纠纷 升至黄色\n"), notice
    assert "七日" not in notice and "近14天14起" in notice
