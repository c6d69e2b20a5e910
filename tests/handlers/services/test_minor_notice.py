"""A minor checked in with no guardian staying is told to the beat's officers, masked."""

from __future__ import annotations

from datetime import date

import pytest

from bot import codec
from bot.context import Services
from bot.messages import Choices
from bot.validators.idcard import build_resident_id
from handlers.services.minor_notice import has_guardian_staying
from tests.support.chat import Chat
from tests.support.outbox import opened, queued, texts_to

# The suite's clock stands at 2026-11-23: born 2012-06-01 is fourteen.
MINOR = build_resident_id("110105", date(2012, 6, 1), 311)


def _registration(check_in: str, phone: str, relation: str) -> tuple[str, ...]:
    return ("登记", "李小华", "身份证", MINOR, "跳过", "308", check_in, "跳过", phone, relation)


async def test_a_child_checked_in_alone_at_night_is_told_to_the_officer(
    owner_chat: Chat, officer_chat: Chat, services: Services
) -> None:
    """A 14-year-old checked in alone at 02:15: only the owner's receipt said 👦 未成年旅客,
    and the officer heard nothing."""
    receipt = await owner_chat.say_all(*_registration("02:15", "13900001111", "一个人"), "确认")
    assert "旅客登记成功" in receipt
    [told] = await texts_to(services, "officer")
    assert "🧒 未成年人入住，无监护人同住（夜间）" in told
    assert "场所：平安旅馆（房间 308）" in told and "14岁" in told and "02:15" in told
    assert "同住：独自；监护人电话 139****1111" in told
    # Masked: the name and the phone are in the audited list, not in a pushed message.
    assert "李小华" not in told and "13900001111" not in told and MINOR not in told
    [row] = await queued(services, "officer")
    [choices] = codec.loads(opened(row))
    assert isinstance(choices, Choices)
    listing = await officer_chat.say(choices.buttons[0].value)
    assert "（未成年，监护人 139****1111，同住 独自）" in listing and "13900001111" not in listing


async def test_a_child_with_a_friend_is_told_too(owner_chat: Chat, services: Services) -> None:
    await owner_chat.say_all(*_registration("现在", "13900001111", "男朋友"), "确认")
    [told] = await texts_to(services, "officer")
    assert "无监护人同住" in told and "同住：男朋友" in told and "（夜间）" not in told


async def test_a_child_with_a_parent_is_not_told(owner_chat: Chat, services: Services) -> None:
    await owner_chat.say_all(*_registration("现在", "13900001111", "他妈妈"), "确认")
    assert await texts_to(services, "officer") == []


async def test_a_guardian_who_cannot_be_reached_is_told_once(
    owner_chat: Chat, services: Services
) -> None:
    await owner_chat.say_all(*_registration("现在", "联系不上", "一个人"), "确认")
    [told] = await texts_to(services, "officer")
    assert "监护人联系不上" in told


@pytest.mark.parametrize(
    ("relation", "guardian"),
    [("他妈妈", True), ("父母", True), ("外婆", True), ("独自", False), ("同学", False)],
)
def test_who_is_a_guardian(relation: str, guardian: bool) -> None:
    assert has_guardian_staying(relation) is guardian


@pytest.mark.parametrize(
    ("check_in", "shown"), [("02:15", "入住 今天 02:15"), ("昨天23:30", "入住 昨天 23:30")]
)
async def test_a_check_in_of_today_says_today(
    owner_chat: Chat, services: Services, check_in: str, shown: str
) -> None:
    """The notice, sent as the minor is registered, had read 入住 11-23 02:15 on the day
    itself, as if it were another day; one of the day before had read 入住 11-22 23:30,
    its day to be worked out."""
    await owner_chat.say_all(*_registration(check_in, "13900001111", "一个人"), "确认")
    [told] = await texts_to(services, "officer")
    assert shown in told
