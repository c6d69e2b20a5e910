"""A wanted person's photos at rest: sealed while the card is internal, as its renders are.

A photo reaches the media store as any picture does (`MediaStore.accept_image`: plain, with
no metadata), before the form knows whether the card will be internal. Saving an internal
card seals its photos where they are (`MediaStore.seal`: the same name, so every row naming
one still finds it), and the store then serves them only through the half-hour links it
gives sealed pictures. A public card's photos are left as they are: what goes to venues is
the rendered notice, masked, and DESIGN keeps public notices for everyone.

Photos stored before this (or by `jingmin watchlist import`, or left plain by a crash
between the upload and the save) are sealed by `seal_internal_photos`, which the retention
purge runs every hour and `jingmin keys reseal` runs at once.
"""

from __future__ import annotations

import asyncio
from collections.abc import Iterable
from pathlib import Path

from sqlmodel import select
from sqlmodel.ext.asyncio.session import AsyncSession

from bot.context import Services
from bot.media import MediaStore
from handlers.services.photos import load as load_photos
from storage.models import Visibility, WantedPerson, WantedStatus


def sealing_store(services: Services) -> MediaStore:
    """The media store with the data key, to seal photos and to read them sealed."""
    return MediaStore(Path(services.settings.storage.media_dir), cipher=services.cipher)


def seal_photos(store: MediaStore, hashes: Iterable[str]) -> int:
    """Seal those of `hashes` stored plain; returns how many were."""
    return sum(store.seal(sha256) for sha256 in hashes)


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
