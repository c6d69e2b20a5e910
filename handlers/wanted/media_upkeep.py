"""What earlier versions left in the media folder, put right.

- photos of active internal cards stored plain are sealed (`photo_sealing`);
- files and folders others may read (written before they were made 0600 and 0700, or
  copied back from a backup) are made the server's alone (`MediaStore.tighten`);
- the `/通缉` list's sheets shown before sheets were filed are deleted
  (`sheet_files.old_sheets`); those filed go a day after they were shown, as ever;
- pictures nothing names are deleted once old enough (`orphan_media`: an upload a form
  never saved, a chart whose links expired), and the hash folders they leave empty;
- files left half written (`*.part`: a process killed, a disk full mid-write) are deleted
  an hour after they were begun (`MediaStore.sweep_partials`).

`jingmin keys reseal` does all of it at once. The retention purge does it by itself within
the hour after an upgrade, and then each hour the sealing, the pictures nothing names and
the half-written files (new ones come every day): tightening and old sheets would find
nothing new, since this server writes every file private and files every sheet. A folder
walked is marked (`WALKED`); copying media back from a backup calls for `keys reseal`.
"""

from __future__ import annotations

import asyncio
import contextlib
from dataclasses import dataclass, replace

from bot.context import Services
from bot.media import MediaStore, make_private_dir, write_private
from handlers.services.orphan_media import sweep_orphans
from handlers.services.photo_refs import photos_in_use
from handlers.wanted.photo_sealing import internal_photos, seal_photos, sealing_store
from handlers.wanted.sheet_files import old_sheets

#: Marks a media folder walked once (a name no picture or index folder can have).
WALKED = "upkeep-1.done"


@dataclass(frozen=True, slots=True)
class Upkeep:
    """What was put right: photos sealed, files and folders tightened, old sheets deleted,
    pictures nothing names deleted, half-written files deleted, empty hash folders
    removed."""

    sealed: int = 0
    tightened: int = 0
    sheets: int = 0
    orphans: int = 0
    partials: int = 0
    folders: int = 0


async def put_right(services: Services, *, walk: bool = True) -> Upkeep:
    """Seal active internal cards' plain photos, delete the pictures nothing names, the
    half-written files and the folders left empty; with `walk`, also tighten permissions,
    delete old sheets and mark the folder walked."""
    store = sealing_store(services)
    async with services.sessions() as session:
        photos = await internal_photos(session)
    sealed = await asyncio.to_thread(seal_photos, store, photos)
    walked = await _walk(services, store) if walk else Upkeep()
    orphans = await sweep_orphans(services, store)
    partials = await asyncio.to_thread(store.sweep_partials)
    folders = await asyncio.to_thread(store.prune_folders)
    return replace(walked, sealed=sealed, orphans=orphans, partials=partials, folders=folders)


async def _walk(services: Services, store: MediaStore) -> Upkeep:
    """Tighten permissions, delete old sheets and mark the folder walked."""
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
    return Upkeep(tightened=tightened, sheets=len(sheets))


async def hourly(services: Services) -> Upkeep:
    """The retention purge's share: the whole of `put_right` the first time, then all but
    the walk (tightening, old sheets)."""
    walked = (sealing_store(services).root / WALKED).exists()
    return await put_right(services, walk=not walked)
