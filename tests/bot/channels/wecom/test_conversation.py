"""The shared conversation over genuine WeCom callbacks, and a reply of picture and options."""

from __future__ import annotations

from aiohttp import web

from bot.app import MEDIA, SERVICES
from handlers.wanted.images import card_image
from tests.bot.channels import conversation
from tests.bot.channels.wecom.support import sent_after
from tests.fakes.wechat_api import FakeWeixinApi
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


async def test_a_wanted_cards_options_come_under_its_picture(
    wecom: WecomServer, seeded_wecom: Seeded, app: web.Application, fake_api: FakeWeixinApi
) -> None:
    """`/通缉 1` answers with the card's picture and then its options. A passive reply holds
    one message and cannot carry the picture, so all of it goes as app messages, in order:
    the picture, then its caption and options (before, the options came in the passive
    reply, above the picture, and the caption after it)."""
    services = app[SERVICES]
    # Drawn beforehand, so the answer is quick enough to be a passive one.
    card = await card_image(services, seeded_wecom.wanted)
    number = seeded_wecom.wanted.id
    wecom.user = "officer"
    answer = await wecom.send(wecom.text(f"/通缉 {number}"))
    assert answer.status == 200 and answer.text == ""
    picture, options = await sent_after(app, fake_api, 0, 2)
    assert picture["msgtype"] == "image" and fake_api.uploads == [app[MEDIA].get(card)]
    text = options["text"]["content"]
    assert text.startswith(f"TJ-{number:04d} 甲某某（内部）\n\n状态：在逃")
    assert "1. 锁屏版" in text
