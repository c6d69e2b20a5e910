from __future__ import annotations

from datetime import date, datetime, time

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.validators import dates
from bot.validators.dates import (
    check_date_range,
    parse_birth_date,
    parse_date,
    parse_datetime,
    parse_rough_datetime,
    parse_stay_day,
    says_a_day,
    split_date,
)
from bot.validators.errors import Invalid

from .support import TODAY

NOW = datetime(2026, 5, 10, 9, 41, 27, 123)


def reason_date(text: str) -> str:
    with pytest.raises(Invalid) as caught:
        parse_date(text, today=TODAY)
    return caught.value.reason


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("2026-11-23", date(2026, 11, 23)),
        ("2026/11/23", date(2026, 11, 23)),
        ("2026.11.23", date(2026, 11, 23)),
        ("2026-1-3", date(2026, 1, 3)),
        ("2026年11月23日", date(2026, 11, 23)),
        ("2026年11月23号", date(2026, 11, 23)),
        ("2026 年 11 月 23 日", date(2026, 11, 23)),
        ("20261123", date(2026, 11, 23)),
        ("２０２６－１１－２３", date(2026, 11, 23)),
        ("二〇二六年十一月二十三日", date(2026, 11, 23)),
        ("11月23日", date(2026, 11, 23)),
        ("11/23", date(2026, 11, 23)),
        ("十二月一日", date(2026, 12, 1)),
        ("今天", TODAY),
        ("明天", date(2026, 5, 11)),
        ("后天", date(2026, 5, 12)),
        ("大后天", date(2026, 5, 13)),
        ("昨天", date(2026, 5, 9)),
        ("前天", date(2026, 5, 8)),
        (" 明天 ", date(2026, 5, 11)),
        ("明年11月30号", date(2027, 11, 30)),
        ("今年12月1日", date(2026, 12, 1)),
    ],
)
def test_parse_date(typed: str, expected: date) -> None:
    assert parse_date(typed, today=TODAY) == expected


def test_relative_words_cross_month_and_year_ends() -> None:
    assert parse_date("明天", today=date(2026, 12, 31)) == date(2027, 1, 1)
    assert parse_date("昨天", today=date(2028, 3, 1)) == date(2028, 2, 29)
    assert parse_date("2月29日", today=date(2028, 1, 1)) == date(2028, 2, 29)


@pytest.mark.parametrize("typed", ["2026-02-29", "2026-13-01", "2026-04-31", "2月29日", "0/5"])
def test_no_such_day(typed: str) -> None:
    assert reason_date(typed) == dates.NOT_A_DAY


@pytest.mark.parametrize(
    "typed", ["", "下星期", "2026-11", "2026-11-23 14:30", "tomorrow", "😀", "11月", "2026"]
)
def test_unreadable_date(typed: str) -> None:
    assert reason_date(typed) == dates.FORMAT


def test_year_out_of_range() -> None:
    assert reason_date("1899-12-31") == dates.YEAR
    assert reason_date("2200-01-01") == dates.YEAR
    assert parse_date("1900-01-01", today=TODAY) == date(1900, 1, 1)


def test_huge_input() -> None:
    assert reason_date("2026-11-23" * 100_000) == "输入太长了，请只发送要填写的内容"


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("2026-11-23 14:30", datetime(2026, 11, 23, 14, 30)),
        ("2026-11-23T14:30:00", datetime(2026, 11, 23, 14, 30)),
        ("2026年11月23日下午3点", datetime(2026, 11, 23, 15, 0)),
        ("11月23日 14点30分", datetime(2026, 11, 23, 14, 30)),
        ("明天下午2点", datetime(2026, 5, 11, 14, 0)),
        ("明天 下午 2 点半", datetime(2026, 5, 11, 14, 30)),
        ("明天，14:30", datetime(2026, 5, 11, 14, 30)),
        ("今晚8点", datetime(2026, 5, 10, 20, 0)),
        ("明早七点", datetime(2026, 5, 11, 7, 0)),
        ("今天晚上12点", datetime(2026, 5, 11, 0, 0)),
        ("14:30", datetime(2026, 5, 10, 14, 30)),
        ("下午2点", datetime(2026, 5, 10, 14, 0)),
        ("１４：３０", datetime(2026, 5, 10, 14, 30)),
    ],
)
def test_parse_datetime(typed: str, expected: datetime) -> None:
    assert parse_datetime(typed, today=TODAY) == expected


