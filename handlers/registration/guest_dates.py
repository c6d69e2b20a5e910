"""The check-in time and planned check-out day of a guest's check-in, as owners say them
(晚上十一点多到的, 8点 typed at 20:31, 住两晚, 钟点房, 明天)."""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import datetime, timedelta
from typing import Any

from bot.forms import FormEnv
from bot.forms.clock import example_day
from bot.forms.plain_answers import says_none
from bot.validators import Invalid
from bot.validators.dates import check_date_range, parse_datetime, parse_day
from handlers.registration.stay_words import SAID_LEAVING, SAID_UNTIL, stay_nights

#: 十一点多: past the hour, for a check-in the hour itself.
_PAST_THE_HOUR = re.compile(r"(?<=[点时])多")
#: A time that says its half of the day or its date (晚上8点, 昨天8点, 11-25 8:00).
_DAY_OR_HALF = re.compile(r"上午|早|凌晨|中午|下午|傍晚|晚|夜|昨|前天|天|日|号|月|am|pm|[/-]", re.I)


#: A time that names its day (今天, 昨晚, 11-25): taken as said, never moved back a day.
_SAYS_DAY = re.compile(r"今|昨|前天|天|日|号|月|[/-]")


def parse_check_in(text: str, env: FormEnv) -> str:
    if SAID_LEAVING.search(text.strip()):
        # 后天走 at the check-in time had got 日期后面的时间看不懂.
        raise Invalid(
            "这是预计退房的日子吧？请先输入入住时间（回复「现在」即当前时间），下一步再填退房日期。"
        )
    now = env.now.replace(tzinfo=None)
    # 晚上十一点多到的: the hour, as a check-in is told (it had been refused).
    moment = parse_datetime(_PAST_THE_HOUR.sub("", text), today=env.today, now=now)
    if moment.hour < 12 and not _DAY_OR_HALF.search(text):
        # 8点 typed at 20:31 means 20:00: a check-in is the latest such hour, not 08:00.
        evening = moment + timedelta(hours=12)
        if evening <= now:
            moment = evening
    night = now.hour < NIGHT_ENDS
    if night and moment > now and not _SAYS_DAY.search(text) and moment - timedelta(days=1) <= now:
        # 晚上11点 typed at 01:49 is last night's 23:00: the night has not ended for a
        # hotel, and a check-in is never tonight's.
        moment -= timedelta(days=1)
    if moment > now:
        raise Invalid("入住时间不能晚于现在，请重新输入（回复「现在」即当前时间）")
    return moment.isoformat(timespec="minutes")


#: 钟点房, 开的钟点房: an hourly room, whose guest leaves the day they came.
_HOURLY = re.compile(r"^(?:是|开的?|住的?)?钟点房?[，,。\s]*")


#: Before this hour, a night's guest is still in last night: 明天 is the morning after.
NIGHT_ENDS = 6


def parse_checkout(text: str, env: FormEnv) -> str | None:
    if says_none(text, ("预计退房", "退房")):
        return None  # 不确定, its button, and 还没定: none said, as 跳过
    check_in = datetime.fromisoformat(env.answers["check_in"]).date()
    # 钟点房，今天晚上就走 had got 看不懂这个日期: an hourly room leaves the same day.
    text = _HOURLY.sub("", text.strip()) or "今天"
    text = SAID_UNTIL.sub("", SAID_LEAVING.sub("", text.strip())) or text
    nights = stay_nights(text)
    if nights is not None:
        day = check_in + timedelta(days=nights)
    else:
        # 晚上11点 checked in, registered at 02:00: 明天 means the day that is now today.
        night = env.now.hour < NIGHT_ENDS and check_in == env.today - timedelta(days=1)
        day = parse_day(text, today=check_in if night else env.today)
        check_date_range(check_in, day, "预计退房日期不能早于入住日期，请重新输入")
    # 住两晚 of a check-in three days ago ends in the past too.
    if day < env.today:
        raise Invalid("预计退房日期已经过去了，请输入今天或以后的日期（如 明天）")
    return day.isoformat()


#: The buttons under the check-out question; 不确定 skips it (`says_none`).
CHECKOUT_CHOICES = ("明天", "后天", "不确定")


CHECKOUT_PROMPT = "请输入预计退房日期（如 明天、后天 或 {example}；还不确定请回复「不确定」跳过）："


def checkout_prompt(answers: Mapping[str, Any]) -> str:
    """The question with a date after the check-in as its example: a fixed 11月30日 had
    been a day already past in December."""
    if not answers.get("check_in"):
        return ""
    check_in = datetime.fromisoformat(answers["check_in"]).date()
    return CHECKOUT_PROMPT.format(example=example_day(check_in, 3))


def show_checkout(value: Any) -> str:
    """The summary's check-out day; none said is 未定, not 无 (the guest will leave)."""
    return str(value) if value else "未定"


def show_check_in(value: Any) -> str:
    return datetime.fromisoformat(value).strftime("%Y-%m-%d %H:%M")
