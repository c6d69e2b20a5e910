"""A sentence that names a feature: offered as a button, or done at once when it only
shows something (or starts a form, which asks before it keeps anything)."""

from __future__ import annotations

import pytest

from tests.support.chat import Chat


@pytest.mark.parametrize("said", ["不想再收到通知了", "别再给我发消息了", "以后不要再推送了"])
async def test_asking_to_stop_messages_is_offered_the_unsubscribe(
    resident_chat: Chat, said: str
) -> None:
    """不想再收到通知了 had been offered 「收到」, an acknowledgement, the opposite of what it
    asks; 别再给我发消息了 had got 没有理解."""
    reply = await resident_chat.say(said)
    assert resident_chat.buttons() == ["/退订"], reply
    assert "收到" not in resident_chat.buttons()


async def test_a_negated_feature_word_is_not_offered(owner_chat: Chat) -> None:
    """不想再收到 …: a feature named after 不想再 is the one not wanted."""
    await owner_chat.say("不想再收到这些了")
    assert "/收到" not in owner_chat.buttons()


async def test_an_officer_asking_who_has_not_acknowledged_is_shown_it(officer_chat: Chat) -> None:
    """谁还没确认通报 had been asked 您是想用「通报状态」吗？ for a list that changes nothing."""
    shown = await officer_chat.say("谁还没确认通报")
    assert "您是想用" not in shown
    assert shown == await officer_chat.say("/通报状态")


async def test_an_owner_asking_for_the_guests_in_is_shown_them(owner_chat: Chat) -> None:
    shown = await owner_chat.say("在住旅客名单")
    assert "您是想用" not in shown
    assert shown == await owner_chat.say("/在住旅客")


async def test_a_landlord_saying_they_want_to_register_a_tenant_starts_the_form(
    landlord_chat: Chat,
) -> None:
    """我要登记租客: the form starts (it asks before keeping anything), no button first."""
    started = await landlord_chat.say("我要登记租客")
    assert "您是想用" not in started
    await landlord_chat.say("取消")
    assert started == await landlord_chat.say("/登记租客")


async def test_a_message_in_english_is_asked_for_in_chinese(resident_chat: Chat) -> None:
    """Hello, my landlord won't return my deposit… had got 没有找到…法律条文, unreadable to
    the one who asked."""
    reply = await resident_chat.say("Hello, my landlord won't return my deposit, what can I do?")
    assert "请用中文" in reply and "Please write in Chinese" in reply and "110" in reply


@pytest.mark.parametrize("said", ["京A12345的车堵在门口", "我要help", "帮助"])
async def test_chinese_with_a_few_latin_letters_is_read_as_before(
    resident_chat: Chat, said: str
) -> None:
    assert "Please write in Chinese" not in await resident_chat.say(said)


async def test_a_pasted_report_number_alone_shows_its_progress(resident_chat: Chat) -> None:
    """B20261130-23HREY alone had got 没有理解, though the receipt says 请记下查询码."""
    number = "B20261130-23HREY"
    assert await resident_chat.say(number) == await resident_chat.say(f"查询 {number}")
    assert "没有理解" not in await resident_chat.say(number)


async def test_a_pasted_query_code_alone_shows_its_progress(resident_chat: Chat) -> None:
    code = "AKKP-PM43-ZMG4"
    assert await resident_chat.say(code) == await resident_chat.say(f"查询 {code}")
    assert "没有理解" not in await resident_chat.say(code)


async def test_an_officer_pasting_a_report_number_is_shown_the_report(officer_chat: Chat) -> None:
    number = "B20261130-23HREY"
    assert await officer_chat.say(number) == await officer_chat.say(f"/报案 {number}")