def test_now_words_need_now() -> None:
    assert parse_datetime("现在", today=TODAY, now=NOW) == datetime(2026, 5, 10, 9, 41)
    with pytest.raises(Invalid):
        parse_datetime("现在", today=TODAY)


@pytest.mark.parametrize("typed", ["就现在", "现在正在赌", "正在打架", "刚刚被抢了", "就是现在"])
def test_now_told_with_what_happens_is_now(typed: str) -> None:
    # 就现在 and 现在正在赌 at a time question had got 请写一个时间 (only bare 现在 worked).
    assert parse_datetime(typed, today=TODAY, now=NOW) == datetime(2026, 5, 10, 9, 41)
    assert parse_rough_datetime(typed, today=TODAY, now=NOW)[0] == datetime(2026, 5, 10, 9, 41)


@pytest.mark.parametrize(
    "typed", ["刚到", "刚来", "刚进来", "刚刚到的", "刚入住", "刚到的", "刚来的"]
)
def test_just_arrived_is_now(typed: str) -> None:
    # 刚到 at a guest's check-in time had got 看不懂这个时间 (刚才 and 刚刚 worked).
    assert parse_datetime(typed, today=TODAY, now=NOW) == datetime(2026, 5, 10, 9, 41)


def test_date_alone_needs_default_time() -> None:
    with pytest.raises(Invalid) as caught:
        parse_datetime("明天", today=TODAY)
    assert caught.value.reason == dates.NO_TIME
    assert parse_datetime("明天", today=TODAY, default_time=time(12)) == datetime(2026, 5, 11, 12)


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("昨天晚上10点左右", datetime(2026, 5, 9, 22)),
        ("昨晚十点多", datetime(2026, 5, 9, 22)),
        ("大概昨晚10点", datetime(2026, 5, 9, 22)),
        ("前天下午三点半左右", datetime(2026, 5, 8, 15, 30)),
        ("今天早上7点多", datetime(2026, 5, 10, 7)),
        ("约昨晚10点", datetime(2026, 5, 9, 22)),
        ("差不多昨晚10点", datetime(2026, 5, 9, 22)),
        ("昨晚大概10点多钟", datetime(2026, 5, 9, 22)),
        ("大概在前天晚上8点的时候", datetime(2026, 5, 8, 20)),
        ("11月3日下午2点左右", datetime(2026, 11, 3, 14)),
    ],
)
def test_a_rough_time_is_read_and_said_to_be_rough(typed: str, expected: datetime) -> None:
    assert parse_rough_datetime(typed, today=TODAY, now=NOW) == (expected, True)


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("昨晚10点", datetime(2026, 5, 9, 22)),
        ("今天下午3点半", datetime(2026, 5, 10, 15, 30)),
        ("2026-05-01 08:15", datetime(2026, 5, 1, 8, 15)),
        ("刚才", datetime(2026, 5, 10, 9, 41)),
        ("昨晚10点的时候", datetime(2026, 5, 9, 22)),
        # A day counted back (it had got 看不懂这个时间).
        ("3天前下午3点", datetime(2026, 5, 7, 15)),
        ("三天前晚上8点半", datetime(2026, 5, 7, 20, 30)),
        ("10天以前上午9点", datetime(2026, 4, 30, 9)),
    ],
)
def test_an_exact_time_is_not_rough(typed: str, expected: datetime) -> None:
    assert parse_rough_datetime(typed, today=TODAY, now=NOW) == (expected, False)


@pytest.mark.parametrize("typed", ["上周末左右", "大概", "多", "昨晚多"])
def test_hedges_alone_are_not_a_time(typed: str) -> None:
    with pytest.raises(Invalid):
        parse_rough_datetime(typed, today=TODAY, now=NOW)


