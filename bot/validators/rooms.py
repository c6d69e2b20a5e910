"""Room numbers: 302, A-1205, 3栋2单元502, 3楼302.

A room is stored as up to 10 digits, letters and dashes. Chinese words people add are turned
into that form: building and unit words become dashes (3栋2单元502 -> 3-2-502), a floor that
the room number already starts with is dropped (3楼302 -> 302), and 室/房/号 go.
"""

from __future__ import annotations

import re

from bot.validators.errors import Invalid
from bot.validators.normalize import squeeze
from bot.validators.numerals import arabize

MAX_LENGTH = 10

_PREFIX = re.compile(r"^(?:房间号?|房号|ROOM|NO\.)[:-]?(?=.)")
_SUFFIX = re.compile(r"(?:号房间|号房|房间|室|房|号)$")
_DASHES = re.compile(r"[#/_.\u2010-\u2015\u2212]")
_BUILDING = re.compile(r"号楼|楼栋|栋|幢|座|单元")
_FLOOR = re.compile(r"(\d{1,3})(?:楼|层)")

EMPTY = "没有收到房间号，请输入房间号，例如 302 或 A-1205"
CHARACTERS = "房间号只能包含数字、字母和“-”，例如 302 或 A-1205（写房号，不写“大床房”等房型）"
TOO_LONG = f"房间号最多{MAX_LENGTH}位，例如 302 或 A-1205，请精简后重新输入"
FLOOR_ONLY = "请写到具体房间，例如 302"
PHONE = "这像是电话号码，不是房间号。请输入房间号，例如 302 或 A-1205"

#: 3O2: the letter O typed between digits, for the 0 beside it on a phone's keyboard. No
#: room is numbered so; read as 0, it finds 302 again (退房 302), where 3O2 had not.
_LETTER_O = re.compile(r"(?<=\d)O+(?=\d)")

#: 0371-6666 (8888 said after a space), 13812345678: a phone number typed at the room.
_PHONE = re.compile(r"0\d{2,3}-\d{4,8}|1[3-9]\d{9}|0\d{9,11}")


def parse_room(text: str) -> str:
    """Parse a room number and return it upper-cased, e.g. "a-1205" -> "A-1205"."""
    room = _LETTER_O.sub(lambda found: "0" * len(found[0]), arabize(squeeze(text).upper()))
    room = _SUFFIX.sub("", _PREFIX.sub("", room))
    room = _BUILDING.sub("-", _DASHES.sub("-", room))
    if floor := _FLOOR.search(room):
        room = room[: floor.start()] + _join_floor(floor.group(1), room[floor.end() :])
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


def reads_letter_o(text: str) -> bool:
    """Whether `parse_room` read a letter O in `text` as 0 (3O2 as 302): worth saying."""
    return bool(_LETTER_O.search(arabize(squeeze(text).upper())))


def _join_floor(floor: str, rest: str) -> str:
    rest = rest.lstrip("-")
    if not rest:
        raise Invalid(FLOOR_ONLY)
    return rest if rest.startswith(floor) else f"{floor}-{rest}"
