"""A wanted person's pictures leave the disk once they are no longer wanted there.

Internal card renders are sealed in the media store (`card_cache`), but a card that is
edited, captured or revoked has no business keeping them even sealed, and its photos (a
face, as the station had it) go when the card closes. A public card's renders go too, but
those a notice not withdrawn still shows (`Broadcast.image_sha256`). The `/通缉` list's
contact sheets go a day after they were shown (`sheet_files`). The files go after the commit
(`storage.on_commit`): a rolled-back close keeps its card whole. A photo some other row
shows too (the same picture sent as a tip) stays.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from sqlalchemy import update
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from bot.context import Services
from bot.media import MediaStore
from handlers.services.numbers import wanted_number
from handlers.services.photo_refs import photos_in_use
from handlers.services.photos import load as load_photos
from handlers.wanted.facts import card_no
from handlers.wanted.images import card_cache
from handlers.wanted.sheet_files import sweep_sheets
from storage.models import Broadcast, BroadcastStatus, WantedPerson, WantedStatus
from storage.on_commit import on_commit


async def discard_when_committed(
    session: AsyncSession,
    services: Services,
    wanted: WantedPerson,
    *,
    keep_cards: frozenset[str] = frozenset(),
    photos: Iterable[str] = (),
    unused: Iterable[str] = (),
) -> None:
    """Once the session commits, delete the person's card renders but `keep_cards` and
    those a live notice shows, those of `photos` no row shows any more, and `unused` (found
    so by the caller). The rows' changes must be flushed before: the photos are looked up
    in the database now."""
    await session.flush()
    candidates = set(photos)
    unused = set(unused) | (
        candidates - await photos_in_use(session, candidates) if candidates else set()
    )
    number = card_no(wanted)
    cache = card_cache(services)
    keep_cards |= await _on_live_notices(session, cache.renders(number))
    store = MediaStore(Path(services.settings.storage.media_dir))

    def discard() -> None:
        cache.forget(number, keep_cards)
        for sha256 in unused:
            store.discard(sha256)

    on_commit(session, discard)


async def _on_live_notices(session: AsyncSession, renders: set[str]) -> frozenset[str]:
    """Of `renders`, those a notice not withdrawn or rejected still shows."""
    if not renders:
        return frozenset()
    shown = await session.exec(
        select(Broadcast.image_sha256).where(
            col(Broadcast.image_sha256).in_(renders),
            col(Broadcast.status).not_in([BroadcastStatus.CANCELLED, BroadcastStatus.REJECTED]),
        )
    )
    return frozenset(s for s in shown.all() if s)


async def closing_photos(session: AsyncSession, wanted: WantedPerson) -> set[str]:
    """Take the photos off a card being closed; returns those no other row shows (for
    `discard_closed`). Asked before the close writes its follow-ups and withdrawal notices:
    they show no photo, and finding so would open each of them, one per chat told."""
    photos = set(load_photos(wanted.photos))
    if not photos:
        return set()
    wanted.photos = "[]"
    session.add(wanted)
    await session.flush()
    return photos - await photos_in_use(session, photos)


async def discard_closed(
    session: AsyncSession, services: Services, wanted: WantedPerson, unused: set[str]
) -> None:
    """A closed card: all its renders (but those a live notice shows), and its photos
    `unused` (`closing_photos`)."""
    await discard_when_committed(session, services, wanted, unused=unused)


async def sweep_closed(services: Services) -> int:
    """What a close left behind (a crash between its commit and the deletion, a card
    closed before pictures were deleted, a closed card viewed since): the renders and
    photos of every closed card, and card renders from before renders were filed by card.
    Returns how many photos were dropped from closed cards."""
    store = MediaStore(Path(services.settings.storage.media_dir))
    cache = card_cache(services)
    async with services.sessions() as session:
        # Columns only: loading the rows would unseal every closed card's name.
        rows = (
            await session.exec(
                select(WantedPerson.id, WantedPerson.photos).where(
                    WantedPerson.status != WantedStatus.ACTIVE
                )
            )
        ).all()
        with_photos = {wanted_id: load_photos(photos) for wanted_id, photos in rows if photos}
        with_photos = {k: v for k, v in with_photos.items() if v}
        if with_photos:
            await session.exec(
                update(WantedPerson)
                .where(col(WantedPerson.id).in_(with_photos))
                .values(photos="[]")
            )
        photos = {sha256 for hashes in with_photos.values() for sha256 in hashes}
        unused = photos - await photos_in_use(session, photos) if photos else set()
        renders = {wanted_id: cache.renders(wanted_number(wanted_id)) for wanted_id, _p in rows}
        live = await _on_live_notices(session, set().union(*renders.values()))
        unfiled = cache.unfiled()
        public = (
            set(
                (
                    await session.exec(
                        select(Broadcast.image_sha256).where(
                            col(Broadcast.image_sha256).in_(set(unfiled.values()))
                        )
                    )
                ).all()
            )
            if unfiled
            else set()
        )
        await session.commit()
    for sha256 in unused:
        store.discard(sha256)
    for wanted_id, _photos in rows:
        cache.forget(wanted_number(wanted_id), live)
    cache.drop_unfiled(unfiled, keep=frozenset(s for s in public if s))
    sweep_sheets(store)
    return len(with_photos)
