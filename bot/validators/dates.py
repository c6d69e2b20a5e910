"""Dates and date-times as people type them: 2026-11-23, 2026年11月23日, 11月23日, 明天下午2点.

The parsers never read the clock: the caller passes the station's `today` (and `now`), so
"明天" means the station's tomorrow and tests are repeatable. A date without a year is in
`today`'s year. Date-times are naive wall-clock times in the station's zone.
"""

from __future__ import annotations

import calendar
import re
from datetime import date, datetime, time, timedelta
from typing import TypeVar

from bot.validators.clock import FORMAT as CLOCK_FORMAT
from bot.validators.clock import parse_clock, parse_time
from bot.validators.errors import Invalid
from bot.validators.normalize import fold
from bot.validators.numerals import arabize

_RELATIVE_DAYS = {
    "大后天": 3, "后天": 2, "明天": 1, "明日": 1, "今天": 0, "今日": 0,
    "昨天": -1, "昨日": -1, "前天": -2,
}  # fmt: skip
# Words that name a day and a part of it at once.
_SHORTHANDS = {
    "今晚": "今天晚上", "明晚": "明天晚上", "昨晚": "昨天晚上",
    "今早": "今天早上", "明早": "明天早上",
}  # fmt: skip
#: 现在, 刚刚, and 刚到 / 刚来 / 刚进来 as a guest's arrival is said: the present minute. A
#: bare 刚 is what `_CAME` leaves of 刚到的.
_NOW = re.compile(
    r"(?:现在|NOW|刚刚|刚才|(?:刚刚|刚才|刚)(?:到|来|进来|入住|住进来|住下)?)(?:的|了)?"
)
#: 就现在, 现在正在赌, 正在打, 刚刚被抢: the present minute, told with what is happening.
_NOW_LEAD = re.compile(r"(?:就是|就)?(?:现在|正在|刚刚|刚才|NOW)")

_RELATIVE = re.compile("|".join(sorted(_RELATIVE_DAYS, key=len, reverse=True)))
#: 3天前, 三天前, 两天以前: a day counted back from today, as an incident is remembered.
_DAYS_AGO = re.compile(r"(?P<n>\d{1,3})\s*天(?:之|以)?前")
_FULL = re.compile(
    r"(?P<y>\d{4})\s*(?:[-/.]|年)\s*(?P<m>\d{1,2})\s*(?:[-/.]|月)\s*(?P<d>\d{1,2})\s*[日号]?"
    r"|(?P<cy>\d{4})(?P<cm>\d{2})(?P<cd>\d{2})(?!\d)"
)
_MONTH_DAY = re.compile(r"(?P<m>\d{1,2})\s*(?:月|[-/.])\s*(?P<d>\d{1,2})\s*[日号]?")

_YEAR_WORDS = {"今年": 0, "明年": 1, "后年": 2}
_YEAR_MONTH_DAY = re.compile(
    r"(?P<year>今年|明年|后年)\s*(?P<m>\d{1,2})\s*月\s*(?P<d>\d{1,2})\s*[日号]?"
)

#: 6月底, 明年6月底, 下个月初, 月底: the last (底, 末) or first (初) day of a month, as a
#: lease's end is said.
_MONTH_EDGE = re.compile(
    r"(?:(?P<year>今|明|后)年|(?P<y>\d{4})\s*年)?\s*"
    r"(?:(?P<m>\d{1,2})\s*月|(?P<month>这个月|这月|本月|上个月|上月|下个月|下月|月))(?P<edge>底|末|初)"
)
#: 年底, 明年年底, 明年底, 2027年初: the last or first day of a year.
_YEAR_EDGE = re.compile(r"(?:(?P<year>今|明|后)|(?P<y>\d{4})\s*)?年年?(?P<edge>底|末|初)")

#: 1号, 这个月1号, 上个月15号, 下月1日: a day of this (or the named) month, as a lease's start
#: is said. Not 5号楼, 3号房, 2号线 or 12号床: a building, a room, a line, a bed.
_MONTHS_AWAY = {"": 0, "这个月": 0, "这月": 0, "本月": 0, "上个月": -1, "上月": -1,
                "下个月": 1, "下月": 1}  # fmt: skip
_DAY_OF_MONTH = re.compile(
    r"(?P<month>这个月|这月|本月|上个月|上月|下个月|下月)?\s*(?P<d>\d{1,2})\s*[号日](?![楼房室院栋门线床店位口])"
)

