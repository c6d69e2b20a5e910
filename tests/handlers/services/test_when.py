"""When something happened: exact, rough (marked 约) or in the user's own words."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from bot.forms import FormEnv, Misplaced
from bot.validators import Invalid
from handlers.services.when import parse_past, parse_when, show_when, when_at, when_note

SHANGHAI = ZoneInfo("Asia/Shanghai")
#: 2026-11-23 20:00 in Shanghai.
ENV = FormEnv({}, date(2026, 11, 23), datetime(2026, 11, 23, 20, 0, tzinfo=SHANGHAI))


@pytest.mark.parametrize(
    ("typed", "shown"),
    [
        ("昨天晚上10点左右", "约2026-11-22 22:00"),
        ("昨晚十点多", "约2026-11-22 22:00"),
        ("大概昨晚10点", "约2026-11-22 22:00"),
        ("前天下午三点半左右", "约2026-11-21 15:30"),
        ("今天早上7点多", "约2026-11-23 07:00"),
        ("昨晚10点", "2026-11-22 22:00"),
    ],
)
def test_a_time_said_roughly_is_kept_as_a_date_not_as_relative_words(
    typed: str, shown: str
) -> None:
    value = parse_past(typed, ENV)
    assert show_when(value) == shown and "昨" not in show_when(value)
    assert when_at(value, SHANGHAI) is not None
    assert when_note(value) == ("约" if shown.startswith("约") else "")


def test_the_moment_stored_is_utc() -> None:
    value = parse_when("昨晚十点多", ENV)
    assert when_at(value, SHANGHAI) == datetime(2026, 11, 22, 14, 0, tzinfo=UTC)


def test_words_that_name_no_moment_are_kept_as_said() -> None:
    value: Any = parse_when("上周末晚上", ENV)
    assert value == {"note": "上周末晚上"} and when_note(value) == "上周末晚上"
    assert when_at(value, SHANGHAI) is None


def test_a_rough_time_still_may_not_be_in_the_future() -> None:
    with pytest.raises(Invalid, match="还没到"):
        parse_past("明天早上7点多", ENV)


@pytest.mark.parametrize(
    ("typed", "note"),
    [
        ("前天下午", "11月21日下午（前天下午）"),
        ("昨晚", "11月22日晚上（昨晚）"),
        ("11月21日下午", "11月21日下午"),
        ("周一下午", "周一下午"),  # this week's or last: not guessed
        ("3天前", "11月20日（3天前）"),  # counted back as 前天 is
    ],
)
def test_a_relative_day_without_a_clock_time_is_dated(typed: str, note: str) -> None:
    """前天下午 had reached the officer as 发生时间：前天下午, days later."""
    assert parse_past(typed, ENV) == {"note": note}


@pytest.mark.parametrize("typed", ["330106199001011234", "苹果13 蓝色的 带个粉色壳", "13812345678"])
def test_a_number_or_a_description_is_no_time(typed: str) -> None:
    with pytest.raises(Invalid, match="请写一个时间"):
        parse_when(typed, ENV)


def test_a_dated_day_still_may_not_be_in_the_future() -> None:
    with pytest.raises(Invalid, match="还没到"):
        parse_past("明天下午", ENV)
    assert parse_when("明天下午", ENV) == {"note": "11月24日下午（明天下午）"}


@pytest.mark.parametrize("typed", ["两万多", "五千"])
def test_an_amount_is_no_time(typed: str) -> None:
    with pytest.raises(Invalid, match="请写一个时间"):
        parse_when(typed, ENV)


@pytest.mark.parametrize("typed", ["幸福里3号楼下", "人民路20号", "2单元"])
def test_an_address_is_no_time_and_is_said_to_be_a_place(typed: str) -> None:
    with pytest.raises(Misplaced, match="这像是地点") as raised:
        parse_when(typed, ENV)
    assert raised.value.to == "place"
