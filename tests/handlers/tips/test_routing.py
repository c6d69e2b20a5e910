"""Sightings of a published wanted person also reach the issuer (or, until the wanted list
names one, the station's duty officers); an internal wanted person is never acknowledged."""

from __future__ import annotations

import json

from bot.config import Settings
from bot.context import Services
from bot.dispatch import Dispatcher
from storage.models import VenueOwner, Visibility, WantedPerson
from tests.handlers.tips.support import tips
from tests.support.chat import Chat
from tests.support.media import stored_photo
from tests.support.outbox import texts_to
from tests.support.people import add_second_beat_officer
from tests.support.rich_chat import RichChat
from tests.support.seed import Seeded

SIGHTING = ("跳过", "平安旅馆门口", "刚才", "匿名提交", "确认")


async def _publish(services: Services, seeded: Seeded) -> None:
    async with services.sessions() as session:
        wanted = await session.get(WantedPerson, seeded.wanted.id)
        assert wanted is not None
        wanted.visibility = Visibility.PUBLIC
        session.add(wanted)
        await session.commit()


async def test_sighting_of_a_public_wanted_person_alerts_beat_and_duty_officers(
    dispatcher: Dispatcher, seeded: Seeded, services: Services
) -> None:
    await _publish(services, seeded)
    await add_second_beat_officer(services, seeded)
    resident = Chat(dispatcher, "resident-1")
    reply = await resident.say(f"/举报 在逃 {seeded.wanted.id}")
    assert "感谢您提供协查通缉" in reply and "请描述您看到的情况" in reply  # 类别 prefilled
    await resident.say("穿灰色外套 往菜市场方向走了")
    receipt = await resident.say_all(*SIGHTING)
    assert "举报已收到" in receipt
    [tip] = await tips(services)
    assert tip.wanted_id == seeded.wanted.id and tip.category == "suspicious"
    for officer in ("officer", "officer-2"):
        [alert] = await texts_to(services, officer)
        assert "在逃人员目击线索" in alert and f"在逃人员 TJ-{seeded.wanted.id:04d}" in alert


async def test_internal_wanted_person_is_treated_as_an_ordinary_tip(
    dispatcher: Dispatcher, seeded: Seeded, services: Services
) -> None:
    resident = Chat(dispatcher, "resident-1")
    reply = await resident.say(f"/举报 在逃 {seeded.wanted.id}")
    assert "在逃" not in reply and "请描述您看到的情况" in reply
    await resident.say_all("有人在交易", "涉毒", *SIGHTING)
    [tip] = await tips(services)
    assert tip.wanted_id is None


async def test_an_owners_sighting_at_their_own_venue_names_the_venue(
    owner_chat: Chat, officer_chat: Chat, seeded: Seeded, services: Services
) -> None:
    """An owner's 「就在我店里」 reached the officer as that, with no beat: they had to ask
    which venue. The owner sees the venue named at 核对, before anything is sent."""
    await _publish(services, seeded)
    lead = await owner_chat.say(f"/举报 在逃 {seeded.wanted.id}")
    assert "地点回复「本店」即可" in lead
    await owner_chat.say_all("刚才来前台问房价，没登记就走了", "跳过")
    await owner_chat.say_all("就在我店里", "刚才")
    summary = await owner_chat.say("匿名提交")
    assert "地点：就在我店里（平安旅馆，和平路1号）" in summary
    # Said before 确认, not first in the receipt, after the tip was sent.
    assert "线索地点是您的场所「平安旅馆」，即使匿名，民警也能由此知道线索来自贵场所" in summary
    receipt = await owner_chat.say("确认")
    # The venue tells the officer who tipped: the receipt does not claim otherwise.
    assert "民警只看到代号" not in receipt
    assert "线索地点是您的场所「平安旅馆」，民警能由此知道线索来自贵场所" in receipt
    [tip] = await tips(services)
    assert tip.venue_id == seeded.hotel.id and tip.beat_id == seeded.beat.id
    [alert] = await texts_to(services, "officer")
    assert f"区域：{seeded.beat.name}，平安旅馆" in alert
    detail = await officer_chat.say(f"/线索 {tip.id}")
    assert "地点：就在我店里（平安旅馆，和平路1号）" in detail


async def test_an_owner_of_several_venues_is_asked_which_one(
    owner_chat: Chat, seeded: Seeded, services: Services
) -> None:
    await _publish(services, seeded)
    async with services.sessions() as session:
        session.add(VenueOwner(person_id=seeded.owner.id, venue_id=seeded.rental.id))
        await session.commit()
    await owner_chat.say_all(f"/举报 在逃 {seeded.wanted.id}", "刚才在门口转了一圈", "跳过")
    asked = await owner_chat.say("店里")
    assert f"您负责的场所有平安旅馆、{seeded.rental.name}，请说明是在哪一家" in asked
    # Said by its kind, the venue is found.
    assert "（平安旅馆，和平路1号）" in await owner_chat.say_all("我们旅馆门口", "刚才", "匿名提交")


async def test_a_photo_sent_with_the_tip_command_goes_with_the_tip(
    dispatcher: Dispatcher, seeded: Seeded, settings: Settings
) -> None:
    """[photo] 举报 小区门口有人卖假药: the tip had started with the words alone."""
    resident = RichChat(dispatcher, "resident-2")
    started = await resident.photo(stored_photo(settings), "举报 小区门口有人卖假药")
    assert "已记下情况：小区门口有人卖假药" in started
    assert "已带上您刚才发的照片（1 张）" in started


async def test_a_photo_sent_with_a_sighting_goes_with_it(
    dispatcher: Dispatcher, seeded: Seeded, settings: Settings, services: Services
) -> None:
    """[photo] 举报 在逃 N: the sighting started without the photo, which was lost, where
    any other tip keeps it."""
    await _publish(services, seeded)
    resident = RichChat(dispatcher, "resident-2")
    started = await resident.photo(stored_photo(settings), f"举报 在逃 {seeded.wanted.id}")
    assert "感谢您提供协查通缉" in started and "已带上您刚才发的照片（1 张）" in started
    await resident.say("穿灰色外套 往菜市场方向走了")
    summary = await resident.say_all("平安旅馆门口", "刚才", "匿名提交")
    assert "照片：1张" in summary or "照片：1 张" in summary, summary
    assert "举报已收到" in await resident.say("确认")
    [tip] = await tips(services)
    assert tip.wanted_id == seeded.wanted.id and len(json.loads(tip.photos)) == 1
