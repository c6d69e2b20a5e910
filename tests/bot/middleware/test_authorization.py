"""Refusals name a way forward that fits who is refused."""

from __future__ import annotations

from tests.support.chat import Chat


async def test_an_officer_refused_an_owners_feature_is_not_told_to_ask_an_officer(
    officer_chat: Chat, resident_chat: Chat
) -> None:
    refusal = await officer_chat.say("登记")
    assert "场所负责人" in refusal and "帮助" in refusal
    assert "索取邀请码" not in refusal
    assert "请向社区民警索取邀请码" in await resident_chat.say("登记")
