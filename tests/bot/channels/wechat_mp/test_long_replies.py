"""Replies longer than the reply window has left: shortened to fit, never dropped whole.

Before, a reply that needed more customer-service messages than the window had left was
refused whole and failed for good: the user got nothing at all."""

from __future__ import annotations

from typing import Any

import pytest
from aiohttp import web
from sqlmodel import select

from bot.app import CHANNELS, DELIVERY, MEDIA, SERVICES
from bot.channels.base import DeliveryError
from bot.channels.wechat_mp.channel import WechatMpChannel
from bot.messages import Image, Reply, Text
from handlers.services.personal import NAME
from storage.models import OutboxMessage, OutboxStatus, Visibility, WantedPerson
from storage.outbox import replies_of
from tests.bot.channels.wechat_mp.support import SEND, content, queue, sent_after
from tests.fakes.wechat_api import FakeWeixinApi
from tests.fakes.wechat_server import MpServer
from tests.support.seed import Seeded

MORE = "请回复「更多」查看。"


@pytest.fixture
def mp_section(mp_section: dict[str, Any]) -> dict[str, Any]:
    # No time for the handlers: every answer goes through the customer-service API.
    return mp_section | {"reply_seconds": 0}


async def three_public_cards(app: web.Application, seeded: Seeded) -> None:
    services = app[SERVICES]
    async with services.sessions() as session:
        seeded.wanted.visibility = Visibility.PUBLIC
        session.add(seeded.wanted)
        for name in ("乙某某", "丙某某"):
            session.add(
                WantedPerson(
                    name=name,
                    name_idx=services.blind_index(name, NAME),
                    case_summary="诈骗案",
                    visibility=Visibility.PUBLIC,
                )
            )
        await session.commit()


async def test_a_slow_answer_of_three_wanted_cards_reaches_the_user_whole(
    app: web.Application, mp: MpServer, seeded_mp: Seeded, fake_api: FakeWeixinApi
) -> None:
    """协查通缉 with three public cards is a picture and its options each: seven messages in
    order, five allowed. The words come first, in one message, then the three pictures."""
    await three_public_cards(app, seeded_mp)
    await mp.send(mp.text("协查通缉"))
    words, *pictures = await sent_after(app, fake_api, 0, 4)
    assert "目前有 3 份公开的协查通缉" in content(words)
    assert all(name in content(words) for name in ("甲某某", "乙某某", "丙某某"))
    # One sequence of numbers over the three cards, each number under its own card.
    assert [content(words).count(f"{n}. 我见过此人") for n in (1, 2, 3)] == [1, 1, 1]
    assert [p["msgtype"] for p in pictures] == ["image"] * 3
    assert MORE not in content(words)


async def test_a_late_answer_refused_part_way_is_queued_without_what_went_out(
    app: web.Application, mp: MpServer, seeded_mp: Seeded, fake_api: FakeWeixinApi
) -> None:
    """The platform took the words and asked to wait before the pictures: the retry holds
    the three pictures only (it held the whole answer, and the words came twice)."""
    await three_public_cards(app, seeded_mp)
    fake_api.fail_next(SEND, 45009, after=1)
    await mp.send(mp.text("协查通缉"))

    async def queued() -> list[OutboxMessage]:
        async with app[SERVICES].sessions() as session:
            return list((await session.exec(select(OutboxMessage))).all())

    await mp_channel(app).settled()
    [row] = await queued()
    async with app[SERVICES].sessions() as session:
        rest = replies_of(session, row)
    assert [type(r) for r in rest] == [Image] * 3
    assert len(fake_api.sent(SEND)) == 1


def card(app: web.Application, n: int) -> Image:
    """A card as the daily rotation queues it: the picture with its caption."""
    return Image(app[MEDIA].put(b"\x89PNG card %d" % n), f"TJ-000{n} 丁某某（公开）")


