"""Room numbers: 302, A-1205, 3栋2单元502, 3楼302; and a homestay's room names.

A room is stored as up to 10 digits, letters and dashes. Chinese words people add are turned
into that form: building and unit words become dashes (3栋2单元502 -> 3-2-502), a floor that
the room number already starts with is dropped (3楼302 -> 302), and 室/房/号 go.

A homestay's rooms often have no number: 桂花轩, 二楼东边那间. `parse_room_name` takes such
a name (short, no sentence marks) where the place is one. A room the owner names later is read
one way on every path: `room_of` for a command's word (退房 桂花轩, 仍在住 302), `rooms_in` for a
sentence (桂花轩的客人走了, 101和203都退房了).
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from bot.validators.errors import Invalid
from bot.validators.idcard import without_resident_ids
from bot.validators.normalize import squeeze
from bot.validators.numerals import arabize
from bot.validators.phone import without_phones

MAX_LENGTH = 10

_PREFIX = re.compile(r"^(?:房间号?|房号|ROOM|NO\.)[:-]?(?=.)")
_SUFFIX = re.compile(r"(?:号房间|号房|房间|室|房|号)$")
_DASHES = re.compile(r"[#/_.\u2010-\u2015\u2212]")
_BUILDING = re.compile(r"号楼|楼栋|栋|幢|座|单元")
_FLOOR = re.compile(r"(\d{1,3})(?:楼|层)")

EMPTY = "没有收到房间号，请输入房间号，例如 302 或 A-1205"
CHARACTERS = "房间号只能包含数字、字母和“-”，例如 302 或 A-1205（写房号，不写“大床房”等房型）"
TOO_LONG = f"房间号最多{MAX_LENGTH}位，例如 302 或 A-1205，请精简后重新输入"
#: A floor with no room after it (2楼, A栋2楼): the room asked, with the building kept in
#: the example (请写到具体房间，例如 302 had dropped the A栋 the owner typed).
_FLOOR_WORDS = "只写到了楼层"
FLOOR_ONLY = "「{said}」" + _FLOOR_WORDS + "，请写上具体房间号，如 {example}"
PHONE = "这像是电话号码，不是房间号。请输入房间号，例如 302 或 A-1205"
ACKNOWLEDGED = "「{said}」不是房间号。请输入客人住的房间号，例如 302 或 A-1205"

#: ok, 好的, 收到: an acknowledgement typed at the room, never a room (OK had been kept
#: as one, letters being a room's as much as digits).
_ACKNOWLEDGING = re.compile(
    r"(?:OK(?:AY|K|OK)?|YES|THX|THANKS?|HI|HELLO|好的?|好嘞|行|可以|收到|知道了?|明白了?"
    r"|嗯+|哦+|噢+|对的?|是的?|没问题|确认|确定)(?:了|啊|呀|吧|的|哈|哦)*"
)

#: 3O2: the letter O typed between digits, for the 0 beside it on a phone's keyboard. No
#: room is numbered so; read as 0, it finds 302 again (退房 302), where 3O2 had not.
_LETTER_O = re.compile(r"(?<=\d)O+(?=\d)")

#: 0371-6666 (8888 said after a space), 13812345678: a phone number typed at the room.
_PHONE = re.compile(r"0\d{2,3}-\d{4,8}|1[3-9]\d{9}|0\d{9,11}")


def parse_room(text: str) -> str:
    """Parse a room number and return it upper-cased, e.g. "a-1205" -> "A-1205"."""
    if acknowledges(text):
        raise Invalid(ACKNOWLEDGED.format(said=_ENDS.sub("", squeeze(text))))
    room = _LETTER_O.sub(lambda found: "0" * len(found[0]), arabize(squeeze(text).upper()))
    room = _SUFFIX.sub("", _PREFIX.sub("", room))
    written = room  # A栋2楼, its building said as the owner said it
    room = _BUILDING.sub("-", _DASHES.sub("-", room))
    if floor := _FLOOR.search(room):
        building, level = room[: floor.start()], floor.group(1)
        rest = room[floor.end() :].lstrip("-")
        if not rest:
            said = _FLOOR.search(written)
            example = f"{written[: said.start()] if said else building}{level}01"
            raise Invalid(FLOOR_ONLY.format(said=squeeze(text), example=example))
        room = building + (rest if rest.startswith(level) else f"{level}-{rest}")
    room = re.sub("-{2,}", "-", room).strip("-")
    if not room:
        raise Invalid(EMPTY)
    if _PHONE.fullmatch(room):
        raise Invalid(PHONE)
    if not re.fullmatch("[A-Z0-9-]+", room):
        raise Invalid(CHARACTERS)
    if len(room) > MAX_LENGTH:
        raise Invalid(TOO_LONG)
    return room


def acknowledges(text: str) -> bool:
    """Whether `text` is an acknowledgement (ok, 好的！, 收到), which no room is called."""
    return bool(_ACKNOWLEDGING.fullmatch(_ENDS.sub("", squeeze(text)).upper()))


def reads_letter_o(text: str) -> bool:
    """Whether `parse_room` read a letter O in `text` as 0 (3O2 as 302): worth saying."""
    return bool(_LETTER_O.search(arabize(squeeze(text).upper())))


#: How long a room's name may be (桂花轩, 二楼东边那间): a name, not a sentence.
NAME_LENGTH = 8
_NAME = re.compile(r"[\u4e00-\u9fffA-Za-z0-9·-]+")
_CHINESE = re.compile(r"[\u4e00-\u9fff]")
#: Marks around words (不知道。, 你好！): none of the words.
_ENDS = re.compile(r"^[\W_]+|[\W_]+$")
#: 没有房号, 无房号, 没号: nothing yet to call the room by.
_NO_NUMBER = re.compile(r"(?:没有?|无)(?:房间?号|门牌号?|编号|号)(?:的?房间?)?|无|没有")
#: 整套, 整租, 包栋: the whole house, which `WHOLE` asks to name.
_WHOLE = re.compile(r"(?:一?整(?:套|栋|间|个|租)|包栋|包院|全包)(?:房子?|房间|院子?|出租|入住)?")
#: 大床房, 标间: a kind of room, which many rooms are (the number or name is asked).
_ROOM_TYPE = re.compile(
    r"(?:大床|双床|单人|双人|三人|标准|标间|单间|套间|套房|家庭|亲子|豪华|商务|高级)(?:房|间)?"
)

#: 不知道, 等一下, 随便, 你好, 不告诉你, 住哪间: hesitation, small talk, a refusal or a
#: question, typed where the room is asked. Short enough to pass for a homestay's room
#: name, each had been kept as the room.
_NOT_A_ROOM = re.compile(
    r"(?:我|我们|也|还|都|先|暂时|现在|那)*"
    r"(?:不(?:太|大)?(?:知道|清楚|晓得|确定|记得)|没(?:想好|定好?|分好?|安排好?)|待定|未定"
    r"|不一定|说不准|忘了"
    r"|等(?:一下|一会儿?|会儿?|等)|稍等(?:一下)?|待会儿?|一会儿?|马上|问(?:一?下|问)?(?:客人|老板)?"
    r"|随便|随意|都行|都可以|哪(?:间|个)?都(?:行|可以)|无所谓|看着办"
    r"|你好|您好|在吗|在不在|哈喽|嗨|谢谢|多谢|哈+|嗯+|哦+|噢+|好的?|行|收到|知道了"
    r"|不(?:告诉你?|想说|说|填|写|用|要|方便|行|是|对)|保密)"
    r"(?:了|啊|呀|吧|呢|哈|哦|的)*"
    # Words that only ask: no room is called 住哪间 or 几号 (什么, 吗 are the form's own
    # questions, `bot.forms.words.is_question`).
    r"|.*(?:哪|谁|啥|几号).*"
)
NOT_A_ROOM = "「{said}」不是房间。请写客人住的那一间：房号（如 302）或房间的叫法（如「桂花轩」）。"
NO_NUMBER = (
    f"没有房号的，写这间房平时的叫法就行（{NAME_LENGTH}个字以内），如「桂花轩」「二楼东间」；"
    "退房时也这样写，如「退房 桂花轩」。"
)
WHOLE = (
    f"整套入住的，请写这套房的门牌或叫法（{NAME_LENGTH}个字以内），如「3栋201」「桂花小院」，"
    "退房时也这样写。"
)
ROOM_TYPE = "请写具体是哪一间：房号（如 302）或房间的叫法（如「桂花轩」），不写“大床房”等房型。"
NAME_TOO_LONG = f"房间的叫法最多{NAME_LENGTH}个字，如「桂花轩」「二楼东间」，请精简后重新输入。"
NAME_CHARACTERS = "房间的叫法只写字和数字，不加标点，如「桂花轩」「二楼东间」或房号 302。"


def parse_room_name(text: str) -> str:
    """A homestay's room: a number as `parse_room` reads it, or a short name (桂花轩,
    二楼东边那间) kept as written; a floor (2楼, A栋2楼) too, as 二楼东间 is: a homestay
    without room numbers lets a floor or a building's part as one."""
    if acknowledges(text):
        raise Invalid(NOT_A_ROOM.format(said=_ENDS.sub("", squeeze(text))))
    try:
        return parse_room(text)
    except Invalid as error:
        if str(error) != CHARACTERS and not is_floor_only(error):
            raise
    name = squeeze(text)
    if _NO_NUMBER.fullmatch(name):
        raise Invalid(NO_NUMBER)
    if _WHOLE.fullmatch(name):
        raise Invalid(WHOLE)
    if _ROOM_TYPE.fullmatch(name):
        raise Invalid(ROOM_TYPE)
    said = _ENDS.sub("", name)
    if _NOT_A_ROOM.fullmatch(said):
        raise Invalid(NOT_A_ROOM.format(said=said))
    if not _NAME.fullmatch(name) or not _CHINESE.search(name):
        raise Invalid(NAME_CHARACTERS)
    if len(name) > NAME_LENGTH:
        raise Invalid(NAME_TOO_LONG)
    return name


