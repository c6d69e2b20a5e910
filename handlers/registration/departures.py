"""Several departures said in one sentence: 李强也退了，还有302那父子俩明天才走.

Such a sentence had been offered one feature only (续住 302 明天), the other guest's
check-out silently dropped. Each clause is read on its own: a guest or room said to be gone
is a check-out, the room whose day is said keeps its new day. They are offered together
(`LEAVING`), each a button of its own, since nothing is done without the owner's tap; a
day earlier than the one registered is said as such, not as a 续住.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date, timedelta

from bot.context import Context
from bot.forms.clock import said_near
from bot.messages import Button, Choices, Reply, Text
from bot.validators import Invalid
from bot.validators.dates import parse_day
from handlers.registration.guest_labels import named_in
from handlers.registration.house_rooms import HouseRooms
from storage.models import GuestStay

#: The command the offer runs: its parts, each 退房 … or 续住 …, apart by `APART`.
LEAVING = "离店"
APART = "；"
_CLAUSE = re.compile(r"[，,；;。！!\s]+|还有")
#: A guest said to be gone already (李强也退了), not leaving later (明天才走).
_GONE = re.compile(r"退了|走了|退房了|已退|已经退|离店了|走啦")
_LATER = re.compile(r"明天|后天|明早|待会|等会|晚点|才走|才退|要走|再走")
#: The whole room said (那父子俩, 他们都, 一家三口): no guest of it to pick.
_NIGHTS = re.compile(r"(\d+)天")
_WHOLE = re.compile(r"俩|们|都|全部|一家|[两三四]个人?|[两三四]位")


def gone_in(
    text: str, stays: Sequence[GuestStay], house: HouseRooms, ctx: Context, besides: str
) -> list[str]:
    """The check-outs (退房 301 李强, 退房 305) that the clauses of `text` other than the
    one about room `besides` say are done: a guest in the house by full name, or a room."""
    parts: list[str] = []
    for clause in filter(None, _CLAUSE.split(text)):
        if not _GONE.search(clause) or _LATER.search(clause):
            continue
        named = [
            (name, s)
            for name, s in named_in(clause, stays, ctx.services.blind_index)
            if s.room != besides
        ]
        if named:
            parts.extend(f"退房 {s.room} {name}" for name, s in named)
            continue
        parts.extend(f"退房 {room}" for room in house.said(clause) if room != besides)
    return list(dict.fromkeys(parts))


def whole_room(text: str) -> bool:
    """Whether `text` says all of a room's guests (302那父子俩明天才走)."""
    return _WHOLE.search(text) is not None


def offer_typed(parts: Sequence[str]) -> str:
    return f"/{LEAVING} {APART.join(parts)}"


def new_day(when: str, staying: Sequence[GuestStay], today: date) -> date:
    """The last day `when` (明天, 12月3日, or 2天 more) gives the room's stay; raises
    `Invalid`."""
    if (counted := _NIGHTS.fullmatch(when)) is not None:
        nights = int(counted[1])
        base = max([today, *(s.expected_checkout for s in staying if s.expected_checkout)])
        return base + timedelta(days=nights)
    return parse_day(when, today=today)


def registered_day(staying: Sequence[GuestStay]) -> date | None:
    """The day the room's guests were to leave, the latest of theirs."""
    return max((s.expected_checkout for s in staying if s.expected_checkout), default=None)


def extension_button(room: str, day: date, before: date | None, today: date, rest: str) -> Button:
    """续住 302 后天（12月3日）, or 302 改为明天退房 for a day earlier than the registered one."""
    typed = f"/续住 {room} {day:%Y-%m-%d} {rest}".strip()
    said = said_near(day, today)
    if before is not None and day < before:
        return Button(f"{room} 改为{said}退房", typed)
    return Button(f"续住 {room} {said}", typed)


def offered(
    parts: Sequence[str], stays: Sequence[GuestStay], house: HouseRooms, today: date
) -> list[Reply]:
    """The offer of each part said: a button for each, and what needs none said so."""
    lines: list[str] = []
    buttons: list[Button] = []
    for part in parts:
        command, _, args = part.partition(" ")
        if command == "退房":
            lines.append(f"{len(lines) + 1}. {part}")
            buttons.append(Button(part, part))
            continue
        room_text, _, rest = args.partition(" ")
        try:
            room = house.read(room_text)
        except Invalid as exc:
            lines.append(f"{len(lines) + 1}. {exc.reason}")
            continue
        words = rest.split()
        whole = "全部" in words
        when = " ".join(w for w in words if w != "全部")
        staying = [s for s in stays if s.room == room]
        if not staying:
            lines.append(f"{len(lines) + 1}. {room} 房间没有在住旅客")
            continue
        try:
            day = new_day(when, staying, today)
        except Invalid as exc:
            lines.append(f"{len(lines) + 1}. {room}：{exc.reason}")
            continue
        before = registered_day(staying)
        if before == day and all(s.expected_checkout == day for s in staying):
            said = said_near(day, today)
            lines.append(f"{len(lines) + 1}. {room} 房间预计退房已是 {said}，无需更改")
            continue
        button = extension_button(room, day, before, today, "全部" if whole else "")
        lines.append(f"{len(lines) + 1}. {button.label}")
        buttons.append(button)
    text = "您说的是这几件事，请点下面的按钮逐一办理：\n" + "\n".join(lines)
    return [Choices(text, tuple(buttons))] if buttons else [Text("\n".join(lines))]
