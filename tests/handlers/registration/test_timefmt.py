from __future__ import annotations

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest

from handlers.registration.timefmt import short

ZONE = ZoneInfo("Asia/Shanghai")
#: 2026-11-23 20:31 in Shanghai.
NOW = datetime(2026, 11, 23, 12, 31, tzinfo=UTC)


@pytest.mark.parametrize(
    ("stored", "said"),
    [
        (datetime(2026, 11, 23, 2, 0, tzinfo=UTC), "今天 10:00"),
        (datetime(2026, 11, 22, 15, 10, tzinfo=UTC), "昨天 23:10"),  # had been 11-22 23:10
        (datetime(2026, 11, 24, 0, 0, tzinfo=UTC), "明天 08:00"),
        (datetime(2026, 11, 21, 2, 0, tzinfo=UTC), "11-21 10:00"),
    ],
)
def test_a_time_of_yesterday_says_yesterday(stored: datetime, said: str) -> None:
    assert short(stored, ZONE, NOW) == said


def test_without_now_a_time_keeps_its_date() -> None:
    assert short(datetime(2026, 11, 23, 2, 0, tzinfo=UTC), ZONE) == "11-23 10:00"
