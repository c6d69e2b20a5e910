from __future__ import annotations

from datetime import time

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.validators import clock
from bot.validators.clock import parse_clock, parse_time
from bot.validators.errors import Invalid


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("14:30", time(14, 30)),
        ("9:05", time(9, 5)),
        ("14:30:59", time(14, 30)),
        ("１４：３０", time(14, 30)),
        ("14点", time(14)),
        ("14点30", time(14, 30)),
        ("14点30分", time(14, 30)),
        ("14时30分", time(14, 30)),
        ("2点", time(2)),
        ("下午2点", time(14)),
        ("下午2点半", time(14, 30)),
        ("下午两点一刻", time(14, 15)),
        ("下午三点三刻", time(15, 45)),
        ("下午12点", time(12)),
        ("下午14点", time(14)),
        ("傍晚6点", time(18)),
        ("晚上8点", time(20)),
        ("晚8点", time(20)),
        ("晚上12点", time(0)),
        ("上午9:30", time(9, 30)),
        ("上午12点", time(12)),
        ("早上七点", time(7)),
        ("凌晨1点", time(1)),
        ("凌晨12点", time(0)),
        ("中午12点", time(12)),
        ("中午1点", time(13)),
        ("十点零五分", time(10, 5)),
        ("2:30pm", time(14, 30)),
        ("12AM", time(0)),
        ("0点", time(0)),
        ("23:59", time(23, 59)),
        ("8点钟", time(8)),
    ],
)
def test_parse_time(typed: str, expected: time) -> None:
    assert parse_time(typed) == expected


def test_midnight_in_the_evening_is_the_next_day() -> None:
    assert parse_clock("晚上12点") == (time(0), 1)
    assert parse_clock("凌晨12点") == (time(0), 0)
    assert parse_clock("晚上11点") == (time(23), 0)


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("", clock.FORMAT),
        ("两点多", clock.FORMAT),
        ("14-30", clock.FORMAT),
        ("上午2点PM", clock.FORMAT),
        ("24:00", clock.HOUR),
        ("25点", clock.HOUR),
        ("14:60", clock.MINUTE),
        ("14点75分", clock.MINUTE),
        ("上午14点", clock.PERIOD.format(period="上午", hour=14)),
        ("晚上3点", clock.PERIOD.format(period="晚上", hour=3)),
        ("中午5点", clock.PERIOD.format(period="中午", hour=5)),
        ("下午0点", clock.PERIOD.format(period="下午", hour=0)),
    ],
)
def test_errors(typed: str, expected: str) -> None:
    with pytest.raises(Invalid) as caught:
        parse_time(typed)
    assert caught.value.reason == expected


@given(hour=st.integers(0, 23), minute=st.integers(0, 59))
def test_24_hour_forms_round_trip(hour: int, minute: int) -> None:
    assert parse_time(f"{hour}:{minute:02d}") == time(hour, minute)
    assert parse_time(f"{hour}点{minute}分") == time(hour, minute)


@given(hour=st.integers(1, 11))
def test_afternoon_adds_twelve(hour: int) -> None:
    assert parse_time(f"下午{hour}点") == time(hour + 12)


@given(st.text(max_size=300))
def test_arbitrary_text_gives_a_value_or_invalid(text: str) -> None:
    try:
        parse_time(text)
    except Invalid as error:
        assert error.reason
