from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.validators import rooms
from bot.validators.errors import Invalid
from bot.validators.rooms import parse_room, parse_room_name, room_of, rooms_in


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("302", "302"),
        (" 302 ", "302"),
        ("３０２", "302"),
        ("a-1205", "A-1205"),
        ("A1205", "A1205"),
        ("A－1205", "A-1205"),
        ("A—1205", "A-1205"),
        ("302室", "302"),
        ("302房", "302"),
        ("302号", "302"),
        ("302号房", "302"),
        ("房间302", "302"),
        ("房号：302", "302"),
        ("Room 302", "302"),
        ("3楼302", "302"),
        ("3层302", "302"),
        ("3F302", "3F302"),
        ("No.302", "302"),
        ("三楼302", "302"),
        ("12楼1205", "1205"),
        ("2楼5", "2-5"),
        ("A栋1205", "A-1205"),
        ("A座12楼1205", "A-1205"),
        ("3号楼302", "3-302"),
        ("3#302", "3-302"),
        ("3栋2单元502", "3-2-502"),
        ("B2-301", "B2-301"),
        ("1", "1"),
        ("1234567890", "1234567890"),
    ],
)
def test_parse_room(typed: str, expected: str) -> None:
    assert parse_room(typed) == expected


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("", rooms.EMPTY),
        ("室", rooms.EMPTY),
        ("--", rooms.EMPTY),
        ("3楼", "「3楼」只写到了楼层，请写上具体房间号，如 301"),
        # The building kept in the example: it had been 请写到具体房间，例如 302.
        ("A栋2楼", "「A栋2楼」只写到了楼层，请写上具体房间号，如 A栋201"),
        # An acknowledgement typed at the room: OK had been kept as a room.
        ("ok", "「ok」不是房间号。请输入客人住的房间号，例如 302 或 A-1205"),
        ("OK！", "「OK」不是房间号。请输入客人住的房间号，例如 302 或 A-1205"),
        ("好的", "「好的」不是房间号。请输入客人住的房间号，例如 302 或 A-1205"),
        ("海景房", rooms.CHARACTERS),
        ("302😀", rooms.CHARACTERS),
        ("302'; DROP TABLE rooms;--", rooms.CHARACTERS),
        ("12345678901", rooms.TOO_LONG),
        # A phone typed at the room: 0371-6666 8888's first half had been stored as a room.
        ("0371-6666", rooms.PHONE),
        ("010-88886666", rooms.PHONE),
        ("13812345678", rooms.PHONE),
        ("1" * 100_000, "输入太长了，请只发送要填写的内容"),
    ],
)
def test_errors(typed: str, expected: str) -> None:
    with pytest.raises(Invalid) as caught:
        parse_room(typed)
    assert caught.value.reason == expected


clean_rooms = st.from_regex(r"[A-Z0-9]{1,4}(-[A-Z0-9]{1,4})?", fullmatch=True)


@given(
    clean_rooms.filter(
        lambda room: (
            not room.startswith("ROOM")
            and not rooms._PHONE.fullmatch(room)
            and not rooms.reads_letter_o(room)
            and not rooms.acknowledges(room)  # OK, YES: typed to agree, never a room
        )
    )
)
def test_clean_rooms_are_kept(room: str) -> None:
    assert parse_room(room) == room
    assert parse_room(room.lower() + "室") == room


def test_the_letter_o_between_digits_is_read_as_zero() -> None:
    """3O2 had been kept as typed, and 退房 302 then found no one."""
    assert parse_room("3O2") == parse_room("3o2") == parse_room("３ｏ２") == "302"
    assert parse_room("A-12O5") == "A-1205" and parse_room("三零二") == "302"
    assert parse_room("O3") == "O3"  # a letter of its own, not between digits


@given(st.text(max_size=300))
def test_arbitrary_text_gives_a_clean_room_or_invalid(text: str) -> None:
    try:
        room = parse_room(text)
    except Invalid as error:
        assert error.reason
    else:
        assert 1 <= len(room) <= rooms.MAX_LENGTH
        assert set(room) <= set("ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-")


def test_a_homestay_room_may_be_a_short_name() -> None:
    assert parse_room_name("桂花轩") == "桂花轩"
    assert parse_room_name("二楼东边那间") == "二楼东边那间"
    assert parse_room_name("3O2房") == "302"
    assert parse_room_name("山景房") == "山景房"
    assert parse_room_name("好运来") == "好运来"
    # A floor, as 二楼东间 is: a homestay without numbers lets one (it had been refused).
    assert parse_room_name("A栋2楼") == "A栋2楼"
    assert parse_room_name("2楼") == "2楼"


@pytest.mark.parametrize(
    ("text", "told"),
    [
        ("没有房号", "写这间房平时的叫法"),
        ("整套", "整套入住的"),
        ("大床房", "不写“大床房”等房型"),
        ("桂花轩！", "不加标点"),
        ("靠近楼梯口的那间朝南的大房间", "最多8个字"),
    ],
)
def test_what_is_no_room_name_is_told_what_to_write(text: str, told: str) -> None:
    with pytest.raises(Invalid, match=told):
        parse_room_name(text)


_NO_ROOMS = ("不知道", "我也不清楚", "等一下", "稍等", "随便吧", "哪间都行", "你好！", "谢谢",
             "不告诉你", "先不填", "ok", "OK", "好的", "收到")  # fmt: skip


@pytest.mark.parametrize("text", _NO_ROOMS)
def test_hesitation_small_talk_and_refusals_are_no_room_name(text: str) -> None:
    with pytest.raises(Invalid, match="不是房间。请写客人住的那一间"):
        parse_room_name(text)


def test_a_room_name_is_found_again_among_the_rooms_in_the_house() -> None:
    assert room_of("桂花轩", ["101", "桂花轩"]) == "桂花轩"
    assert room_of("3O2", ["桂花轩"]) == "302"
    with pytest.raises(Invalid):
        room_of("竹影居", ["桂花轩"])


def test_a_room_s_name_is_found_again_with_the_word_for_a_room_or_where_none_is_in() -> None:
    """退房 桂花轩房; at a homestay a name no guest is in is that room, not a wrong number."""
    assert room_of("桂花轩房", ["桂花轩"]) == "桂花轩"
    assert room_of("竹影居", ["桂花轩"], names=True) == "竹影居"
    with pytest.raises(Invalid, match="不写“大床房”等房型"):
        room_of("大床房", ["桂花轩"], names=True)


def test_rooms_in_a_sentence_are_not_times_counts_or_phones() -> None:
    assert rooms_in("101和203都退房了") == ["101", "203"]
    assert rooms_in("101、203、305的客人走了") == ["101", "203", "305"]
    assert rooms_in("302的客人10点走") == ["302"]
    assert rooms_in("302 电话13812345678") == ["302"]
    assert rooms_in("2个人走了") == []
    assert rooms_in("1号房的客人换到2号房了") == ["1", "2"]


def test_rooms_in_a_sentence_are_found_by_their_names_among_the_rooms_in_the_house() -> None:
    """桂花轩的客人走了 had read no room: only numbers were looked for."""
    house = ["302", "桂花轩", "东间", "二楼东间", "3号院"]
    assert rooms_in("桂花轩的客人走了", house) == ["桂花轩"]
    assert rooms_in("二楼东间和302的客人都走了", house) == ["二楼东间", "302"]
    assert rooms_in("3号院的客人10点走了", house) == ["3号院"]
    assert rooms_in("竹影居的客人走了", house) == []
