"""`/门牌`: both ways, audited, for the station's officers only."""

from __future__ import annotations

from sqlmodel import col, select

from bot.context import Services
from bot.dispatch import Dispatcher
from bot.messages import ChatType
from handlers.services.venue_registry import Actor, add_contact
from storage.models import AuditEvent, Venue, VenueKind, WorkLog
from tests.support.chat import Chat
from tests.support.clock import FakeClock
from tests.support.people import add_stranger_officer
from tests.support.seed import Seeded


async def _landlord(services: Services, seeded: Seeded, clock: FakeClock) -> None:
    async with services.sessions() as session:
        rental = await session.get(Venue, seeded.rental.id)
        assert rental is not None
        facts = {"name": "张三", "phone": "13812345678", "role": "房东"}
        await add_contact(session, services, rental, **facts, actor=Actor("cli"), now=clock.now)
        await session.commit()


async def test_plate_to_house_shows_the_card_and_is_audited(
    officer_chat: Chat, services: Services, seeded: Seeded, clock: FakeClock
) -> None:
    await _landlord(services, seeded, clock)
    card = await officer_chat.say("/门牌 200001")
    assert "和平里5号（出租屋）" in card and "门牌：200001" in card and "一号警务区" in card
    assert "房东：张三 13812345678" in card and "目前没有在租住户" in card
    assert "已绑定负责人：房东" in card
    # A landlord's own number, shown in full to the station's officers, as an audited view.
    assert card.endswith("本次查看已记入审计日志。")
    async with services.sessions() as session:
        audit = (
            await session.exec(
                select(AuditEvent)
                .where(AuditEvent.action == "lookup:venue")
                .order_by(col(AuditEvent.id))
            )
        ).one()
        work = (await session.exec(select(WorkLog))).one()
    assert audit.subject_id == str(seeded.rental.id) and audit.detail == "by=plate results=1"
    assert "200001" not in audit.detail and work.action == "plate.lookup"


async def test_a_venue_with_nothing_against_it_shows_only_its_colour(
    officer_chat: Chat, services: Services, seeded: Seeded, clock: FakeClock
) -> None:
    """The card read 风险：🔵蓝（低风险）　无."""
    await _landlord(services, seeded, clock)
    await officer_chat.say("/风险 200001")  # scores it: a rental with a landlord, blue
    card = await officer_chat.say("/门牌 200001")
    assert "风险：🔵蓝（低风险）\n" in card and "无\n" not in card


async def test_name_phone_and_address_lead_to_the_plate(
    officer_chat: Chat, services: Services, seeded: Seeded, clock: FakeClock
) -> None:
    await _landlord(services, seeded, clock)
    for query in ("张三", "13812345678", "和平里"):
        assert "门牌：200001" in await officer_chat.say(f"/门牌 {query}"), query
    async with services.sessions() as session:
        audits = (
            await session.exec(
                select(AuditEvent)
                .where(AuditEvent.action == "lookup:venue")
                .order_by(col(AuditEvent.id))
            )
        ).all()
    assert [a.detail for a in audits] == [
        "by=name results=1",
        "by=phone results=1",
        "by=name results=1",
    ]
    assert "没有找到与「李四」相关的门牌" in await officer_chat.say("/门牌 李四")
    assert "没有门牌号为 999999" in await officer_chat.say("/门牌 999999")
    assert "/门牌 门牌号" in await officer_chat.say("/门牌")


async def test_several_results_are_listed(
    officer_chat: Chat, services: Services, seeded: Seeded, clock: FakeClock
) -> None:
    await _landlord(services, seeded, clock)
    assert seeded.beat.id is not None
    async with services.sessions() as session:
        session.add(
            Venue(
                kind=VenueKind.RENTAL,
                name="和平里7号",
                address="和平里7号",
                beat_id=seeded.beat.id,
                plate="200007",
            )
        )
        await session.commit()
    listing = await officer_chat.say("/门牌 和平里")
    assert "共找到 2 处" in listing and "200001　和平里5号" in listing and "房东张三" in listing
    assert "200007" in listing


async def test_only_the_stations_officers(
    services: Services,
    seeded: Seeded,
    clock: FakeClock,
    owner_chat: Chat,
    resident_chat: Chat,
    dispatcher: Dispatcher,
) -> None:
    await _landlord(services, seeded, clock)
    for chat in (owner_chat, resident_chat):
        reply = await chat.say("/门牌 200001")
        assert "仅限本所民警" in reply and "张三" not in reply
    await add_stranger_officer(services)
    stranger = Chat(dispatcher, "stranger")
    assert "没有门牌号为 200001" in await stranger.say("/门牌 200001")
    assert "没有找到" in await stranger.say("/门牌 张三")


async def test_a_letter_typed_for_a_digit_still_finds_the_plate(
    officer_chat: Chat, services: Services, seeded: Seeded, clock: FakeClock
) -> None:
    """`门牌 20000l` (l for 1) was searched as a name and found nothing."""
    await _landlord(services, seeded, clock)
    for typed in ("/门牌 20000l", "门牌 2OOOO1", "/门牌 2ooooI"):
        assert "门牌：200001" in await officer_chat.say(typed), typed
    assert "本所没有门牌号为 300001 的房屋" in await officer_chat.say("/门牌 3OOOOl")
    assert "和平里5号" in await officer_chat.say("/风险 20000l")  # naming a venue by plate


async def test_plate_in_a_group_shows_no_landlord(
    dispatcher: Dispatcher, services: Services, seeded: Seeded, clock: FakeClock
) -> None:
    """/门牌 200001 in a venue's group showed the landlord's name and phone to everyone in it,
    as /场所 and /查人 no longer do."""
    await _landlord(services, seeded, clock)
    for typed in ("/门牌 200001", "/门牌 张三"):
        reply = await Chat(dispatcher, "officer", chat_type=ChatType.GROUP).say(typed)
        assert "只在与本号的私聊中查看，请私聊本号发送" in reply, typed
        assert "张三" not in reply and "13812345678" not in reply and "和平里" not in reply