@pytest.mark.parametrize("typed", ["大概明天下午2点", "昨晚10点左右", "10点多"])
def test_the_exact_parser_still_refuses_hedges(typed: str) -> None:
    with pytest.raises(Invalid):
        parse_datetime(typed, today=TODAY, now=NOW)


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("随便", dates.DATETIME_FORMAT),
        ("", dates.DATETIME_FORMAT),
        ("明天随便", dates.TIME_PART),
        ("明天25点", "小时应在0–23之间，请检查时间"),
        ("明天上午14点", "“上午”和14点对不上，请检查时间，例如 下午2点 或 14:00"),
        ("2026-02-30 10:00", dates.NOT_A_DAY),
    ],
)
def test_datetime_errors(typed: str, expected: str) -> None:
    with pytest.raises(Invalid) as caught:
        parse_datetime(typed, today=TODAY)
    assert caught.value.reason == expected


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("1990-01-01", date(1990, 1, 1)),
        ("19900101", date(1990, 1, 1)),
        ("1990年1月1日", date(1990, 1, 1)),
        ("一九九〇年一月一日", date(1990, 1, 1)),
        ("2026-05-10", TODAY),
        ("1895-05-11", date(1895, 5, 11)),  # 130 years old
    ],
)
def test_birth_date(typed: str, expected: date) -> None:
    assert parse_birth_date(typed, today=TODAY) == expected


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("2026-05-11", dates.BIRTH_FUTURE),
        ("1895-05-10", dates.BIRTH_TOO_OLD),  # 131 years old
        ("1800-01-01", dates.BIRTH_TOO_OLD),
        ("今天", dates.BIRTH_FORMAT),
        ("1月1日", dates.BIRTH_FORMAT),
        ("1990-02-30", dates.NOT_A_DAY),
        ("", dates.BIRTH_FORMAT),
    ],
)
def test_birth_date_errors(typed: str, expected: str) -> None:
    with pytest.raises(Invalid) as caught:
        parse_birth_date(typed, today=TODAY)
    assert caught.value.reason == expected


def test_check_date_range() -> None:
    start = date(2026, 5, 10)
    assert check_date_range(start, start) == start
    assert check_date_range(start, date(2026, 5, 12)) == date(2026, 5, 12)
    with pytest.raises(Invalid) as caught:
        check_date_range(start, date(2026, 5, 9), "退房日期不能早于入住日期")
    assert caught.value.reason == "退房日期不能早于入住日期"
    with pytest.raises(Invalid) as caught:
        check_date_range(datetime(2026, 5, 10, 14), datetime(2026, 5, 10, 13))
    assert caught.value.reason == dates.ORDER


days = st.dates(min_value=date(1900, 1, 1), max_value=date(2199, 12, 31))


@given(day=days)
def test_every_written_form_parses_back(day: date) -> None:
    y, m, d = day.year, day.month, day.day
    for typed in (f"{y}-{m}-{d}", f"{y}/{m:02d}/{d:02d}", f"{y}年{m}月{d}日", f"{day:%Y%m%d}"):
        assert parse_date(typed, today=TODAY) == day


@given(day=days, hour=st.integers(0, 23), minute=st.integers(0, 59))
def test_datetime_round_trip(day: date, hour: int, minute: int) -> None:
    typed = f"{day:%Y-%m-%d} {hour}:{minute:02d}"
    assert parse_datetime(typed, today=TODAY) == datetime.combine(day, time(hour, minute))


@given(st.text(max_size=300))
def test_arbitrary_text_gives_a_value_or_invalid(text: str) -> None:
    for parse in (parse_date, parse_datetime, parse_birth_date):
        try:
            parse(text, today=TODAY)
        except Invalid as error:
            assert error.reason


