"""How owners say how long a guest stays, until when, and whose stay: 住两晚, 住到周五,
302的客人明天才走, 305的张伟要多住两天; read by the check-out question, 续住 and its offers.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from bot.validators import Invalid
from bot.validators.dates import parse_day, without_chat
from bot.validators.numerals import arabize
from bot.validators.rooms import is_room_name
from handlers.registration import said_first
from handlers.registration.house_rooms import HouseRooms
from handlers.services.numbers import record_number

#: 后天走, 明天中午退房, 后天早上才走, 住到周五: a day said with the leaving, as owners say the
#: check-out (才走 had left 早上才走 unused, and 大后天晚上才退房 taken as the 后天 button).
SAID_LEAVING = re.compile(
    r"(?:就|再|才)?(?:要|会|准备|打算)?(?:走|离开|离店|退房|退)(?:了|的|吧)?\W*$"
)
SAID_UNTIL = re.compile(r"^(?:住到|待到|到)")


#: 住两晚, 3天, 多住一天: a stay's length instead of its last day.
_NIGHTS = re.compile(r"(?:(?:再|多|续)?住|共|再|多)?\s*(\d{1,2})\s*(?:个)?(?:晚上?|夜|天)")
#: The same inside a sentence (302的客人再住一晚): the number not part of the room's.
_NIGHTS_SAID = re.compile(r"(?<!\d)(\d{1,2})\s*个?(?:晚上?|夜|天)")
#: 住到周五, 待到12月1日: the last day of a longer stay, as a word of the sentence.
_UNTIL_SAID = re.compile(r"(?:住到|待到|续到|延到)(\w+?)(?:走|退房|再走)?(?:了|吧)?$")
#: The days a guest is said to leave on later than booked (302那个客人明天才走, 周五才退房):
#: 才 says the stay goes on to that day, which is 续住's. (刚才走了 has gone: 退房's.)
LATER_DAYS = (
    "明天",
    "后天",
    "号",
    "日",
    *(f"{week}{day}" for week in ("周", "星期") for day in "一二三四五六日天"),
)
#: The words before 才走 that end in the day (302那个客人明天 of …明天才走).
_LEAVES_LATER = re.compile(rf"(\w+?)(?:{'|'.join(said_first.DAY_PARTS)})?才(?:走|退)")


def stay_nights(text: str) -> int | None:
    """N of 住两晚 / 3天 / 住三个晚上, if the text is a stay's length (up to 90 nights)."""
    found = _NIGHTS.fullmatch(arabize(without_chat(text)))
    nights = int(found.group(1)) if found else 0
    return nights if 0 < nights <= 90 else None


def extension_said(text: str, today: date) -> str | None:
    """How long a sentence (302的客人再住一晚, 住到周五) says a stay goes on, as 续住 takes
    it (1天, 周五); None if it says no length or day."""
    said = arabize(text.strip())
    if (found := _NIGHTS_SAID.search(said)) is not None and 0 < int(found.group(1)) <= 90:
        return f"{int(found.group(1))}天"
    if (until := _UNTIL_SAID.search(text.strip())) is not None:  # 周五 kept as said
        try:
            parse_day(until.group(1), today=today)
        except Invalid:
            return None
        return until.group(1)
    if (later := _LEAVES_LATER.search(text)) is not None:
        return _day_ending(later.group(1), today)
    return None


#: The words before a leaving with or without 才 (303明天走, 明天中午退房).
_LEAVES_ON = re.compile(
    rf"(\w+?)(?:{'|'.join(said_first.DAY_PARTS)})?(?:就|再|才)?(?:要|会|准备|打算)?"
    r"(?:走|离开|离店|退房|退)"
)


def leaving_day(text: str, today: date) -> str | None:
    """The day a clause says a guest leaves on (明天 of 303明天走, as of 302那父子俩明天才走),
    or how long the stay goes on (`extension_said`); None if it says neither."""
    if (said := extension_said(text, today)) is not None:
        return said
    if (leaving := _LEAVES_ON.search(text)) is not None:
        return _day_ending(leaving.group(1), today)
    return None


def _day_ending(before: str, today: date) -> str | None:
    """The longest end of `before` that is a day (明天 of 302那个客人明天), or None."""
    for start in range(len(before)):
        try:
            parse_day(before[start:], today=today)
        except Invalid:
            continue
        return before[start:]
    return None


#: A guest's name among 续住's words (续住 305 2天 张伟), and in a sentence after the room
#: (305的张伟要多住两天, 305的张伟明天走).
_GUEST_NAME = re.compile(r"[\u4e00-\u9fff·]{2,8}")
_ROOM_NUMBER = r"(?<!\d)\d{1,5}[A-Za-z]?(?:号房间?|房间?|室)?"
_NAMED_AFTER = (
    r"的([\u4e00-\u9fff·]{2,5}?)"
    r"(?=要|想|再|多|续|还|也|得|会|准备|打算|住|延|明天|今天|后天|今晚|明早|走|退)"
)
#: Who a guest is, never what they are called: 302的客人再住一晚. Nor a day: 302的明天才走
#: had read 明天才 as a name.
_NO_GUEST_NAME = re.compile(
    r"客|人|位|孩|老外|一家|夫妻|两口子|那个|这个|女的|男的|[今明后]天|今晚|明早"
)


def guest_named(text: str, house: HouseRooms | None = None) -> str:
    """张伟 of 305的张伟要多住两天 (of 桂花轩的张伟明天走, a room of `house` by its name),
    or "" (302的客人再住一晚 names nobody)."""
    names = [re.escape(r) for r in house.said(text) if is_room_name(r)] if house else []
    found = re.search(f"(?:{'|'.join([_ROOM_NUMBER, *names])}){_NAMED_AFTER}", text.strip())
    if found is None or _NO_GUEST_NAME.search(found.group(1)):
        return ""
    return found.group(1)


@dataclass(frozen=True)
class ExtensionSaid:
    """The words after 续住's room: the length or day, and whose stay (a place's #5, some
    guests' 旅客#15 旅客#16, 全部, or a name)."""

    when: str
    place: int | None = None
    #: The guests by record: a button's one, or those of a room staying on when another
    #: of it has gone (`departures.said_apart`).
    ones: tuple[int, ...] = ()
    name: str = ""
    whole_room: bool = False

    @classmethod
    def read(cls, text: str, today: date) -> ExtensionSaid:
        when: list[str] = []
        place = None
        ones: list[int] = []
        name = ""
        whole_room = False
        for word in text.split():
            if word.startswith("旅客#"):
                if (one := record_number(word[2:])) is not None:
                    ones.append(one)
            elif word.startswith("#"):
                place = record_number(word)
            elif word == "全部":
                whole_room = True
            elif not name and _GUEST_NAME.fullmatch(word) and not _says_when(word, today):
                name = word
            else:
                when.append(word)
        return cls(" ".join(when), place, tuple(ones), name, whole_room)

    def who(self, place: bool = True) -> str:
        """The words that keep whose stay it is on a button of a further question."""
        parts = [f"#{self.place}"] if place and self.place is not None else []
        if self.ones:
            parts.extend(f"旅客#{one}" for one in self.ones)
        elif self.whole_room:
            parts.append("全部")
        elif self.name:
            parts.append(self.name)
        return " ".join(parts)


def _says_when(word: str, today: date) -> bool:
    """两天, 周五, 12月1日: a stay's length or last day, not a guest's name."""
    if stay_nights(word) is not None or SAID_UNTIL.match(word):
        return True
    try:
        parse_day(word, today=today)
    except Invalid:
        return False
    return True
