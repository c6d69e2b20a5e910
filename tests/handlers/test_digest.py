"""`/日报`: the digest on demand, with what today has brought so far."""

from __future__ import annotations

from datetime import timedelta

from bot.context import Services
from tests.support.beat_data import store, watch_hit
from tests.support.chat import Chat
from tests.support.clock import FakeClock
from tests.support.seed import Seeded


async def test_a_digest_asked_for_during_the_day_shows_todays_hits(
    officer_chat: Chat, services: Services, seeded: Seeded, clock: FakeClock
) -> None:
    assert seeded.hotel.id is not None
    await store(services, watch_hit(seeded, seeded.hotel.id, clock.now - timedelta(hours=1)))
    clock.advance(hours=8)  # 18:00 in Shanghai
    digest = await officer_chat.say("/日报")
    assert "【比中】昨日 0 次，今日截至18:00 1 次" in digest
    assert "#1 平安旅馆（强比中，今日09:00）" in digest


async def test_an_officer_asking_for_the_morning_message_is_offered_the_digest(
    officer_chat: Chat,
) -> None:
    """晨报 got 没有理解 and 今天有什么事 a search of the statutes that found nothing."""
    for said in ("晨报", "今天有什么事", "发一下今天的早报"):
        assert "您是想「日报」吗" in await officer_chat.say(said), said
        assert officer_chat.buttons() == ["/日报"], said
