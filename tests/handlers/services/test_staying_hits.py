"""A card added or reopened is matched at once against the people staying now."""

from __future__ import annotations

from pathlib import Path

from sqlmodel import col, select

from bot.context import Services
from handlers.services.staying_hits import match_staying
from handlers.services.watchlist_import import import_watchlist
from storage.models import GuestStay, Task, WatchHit
from tests.handlers.wanted.support import NEW_ID, OTHER_ID, enter_person, wanted_named
from tests.support.chat import Chat
from tests.support.outbox import texts_to
from tests.support.seed import Seeded


def _guest(name: str, number: str, room: str) -> tuple[str, ...]:
    return ("登记", name, "身份证", number, "13900001111", room, "现在", "跳过", "确认")


def _alerts(texts: list[str]) -> list[str]:
    return [t for t in texts if "比中提醒" in t]


async def test_a_card_entered_hits_the_guest_and_the_tenant_staying_now(
    owner_chat: Chat, landlord_chat: Chat, officer_chat: Chat, services: Services
) -> None:
    """TJ-0003 was entered while its person was in room 302 and renting a flat: /命中 had
    listed nothing and no alert came until the person's next registration."""
    assert "登记成功" in await owner_chat.say_all(*_guest("乙某某", NEW_ID, "302"))
    tenant = ("登记", "乙某某", "身份证", NEW_ID, "跳过", "跳过", "跳过", "今天", "跳过", "确认")
    assert "租客登记成功" in await landlord_chat.say_all(*tenant)
    assert not _alerts(await texts_to(services, "officer"))

    saved = "\n".join(str(r) for r in await enter_person(officer_chat))
    assert "与 2 名在住旅客/租客比中" in saved

    alerts = _alerts(await texts_to(services, "officer"))
    assert len(alerts) == 2
    assert any("平安旅馆（房间 302）" in a for a in alerts)
    assert any("（租住）" in a for a in alerts)
    # The owner and the landlord hear nothing of it.
    assert not [t for t in await texts_to(services, "owner") if "比中" in t]
    assert not [t for t in await texts_to(services, "landlord") if "比中" in t]
    listing = await officer_chat.say("/命中")
    assert "#1" in listing and "#2" in listing and "待核查" in listing
    async with services.sessions() as session:
        checks = (await session.exec(select(Task).where(col(Task.key).startswith("hit:")))).all()
    assert len(checks) == 2

    # Matched again (an edit of the card, an import naming it): nothing new to report.
    wanted = await wanted_named(services, "乙某某")
    assert wanted.id is not None
    async with services.sessions() as session:
        assert await match_staying(session, services, [wanted.id]) == []
        await session.commit()
    assert len(_alerts(await texts_to(services, "officer"))) == 2


async def test_an_import_hits_who_is_staying_and_not_who_has_left(
    tmp_path: Path, owner_chat: Chat, officer_chat: Chat, services: Services, seeded: Seeded
) -> None:
    """An imported list is matched at once; a guest checked out is not reported, and the
    same file imported again reports no one twice."""
    await owner_chat.say_all(*_guest("乙某某", NEW_ID, "302"))
    await owner_chat.say_all(*_guest("丙某某", OTHER_ID, "303"))
    async with services.sessions() as session:
        left = (await session.exec(select(GuestStay).where(GuestStay.room == "303"))).one()
        left.checked_out_at = services.clock()
        session.add(left)
        await session.commit()
    csv = tmp_path / "wanted.csv"
    csv.write_text(
        f"姓名,证件号码,案由\n乙某某,{NEW_ID},诈骗案\n丙某某,{OTHER_ID},盗窃案\n", encoding="utf-8"
    )
    async with services.sessions() as session:
        report = await import_watchlist(session, services, csv)
    assert report.hits == 1 and "hits on people staying now 1" in report.summary()
    alerts = _alerts(await texts_to(services, "officer"))
    assert len(alerts) == 1 and "房间 302" in alerts[0]

    async with services.sessions() as session:
        again = await import_watchlist(session, services, csv)
    assert again.hits == 0
    assert len(_alerts(await texts_to(services, "officer"))) == 1


async def test_a_card_reopened_by_an_import_hits_the_guest_who_came_meanwhile(
    tmp_path: Path, owner_chat: Chat, officer_chat: Chat, services: Services, seeded: Seeded
) -> None:
    """Revoked by mistake, the card did not hit the guest registered meanwhile; the list
    imported again reopens it, and the guest is reported then."""
    await enter_person(officer_chat)
    wanted = await wanted_named(services, "乙某某")
    await officer_chat.say_all(f"/通缉 撤销 {wanted.id} 误撤", "确认")
    await owner_chat.say_all(*_guest("乙某某", NEW_ID, "302"))
    async with services.sessions() as session:
        assert (await session.exec(select(WatchHit))).all() == []
    csv = tmp_path / "wanted.csv"
    csv.write_text(f"姓名,证件号码\n乙某某,{NEW_ID}\n", encoding="utf-8")
    async with services.sessions() as session:
        report = await import_watchlist(session, services, csv)
    assert report.updated == 1 and report.hits == 1
    async with services.sessions() as session:
        hit = (await session.exec(select(WatchHit))).one()
    assert hit.wanted_id == wanted.id and hit.registration_kind == "guest"
