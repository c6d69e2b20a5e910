"""The shared conversation over genuine WeCom callbacks."""

from __future__ import annotations

from aiohttp import web

from bot.app import SERVICES
from tests.bot.channels import conversation
from tests.fakes.wechat_server import WecomServer
from tests.support.seed import Seeded


async def test_owner_registers_a_guest(
    wecom: WecomServer, seeded_wecom: Seeded, app: web.Application
) -> None:
    await conversation.guest_registration(wecom, app[SERVICES])


async def test_unknown_message_gets_the_fallback(wecom: WecomServer, seeded_wecom: Seeded) -> None:
    await conversation.unknown_message(wecom)


async def test_legal_question(wecom: WecomServer, seeded_wecom: Seeded) -> None:
    await conversation.legal_question(wecom)


async def test_passive_reply_is_addressed_and_signed_for_the_app(
    wecom: WecomServer, seeded_wecom: Seeded
) -> None:
    answer = await wecom.send(wecom.text("帮助"))
    assert answer.reply["ToUserName"] == "owner"
    assert answer.reply["FromUserName"] == "ww-station"
    assert answer.reply["AgentID"] == "1000002"
    assert "/登记" in answer.text
