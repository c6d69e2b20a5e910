"""/通报状态 N of an alert to several kinds of venue: acknowledgements by kind."""

from __future__ import annotations

import re

from bot.context import Services
from tests.handlers.broadcast.conftest import Area, RecordingChannel, compose, worker
from tests.support.chat import Chat

TEXT = "明天上午9点社区开展消防演练。"


async def _sent(officer: Chat, services: Services, scope: str) -> int:
    draft = await compose(officer, TEXT, "现在发送", "跳过", "消防", "重要", scope, "确认")
    found = re.search(r"通报#(\d+)（发送中）", draft)
    assert found, draft
    await worker(services, RecordingChannel(), RecordingChannel("wecom_robot")).run_once()
    return int(found[1])


async def test_the_status_of_an_alert_to_several_kinds_counts_each_kind(
    officer_chat: Chat, owner_chat: Chat, landlord_chat: Chat, area: Area, services: Services
) -> None:
    """已确认收到 2/4 had not said that the landlords had all read it and most hotels had
    not: one alert to 旅馆 and 出租屋 is one broadcast, its recipients stored with no kind."""
    number = await _sent(officer_chat, services, "旅馆和出租屋")
    await owner_chat.say("收到")
    await landlord_chat.say("收到")
    status = await officer_chat.say(f"/通报状态 {number}")
    assert "已确认收到 2/4（旅馆 1/3，出租屋 1/1）" in status, status

    # One kind: the total says it all.
    single = await _sent(officer_chat, services, "旅馆")
    assert "已确认收到 0/3\n" in await officer_chat.say(f"/通报状态 {single}")


async def test_a_recipient_of_two_kinds_counts_once_in_each(
    officer_chat: Chat, owner_chat: Chat, area: Area, services: Services
) -> None:
    """The hotel owner also runs the shop, and the hotels' group is a third chat: each kind
    counts the chats of that kind once, and never more than the total. The kinds then add
    up to more than the total (4 under 3), which had read as a sum gone wrong: it is said
    why."""
    number = await _sent(officer_chat, services, "旅馆和小商店")
    await owner_chat.say("收到")
    status = await officer_chat.say(f"/通报状态 {number}")
    # Owner (旅馆+小商店), the far hotel's owner and the hotels' group: 3 can acknowledge.
    said = "已确认收到 1/3（旅馆 1/3，小商店 1/1；有负责人同管几类场所，各类分别计入）"
    assert said in status, status
