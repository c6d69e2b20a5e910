"""Several departures said in one sentence: 李强也退了，还有302那父子俩明天才走.

Such a sentence had been offered one feature only (续住 302 明天), the other guest's
check-out silently dropped; which one depended on the order of the clauses (302明天才走，
李强退了 offered 李强 himself a 续住 when he was of 302). Each clause is read on its own
(`said_apart`): a guest or room said to be gone is a check-out, the room or guest whose day
is said keeps its new day, and a room one of whose guests has gone keeps it for the others.
They are offered together (`LEAVING`), each a button of its own, since nothing is done
without the owner's tap; a day earlier than the one registered is said as such, not as a
续住.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta

from bot.forms.clock import said_near
from bot.messages import Button, Choices, Reply, Text
from bot.validators import Invalid
from bot.validators.dates import parse_day
from handlers.registration.guest_labels import named_in
from handlers.registration.house_rooms import HouseRooms
from handlers.registration.stay_words import ExtensionSaid, leaving_day
from storage.crypto import BlindIndex
from storage.models import GuestStay

#: The command the offer runs: its parts, each 退房 … or 续住 …, apart by `APART`.
LEAVING = "离店"
APART = "；"
_CLAUSE = re.compile(r"[，,；;。！!\s]+|还有")
#: A guest said to be gone already (李强也退了), not leaving later (明天才走).
_GONE = re.compile(r"退了|走了|退房了|已退|已经退|离店了|走啦")
_LATER = re.compile(r"明天|后天|明早|待会|等会|晚点|才走|才退|要走|再走")
#: A stay's new length, as the parts say it (2天 more).
_NIGHTS = re.compile(r"(\d+)天")
#: The whole room said (那父子俩, 他们都, 一家三口): no guest of it to pick.
_WHOLE = re.compile(r"俩|们|都|全部|一家|[两三四]个人?|[两三四]位")


@dataclass
class _Said:
    """What the clauses of a sentence say: check-outs, and who leaves on which day."""

    gone: list[str] = field(default_factory=list)
    #: The guests said by name to be gone, and the rooms said to be.
    gone_guests: list[GuestStay] = field(default_factory=list)
    gone_rooms: list[str] = field(default_factory=list)
    #: (room, or None where the clause says none; the day; whose stay: 全部, 旅客#15 or "").
    later: list[tuple[str | None, str, str]] = field(default_factory=list)

    def read_gone(
        self, clause: str, stays: Sequence[GuestStay], house: HouseRooms, blind_index: BlindIndex
    ) -> None:
        """李强也退了 (a guest by full name), 302退房了 (a room)."""
        if named := named_in(clause, stays, blind_index):
            self.gone.extend(f"退房 {s.room} {name}" for name, s in named)
            self.gone_guests.extend(s for _, s in named)
            return
        rooms = house.said(clause)
        self.gone.extend(f"退房 {room}" for room in rooms)
        self.gone_rooms.extend(rooms)

    def read_later(
        self,
        clause: str,
        day: str,
        stays: Sequence[GuestStay],
        house: HouseRooms,
        blind_index: BlindIndex,
    ) -> None:
        """赵敏明天才走 (a guest by full name), 302那父子俩明天才走 (a room, all of it),
        另一个明天才走 (no room: see `extensions`)."""
        if named := named_in(clause, stays, blind_index):
            self.later.extend((s.room, day, f"旅客#{s.id}") for _, s in named)
            return
        rooms = house.said(clause)
        whole = "全部" if whole_room(clause) else ""
        self.later.append((rooms[0] if rooms else None, day, whole))

    def extensions(self, stays: Sequence[GuestStay]) -> list[str]:
        """续住 302 明天 …, for each room whose day is said: a clause naming no room is of
        the one room said gone (李强退了，另一个明天才走); a room one of whose guests is gone
        keeps the day for its others (302明天才走，李强退了)."""
        parts: list[str] = []
        gone_rooms = {s.room for s in self.gone_guests} | set(self.gone_rooms)
        for room, day, who in self.later:
            if room is None and len(gone_rooms) == 1:
                room = next(iter(gone_rooms))
            if room is None:
                continue
            if not who.startswith("旅客#") and any(s.room == room for s in self.gone_guests):
                others = [s for s in stays if s.room == room and s not in self.gone_guests]
                if not others:
                    continue
                who = " ".join(f"旅客#{s.id}" for s in others)
            parts.append(f"续住 {room} {day} {who}".strip())
        return parts


def said_apart(
    text: str, stays: Sequence[GuestStay], house: HouseRooms, blind_index: BlindIndex, today: date
) -> list[str]:
    """The parts (退房 …, 续住 …) of a sentence whose clauses say both a guest or room gone
    and one leaving on a day (李强退了，302明天才走, in either order); [] for any other."""
    said = _Said()
    for clause in filter(None, _CLAUSE.split(text)):
        if _GONE.search(clause) and not _LATER.search(clause):
            said.read_gone(clause, stays, house, blind_index)
        elif (day := leaving_day(clause, today)) is not None:
            said.read_later(clause, day, stays, house, blind_index)
    if not said.gone or not said.later:
        return []
    extensions = said.extensions(stays)
    return list(dict.fromkeys([*said.gone, *extensions])) if extensions else []


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
        # 全部, or 旅客#15 旅客#16: the guests of the room staying on (`said_apart`).
        whose = ExtensionSaid.read(rest, today)
        in_room = [s for s in stays if s.room == room]
        staying = [s for s in in_room if not whose.ones or s.id in whose.ones]
        if not staying:
            lines.append(f"{len(lines) + 1}. {room} 房间没有在住旅客")
            continue
        try:
            day = new_day(whose.when, staying, today)
        except Invalid as exc:
            lines.append(f"{len(lines) + 1}. {room}：{exc.reason}")
            continue
        before = registered_day(staying)
        if before == day and all(s.expected_checkout == day for s in staying):
            said = said_near(day, today)
            lines.append(f"{len(lines) + 1}. {room} 房间预计退房已是 {said}，无需更改")
            continue
        button = extension_button(room, day, before, today, whose.who(place=False))
        some = f"（{room} 房间 {len(in_room)} 位中的 {len(staying)} 位）"
        lines.append(
            f"{len(lines) + 1}. {button.label}{some if len(staying) < len(in_room) else ''}"
        )
        buttons.append(button)
    text = "您说的是这几件事，请点下面的按钮逐一办理：\n" + "\n".join(lines)
    return [Choices(text, tuple(buttons))] if buttons else [Text("\n".join(lines))]
