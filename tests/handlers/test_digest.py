"""`/日报`: the digest on demand, with what today has brought so far."""

from __future__ import annotations

from datetime import timedelta

from bot.context import Services
from bot.dispatch import Dispatcher
from tests.handlers.test_hits import REGISTER_WANTED
from tests.support.admin import bound_admin
from tests.support.beat_data import store, watch_hit
from tests.support.chat import Chat, text_of
from tests.support.clock import FakeClock
from tests.support.seed import Seeded


async def test_a_digest_asked_for_during_the_day_shows_todays_hits(
    officer_chat: Chat, services: Services, seeded: Seeded, clock: FakeClock
) -> None:
    assert seeded.hotel.id is not None
    await store(services, watch_hit(seeded, seeded.hotel.id, clock.now - timedelta(hours=1)))
    clock.advance(hours=8)  # 18:00 in Shanghai
    digest = await officer_chat.say("/日报")
    assert "【比中】今天 1 次（截至 18:00）\n" in digest  # not 昨日 0 次
    assert "#1 平安旅馆（证件号码一致，今天 09:00）" in digest


async def test_an_officer_asking_for_the_morning_message_is_offered_the_digest(
    officer_chat: Chat,
) -> None:
    """晨报 got 没有理解 and 今天有什么事 a search of the statutes that found nothing."""
    for said in ("晨报", "发一下今天的早报"):
        assert "您是想用「日报」" in await officer_chat.say(said), said
        assert officer_chat.buttons() == ["/日报"], said
    # Asked, it is shown: 您是想用「日报」吗？ had been a tap to read what was asked.
    assert await officer_chat.say("今天有什么事") == await officer_chat.say("/日报")


async def test_the_morning_message_called_a_briefing_or_a_report_is_offered(
    officer_chat: Chat,
) -> None:
    """今天早上的简报发我一下 got 抱歉，我没有理解, though 早报 was offered the digest."""
    for said in ("今天早上的简报发我一下", "简报", "晨报", "今天的日报", "早上的报告发一下"):
        assert "您是想用「日报」" in await officer_chat.say(said), said
        assert officer_chat.buttons() == ["/日报"], said


async def test_a_hit_of_a_card_closed_since_is_not_presented_as_work(
    officer_chat: Chat, services: Services, seeded: Seeded, clock: FakeClock
) -> None:
    """A revoked card's hit was listed as any other: the officer set out to check a person
    nobody is looking for. It stays counted (the officer had its alert), said as closed,
    after the hits still to check."""
    assert seeded.hotel.id is not None and seeded.wanted.id is not None
    hit = watch_hit(seeded, seeded.hotel.id, clock.now - timedelta(hours=1))
    await store(services, hit, watch_hit(seeded, seeded.hotel.id, clock.now))
    await officer_chat.say(f"/通缉 撤销 {seeded.wanted.id} 重复录入")
    clock.advance(hours=8)
    digest = await officer_chat.say("/日报")
    assert "【比中】今天 2 次（截至 18:00）" in digest
    assert "#1 平安旅馆（证件号码一致，今天 09:00，通缉已撤销，无需核查）" in digest
    assert digest.index("#2 平安旅馆") < digest.index("#1 平安旅馆")


async def test_a_hit_says_whether_it_is_checked(
    officer_chat: Chat, owner_chat: Chat, clock: FakeClock
) -> None:
    """A hit already checked (/完成 of its check task) read as one still to go out for."""
    await owner_chat.say_all(*REGISTER_WANTED)
    assert "#1 平安旅馆（证件号码一致，今天 10:00，待核查）" in await officer_chat.say("/日报")
    await officer_chat.say("/完成 1 已到场核实，人已带回")
    assert "#1 平安旅馆（证件号码一致，今天 10:00，已核查）" in await officer_chat.say("/日报")


async def test_another_days_digest_says_only_todays_is_shown(officer_chat: Chat) -> None:
    """/日报 昨天 showed today's digest as if it were yesterday's."""
    reply = await officer_chat.say("/日报 昨天")
    assert "只能查看今天的警务日报，「昨天」的无法查看" in reply and "警务日报" in reply
    assert "无法查看" not in await officer_chat.say("/日报 今天")


async def test_the_station_admin_reads_every_beats_digest_or_one(
    services: Services, dispatcher: Dispatcher, seeded: Seeded, clock: FakeClock
) -> None:
    """The 所长 has no beat, and /日报 said 「您未分配警务区，暂无警务日报。」"""
    assert seeded.hotel.id is not None
    await store(services, watch_hit(seeded, seeded.hotel.id, clock.now - timedelta(hours=1)))
    chief = await bound_admin(services, dispatcher)
    replies = [text_of(r) for r in await chief.send("/日报")]
    assert replies[0].startswith("全所警务日报：共 2 个警务区"), replies
    assert "「/日报 一号警务区」" in replies[0]
    assert replies[1].startswith("📋 一号警务区 警务日报") and "#1 平安旅馆" in replies[1]
    assert replies[2].startswith("📋 二号警务区 警务日报") and "平安旅馆" not in replies[2]
    one = await chief.say("/日报 二号")
    assert one.startswith("📋 二号警务区 警务日报") and "一号警务区" not in one
    unknown = await chief.say("/日报 九号")
    assert "没有找到「九号」警务区" in unknown and "一号警务区、二号警务区" in unknown
