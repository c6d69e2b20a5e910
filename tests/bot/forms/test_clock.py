from __future__ import annotations

from datetime import date, datetime

import pytest

from bot.forms.clock import dated, said_at, said_day, said_on, said_time

NOW = datetime(2026, 11, 23, 20, 31)


@pytest.mark.parametrize(
    ("moment", "said"),
    [
        (datetime(2026, 11, 23, 21, 30), "今天 21:30"),
        (datetime(2026, 11, 22, 23, 10), "昨天 23:10"),
        (datetime(2026, 11, 24, 9, 0), "明天 09:00"),
        (datetime(2026, 12, 3, 14, 0), "12月3日 14:00"),
        (datetime(2026, 11, 21, 8, 5), "11月21日 08:05"),
        (datetime(2025, 12, 3, 14, 0), "2025年12月3日 14:00"),
    ],
)
def test_a_time_reads_as_the_bot_says_times(moment: datetime, said: str) -> None:
    """A form's summary had said 2026-11-23 21:30 where every other line says 今天 21:30."""
    assert said_at(moment, NOW) == said


def test_a_day_of_another_year_names_its_year() -> None:
    assert said_on(date(2027, 1, 5), NOW.date()) == "2027年1月5日"
    assert said_on(date(2026, 1, 5), NOW.date()) == "1月5日"


def test_a_forms_answer_of_a_time_is_read_from_its_iso_text() -> None:
    assert said_time("2026-11-22T23:00", NOW) == "昨天 23:00"


@pytest.mark.parametrize(
    ("value", "said"),
    [
        ("2026-11-24", "明天"),
        # 后天 with its date: a bare 11月25日 had read unlike the 明天 beside it.
        ("2026-11-25", "后天（11月25日）"),
        ("2026-11-26", "11月26日"),
        ("2026-12-02", "12月2日"),
        ("2027-01-05", "2027年1月5日"),
        ("1992-07-01", "1992年7月1日"),
    ],
)
def test_a_forms_answer_of_a_day_reads_as_the_bot_says_days(value: str, said: str) -> None:
    """A registration's summary had said 预计退房：2026-12-02, unlike 入住时间：今天 06:39."""
    assert said_day(value, NOW) == said


def test_a_day_in_a_notice_is_dated_never_tomorrow() -> None:
    """A notice pushed may be read on another day: 明天 would move."""
    assert dated(date(2026, 11, 24), NOW.date()) == "11月24日"
    assert dated(date(2027, 1, 5), NOW.date()) == "2027年1月5日"


def test_a_day_after_tomorrow_is_said_with_its_date_in_a_summary_only() -> None:
    """后天 reads 后天（11月25日） where the summary says 明天 for tomorrow; a notice pushed
    keeps the date, and other replies say the day as before."""
    assert said_day("2026-11-25", NOW) == "后天（11月25日）"
    assert dated(date(2026, 11, 25), NOW.date()) == "11月25日"
    assert said_on(date(2026, 11, 25), NOW.date()) == "11月25日"
