"""A code sent by itself: a tip's query code, a report number or a binding code, told apart
by which of them exists."""

from __future__ import annotations

import pytest

from bot.context import Services
from bot.dispatch import Dispatcher
from handlers.tips import codes
from storage.models import Role
from tests.handlers.tips.support import code_in, submit_tip
from tests.support.chat import Chat
from tests.support.seed import Seeded, invite


async def test_a_query_code_cut_to_eight_characters_shows_the_sender_s_tip(
    dispatcher: Dispatcher, seeded: Seeded
) -> None:
    """MNNPKRM6, the first two groups of a tip's code, had been offered as an invite code."""
    tipster = Chat(dispatcher, "resident-1")
    code = code_in(await submit_tip(tipster, "菜市场东门每天下午有人设赌局"))
    cut = code.replace("-", "")[:8]
    shown = await tipster.say(cut)
    assert shown == await tipster.say(f"查询 {code}")
    assert "邀请码" not in shown and not any(b.startswith("/绑定") for b in tipster.buttons())


async def test_a_query_code_without_a_digit_shows_its_tip(
    dispatcher: Dispatcher, seeded: Seeded, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A code of letters only had got 没有理解: a digit was what told a code from a word."""
    monkeypatch.setattr(codes, "new_code", lambda: "MNNPKRMXABCD")
    tipster = Chat(dispatcher, "resident-1")
    await submit_tip(tipster, "菜市场东门每天下午有人设赌局")
    shown = await tipster.say("MNNP-KRMX-ABCD")
    assert "您的举报（涉赌" in shown and "没有理解" not in shown


async def test_an_invite_code_is_still_offered_for_binding(
    dispatcher: Dispatcher, services: Services, seeded: Seeded
) -> None:
    code = await invite(services, role=Role.OWNER, venue_id=seeded.hotel.id)
    tipster = Chat(dispatcher, "resident-1")
    await submit_tip(tipster, "菜市场东门每天下午有人设赌局")
    assert "邀请码" in await tipster.say(code.replace("-", ""))
    assert tipster.buttons() == [f"/绑定 {code}"]


async def test_a_code_that_exists_nowhere_says_what_each_code_looks_like(
    resident_chat: Chat,
) -> None:
    """Its offer to bind had only said, once tapped, 邀请码不正确."""
    reply = await resident_chat.say("MNNPKRM6")
    assert "没有找到这个编码" in reply and "共12位" in reply
    assert resident_chat.buttons() == []
