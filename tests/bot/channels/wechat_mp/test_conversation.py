"""The shared conversation over genuine safe-mode callbacks."""

from __future__ import annotations

from aiohttp import web

from bot.app import SERVICES
from tests.bot.channels import conversation
from tests.fakes.wechat_server import MpServer
from tests.support.seed import Seeded


async def test_owner_registers_a_guest(
    mp: MpServer, seeded_mp: Seeded, app: web.Application
) -> None:
    await conversation.guest_registration(mp, app[SERVICES])


async def test_unknown_message_gets_the_fallback(mp: MpServer, seeded_mp: Seeded) -> None:
    await conversation.unknown_message(mp)


async def test_legal_question(mp: MpServer, seeded_mp: Seeded) -> None:
    await conversation.legal_question(mp)