#: 周五, 星期五, 礼拜天, 本周五, 下周一, 下下周三 (numerals arabized: 周5).
_WEEKDAY = re.compile(r"(?P<week>下下|下|本|这)?(?:周|星期|礼拜)(?P<day>[1-7日天])")

#: Words for a part of the day, and "before", that may follow a day: 明天下午, 周五前.
_DAY_PART = re.compile(
    r"(?:凌晨|清晨|早上|早晨|上午|中午|下午|午后|傍晚|晚上|夜里|夜间|白天|上班|下班)?(?:之前|以前|前)?"
)

#: Words around a moment remembered only roughly: 大概昨晚10点, 昨晚10点左右, 约10点.
_ROUGH_BEFORE = re.compile(r"(?:大概|大约|大致|约莫|约|差不多|估计|应该|可能|好像)(?:是|在)?")
_ROUGH_AFTER = re.compile(r"(?:左右|前后|上下)$")
#: "昨晚10点的时候" says no more than "昨晚10点".
_THE_TIME_WHEN = re.compile(r"(?:的时候|那会儿?|那时候?)$")
#: "10点多" is some time after ten: read as the hour itself.
_PAST_THE_HOUR = re.compile(r"(?<=\d[点时])多(?=钟?$)")

#: Put before a moment remembered roughly, as people write it: 约2026-11-22 22:00.
ROUGHLY = "约"

MIN_YEAR, MAX_YEAR = 1900, 2199
MAX_AGE = 130

FORMAT = "看不懂这个日期，请写成 今天、明天、12月1日 或 明年1月5日"
DATETIME_FORMAT = "看不懂这个时间，请写成 14:30、今天下午2点 或 11月23日 14:30"
NO_TIME = "请同时写上几点，例如 明天14:30 或 今天下午2点"
TIME_PART = "日期后面的时间看不懂，请写成 14:30 或 下午2点半"
NOT_A_DAY = "没有这一天，请检查月份和日期"
YEAR = "年份不对，请检查后重新输入"
ORDER = "结束日期不能早于开始日期，请重新输入"
BIRTH_FORMAT = "请写完整的出生日期，例如 1990年1月1日"
BIRTH_FUTURE = "出生日期不能晚于今天，请检查后重新输入"
BIRTH_TOO_OLD = "出生日期太早了（超过130岁），请检查年份"

D = TypeVar("D", bound=date)


def parse_date(text: str, *, today: date) -> date:
    """Parse a calendar date; relative words and month-day dates count from `today`."""
    day, rest = _split_date(_prepare(text), today)
    if day is None or rest:
        raise Invalid(FORMAT)
    return day


#: What is said around the day a stay starts or ends (从这个月1号开始住, 12月1日起租, 下个月
#: 搬进来, 明天退租): the day is the answer.
_STAY_SINCE = re.compile(r"^(?:从|自|由|于)")
_STAY_WORDS = re.compile(
    r"(?:开始|起)?(?:入住|住进来|搬进来|搬进去|搬进|搬来|搬走|退租|退房|到期|住|租)?(?:的|了)?$"
)


def parse_stay_day(text: str, *, today: date) -> date:
    """A day as the start or end of a stay is said: 从这个月1号开始住 is the 1st."""
    said = _STAY_SINCE.sub("", _prepare(text).strip())
    words = _STAY_WORDS.search(said)
    return parse_date(said[: words.start()] if words else said, today=today)


def says_a_day(text: str, *, today: date) -> bool:
    """Whether `text` is nothing but a day (明天, 12月1日下午, 从这个月1号开始住): an answer
    to a date question, not a name, a job or a workplace (明天广场 is a place)."""
    for parse in (parse_day, parse_stay_day):
        try:
            parse(text, today=today)
        except Invalid as error:
            if error.reason == NOT_A_DAY:  # 2月30日: a day, though none that exists
                return True
            continue
        return True
    return False


def parse_day(text: str, *, today: date) -> date:
    """A calendar day, perhaps said with its time (后天中午, 明天下午3点), for fields that keep
    only the day: an expected check-out, a stay's new last day."""
    day, rest = _split_date(_prepare(text), today)
    if day is None or not is_time_of_day(rest):
        raise Invalid(FORMAT)
    return day


