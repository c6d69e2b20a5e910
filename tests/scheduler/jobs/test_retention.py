"""The retention purge: what closed wanted cards left on disk, voided registrations."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import update
from sqlmodel import select

from bot.context import Services
from bot.media import MediaStore
from handlers.wanted.images import card_image
from scheduler.jobs.retention import purge_expired
from storage.models import GuestStay, WantedPerson, WantedStatus
from tests.handlers.wanted.support import enter_person, images, wanted_named
from tests.support.chat import Chat
from tests.support.clock import FakeClock
from tests.support.media import stored_photo
from tests.support.seed import GUEST_ID


async def test_a_card_closed_with_its_files_left_loses_them_at_the_next_purge(
    officer_chat: Chat, services: Services
) -> None:
    store = MediaStore(Path(services.settings.storage.media_dir))
    photo = stored_photo(services.settings)
    [card] = images(await enter_person(officer_chat, photo=photo))
    [kept] = images(await enter_person(officer_chat, name="丙某某", doc_no=""))
    wanted = await wanted_named(services, "乙某某")
    # Closed before closing deleted anything (or by a process that died before it could).
    async with services.sessions() as session:
        closing = update(WantedPerson).where(WantedPerson.id == wanted.id)
        await session.exec(closing.values(status=WantedStatus.CAPTURED))  # type: ignore[call-overload]
        await session.commit()
    assert store.path(card.sha256).exists() and store.path(photo.sha256).exists()
    await purge_expired(services)
    assert not store.path(card.sha256).exists() and not store.path(photo.sha256).exists()
    assert (await wanted_named(services, "乙某某")).photos == "[]"
    # An active card keeps its picture.
    assert store.path(kept.sha256).exists()
    assert await card_image(services, await wanted_named(services, "丙某某")) == kept.sha256


async def test_a_voided_stay_is_purged_as_long_after_its_void_as_a_stay_after_check_out(
    owner_chat: Chat, services: Services, clock: FakeClock
) -> None:
    """A registration voided (作废登记) never happened, yet it was kept by its stay's dates:
    never checked out, 210 days after check-in, a month longer than a guest who stayed."""
    await owner_chat.say_all("登记", "王小明", "身份证", GUEST_ID, "跳过", "302", "现在", "跳过")
    await owner_chat.say_all("确认", "作废登记 302", "客人未入住")
    clock.advance(days=179)
    assert await purge_expired(services) == 0  # kept for the audit of the void
    clock.advance(days=2)
    assert await purge_expired(services) == 1
    async with services.sessions() as session:
        kept = await session.exec(select(GuestStay).execution_options(include_voided=True))
        assert kept.all() == []
