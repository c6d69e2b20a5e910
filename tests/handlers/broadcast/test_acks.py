"""Acknowledging an alert in the words people type, over the real dispatcher."""

from __future__ import annotations

import re

import pytest

from bot.context import Services
from handlers.broadcast.acks import acknowledges
from tests.handlers.broadcast.conftest import Area, RecordingChannel, compose, worker
from tests.support.chat import Chat


async def _sent(officer: Chat, services: Services) -> int:
    draft = await compose(
        officer, "明天上午9点社区开展消防演练。", "现在发送", "跳过", "消防", "重要", "旅馆", "确认"
    )
    found = re.search(r"通报#(\d+)（发送中）", draft)  # the form's 确认 sends it
    assert found, draft
    await worker(services, RecordingChannel()).run_once()
    return int(found[1])


@pytest.mark.parametrize("typed", ["1", "１", "1️⃣", "11"])
async def test_a_one_acknowledges_an_alert_waiting(
    typed: str, officer_chat: Chat, owner_chat: Chat, area: Area, services: Services
) -> None:
    """收到请回复1: owners answer a notice with 1, and got 没有理解 while the officer kept
    seeing them as unread."""
    number = await _sent(officer_chat, services)
    assert f"已确认收到通报#{number}" in await owner_chat.say(typed)
    assert "已确认收到 1/" in await officer_chat.say(f"/通报状态 {number}")


async def test_a_one_with_nothing_to_acknowledge_is_not_taken_for_one(
    owner_chat: Chat, area: Area
) -> None:
    answer = await owner_chat.say("1")
    assert "已确认" not in answer and "没有找到需要确认的通报" not in answer


async def test_an_alert_acknowledged_twice_reads_the_same_however_it_is_said(
    officer_chat: Chat, owner_chat: Chat, area: Area, services: Services
) -> None:
    """已收到 answered 「您已确认过通报#5，谢谢。」 and 收到，谢谢 the same with the title."""
    number = await _sent(officer_chat, services)
    assert f"已确认收到通报#{number}" in await owner_chat.say("收到")
    said = [await owner_chat.say(typed) for typed in ("已收到", "收到，谢谢", f"收到 {number}")]
    assert said == [f"您已确认过通报#{number}「明天上午9点社区开展消防演练」，谢谢。"] * 3


async def test_a_wrong_number_names_the_alert_still_waiting(
    officer_chat: Chat, owner_chat: Chat, area: Area, services: Services
) -> None:
    """收到 5 with no alert #5 said 没有找到需要确认的通报, while #N waited unacknowledged."""
    number = await _sent(officer_chat, services)
    answer = await owner_chat.say(f"收到 {number + 40}")
    assert f"没有找到通报#{number + 40}" in answer
    assert f"待确认的通报是#{number}「明天上午9点社区开展消防演练」" in answer
    [button] = owner_chat.buttons()
    assert f"已确认收到通报#{number}" in await owner_chat.say(button)


async def test_a_subscribed_residents_ok_or_one_acknowledges_no_public_alert(
    officer_chat: Chat, resident_chat: Chat, area: Area, services: Services
) -> None:
    """好的知道了 from a subscriber had read 「✅ 已确认收到通报#3…」 and written a read
    receipt, and a bare 1 had acknowledged two: public alerts ask for none."""
    await resident_chat.say("/订阅 一号警务区")
    await compose(officer_chat, "今晚注意电信诈骗\n凡要求转账的一律是诈骗。", "现在发送", "跳过")
    summary = await officer_chat.say_all("防诈", "一般", "本警务区+订阅群众", "确认")
    number = re.search(r"通报#(\d+)", summary)
    assert number, summary
    await officer_chat.say(f"/通报发送 {number[1]}")
    await worker(services, RecordingChannel()).run_once()
    for typed in ("好的知道了", "1"):
        assert "已确认" not in await resident_chat.say(typed)
    assert "已确认收到 0/" in await officer_chat.say(f"/通报状态 {number[1]}")


@pytest.mark.parametrize(
    "said",
    ["收到", "收到了", "好的收到", "已收到", "收到👌", "好的，收到", "收到 3", "收到了谢谢",
     "已收到，会转告员工的", "嗯嗯收到", "收到，马上通知员工"],
)  # fmt: skip
def test_a_short_acknowledgement_acknowledges(said: str) -> None:
    assert acknowledges(said)


@pytest.mark.parametrize(
    "said",
    [
        "收到短信说我医保卡被冻结了，让点链接解冻，是真的吗",
        "收到一个电话，说是派出所的，要我把旅客信息发给他，是真的吗",
        "我收到快递了",
        "收到快递",
        "收到，是真的吗",
        "收到 我们这里有个可疑的人 要不要报警",
        "收到的通报",
    ],
)
def test_telling_or_asking_after_the_word_is_no_acknowledgement(said: str) -> None:
    """收到短信说… tells what came: it had been offered 「收到」, the alert's button."""
    assert not acknowledges(said)


async def test_more_said_after_received_is_answered_as_its_own_message(
    officer_chat: Chat, owner_chat: Chat, area: Area, services: Services
) -> None:
    """收到了 谢谢警官 另外302那个客人明天才走 got only 「✅ 已确认收到…」: the guest's
    longer stay was dropped without a word."""
    number = await _sent(officer_chat, services)
    said = await owner_chat.say("收到了 谢谢警官 另外302那个客人明天才走")
    assert f"✅ 已确认收到通报#{number}" in said, said
    assert "您是想用「续住 302 明天」" in said, said
    assert owner_chat.buttons() == ["/续住 302 明天"]
    assert "已确认收到 1/" in await officer_chat.say(f"/通报状态 {number}")