async def test_an_outbox_row_longer_than_the_window_sends_what_fits_and_more_shows_the_rest(
    app: web.Application, mp: MpServer, seeded_mp: Seeded, fake_api: FakeWeixinApi
) -> None:
    """Four captioned cards after a lead are nine messages, and the greeting's answer has
    spent one of the five: the lead and the first card go out, the last message says how
    much is left, and the row is done (not retried). 「更多」 then pages through the rest."""
    await mp.send(mp.text("你好"))
    await sent_after(app, fake_api, 0, 1)
    cards = [card(app, n) for n in (1, 2, 3, 4)]
    await queue(app, "cards-1", [Text("今日在逃人员："), *cards])
    await app[DELIVERY].run_once()
    lead, first, note = await sent_after(app, fake_api, 1, 3)
    assert content(lead) == "今日在逃人员："
    assert first["msgtype"] == "image"
    assert content(note) == f"TJ-0001 丁某某（公开）\n\n还有 6 条内容未显示，{MORE}"
    async with app[SERVICES].sessions() as session:
        row = (await session.exec(select(OutboxMessage))).one()
    assert row.status is OutboxStatus.SENT and row.attempts == 0
    await app[DELIVERY].run_once()
    assert len(fake_api.sent(SEND)) == 4  # done: nothing sent again

    # The fourth message the window had left was given back, and only that one.
    await app[CHANNELS]["wechat_mp"].send("owner", [Text("通报")])
    with pytest.raises(DeliveryError):
        await app[CHANNELS]["wechat_mp"].send("owner", [Text("再一条")])

    await mp.send(mp.text("更多"))  # a fresh window: two cards, and the note again
    page = await sent_after(app, fake_api, 5, 4)
    assert [m["msgtype"] for m in page] == ["image", "text", "image", "text"]
    assert content(page[1]) == "TJ-0002 丁某某（公开）"
    assert content(page[3]) == f"TJ-0003 丁某某（公开）\n\n还有 2 条内容未显示，{MORE}"
    await mp.send(mp.text("更多"))
    last = await sent_after(app, fake_api, 9, 2)
    assert content(last[1]) == "TJ-0004 丁某某（公开）"
    assert fake_api.uploads[-1] == b"\x89PNG card 4"
    await mp.send(mp.text("更多"))  # nothing left, and no legal question to page on
    [nothing_left] = await sent_after(app, fake_api, 11, 1)
    assert "没有更多内容了" in content(nothing_left)
    assert "请先发送您想咨询的法律问题" not in content(nothing_left)


async def test_a_row_that_fits_what_is_left_is_sent_whole(
    app: web.Application, mp: MpServer, seeded_mp: Seeded, fake_api: FakeWeixinApi
) -> None:
    await mp.send(mp.text("你好"))
    await sent_after(app, fake_api, 0, 1)
    await queue(app, "cards-2", [Text("今日在逃人员："), card(app, 1)])
    await app[DELIVERY].run_once()
    lead, picture, caption = await sent_after(app, fake_api, 1, 3)
    assert content(lead) == "今日在逃人员："
    assert picture["msgtype"] == "image"
    assert content(caption) == "TJ-0001 丁某某（公开）"


async def test_a_second_shortened_reply_keeps_the_first_ones_rest(
    app: web.Application, mp: MpServer, seeded_mp: Seeded, fake_api: FakeWeixinApi
) -> None:
    """Two rows each too long for the window: the first one's note promised 「更多」, and the
    second replaced its rest. Now 「更多」 shows the oldest rest first and says more is kept."""
    await mp.send(mp.text("你好"))
    await sent_after(app, fake_api, 0, 1)  # its answer out first: it takes one of the five
    await queue(app, "first", [Text("通报一"), card(app, 1), card(app, 2), card(app, 3)])
    await app[DELIVERY].run_once()
    await queue(app, "second", [Text("通报二"), card(app, 4), card(app, 5), card(app, 6)])
    await app[DELIVERY].run_once()
    before = len(fake_api.sent(SEND))
    assert MORE in content(fake_api.sent(SEND)[-1])

    await mp.send(mp.text("更多"))
    page = await sent_after(app, fake_api, before, 4)
    shown = " ".join(content(m) for m in page)
    assert "TJ-0003" in shown and "TJ-0004" not in shown  # the first reply's rest first
    assert content(page[-1]).endswith("还有内容未显示，请再回复「更多」查看。")
    await mp.send(mp.text("更多"))
    page = await sent_after(app, fake_api, before + 4, 4)
    shown = " ".join(content(m) for m in page)
    assert "TJ-0004" in shown  # then the second reply's rest, which had replaced the first


def mp_channel(app: web.Application) -> WechatMpChannel:
    channel = app[CHANNELS]["wechat_mp"]
    assert isinstance(channel, WechatMpChannel)
    return channel


async def refused(app: web.Application, replies: list[Reply]) -> DeliveryError:
    """What the outbox is told when sending `replies` fails (`unsent`: what it retries)."""
    with pytest.raises(DeliveryError) as failure:
        await mp_channel(app).send("owner", replies)
    return failure.value


