"""When something happened, as people remember it: an exact time if they can say one
("刚才", "今天下午3点", "11月20日 21:00"), a rough one read as a time and marked so
("昨晚十点多", "大概前天下午3点半左右": 约…), otherwise their own words ("上周末晚上").

Relative words are never kept when they can be read: an officer opening a report days later
must see the date, not "昨天"."""

from __future__ import annotations

import re
from datetime import datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from bot.forms import FormEnv, FormField
from bot.validators import Invalid
from bot.validators.dates import ROUGHLY, parse_rough_datetime
from bot.validators.text import parse_free_text
from handlers.registration.timefmt import to_stored

NOTE_MAX = 60
# A time in the reporter's own words still names one (上周末晚上, 前几天, 记不清了):
# "算了不报了" or a story typed one step late is not a time.
_TIME_WORDS = re.compile(
    r"[0-9０-９一二三四五六七八九十两几天日号月年周早晚午夜刚今昨明点时分秒]"
    r"|星期|礼拜|最近|之前|以前|之后|以后|不记得|记不清|不清楚|忘了|不知道"
)


def parse_when(text: str, env: FormEnv) -> dict[str, Any]:
    try:
        moment, rough = parse_rough_datetime(
            text, today=env.today, now=env.now.replace(tzinfo=None)
        )
    except Invalid:
        note = parse_free_text(text, max_length=NOTE_MAX)
        if not _TIME_WORDS.search(note):
            raise Invalid(
                "请写一个时间，如「昨晚10点」「上周末」；记不清可回复「不记得」。"
            ) from None
        return {"note": note}
    value: dict[str, Any] = {"at": moment.isoformat(timespec="minutes")}
    if rough:
        value["rough"] = True
    return value


def parse_past(text: str, env: FormEnv) -> dict[str, Any]:
    """A report is of what already happened (a tip may warn of what is planned)."""
    value = parse_when(text, env)
    if "at" in value and datetime.fromisoformat(value["at"]) > env.now.replace(
        tzinfo=None
    ) + timedelta(minutes=5):
        raise Invalid("这个时间还没到，请写事情发生（发现）的时间，如「昨晚10点」。")
    return value


def show_when(value: Any) -> str:
    if not value:
        return "（未填）"
    if "at" in value:
        shown = datetime.fromisoformat(value["at"]).strftime("%Y-%m-%d %H:%M")
        return f"{ROUGHLY}{shown}" if value.get("rough") else shown
    return str(value["note"])


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
    )