@pytest.mark.parametrize(
    ("typed", "meant"),
    [
        ("周五", date(2026, 11, 27)),  # today is Monday 11-23
        ("星期一", date(2026, 11, 23)),  # today, if it is one
        ("周日", date(2026, 11, 29)),
        ("下周三", date(2026, 12, 2)),
        ("本周五", date(2026, 11, 27)),
        ("下下礼拜天", date(2026, 12, 13)),
    ],
)
def test_weekdays_are_dates(typed: str, meant: date) -> None:
    """Every date field reads them (续住 302 周五), not only task due dates."""
    assert dates.parse_date(typed, today=date(2026, 11, 23)) == meant


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1号", date(2026, 11, 1)),
        ("这个月1号", date(2026, 11, 1)),
        ("上个月15号", date(2026, 10, 15)),
        ("下月1日", date(2026, 12, 1)),
        ("十五号", date(2026, 11, 15)),
    ],
)
def test_a_day_of_the_month_as_a_lease_start_is_said(text: str, expected: date) -> None:
    # A landlord's 租期从这个月1号开始 had got 看不懂这个日期.
    assert parse_date(text, today=date(2026, 11, 28)) == expected


@pytest.mark.parametrize("text", ["5号楼", "12号房", "3号院", "2号线", "12号床", "1号店"])
def test_a_numbered_building_or_room_is_no_date(text: str) -> None:
    assert split_date(text, today=date(2026, 11, 28)) == (None, text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("从这个月1号开始住", date(2026, 11, 1)),
        ("12月1日起租", date(2026, 12, 1)),
        ("下个月1号搬进来", date(2026, 12, 1)),
        ("自本月15日起", date(2026, 11, 15)),
        ("明天入住", date(2026, 11, 29)),
    ],
)
def test_a_stays_start_is_read_with_the_words_around_it(text: str, expected: date) -> None:
    # 从这个月1号开始住 had got 看不懂这个日期 at the lease's start.
    assert parse_stay_day(text, today=date(2026, 11, 28)) == expected


@pytest.mark.parametrize(
    ("text", "a_day"),
    [
        ("从这个月1号开始住", True),
        ("明天下午", True),
        ("2月30日", True),  # no such day, but a day was meant
        ("明天广场", False),
        ("今日头条", False),
        ("2号线地铁站", False),
        ("自由职业", False),
        ("快递员", False),
    ],
)
def test_an_answer_that_is_nothing_but_a_day_is_told_from_a_place(text: str, a_day: bool) -> None:
    assert says_a_day(text, today=date(2026, 11, 28)) is a_day


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("明年6月底", date(2027, 6, 30)),
        ("2月底", date(2026, 2, 28)),
        ("2028年2月末", date(2028, 2, 29)),
        ("下个月初", date(2026, 12, 1)),
        ("月底", date(2026, 11, 30)),
        ("下月底", date(2026, 12, 31)),
        ("年底", date(2026, 12, 31)),
        ("明年年底", date(2027, 12, 31)),
        ("明年底", date(2027, 12, 31)),
        ("2027年初", date(2027, 1, 1)),
    ],
)
def test_the_end_or_start_of_a_month_or_year_is_a_day(text: str, expected: date) -> None:
    # A landlord's 明年6月底 at the lease's end had got 看不懂这个日期 (明年6月30号 worked).
    assert parse_stay_day(text, today=date(2026, 11, 28)) == expected


def test_a_month_that_does_not_exist_has_no_end() -> None:
    with pytest.raises(Invalid) as caught:
        parse_date("13月底", today=date(2026, 11, 28))
    assert caught.value.reason == dates.NOT_A_DAY


def test_the_words_of_chat_around_a_day_or_a_time_say_nothing_of_it() -> None:
    """明天吧, 我刚才说了今天啊, 晚上十一点到的 had each been refused."""
    today = date(2026, 11, 23)
    assert dates.parse_day("明天吧", today=today) == date(2026, 11, 24)
    assert dates.parse_day("我刚才说了今天啊", today=today) == today
    moment = dates.parse_datetime("晚上十一点到的", today=today)
    assert moment == datetime(2026, 11, 23, 23, 0)
