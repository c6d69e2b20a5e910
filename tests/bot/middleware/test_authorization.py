"""Refusals name a way forward that fits who is refused."""

from __future__ import annotations

from bot.context import Services
from bot.dispatch import Dispatcher
from tests.support.admin import bound_admin
from tests.support.chat import Chat
from tests.support.seed import Seeded


async def test_an_officer_refused_an_owners_feature_is_not_told_to_ask_an_officer(
    officer_chat: Chat, resident_chat: Chat
) -> None:
    refusal = await officer_chat.say("登记")
    assert "场所负责人" in refusal and "帮助" in refusal
    assert "索取邀请码" not in refusal
    assert "请向社区民警索取邀请码" in await resident_chat.say("登记")


async def test_the_station_admin_refused_an_owners_feature_is_pointed_to_their_own(
    services: Services, dispatcher: Dispatcher, seeded: Seeded
) -> None:
    """The 所长 had been told 「您名下的场所无需登记旅客或租客。如有疑问请联系社区民警。」"""
    chief = await bound_admin(services, dispatcher)
    for said in ("/登记", "/退房 302", "/租客"):
        refusal = await chief.say(said)
        assert "该功能供场所负责人使用。您是管理员" in refusal and "/日报" in refusal, refusal
        assert "联系社区民警" not in refusal
