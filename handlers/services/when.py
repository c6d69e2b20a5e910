"""When something happened, as people remember it: an exact time if they can say one
("刚才", "今天下午3点", "11月20日 21:00"), otherwise their own words ("上周末晚上")."""

from __future__ import annotations

from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from bot.forms import FormEnv, FormField
from bot.validators import Invalid
from bot.validators.dates import parse_datetime
from bot.validators.text import parse_free_text
from handlers.registration.timefmt import to_stored

NOTE_MAX = 60


def parse_when(text: str, env: FormEnv) -> dict[str, str]:
    try:
        moment = parse_datetime(text, today=env.today, now=env.now.replace(tzinfo=None))
    except Invalid:
        return {"note": parse_free_text(text, max_length=NOTE_MAX)}
    return {"at": moment.isoformat(timespec="minutes")}


def show_when(value: Any) -> str:
    if not value:
        return "（未填）"
    if "at" in value:
        return datetime.fromisoformat(value["at"]).strftime("%Y-%m-%d %H:%M")
    return str(value["note"])


def when_at(value: Any, zone: ZoneInfo) -> datetime | None:
    """The exact moment, as aware UTC, if the user gave one."""
    if value and "at" in value:
        return to_stored(datetime.fromisoformat(value["at"]), zone)
    return None


def when_note(value: Any) -> str:
    return str(value["note"]) if value and "note" in value else ""


def when_field(
    name: str = "when", label: str = "时间", prompt: str = "", *, optional: bool = False
) -> FormField:
    return FormField(
        name,
        label,
        prompt or "大概是什么时候？（如 刚才、今天下午3点、11月20日晚上9点）：",
        parse_when,
        optional=optional,
        show=show_when,
    )
