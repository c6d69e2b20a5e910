"""An owner asking to stop the alerts is told why their place's alerts go on, and what to do,
in one answer (退订 had told them to 订阅, and the alerts went on)."""

from __future__ import annotations

import pytest

from tests.support.chat import Chat


@pytest.mark.parametrize("said", ["不想再收到通知了", "/退订", "退订"])
async def test_an_owner_is_told_their_place_s_alerts_cannot_be_unsubscribed(
    owner_chat: Chat, said: str
) -> None:
    told = await owner_chat.say(said)
    assert "场所负责人（平安旅馆）收到的通报" in told and "不能退订" in told
    assert "阅后点「收到」即可" in told and "「解绑」" in told and "群里的通报" in told
    assert "订阅" not in told.replace("退订", "")  # no invitation to subscribe to more
    assert owner_chat.buttons() == []  # an answer, not an offer to press


async def test_a_landlord_is_told_so_of_their_rented_house(landlord_chat: Chat) -> None:
    told = await landlord_chat.say("不想再收到通知了")
    assert "场所负责人（和平里5号）" in told and "不能退订" in told


async def test_an_owner_s_own_subscription_goes_and_the_place_s_alerts_are_explained(
    owner_chat: Chat,
) -> None:
    assert "已订阅「一号警务区」" in await owner_chat.say("/订阅 一号警务区")
    told = await owner_chat.say("不想再收到通知了")
    assert told.startswith("已退订公开警情提示。") and "不能退订" in told
    again = await owner_chat.say("/退订")
    assert "已退订" not in again and "不能退订" in again


async def test_a_resident_unsubscribes_as_before(resident_chat: Chat) -> None:
    assert "您没有订阅警情提示" in await resident_chat.say("/退订")
    await resident_chat.say("不想再收到通知了")
    assert resident_chat.buttons() == ["/退订"]
