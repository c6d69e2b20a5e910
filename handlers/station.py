"""派出所电话多少 / 派出所在哪 / 几点上班: the station's own contact details, from config.

Without this, such a question went to the law search (it reads like a question) and came
back with statutes on police procedure.
"""

from __future__ import annotations

import logging
import re

from bot.context import Context, Handler
from bot.messages import Reply, Text
from bot.router import STAFF

log = logging.getLogger(__name__)
#: What staff read where residents are pointed to an officer: the setting to fill in.
#: An officer cannot edit config.toml: who does, and the keys with what each holds.
NOT_CONFIGURED = (
    "（本所电话、地址和办公时间尚未设置，群众询问时无法告知。请系统管理员在 config.toml 的 "
    "[station] 中填写 phone（电话）、address（地址）、hours（办公时间）。）"
)

_ASKS_FOR_STATION = re.compile(
    r"(派出所|警务室|警务站|民警|警察局|公安局).{0,8}"
    r"(电话|号码|联系方式|怎么联系|地址|在哪|在什么地方|怎么走|位置|几点|上班|办公时间|开门)"
)

#: 办户口几点 / 办身份证什么时候上班: the hours asked through the business done at the window.
_ASKS_FOR_DESK_HOURS = re.compile(
    r"(办|办理|补办|换)(户口|户籍|身份证|居住证|证件|业务).{0,4}"
    r"(几点|什么时候|哪天|时间|上班|开门|办公)"
)


#: 几点上班 / 你们周末上班吗 said to the station's bot, with no 派出所 in it: the whole
#: message, so that 几点上班算迟到 stays a question about work.
_ASKS_FOR_HOURS = re.compile(
    r"(请问)?(你们|您们|这里|窗口)?"
    r"((几点|什么时候)(上班|下班|开门|关门|办公)|办公时间|上班时间"
    r"|(周末|周六|周日|星期六|星期天|节假日)(也|还)?(上班|办公|开门|有人))"
    r"(是几点|是什么时候)?[吗呀啊呢]?[？?。!！]*"
)


#: 怎么去派出所: the way there, asked with the place after the verb (派出所怎么走 is above).
_WAY_TO_STATION = re.compile(r"(怎么|怎样|如何)(去|到|走到|找到)(派出所|警务室|警务站)")

#: 电话多少 / 地址在哪 / 你们在哪里 said to the station's bot, with no 派出所 in it: the whole
#: message, as for the hours (它的电话多少 asks about someone else).
_ASKS_FOR_CONTACT = re.compile(
    r"(请问)?(你们|您们|这里|贵所)?的?"
    r"((电话|电话号码|联系电话|联系方式|地址)(是|在)?(多少|在哪里?|在哪儿|是什么|呢)?"
    r"|(在哪里?|在哪儿|在什么地方|怎么走))"
    r"[吗呀啊呢]?[？?。!！]*"
)


#: Between the parts of 你们几点上班 周末开门吗: each part is asked on its own.
_PARTS = re.compile(r"[\s，,。；;、？?！!]+")


def asks_for_station(text: str) -> bool:
    text = text.strip()
    if _ASKS_FOR_STATION.search(text) or _WAY_TO_STATION.search(text):
        return True
    if _ASKS_FOR_DESK_HOURS.search(text):
        return True
    parts = [part for part in _PARTS.split(text) if part]
    return bool(parts) and all(_asks_alone(part) for part in parts)


def _asks_alone(part: str) -> bool:
    """Whether `part`, the whole of it, asks for the hours or the contacts."""
    if _ASKS_FOR_HOURS.fullmatch(part):
        return True
    # 在哪里 alone, without whom it asks about, could follow anything: 你们 must say it.
    found = _ASKS_FOR_CONTACT.fullmatch(part)
    return bool(found and (found[2] or found[4]))


#: 几点上班, 周末开门吗, 办户口几点: the question is about the hours.
_ABOUT_HOURS = re.compile(r"几点|什么时候|时间|上班|下班|开门|关门|办公|周末|周六|周日|星期|节假日")

#: Where a resident can learn the hours when they are not set here.
_ASK_HOURS = "办公时间可以拨打12345政务服务便民热线询问，或过些时候再来这里问。"
_HOURS_UNKNOWN = f"办公时间没有在这里公布：{_ASK_HOURS}"


def contact_reply(ctx: Context) -> list[Reply]:
    station = ctx.services.settings.station
    lines = [f"{station.name}："]
    if station.phone:
        lines.append(f"电话：{station.phone}")
    if station.address:
        lines.append(f"地址：{station.address}")
    if station.hours:
        lines.append(station.hours)
    staff = ctx.role in STAFF
    hours_unknown = not station.hours and _ABOUT_HOURS.search(ctx.inbound.text) is not None
    if len(lines) == 1:
        # Not the resident's concern that nobody filled in [station]: they are told how to
        # reach an officer from here; staff are told what to set.
        log.warning("[station] phone, address and hours are not configured")
        if staff:
            lines.append(NOT_CONFIGURED)
        else:
            # 「示范派出所：」 with nothing after it read as a reply cut short.
            if hours_unknown:
                unknown = f"{station.name}的办公时间、电话和地址没有在这里公布。\n{_ASK_HOURS}\n"
            else:
                unknown = f"{station.name}的电话和地址没有在这里公布。\n"
            return [
                Text(
                    f"{unknown}"
                    "紧急情况请直接拨打110。\n"
                    "其他事情可以发送「问民警 您的问题」联系社区民警，民警答复后会通知您；"
                    "也可以发送「报案」「举报」或直接提问。"
                )
            ]
    if not staff and hours_unknown:
        lines.append(_HOURS_UNKNOWN)
    if not staff:
        # 问民警, 举报, 报案 and 110 are the residents' ways: an officer had read them too.
        lines.append("紧急情况请直接拨打110。在这里也可以发送「举报」「报案」或直接提问。")
    return [Text("\n".join(lines))]


def with_station_contact(handler: Handler) -> Handler:
    async def wrapped(ctx: Context) -> list[Reply]:
        if asks_for_station(ctx.inbound.text):
            return contact_reply(ctx)
        return await handler(ctx)

    return wrapped
