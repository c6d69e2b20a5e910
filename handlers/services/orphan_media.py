"""Pictures nothing names any more, deleted: an upload left by a form never finished, a
chart whose links have all expired.

A picture is kept while anything names it (`photo_refs.photos_in_use`, `indexed`): a row's
photo columns, a message still to send or shown in a web chat (outbox, inbox), a form in
progress or a memo (photos held for the form picked next), a file under the media folder's
indexes (card renders, the list's sheets). The rest goes once nothing in flight can still
name it: an upload (a received photo, a JPEG, or a wanted person's, sealed) a day after it
came, as long as a form or a memo keeps one unsaved; anything else (a chart sent as a
reply) once every link to it has expired (`LINK_TTL`). Storing a picture again makes it
fresh (`MediaStore.put`), so one sent anew is not taken meanwhile.
"""

from __future__ import annotations

import asyncio
import os
import re
import time
from collections.abc import Iterable
from datetime import timedelta
from pathlib import Path

from bot.context import Services
from bot.media import JPEG_START, LINK_TTL, MediaStore
from handlers.services.photo_refs import photos_in_use

#: The longest an upload waits unsaved: a form's progress, a memo of photos held.
UPLOAD_AGE = timedelta(days=1)
_HASH = re.compile(r"[0-9a-f]{64}")
_HASH_FOLDER = re.compile(r"[0-9a-f]{2}")
#: Index files are a hash or a few; anything larger is no index entry.
_INDEX_ENTRY_BYTES = 4096


def indexed(root: Path) -> set[str]:
    """The hashes the media folder's indexes name (`card-index`, `sheet-index`): in an
    entry's name or in its content."""
    found: set[str] = set()
    for folder, dirs, files in os.walk(root):
        if Path(folder) == root:
            dirs[:] = [d for d in dirs if not _HASH_FOLDER.fullmatch(d)]  # the pictures
            continue
        for name in files:
            found.update(_HASH.findall(name))
            entry = os.path.join(folder, name)
            try:
                if os.path.getsize(entry) <= _INDEX_ENTRY_BYTES:
                    with open(entry, encoding="ascii", errors="replace") as text:
                        found.update(_HASH.findall(text.read()))
            except FileNotFoundError:
                continue  # deleted meanwhile (a sheet swept)
    return found


def _old_enough(store: MediaStore, sha256: str, now: float) -> bool:
    """Old enough to go if nothing names it: an upload after a day, the rest once no link
    to it works."""
    try:
        age = now - store.path(sha256).stat().st_mtime
        if age < UPLOAD_AGE.total_seconds():
            return False
        if age >= LINK_TTL.total_seconds():
            return True
        with store.path(sha256).open("rb") as stored:
            head = stored.read(len(JPEG_START))
    except FileNotFoundError:
        return False
    return head == JPEG_START or store.sealed(sha256)


def _candidates(store: MediaStore, now: float) -> set[str]:
    return {sha256 for sha256 in store.pictures() if _old_enough(store, sha256, now)}


def _discard(store: MediaStore, hashes: Iterable[str], now: float) -> int:
    # Asked again: a picture stored anew since it was listed is fresh, and may be named
    # by a row written after the names were read.
    return sum(store.discard(h) for h in hashes if _old_enough(store, h, now))


async def sweep_orphans(services: Services, store: MediaStore) -> int:
    """Delete the pictures nothing names that are old enough; returns how many."""
    now = time.time()
    candidates = await asyncio.to_thread(_candidates, store, now)
    if candidates:
        # The indexes first: reading files costs less than reading the rows, and a
        # candidate they name needs no row to keep it.
        candidates -= await asyncio.to_thread(indexed, store.root)
    if not candidates:
        return 0
    async with services.sessions() as session:
        candidates -= await photos_in_use(session, candidates)
    return await asyncio.to_thread(_discard, store, candidates, now)
