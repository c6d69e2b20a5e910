"""Revoking a role: a transferred officer loses officer features at once, gets no more of the
station's tips or questions, and cannot finish an alert begun before; a venue owner who sold
one venue keeps the other."""

from __future__ import annotations

import pytest

from bot.context import Services
from bot.dispatch import Dispatcher
from handlers.services.people import HANDED_ON, PeopleError, Revoked, revoke, role_holders
from storage.models import Person, Role, Station, Venue, VenueKind, VenueOwner
from storage.models.outbox import OutboxStatus
from tests.handlers.tips.support import code_in, submit_tip, tips
from tests.support.chat import Chat
from tests.support.outbox import queued, text, texts_to
from tests.support.people import add_officer
from tests.support.seed import WANTED_ID, Seeded


async def _revoke(
    services: Services, person_id: int | None, venue_id: int | None = None
) -> Revoked:
    assert person_id is not None
    async with services.sessions() as session:
        done = await revoke(session, person_id, services.clock(), venue_id)
        await session.commit()
    return done


async def test_a_revoked_officer_is_a_resident_and_the_tipster_reaches_the_new_officer(
    dispatcher: Dispatcher, seeded: Seeded, services: Services
) -> None:
    officer = Chat(dispatcher, "officer")
    tipster = Chat(dispatcher, "resident-1")
    code = code_in(await submit_tip(tipster, "菜市场东门每天下午有人设赌局"))
    [tip] = await tips(services)
    assert "已以派出所名义转告" in await officer.say(f"/回复 {tip.id} 大概几点开始？")
    # Half-way through an urgent alert when the transfer comes.
    await officer.say("/通报 紧急")
    before = len(await texts_to(services, "officer"))

    done = await _revoke(services, seeded.officer.id)
    assert (done.was, done.now) == (Role.OFFICER, Role.RESIDENT)
    assert done.beat_left_alone == "一号警务区" and done.station_left_alone
    notices = (await texts_to(services, "officer"))[before:]
    assert len(notices) == 1 and "民警身份已由管理员撤销" in notices[0]

    # Officer features are gone, and the alert begun before cannot be finished.
    assert "一号警务区" not in await officer.say("/命中")
    sent = await officer.say("今晚有大风，请关好门窗")
    assert "通报" not in sent and "确认发送" not in sent

    assert seeded.station.id is not None
    await add_officer(services, "officer-new", beat_id=seeded.beat.id, station_id=seeded.station.id)
    assert "已转告民警" in await tipster.say(f"回复 {code} 下午三点左右")
    assert any("下午三点左右" in t for t in await texts_to(services, "officer-new"))
    assert not any("下午三点左右" in t for t in await texts_to(services, "officer"))


async def test_an_owner_who_sold_one_venue_keeps_the_other(
    dispatcher: Dispatcher, seeded: Seeded, services: Services
) -> None:
    assert seeded.owner.id is not None and seeded.hotel.id is not None
    async with services.sessions() as session:
        inn = Venue(kind=VenueKind.HOMESTAY, name="山景民宿", beat_id=seeded.beat.id or 0)
        session.add(inn)
        await session.flush()
        assert inn.id is not None
        session.add(VenueOwner(person_id=seeded.owner.id, venue_id=inn.id))
        await session.commit()
    owner = Chat(dispatcher, "owner")
    await owner.say("登记")  # left half-done

    done = await _revoke(services, seeded.owner.id, seeded.hotel.id)
    assert (done.now, done.venues) == (Role.OWNER, ["平安旅馆"])
    [notice] = await texts_to(services, "owner")
    assert "不再是「平安旅馆」的负责人" in notice
    async with services.sessions() as session:
        [holder] = [h for h in await role_holders(session) if h.person.id == seeded.owner.id]
    assert holder.venues == ["山景民宿"] and holder.channels == ["test"]
    started = await owner.say("登记")
    assert "山景民宿" in started and "平安旅馆" not in started

    with pytest.raises(PeopleError, match="not responsible for venue"):
        await _revoke(services, seeded.owner.id, seeded.hotel.id)
    await _revoke(services, seeded.owner.id)
    assert "供已绑定的场所负责人使用" in await owner.say("登记")
    with pytest.raises(PeopleError, match="is a resident"):
        await _revoke(services, seeded.owner.id)