def is_floor_only(error: Invalid) -> bool:
    """Whether `parse_room` refused a floor with no room (2楼, A栋2楼)."""
    return _FLOOR_WORDS in str(error)


def is_room_name(room: str) -> bool:
    """Whether a stored room is a name (桂花轩), not a number."""
    return bool(_CHINESE.search(room))


def room_label(room: str) -> str:
    """A room as lists write it: 302房, but 桂花轩 (a name had read 桂花轩房)."""
    return room if is_room_name(room) else f"{room}房"


def room_of(text: str, rooms: Iterable[str], *, names: bool = False) -> str:
    """The room `text` names among `rooms` (the rooms in the house): a number as
    `parse_room` reads it, or a room's name as it was registered (退房 桂花轩, 桂花轩房).

    `names`: the owner's places may name their rooms (a homestay), so a name that no guest
    is in now (桂花轩, its guest gone) is that room, not a number written wrong (it had been
    told 房间号只能包含数字)."""
    try:
        return parse_room(text)
    except Invalid:
        said = squeeze(text)
        in_house = set(rooms)
        for name in dict.fromkeys((said, _SUFFIX.sub("", said))):
            if name in in_house:
                return name
        if names:
            return parse_room_name(_SUFFIX.sub("", said) or said)
        raise


#: 101, A12, 3O2 in a sentence, and a homestay's 1号房: not a time, a length or a count
#: (10点, 12号, 2个人).
_ROOM_SAID = re.compile(
    r"(?<![0-9A-Za-z-])(?:[A-Za-z]?\d{2,5}(?:-\d{1,5})?[A-Za-z]?|\d(?=\s*(?:号房|房|室)))"
    r"(?![0-9A-Za-z-])(?!\s*(?:点|天|晚|号(?!房)|月|日|时|分|:|：|个|位|人|岁|元|块|年))"
)
#: Put over a room's name found in a sentence, so that no number is read inside it.
_FOUND = "\u25a1"


def rooms_in(text: str, rooms: Iterable[str] = ()) -> list[str]:
    """The rooms a sentence names, in the order said, each once: numbers (101和203都退房了:
    101, 203) and the names among `rooms`, the rooms in the house (桂花轩的客人走了: 桂花轩,
    which is no number the sentence holds). Never an ID number's or a phone's digits."""
    said = without_phones(without_resident_ids(text))
    found: list[tuple[int, str]] = []
    # The longest first: 东间 inside 二楼东间 is not a room of its own there.
    for name in sorted({r for r in rooms if is_room_name(r)}, key=len, reverse=True):
        for at in re.finditer(re.escape(name), said):
            found.append((at.start(), name))
        said = said.replace(name, _FOUND * len(name))
    for word in _ROOM_SAID.finditer(said):
        try:
            found.append((word.start(), parse_room(word.group())))
        except Invalid:
            continue
    return list(dict.fromkeys(room for _, room in sorted(found)))
