"""A wanted person's photos at rest: sealed from the moment they reach the form.

A photo reaches the media store as any picture does (`MediaStore.accept_image`: plain, with
no metadata). Sent to the wanted form, it is sealed where it is as it comes
(`seal_received`: `MediaStore.seal` keeps the name, so the form's answer still finds it), not
once the card is saved: a form left unfinished had left the face plain on disk until the
sweep of pictures nothing names. The store then serves it only through the half-hour links
it gives sealed pictures. A public card's photos stay sealed too: nothing shows them but
the card drawn from them (`facts.portrait` opens them), and what goes to venues is that
card, masked.

Photos stored before this (or by `jingmin watchlist import`) are sealed by
`seal_internal_photos`, which the retention purge runs every hour and `jingmin keys
reseal` runs at once; saving an internal card seals its photos again (`seal_card_photos`).
"""

from __future__ import annotations

import asyncio
from collections.abc import Iterable
from pathlib import Path

from sqlmodel import select
from sqlmodel.ext.asyncio.session import AsyncSession

from bot.context import Context, Services
from bot.media import MediaStore
from handlers.services.photos import load as load_photos
from storage.models import Visibility, WantedPerson, WantedStatus


def sealing_store(services: Services) -> MediaStore:
    """The media store with the data key, to seal photos and to read them sealed."""
    return MediaStore(Path(services.settings.storage.media_dir), cipher=services.cipher)


def seal_photos(store: MediaStore, hashes: Iterable[str]) -> int:
    """Seal those of `hashes` stored plain; returns how many were."""
    return sum(store.seal(sha256) for sha256 in hashes)


async def seal_received(ctx: Context) -> None:
    """Seal the photos of a message to the wanted form (the form is officer-only: every
    photo sent to it is a wanted person's)."""
    hashes = [photo.sha256 for photo in ctx.inbound.photos]
    await asyncio.to_thread(seal_photos, sealing_store(ctx.services), hashes)


async def seal_card_photos(services: Services, wanted: WantedPerson) -> int:
    """Seal the card's photos if it is internal (a public card's stay as they are)."""
    if wanted.visibility is not Visibility.INTERNAL:
        return 0
    hashes = load_photos(wanted.photos)
    return await asyncio.to_thread(seal_photos, sealing_store(services), hashes)


async def internal_photos(session: AsyncSession) -> set[str]:
    """The photos of every active internal card."""
    # Columns only: loading the rows would unseal every card's name.
    rows = await session.exec(
        select(WantedPerson.photos).where(
            WantedPerson.status == WantedStatus.ACTIVE,
            WantedPerson.visibility == Visibility.INTERNAL,
        )
    )
    return {sha256 for stored in rows.all() for sha256 in load_photos(stored)}


def plain_photos(store: MediaStore, hashes: Iterable[str]) -> list[str]:
    """Those of `hashes` on disk and not sealed (for `jingmin keys status`)."""
    return [h for h in hashes if store.path(h).exists() and not store.sealed(h)]


async def seal_internal_photos(services: Services) -> int:
    """Seal every active internal card's photos still stored plain; returns how many."""
    async with services.sessions() as session:
        hashes = await internal_photos(session)
    if not hashes:
        return 0
    return await asyncio.to_thread(seal_photos, sealing_store(services), hashes)