async def test_what_was_queued_for_a_revoked_officer_is_not_sent(
    dispatcher: Dispatcher, seeded: Seeded, services: Services
) -> None:
    """A lost phone: the hit alert queued a moment before the revocation stayed pending and
    went out to it."""
    owner = Chat(dispatcher, "owner")
    guest = ("登记", "欧阳明", "身份证", WANTED_ID, "13912345678", "808", "现在", "跳过", "确认")
    await owner.say_all(*guest)
    [hit] = [row for row in await queued(services, "officer") if row.dedupe_key.startswith("hit")]
    assert hit.status == OutboxStatus.PENDING
    await _revoke(services, seeded.officer.id)
    rows = {row.dedupe_key: row.status for row in await queued(services, "officer")}
    assert rows[hit.dedupe_key] == OutboxStatus.CANCELLED
    # Only the notice of the revocation goes.
    assert [k for k, status in rows.items() if status == OutboxStatus.PENDING] == [
        k for k in rows if k.startswith("revoked:")
    ]


async def test_what_was_queued_for_a_revoked_officer_goes_to_the_beats_officers(
    dispatcher: Dispatcher, seeded: Seeded, services: Services
) -> None:
    """The hit alert withdrawn from the revoked officer's phone had reached no one: the
    beat's officers are handed it, told why; one who already had it gets no second copy."""
    assert seeded.station.id is not None
    beat, station = seeded.beat.id, seeded.station.id
    await add_officer(services, "colleague-before", beat_id=beat, station_id=station)
    owner = Chat(dispatcher, "owner")
    guest = ("登记", "欧阳明", "身份证", WANTED_ID, "13912345678", "808", "现在", "跳过", "确认")
    await owner.say_all(*guest)
    [hit] = [row for row in await queued(services, "officer") if row.dedupe_key.startswith("hit")]
    await add_officer(services, "colleague", beat_id=beat, station_id=station)
    await _revoke(services, seeded.officer.id)
    [handed] = await texts_to(services, "colleague")
    assert handed == f"{HANDED_ON}\n{text(hit)}"
    assert await texts_to(services, "colleague-before") == [text(hit)]


async def test_an_officer_bound_at_another_station_gets_nothing_of_the_old_one(
    dispatcher: Dispatcher, seeded: Seeded, services: Services
) -> None:
    """Revoked, then invited at a neighbouring station: the tipster's reply to a tip they had
    answered went to them there, and not to the old beat's new officer."""
    officer, tipster = Chat(dispatcher, "officer"), Chat(dispatcher, "resident-1")
    code = code_in(await submit_tip(tipster, "菜市场东门每天下午有人设赌局"))
    [tip] = await tips(services)
    await officer.say(f"/回复 {tip.id} 大概几点开始？")
    await _revoke(services, seeded.officer.id)
    async with services.sessions() as session:
        station = Station(name="邻所", code="t2")
        session.add(station)
        await session.flush()
        person = await session.get(Person, seeded.officer.id)
        assert person is not None
        person.role, person.station_id = Role.OFFICER, station.id
        session.add(person)
        await session.commit()
    assert seeded.station.id is not None
    await add_officer(services, "officer-new", beat_id=seeded.beat.id, station_id=seeded.station.id)
    assert "已转告民警" in await tipster.say(f"回复 {code} 下午三点左右")
    assert any("下午三点左右" in t for t in await texts_to(services, "officer-new"))
    assert not any("下午三点左右" in t for t in await texts_to(services, "officer"))
