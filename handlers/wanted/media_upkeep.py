"""What earlier versions left in the media folder, put right.

- photos of active internal cards stored plain are sealed (`photo_sealing`);
- files and folders others may read (written before they were made 0600 and 0700, or
  copied back from a backup) are made the server's alone (`MediaStore.tighten`);
- the `/通缉` list's sheets shown before sheets were filed are deleted
  (`sheet_files.old_sheets`); those filed go a day after they were shown, as ever.

`jingmin keys reseal` does all of it at once. The retention purge does it by itself within
the hour after an upgrade, and then only the sealing each hour (a query and a few file
heads): walking every file again would find nothing new, since this server writes every
file private and files every sheet. A folder walked is marked (`WALKED`); copying media
back from a backup calls for `keys reseal`.
"""

from __future__ import annotations

import asyncio
import contextlib
from dataclasses import dataclass

from bot.context import Services
from bot.media import make_private_dir, write_private
from handlers.services.photo_refs import photos_in_use
from handlers.wanted.photo_sealing import internal_photos, seal_photos, sealing_store
from handlers.wanted.sheet_files import old_sheets

#: Marks a media folder walked once (a name no picture or index folder can have).
WALKED = "upkeep-1.done"


@dataclass(frozen=True, slots=True)
class Upkeep:
    """What was put right: photos sealed, files and folders tightened, old sheets deleted."""

    sealed: int = 0
    tightened: int = 0
    sheets: int = 0


async def put_right(services: Services, *, walk: bool = True) -> Upkeep:
    """Seal active internal cards' plain photos; with `walk`, also tighten permissions,
    delete old sheets and mark the folder walked."""
    store = sealing_store(services)
    async with services.sessions() as session:
        photos = await internal_photos(session)
    sealed = await asyncio.to_thread(seal_photos, store, photos)
    if not walk:
        return Upkeep(sealed=sealed)
    tightened = await asyncio.to_thread(store.tighten)
    sheets = await asyncio.to_thread(old_sheets, store)
    if sheets:
        async with services.sessions() as session:
            sheets -= await photos_in_use(session, sheets)  # never, unless a row names one
    for sha256 in sheets:
        store.discard(sha256)
    make_private_dir(store.root)
    with contextlib.suppress(FileExistsError):
        write_private(store.root / WALKED, b"")
    return Upkeep(sealed=sealed, tightened=tightened, sheets=len(sheets))


async def hourly(services: Services) -> Upkeep:
    """The retention purge's share: the whole of `put_right` the first time, then the
    sealing only."""
    walked = (sealing_store(services).root / WALKED).exists()
    return await put_right(services, walk=not walked)