async def more_shows_the_rest_once(
    app: web.Application, mp: MpServer, fake_api: FakeWeixinApi, before: int
) -> None:
    """「更多」 shows the second and third cards, with no word of another rest kept, and
    a second 「更多」 finds nothing left."""
    await mp.send(mp.text("更多"))
    page = await sent_after(app, fake_api, before, 4)
    assert [content(m) for m in page if m["msgtype"] == "text"] == [
        "TJ-0002 丁某某（公开）",
        "TJ-0003 丁某某（公开）",
    ]
    await mp.send(mp.text("更多"))
    [nothing_left] = await sent_after(app, fake_api, before + 4, 1)
    assert "没有更多内容了" in content(nothing_left)


async def test_a_shortened_reply_refused_before_anything_went_out_keeps_no_rest(
    app: web.Application, mp: MpServer, seeded_mp: Seeded, fake_api: FakeWeixinApi
) -> None:
    """The platform refused the first message: the note promising 「更多」 never went out,
    and the retry shortens the reply again and keeps its own rest. The first rest is taken
    back, or 「更多」 would show the same cards twice."""
    await mp.send(mp.text("你好"))
    await sent_after(app, fake_api, 0, 1)  # four of the window's five messages left
    cards: list[Reply] = [Text("今日在逃人员："), card(app, 1), card(app, 2), card(app, 3)]
    fake_api.fail_next(SEND, -1)  # the platform could not be reached
    failure = await refused(app, cards)
    assert failure.unsent is None and len(fake_api.sent(SEND)) == 1
    await mp_channel(app).send("owner", cards)  # the outbox's retry: the whole reply again
    *_, note = await sent_after(app, fake_api, 1, 3)
    assert content(note).endswith(f"还有 4 条内容未显示，{MORE}")
    await more_shows_the_rest_once(app, mp, fake_api, 4)


async def test_a_retried_part_of_a_shortened_reply_keeps_no_rest_of_its_own(
    app: web.Application, mp: MpServer, seeded_mp: Seeded, fake_api: FakeWeixinApi
) -> None:
    """The lead went out and the platform asked to wait: the retry holds the first card and
    the note, and the window has room for one message. The picture goes, the note waits for
    the next retry; shortening the part again would keep its card as a second rest, shown
    after the cards that come after it."""
    await mp.send(mp.text("你好"))
    await sent_after(app, fake_api, 0, 1)
    fake_api.fail_next(SEND, 45009, after=1)
    cards: list[Reply] = [Text("今日在逃人员："), card(app, 1), card(app, 2), card(app, 3)]
    failure = await refused(app, cards)
    assert failure.unsent is not None
    for notice in ("通报一", "通报二"):  # one message of the window left
        await mp_channel(app).send("owner", [Text(notice)])
    retried = await refused(app, failure.unsent)
    [picture] = await sent_after(app, fake_api, 4, 1)
    assert picture["msgtype"] == "image"
    [waiting] = retried.unsent or []
    assert isinstance(waiting, Text) and waiting.text.endswith(f"还有 4 条内容未显示，{MORE}")
    await more_shows_the_rest_once(app, mp, fake_api, 5)


async def test_a_retried_part_refused_again_keeps_what_was_waiting(
    app: web.Application, mp: MpServer, seeded_mp: Seeded, fake_api: FakeWeixinApi
) -> None:
    """A retried part too long for the window sends what fits and leaves the rest waiting;
    refused part way, the next retry must still hold what was waiting (it held only what
    had been tried, and the note promising 「更多」 was never sent)."""
    await mp.send(mp.text("你好"))
    await sent_after(app, fake_api, 0, 1)
    long_lead = [Text("甲" * 600), Text("乙" * 600)]  # two messages: too long for one
    fake_api.fail_next(SEND, 45009, after=1)
    failure = await refused(app, [*long_lead, card(app, 1), card(app, 2), card(app, 3)])
    assert failure.unsent is not None and len(failure.unsent) == 3  # 乙, picture, note
    await mp_channel(app).send("owner", [Text("通报")])  # two messages of the window left
    fake_api.fail_next(SEND, 45009, after=1)
    retried = await refused(app, failure.unsent)  # 乙 goes out, the picture is refused
    assert content(fake_api.sent(SEND)[-1]) == "乙" * 600
    picture, note = retried.unsent or []
    assert isinstance(picture, Image)
    assert isinstance(note, Text) and note.text.endswith(f"还有 4 条内容未显示，{MORE}")
