"""Record numbers: what an officer types back from a list."""

from __future__ import annotations

import pytest

from bot.dispatch import SORRY, Dispatcher
from handlers.services.numbers import MAX_ID, plate_number, record_number
from tests.support.chat import Chat
from tests.support.seed import Seeded


@pytest.mark.parametrize(
    ("typed", "expected"),
    [("12", 12), ("#12", 12), ("＃12", 12), (" 7 ", 7), (str(MAX_ID), MAX_ID)],
)
def test_numbers_read(typed: str, expected: int) -> None:
    assert record_number(typed) == expected


@pytest.mark.parametrize(
    "typed", ["", "0", "-3", "1.5", "零", "一百零五", "十二三", "²", str(MAX_ID + 1), "9" * 30]
)
def test_not_record_numbers(typed: str) -> None:
    assert record_number(typed) is None


@pytest.mark.parametrize(("typed", "expected"), [("二", 2), ("十二", 12), ("第三", 3), ("五号", 5)])
def test_numbers_said_in_words(typed: str, expected: int) -> None:
    """完成 二, 催读 二: voice input writes numbers in words, and got 请写明编号."""
    assert record_number(typed) == expected


def test_prefixes() -> None:
    assert record_number("TJ-0003", "TJ-", "TJ") == 3
    assert record_number("t12", "T") == 12


HUGE = "9" * 20
COMMANDS = [
    f"/完成 {HUGE}",
    f"/催读 {HUGE}",
    f"/撤回 {HUGE}",
    f"/更正 {HUGE} 新的内容在这里",
    f"/通报状态 {HUGE}",
    f"/审核 {HUGE}",
    f"/场所 {HUGE}",
    f"/命中 {HUGE}",
    f"/线索 {HUGE}",
    f"/通缉 {HUGE}",
    f"/通缉 记录 {HUGE}",
    f"/报案状态 {HUGE} 已受理",
    f"/门牌 {HUGE}",
    f"/风险 {HUGE} 红 测试",
    f"/任务 新增 巡查 {HUGE}",
]


@pytest.mark.parametrize("command", COMMANDS)
async def test_a_number_too_large_for_any_record_is_answered_not_an_error(
    dispatcher: Dispatcher, seeded: Seeded, command: str
) -> None:
    reply = await Chat(dispatcher, "officer").say(command)
    assert reply and SORRY not in reply


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("100001", "100001"),
        ("10000l", "100001"),
        ("10000I", "100001"),
        ("2OO001", "200001"),
        ("2oo001", "200001"),
        ("２０００01", "200001"),
        (" 200 001 ", "200001"),
    ],
)
def test_plate_numbers_with_letters_typed_for_digits(typed: str, expected: str) -> None:
    assert plate_number(typed) == expected


@pytest.mark.parametrize("typed", ["10001", "1000011", "lOlOlO", "张三李四王五", "10000x", ""])
def test_not_plate_numbers(typed: str) -> None:
    assert plate_number(typed) is None
