"""Times of day as people type them: 14:30, 14点30, 下午2点半, 晚上8点, 2:30pm.

Without a word for the part of the day an hour is read on the 24-hour clock ("2点" is 02:00);
the form's confirmation step shows the result, so a surprised user can correct it.
"""

from __future__ import annotations

import re
from datetime import time

from bot.validators.errors import Invalid
from bot.validators.normalize import fold
from bot.validators.numerals import arabize

_MORNING = ("凌晨", "半夜", "清晨", "早上", "早晨", "上午", "早", "AM")
_NOON = ("中午",)
_AFTERNOON = ("下午", "午后", "傍晚", "PM")
_EVENING = ("晚上", "夜里", "夜间", "夜晚", "晚")
_PERIODS = "|".join(sorted((*_MORNING, *_NOON, *_AFTERNOON, *_EVENING), key=len, reverse=True))

_CLOCK = re.compile(
    rf"(?P<before>{_PERIODS})?\s*"
    r"(?:(?P<h1>\d{1,2})\s*:\s*(?P<m1>\d{2})(?::\d{2})?"
    r"|(?P<h2>\d{1,2})\s*[点时](?:\s*(?:(?P<half>半)|(?P<quarter>[13])刻|(?P<m2>\d{1,2})\s*分?))?\s*钟?"
    r"|(?P<h3>\d{1,2})(?=\s*[AP]M))"
    rf"\s*(?P<after>AM|PM)?"
)

FORMAT = "看不懂这个时间，请写成 14:30 或 下午2点半"
HOUR = "小时应在0–23之间，请检查时间"
MINUTE = "分钟应在0–59之间，请检查时间"
PERIOD = "“{period}”和{hour}点对不上，请检查时间，例如 下午2点 或 14:00"


def parse_time(text: str) -> time:
    """Parse a time of day; "晚上12点" is midnight, 00:00."""
    return parse_clock(fold(text).upper())[0]


def parse_clock(text: str) -> tuple[time, int]:
    """Parse folded, upper-cased `text` as a time of day.

    Returns the time and how many days it lies after the date it goes with: 1 for
    "晚上12点" (midnight at the end of that day), else 0.
    """
    match = _CLOCK.fullmatch(arabize(text).strip())
    if not match:
        raise Invalid(FORMAT)
    hour = int(match["h1"] or match["h2"] or match["h3"])
    if match["m1"] or match["m2"]:
        minute = int(match["m1"] or match["m2"])
    elif match["half"]:
        minute = 30
    elif match["quarter"]:
        minute = 15 * int(match["quarter"])
    else:
        minute = 0
    if match["before"] and match["after"]:
        raise Invalid(FORMAT)
    hour, days = _apply_period(match["before"] or match["after"], hour)
    if not 0 <= hour <= 23:
        raise Invalid(HOUR)
    if not 0 <= minute <= 59:
        raise Invalid(MINUTE)
    return time(hour, minute), days


def _apply_period(period: str | None, hour: int) -> tuple[int, int]:
    if period is None or hour > 23:
        return hour, 0
    wrong = Invalid(PERIOD.format(period=period, hour=hour))
    if period in _MORNING:
        if hour > 12:
            raise wrong
        # 凌晨12点 and 12 AM are midnight; 上午12点 is noon.
        return (0 if hour == 12 and period in ("凌晨", "半夜", "AM") else hour), 0
    if period in _NOON:
        if 1 <= hour <= 3:
            return hour + 12, 0
        if 11 <= hour <= 14:
            return hour, 0
        raise wrong
    if period in _EVENING:
        # "晚上3点" is refused rather than guessed: it may mean 03:00 or 15:00.
        if hour == 12:
            return 0, 1
        if 6 <= hour <= 11:
            return hour + 12, 0
        if 18 <= hour <= 23:
            return hour, 0
        raise wrong
    if 1 <= hour <= 11:
        return hour + 12, 0
    if 12 <= hour <= 23:
        return hour, 0
    raise wrong