def is_time_of_day(words: str) -> bool:
    """下午, 上午10点, 14:30, 下班前, or nothing: what may follow a day and still mean it."""
    if _DAY_PART.fullmatch(words):
        return True
    try:
        parse_time(re.sub(r"(?:之|以)?前$", "", words))
    except Invalid:
        return False
    return True


def parse_datetime(
    text: str,
    *,
    today: date,
    now: datetime | None = None,
    default_time: time | None = None,
) -> datetime:
    """Parse a date and a time of day ("明天下午2点", "2026-11-23 14:30", "14:30").

    A time alone is on `today`. A date alone takes `default_time`, or is refused when that is
    None. "现在" is `now` (to the minute) when `now` is given.
    """
    return _parse_datetime(_prepare(text), today, now, default_time)


def parse_rough_datetime(
    text: str, *, today: date, now: datetime | None = None
) -> tuple[datetime, bool]:
    """`parse_datetime` for a moment remembered roughly ("昨晚十点多", "大概前天下午3点半左右").

    Returns the moment and whether it was hedged (大概, 约, 差不多, 左右, 多 after an hour), so
    the caller can show it as approximate (约).
    """
    cleaned = _THE_TIME_WHEN.sub("", _prepare(text).strip())
    plain = _PAST_THE_HOUR.sub("", _ROUGH_AFTER.sub("", _ROUGH_BEFORE.sub("", cleaned))).strip()
    return _parse_datetime(plain, today, now, None), plain != cleaned


def _parse_datetime(
    cleaned: str, today: date, now: datetime | None, default_time: time | None
) -> datetime:
    if now is not None and _NOW.fullmatch(cleaned):
        return now.replace(second=0, microsecond=0)
    try:
        return _parse_moment(cleaned, today, default_time)
    except Invalid:
        if now is not None and _NOW_LEAD.match(cleaned.strip()):
            return now.replace(second=0, microsecond=0)
        raise


def _parse_moment(cleaned: str, today: date, default_time: time | None) -> datetime:
    day, rest = _split_date(cleaned, today)
    if not rest:
        if day is None:
            raise Invalid(DATETIME_FORMAT)
        if default_time is None:
            raise Invalid(NO_TIME)
        return datetime.combine(day, default_time)
    try:
        clock, extra_days = parse_clock(rest.lstrip("T,，"))
    except Invalid as error:
        if error.reason != CLOCK_FORMAT:
            raise
        raise Invalid(DATETIME_FORMAT if day is None else TIME_PART) from None
    return datetime.combine((day or today) + timedelta(days=extra_days), clock)


def parse_birth_date(text: str, *, today: date) -> date:
    """Parse a full birth date (year, month, day); refuse the future and ages over 130."""
    match = _FULL.fullmatch(_prepare(text))
    if not match:
        raise Invalid(BIRTH_FORMAT)
    born = _full_date(match)
    if born > today:
        raise Invalid(BIRTH_FUTURE)
    age = today.year - born.year - ((today.month, today.day) < (born.month, born.day))
    if age > MAX_AGE:
        raise Invalid(BIRTH_TOO_OLD)
    return born


def check_date_range(start: D, end: D, reason: str = ORDER) -> D:
    """Return `end` when it is not before `start`, else raise `Invalid(reason)`.

    Pass a reason in the form's words, e.g. "退房日期不能早于入住日期，请重新输入".
    """
    if end < start:
        raise Invalid(reason)
    return end


#: 住两晚吧, 今天啊, 我刚才说了今天: the words around a day or a time said by voice or in
#: chat, which say nothing of it (each had got 看不懂这个日期).
_SPOKEN_END = re.compile(r"(?:吧|啊|呀|哈|呢|哦|嘛)+[。.!！~～]*$")
_SPOKEN_LEAD = re.compile(
    r"^(?:我|都)?(?:刚才|刚刚|前面|已经)?(?:都)?(?:说|讲|写)(?:过|了)+[，,\s]*"
)
#: 晚上十一点多到的, 今天搬进来的: when someone came, said with the coming.
_CAME = re.compile(r"(?:才|就)?(?:到的|来的|到店的?|入住的|住进来的|搬进来的|进来的|搬来的)$")


