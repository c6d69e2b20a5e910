"""When something happened, as people remember it: an exact time if they can say one
("刚才", "今天下午3点", "11月20日 21:00"), a rough one read as a time and marked so
("昨晚十点多", "大概前天下午3点半左右": 约…), otherwise their own words ("上周末晚上").

Relative words are never kept when they can be read: an officer opening a report days later
must see the date, not "昨天"."""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from bot.forms import FormEnv, FormField, Misplaced
from bot.forms.clock import said_time
from bot.validators import Invalid
from bot.validators.dates import ROUGHLY, parse_rough_datetime, split_date
from bot.validators.text import parse_free_text
from handlers.registration.timefmt import to_stored

NOTE_MAX = 60
# A time in the reporter's own words still names one (上周末晚上, 前几天, 记不清了):
# "算了不报了" or a story typed one step late is not a time. Numbers count only with a
# unit of time (3天前, 20号, 十点): 苹果13 蓝色的, an ID number or an amount (两万多)
# typed a step late, had been kept as the time.
_TIME_WORDS = re.compile(
    r"[0-9０-９]\s*[天日号月年周点时分秒:：/\-]"
    r"|[天日号月年周早晚午夜刚今昨明点时分秒]"
    r"|星期|礼拜|最近|之前|以前|之后|以后|不记得|记不清|不清楚|忘了|不知道"
)
#: The numbers of an address (3号楼, 2单元, 人民路20号): 幸福里3号楼下 typed a step late had
#: been kept as the time, by its 号.
_ADDRESS = re.compile(
    r"[0-9０-９一二三四五六七八九十]+\s*(?:号?(?:楼|栋|幢|单元|室|层|院|门)|号线|号铺)"
    r"|[路街巷弄道里村]\s*[0-9０-９]+\s*号"
)
_ASK = "请写一个时间，如「昨晚10点」「上周末」；记不清可回复「不记得」。"
#: A run of figures this long is a phone or ID number, whatever words surround it.
_LONG_NUMBER = re.compile(r"[0-9０-９]{7,}")


def parse_when(text: str, env: FormEnv) -> dict[str, Any]:
    try:
        moment, rough = parse_rough_datetime(
            text, today=env.today, now=env.now.replace(tzinfo=None)
        )
    except Invalid:
        note = parse_free_text(text, max_length=NOTE_MAX)
        said = _ADDRESS.sub("", note)
        if said != note and not _TIME_WORDS.search(said):
            # The place, where a report asks it next: kept there, the time asked again.
            raise Misplaced(f"这像是地点，不是时间。{_ASK}", to="place") from None
        if not _TIME_WORDS.search(note) or _LONG_NUMBER.search(note):
            raise Invalid(_ASK) from None
        return {"note": _dated(note, env)}
    value: dict[str, Any] = {"at": moment.isoformat(timespec="minutes")}
    if rough:
        value["rough"] = True
    return value


#: 周一下午 may be this week's or last: left as said rather than dated wrong.
_WEEKDAY = re.compile(r"(?:上|下|这|本)?(?:周|星期|礼拜)")


def _day_said(note: str, env: FormEnv) -> tuple[date | None, str]:
    """The day a note starts with (前天, 20号), and the rest of it; no weekdays."""
    if _WEEKDAY.match(note):
        return None, note
    try:
        return split_date(note, today=env.today)
    except Invalid:
        return None, note


def _dated(note: str, env: FormEnv) -> str:
    """前天下午 as 11月27日下午（前天下午）: the day read against today, the words kept for
    the part of it no clock time says."""
    day, rest = _day_said(note, env)
    if day is None:
        return note
    shown = f"{day.month}月{day.day}日"
    if day.year != env.today.year:
        shown = f"{day.year}年{shown}"
    if note.startswith(shown):
        return note  # 11月27日下午 said so already
    return f"{shown}{rest}（{note}）"


def parse_past(text: str, env: FormEnv) -> dict[str, Any]:
    """A report is of what already happened (a tip may warn of what is planned)."""
    value = parse_when(text, env)
    now = env.now.replace(tzinfo=None)
    day = _day_said(value["note"], env)[0] if "note" in value else None
    if ("at" in value and datetime.fromisoformat(value["at"]) > now + timedelta(minutes=5)) or (
        day is not None and day > now.date()
    ):
        raise Invalid("这个时间还没到，请写事情发生（发现）的时间，如「昨晚10点」。")
    return value


def show_when(value: Any) -> str:
    if not value:
        return "（未填）"
    if "at" in value:
        shown = datetime.fromisoformat(value["at"]).strftime("%Y-%m-%d %H:%M")
        return f"{ROUGHLY}{shown}" if value.get("rough") else shown
    return str(value["note"])


def said_when(value: Any, now: datetime) -> str:
    """`show_when` as the chat says it at `now` (the station's time): 约昨天 22:00."""
    if "at" not in value:
        return show_when(value)
    said = said_time(value["at"], now)
    return f"{ROUGHLY}{said}" if value.get("rough") else said


def when_at(value: Any, zone: ZoneInfo) -> datetime | None:
    """The exact moment, as aware UTC, if the user gave one."""
    if value and "at" in value:
        return to_stored(datetime.fromisoformat(value["at"]), zone)
    return None


def when_note(value: Any) -> str:
    """The user's own words when no moment could be read; `ROUGHLY` beside a rough moment."""
    if value and value.get("rough"):
        return ROUGHLY
    return str(value["note"]) if value and "note" in value else ""


def when_field(
    name: str = "when",
    label: str = "时间",
    prompt: str = "",
    *,
    optional: bool = False,
    past: bool = False,
) -> FormField:
    return FormField(
        name,
        label,
        prompt or "大概是什么时候？（如 刚才、今天下午3点、11月20日晚上9点）：",
        parse_past if past else parse_when,
        optional=optional,
        show=show_when,
        show_at=said_when,
    )