def without_chat(text: str) -> str:
    """`text` without the words of chat around what it says (吧, 啊, 我刚才说了)."""
    said = _SPOKEN_LEAD.sub("", _SPOKEN_END.sub("", text.strip()))
    return said.strip() or text.strip()


def _prepare(text: str) -> str:
    text = _CAME.sub("", without_chat(text)) or text
    cleaned = arabize(fold(text).upper())
    for word, expansion in _SHORTHANDS.items():
        cleaned = cleaned.replace(word, expansion)
    return cleaned


def split_date(text: str, *, today: date) -> tuple[date | None, str]:
    """The date `text` starts with (None if none) and what follows it (明天下午 -> tomorrow,
    "下午"); raises `Invalid` for a date that does not exist (2月30日)."""
    return _split_date(_prepare(text), today)


def _split_date(text: str, today: date) -> tuple[date | None, str]:
    """Read a date at the start of `text`; return it (None if there is none) and the rest."""
    if match := _RELATIVE.match(text):
        day = today + timedelta(days=_RELATIVE_DAYS[match.group()])
    elif match := _DAYS_AGO.match(text):
        day = today - timedelta(days=int(match["n"]))
    elif match := _WEEKDAY.match(text):
        day = _weekday(match, today)
    elif match := _FULL.match(text):
        day = _full_date(match)
        if not MIN_YEAR <= day.year <= MAX_YEAR:
            raise Invalid(YEAR)
    elif (match := _MONTH_DAY.match(text)) and ("月" in match.group() or int(match["m"]) <= 12):
        day = _make_date(today.year, int(match["m"]), int(match["d"]))
    elif (match := _YEAR_MONTH_DAY.match(text)) is not None:
        # 明年11月30号: a lease's end, said as people say it.
        year = today.year + _YEAR_WORDS[match["year"]]
        day = _make_date(year, int(match["m"]), int(match["d"]))
    elif (match := _DAY_OF_MONTH.match(text)) is not None:
        months = today.year * 12 + today.month - 1 + _MONTHS_AWAY[match["month"] or ""]
        day = _make_date(months // 12, months % 12 + 1, int(match["d"]))
    elif (match := _MONTH_EDGE.match(text)) is not None:
        day = _month_edge(match, today)
    elif (match := _YEAR_EDGE.match(text)) is not None:
        year = _edge_year(match, today)
        day = date(year, 12, 31) if match["edge"] in "底末" else date(year, 1, 1)
    else:
        return None, text
    return day, text[match.end() :].strip()


def _edge_year(match: re.Match[str], today: date) -> int:
    if match["y"]:
        return int(match["y"])
    return today.year + _YEAR_WORDS.get(f"{match['year']}年", 0)


def _month_edge(match: re.Match[str], today: date) -> date:
    """The day 6月底 (its last) or 下个月初 (its first) names."""
    year = _edge_year(match, today)
    if match["m"]:
        month = int(match["m"])
    else:
        months = today.month - 1 + _MONTHS_AWAY.get(match["month"], 0)  # 月底: this month
        year, month = year + months // 12, months % 12 + 1
    if not 1 <= month <= 12:
        raise Invalid(NOT_A_DAY)
    last = calendar.monthrange(year, month)[1]
    return date(year, month, last if match["edge"] in "底末" else 1)


def _weekday(match: re.Match[str], today: date) -> date:
    """周五 is the coming Friday (today if it is one), 本周五 this week's, 下周五 next
    week's (weeks start on Monday)."""
    named = match["day"]
    target = 6 if named in "日天" else int(named) - 1
    weeks = {"本": 0, "这": 0, "下": 1, "下下": 2}.get(match["week"] or "")
    if weeks is None:
        return today + timedelta(days=(target - today.weekday()) % 7)
    monday = today - timedelta(days=today.weekday())
    return monday + timedelta(weeks=weeks, days=target)


def _full_date(match: re.Match[str]) -> date:
    if match["y"]:
        return _make_date(int(match["y"]), int(match["m"]), int(match["d"]))
    return _make_date(int(match["cy"]), int(match["cm"]), int(match["cd"]))


def _make_date(year: int, month: int, day: int) -> date:
    try:
        return date(year, month, day)
    except ValueError:
        raise Invalid(NOT_A_DAY) from None


def age_on(born: date, today: date) -> int:
    """Whole years of age on `today`."""
    return today.year - born.year - ((today.month, today.day) < (born.month, born.day))
